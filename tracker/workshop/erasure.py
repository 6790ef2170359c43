"""A person erased on request leaves no name in the workshop's records either: their
certificates are revoked and lose the printed name, their check-ins and the audit entries
of those check-ins lose what was typed."""
from sqlalchemy import or_, select, update

from ..extensions import db
from ..models import Attendance, AuditEntry, Certificate, CheckIn, Person
from ..models._base import utcnow

ERASED = "(erased)"


def erase_workshop_traces(person: Person) -> None:
    attendances = select(Attendance.id).where(Attendance.person_id == person.id)
    db.session.execute(update(Certificate).where(Certificate.attendance_id.in_(attendances),
                                                 Certificate.revoked_at.is_(None))
                       .values(revoked_at=utcnow(), revoked_reason="Holder's data erased on request"))
    db.session.execute(update(Certificate).where(Certificate.attendance_id.in_(attendances))
                       .values(holder_name=ERASED))
    check_ins = select(CheckIn.id).where(or_(CheckIn.person_id == person.id,
                                             CheckIn.matched_person_id == person.id))
    db.session.execute(update(AuditEntry).where(AuditEntry.object_type == "checkin",
                                                AuditEntry.object_id.in_(check_ins))
                       .values(before=None, after=None, summary=ERASED))
    db.session.execute(update(CheckIn).where(CheckIn.id.in_(check_ins))
                       .values(full_name=ERASED, name_key=f"erased {person.id}"))
