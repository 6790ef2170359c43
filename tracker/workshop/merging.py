"""What merging two records of one official does to the workshop's records, and its undo
(tracker/duplicates/services.py calls both; what undo needs goes into the merge's snapshot).

An attendance that moves to the survivor keeps its marks. One folded into the survivor's row
at the same event would lose them with its row: they join the survivor's row first, for the
sessions it has no mark of its own, and its days attended follow. Check-ins confirmed as, or
matched to, the absorbed record name the survivor. Certificates stay as printed: a coordinator
revokes one the merge made wrong.
"""
from sqlalchemy import select, update

from ..extensions import db
from ..models import Attendance, AttendanceMark, CheckIn, Person
from . import marks


def carry(survivor: Person, absorbed: Person, folds: list[tuple[int, int]]) -> dict:
    """Before the folded rows go: `folds` pairs each absorbed attendance folded away with the
    survivor's attendance it folds into. Returns the snapshot undo() reads."""
    moved, days_before = [], {}
    for folded_id, into_id in folds:
        taken = set(db.session.scalars(select(AttendanceMark.session_id)
                                       .where(AttendanceMark.attendance_id == into_id)))
        for mark in db.session.scalars(select(AttendanceMark).where(AttendanceMark.attendance_id == folded_id)
                                       .order_by(AttendanceMark.id)):
            if mark.session_id in taken:
                continue  # the survivor's own mark of that session stands
            days_before.setdefault(str(into_id), db.session.get(Attendance, into_id).days_attended)
            moved.append({"mark": mark.id, "from": folded_id, "into": into_id})
            mark.attendance_id = into_id
    db.session.flush()
    marks.derive_days({entry["into"] for entry in moved})
    check_ins = {}
    for column in ("person_id", "matched_person_id"):
        field = getattr(CheckIn, column)
        check_ins[column] = list(db.session.scalars(select(CheckIn.id).where(field == absorbed.id)))
        if check_ins[column]:
            db.session.execute(update(CheckIn).where(CheckIn.id.in_(check_ins[column]))
                               .values({column: survivor.id}))
    return {"marks": moved, "days_before": days_before, "check_ins": check_ins}


def undo(state: dict | None, absorbed: Person, survivor: Person, restored: dict[int, int]) -> None:
    """Put back what carry() did, as far as it still stands: `restored` maps each folded
    attendance's old id to the id of the row undo made for it again."""
    if not state:
        return  # a merge from before the workshop
    touched = set()
    for entry in state["marks"]:
        mark = db.session.get(AttendanceMark, entry["mark"])
        back_to = restored.get(entry["from"])
        if mark is None or back_to is None or mark.attendance_id != entry["into"]:
            continue  # removed or changed since
        mark.attendance_id = back_to
        touched.update((entry["into"], back_to))
    db.session.flush()
    for into_id, days in state["days_before"].items():
        attendance = db.session.get(Attendance, int(into_id))
        if attendance is not None and not marks.has_marks(attendance):
            attendance.days_attended = days  # typed again, as before the merge
    marks.derive_days(touched)
    for column, ids in state["check_ins"].items():
        if ids:
            db.session.execute(update(CheckIn).where(CheckIn.id.in_(ids), getattr(CheckIn, column) == survivor.id)
                               .values({column: absorbed.id}))
