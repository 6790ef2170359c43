"""Merging two records of one official, marking two records distinct, and undoing a merge.

A merge moves every attendance of the absorbed record to the survivor, folds two
attendances of one event into one (with their session marks, tracker/workshop/merging.py),
keeps the value of each field the coordinator chose, and deletes the absorbed record. Its full before-state goes into PersonMerge.snapshot and
the audit log, so undo can put back the person with its id, its attendances and the
survivor's fields. Services here write nothing on refusal and leave the commit to the caller.
"""
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import or_, select

from .. import audit
from ..extensions import db
from ..models import Attendance, DistinctPair, Event, Person, PersonMerge
from ..models._base import utcnow
from ..services import Refusal, unless_taken
from ..workshop import merging

# The fields whose surviving value the coordinator chooses, and the column behind each.
MERGE_FIELDS = {"full_name": "full_name", "sex": "sex", "agency": "agency_id",
                "position": "position", "email": "email"}
SURVIVOR, ABSORBED = "survivor", "absorbed"
# Folding two attendances of one event keeps the survivor's and fills these where it has
# none. Role and days attended are kept as they are: a blank days_attended means "the whole
# event", not "unknown".
FOLD_FILLS = ("agency_id", "pre_score", "post_score", "rating", "comment")
_PERSON_COLUMNS = [c.key for c in Person.__table__.columns]
_ATTENDANCE_COLUMNS = [c.key for c in Attendance.__table__.columns]


def _state(obj, columns) -> dict:
    """Column values as JSON: dates and times in ISO form."""
    values = {}
    for name in columns:
        value = getattr(obj, name)
        values[name] = value.isoformat() if isinstance(value, (date, datetime)) else value
    return values


def _restore(model, state: dict):
    """A new instance of `model` with the columns of a _state() snapshot."""
    obj = model()
    for column in model.__table__.columns:
        value = state.get(column.key)
        if value is not None and column.type.python_type in (date, datetime):
            value = column.type.python_type.fromisoformat(value)
        setattr(obj, column.key, value)
    return obj


def default_choices(survivor: Person, absorbed: Person) -> dict[str, str]:
    """Keep the survivor's value of each field, or the absorbed one's where the survivor has none."""
    return {field: SURVIVOR if getattr(survivor, column) not in (None, "")
            or getattr(absorbed, column) in (None, "") else ABSORBED
            for field, column in MERGE_FIELDS.items()}


def _check_mergeable(survivor: Person, absorbed: Person, choices: dict) -> None:
    if survivor.id == absorbed.id:
        raise Refusal("survivor", _("Choose two different people: a record cannot absorb itself."))
    for person in (survivor, absorbed):
        if person.erased_at is not None:
            raise Refusal("survivor", _("Record #%(id)s was erased on request; erased records "
                                        "are not merged.", id=person.id))
    if survivor.country_code != absorbed.country_code:
        raise Refusal("survivor", _(
            "%(survivor)s (%(survivor_country)s) and %(absorbed)s (%(absorbed_country)s) belong "
            "to different countries; officials of two countries are two people.",
            survivor=survivor.full_name, survivor_country=survivor.country_code,
            absorbed=absorbed.full_name, absorbed_country=absorbed.country_code))
    for field, choice in choices.items():
        if field not in MERGE_FIELDS:
            raise Refusal(None, _("There is no field %(field)s to choose.", field=repr(field)))
        if choice not in (SURVIVOR, ABSORBED):
            raise Refusal(field, _("Choose the value of one of the two records."))


def merge(survivor: Person, absorbed: Person, field_choices: dict[str, str] | None,
          user=None) -> PersonMerge:
    """Fold `absorbed` into `survivor`; `field_choices` maps a field of MERGE_FIELDS to
    "survivor" or "absorbed" (default: default_choices)."""
    _lock_pair(survivor, absorbed)
    choices = {**default_choices(survivor, absorbed), **(field_choices or {})}
    _check_mergeable(survivor, absorbed, choices)
    snapshot = {"survivor": _state(survivor, _PERSON_COLUMNS),
                "absorbed": _state(absorbed, _PERSON_COLUMNS),
                "choices": choices}

    kept = {a.event_id: a for a in survivor.attendances}
    # Before folding deletes the absorbed rows: their session marks join the survivor's rows.
    snapshot["workshop"] = merging.carry(survivor, absorbed, [
        (a.id, kept[a.event_id].id) for a in absorbed.attendances if a.event_id in kept])
    snapshot["attendances"] = [_state(a, _ATTENDANCE_COLUMNS) for a in absorbed.attendances]
    snapshot["moved"], snapshot["folded"] = [], []
    for attendance in list(absorbed.attendances):
        into = kept.get(attendance.event_id)
        if into is None:
            attendance.person = survivor
            snapshot["moved"].append(attendance.id)
            continue
        filled = {name: getattr(attendance, name) for name in FOLD_FILLS
                  if getattr(into, name) is None and getattr(attendance, name) is not None}
        snapshot["folded"].append({"absorbed_attendance": attendance.id, "into": into.id,
                                   "filled": filled})
        for name, value in filled.items():
            setattr(into, name, value)
        absorbed.attendances.remove(attendance)
        db.session.delete(attendance)

    for field, column in MERGE_FIELDS.items():
        if choices[field] == ABSORBED:
            setattr(survivor, column, getattr(absorbed, column))
    snapshot["distinct"], snapshot["distinct_added"] = _carry_distinct_pairs(survivor, absorbed)
    earlier = list(db.session.scalars(select(PersonMerge).where(
        PersonMerge.survivor_id == absorbed.id)))
    for earlier_merge in earlier:  # merges into the absorbed record now point at the survivor
        earlier_merge.survivor_id = survivor.id
    snapshot["repointed_merges"] = [m.id for m in earlier]

    db.session.flush()
    snapshot["survivor_after"] = _state(survivor, _PERSON_COLUMNS)
    record = PersonMerge(survivor_id=survivor.id, absorbed_person_id=absorbed.id,
                         snapshot=snapshot, merged_by_id=getattr(user, "id", None))
    db.session.add(record)
    db.session.delete(absorbed)
    db.session.flush()
    audit.record("merge", survivor, user=user,
                 summary=(f"Merge #{record.id}: #{absorbed.id} {absorbed.full_name} into "
                          f"#{survivor.id} {survivor.full_name}")[:300],
                 before=snapshot, after=snapshot["survivor_after"])
    return record


def _lock_pair(survivor: Person, absorbed: Person) -> None:
    """Lock both records until the merge commits, in id order (two merges never wait for each
    other crosswise), and read them afresh: another merge of the pair may have committed
    while this one waited, and its absorbed record is then gone."""
    ids = sorted({survivor.id, absorbed.id})
    present = set(db.session.scalars(select(Person.id).where(Person.id.in_(ids))
                                     .order_by(Person.id).with_for_update()))
    for person_id in ids:
        if person_id not in present:
            raise Refusal(None, _("Record #%(id)s was merged or deleted a moment ago by someone "
                                  "else. Pick the pair again from the list.", id=person_id))
    db.session.expire(survivor)
    db.session.expire(absorbed)


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _carry_distinct_pairs(survivor: Person, absorbed: Person) -> tuple[list, list]:
    """Whoever the absorbed record was marked distinct from, the survivor is distinct from
    too. Returns the absorbed record's pairs (deleted with it) and the pairs added."""
    rows = list(db.session.scalars(select(DistinctPair).where(or_(
        DistinctPair.person_a_id == absorbed.id, DistinctPair.person_b_id == absorbed.id))))
    existing = set(db.session.execute(select(DistinctPair.person_a_id, DistinctPair.person_b_id)
                                      .where(or_(DistinctPair.person_a_id == survivor.id,
                                                 DistinctPair.person_b_id == survivor.id))))
    removed, added = [], []
    for row in rows:
        removed.append(_state(row, ("person_a_id", "person_b_id", "marked_by_id", "created_at")))
        other = row.person_b_id if row.person_a_id == absorbed.id else row.person_a_id
        db.session.delete(row)
        pair = _pair(survivor.id, other)
        if other != survivor.id and pair not in existing:
            db.session.add(DistinctPair(person_a_id=pair[0], person_b_id=pair[1],
                                        marked_by_id=row.marked_by_id))
            existing.add(pair)
            added.append(list(pair))
    return removed, added


def mark_distinct(a: Person, b: Person, user=None) -> DistinctPair:
    """Record that two people are not the same: the pair is never suggested again."""
    if a.id == b.id:
        raise Refusal(None, _("Choose two different people."))
    first, second = _pair(a.id, b.id)
    row = db.session.get(DistinctPair, (first, second))
    if row is None:
        with unless_taken() as taken:
            row = DistinctPair(person_a_id=first, person_b_id=second,
                               marked_by_id=getattr(user, "id", None))
            db.session.add(row)
        if taken:  # marked by another request a moment ago
            return db.session.get(DistinctPair, (first, second))
        audit.record("mark_distinct", a, user=user,
                     summary=(f"#{a.id} {a.full_name} and #{b.id} {b.full_name} are not "
                              "the same person")[:300],
                     after={"person_a_id": first, "person_b_id": second})
    return row


def unmark_distinct(a: Person, b: Person, user=None) -> None:
    """Undo "not the same person": the pair may be suggested again."""
    first, second = _pair(a.id, b.id)
    row = db.session.get(DistinctPair, (first, second))
    if row is None:
        raise Refusal(None, _("%(a)s and %(b)s are not marked as two people.",
                              a=a.full_name, b=b.full_name))
    db.session.delete(row)
    audit.record("unmark_distinct", a, user=user,
                 summary=(f"#{a.id} {a.full_name} and #{b.id} {b.full_name} may be the same "
                          "person after all")[:300],
                 before={"person_a_id": first, "person_b_id": second})


# --- Undo ------------------------------------------------------------------------------

def _check_undoable(record: PersonMerge) -> Person:
    """The survivor, when nothing done since the merge stands in the way of undoing it."""
    if record.undone_at is not None:
        raise Refusal(None, _("Merge #%(id)s was already undone on %(date)s.",
                              id=record.id, date=record.undone_at.strftime("%d.%m.%Y")))
    if record.snapshot.get("erased"):  # people/erasure.py: the names it held are gone
        raise Refusal(None, _("#%(id)s was erased on request after the merge, and what the "
                              "merge joined went with their name.", id=record.survivor_id))
    survivor_id, absorbed_id = record.snapshot["survivor"]["id"], record.absorbed_person_id
    survivor = db.session.get(Person, survivor_id)
    if record.survivor_id != survivor_id or survivor is None:
        later = db.session.scalar(select(PersonMerge).where(
            PersonMerge.absorbed_person_id == survivor_id, PersonMerge.undone_at.is_(None)))
        if later is not None:
            raise Refusal(None, _("Record #%(id)s was itself merged into #%(into)s afterwards "
                                  "(merge #%(merge_id)s); undo that merge first.",
                                  id=survivor_id, into=later.survivor_id, merge_id=later.id))
        raise Refusal(None, _("Record #%(id)s has been deleted since the merge.", id=survivor_id))
    if db.session.get(Person, absorbed_id) is not None:
        raise Refusal(None, _("Record number #%(id)s has been given to another person since the "
                              "merge, so the absorbed record cannot get it back.", id=absorbed_id))
    for attendance_id in record.snapshot["moved"]:
        attendance = db.session.get(Attendance, attendance_id)
        if attendance is not None and attendance.person_id != survivor_id:
            raise Refusal(None, _("The attendance at %(event)s has been given to another person "
                                  "since the merge.", event=attendance.event.title))
    return survivor


def undo(record: PersonMerge, user=None) -> Person:
    """Undo a merge: the absorbed record comes back with its id and its attendances, and the
    survivor gets back the values the merge gave it, unless they were changed since."""
    survivor = _check_undoable(record)
    snap = record.snapshot
    before = _state(survivor, _PERSON_COLUMNS)
    absorbed = _restore(Person, snap["absorbed"])
    db.session.add(absorbed)
    db.session.flush()

    changed_since = []
    for field, column in MERGE_FIELDS.items():
        merged_value = snap["survivor_after"][column]
        if snap["survivor"][column] == merged_value:
            continue
        if _state(survivor, [column])[column] == merged_value:
            setattr(survivor, column, snap["survivor"][column])
        else:
            changed_since.append(field)

    for attendance_id in snap["moved"]:
        attendance = db.session.get(Attendance, attendance_id)
        if attendance is not None:  # else deleted since, with its event or from the roster
            attendance.person = absorbed
    states = {state["id"]: state for state in snap["attendances"]}
    restored = {}
    for fold in snap["folded"]:
        state = states[fold["absorbed_attendance"]]
        if db.session.get(Event, state["event_id"]) is None:
            continue
        if db.session.get(Attendance, state["id"]) is not None:
            state = {**state, "id": None}
        restored[fold["absorbed_attendance"]] = _restore(Attendance, state)
        db.session.add(restored[fold["absorbed_attendance"]])
        into = db.session.get(Attendance, fold["into"])
        for name, value in fold["filled"].items():
            if into is not None and getattr(into, name) == value:
                setattr(into, name, None)

    for pair in snap["distinct_added"]:
        if (row := db.session.get(DistinctPair, tuple(pair))) is not None:
            db.session.delete(row)
    db.session.flush()
    for state in snap["distinct"]:
        other = state["person_b_id"] if state["person_a_id"] == absorbed.id else state["person_a_id"]
        pair = (state["person_a_id"], state["person_b_id"])
        if db.session.get(Person, other) is not None and db.session.get(DistinctPair, pair) is None:
            db.session.add(_restore(DistinctPair, state))
    merging.undo(snap.get("workshop"), absorbed, survivor,
                 {old_id: attendance.id for old_id, attendance in restored.items()})
    for merge_id in snap["repointed_merges"]:
        earlier = db.session.get(PersonMerge, merge_id)
        if earlier is not None and earlier.survivor_id == survivor.id:
            earlier.survivor_id = absorbed.id

    record.undone_at, record.undone_by_id = utcnow(), getattr(user, "id", None)
    db.session.flush()
    summary = (f"Undid merge #{record.id}: #{absorbed.id} {absorbed.full_name} separated again "
               f"from #{survivor.id} {survivor.full_name}")
    if changed_since:
        summary += f"; kept {', '.join(changed_since)} as changed since the merge"
    audit.record("merge_undone", survivor, user=user, summary=summary[:300],
                 before={"survivor": before},
                 after={"survivor": _state(survivor, _PERSON_COLUMNS),
                        "absorbed": _state(absorbed, _PERSON_COLUMNS)})
    return absorbed
