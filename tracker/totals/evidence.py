"""Evidence behind the figures: of the held events a phase's or period's figures count, how
many have a signed sign-in sheet attached. The events are those of the totals' rules: held,
of the phase or starting in the period, and with a country filter hosted in that country or
attended by its officials."""
from datetime import date

from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.orm import Session

from ..models import Attachment, Attendance, AttendanceRole, Event, EventStatus, Person

HELD = EventStatus.HELD
PARTICIPANT = AttendanceRole.PARTICIPANT
SIGNED_SHEET = "sign_in_sheet"


def held_events(phase_id: int | None, start: date | None, end: date | None,
                country: str | None) -> list:
    """Conditions on Event for the held events a set of figures counts."""
    clauses = [Event.status == HELD, Event.deleted_at.is_(None)]
    if phase_id is not None:
        clauses.append(Event.phase_id == phase_id)
    if start is not None:
        clauses.append(Event.start_date >= start)
    if end is not None:
        clauses.append(Event.start_date <= end)
    if country:
        theirs = select(Person.id).where(Person.country_code == country)
        clauses.append(or_(Event.country_code == country, exists().where(
            Attendance.event_id == Event.id, Attendance.role == PARTICIPANT,
            Attendance.person_id.in_(theirs))))
    return clauses


def has_signed_sheet():
    return exists().where(Attachment.event_id == Event.id, Attachment.kind == SIGNED_SHEET)


def count(session: Session, phase_id: int | None = None, start: date | None = None,
          end: date | None = None, country: str | None = None) -> dict[str, int]:
    """{"events_held": n, "with_signed_sheet": m} (one query)."""
    held, signed = session.execute(
        select(func.count(), func.sum(case((has_signed_sheet(), 1), else_=0)))
        .select_from(Event).where(*held_events(phase_id, start, end, country))).one()
    return {"events_held": int(held), "with_signed_sheet": int(signed or 0)}


def evidence(phase_number: int | None = None, start: date | None = None, end: date | None = None,
             country: str | None = None) -> dict[str, int]:
    """count() for a phase by number, a period, or all phases; remembered between writes."""
    from . import cache, find_phase

    country = country.upper() if country else None

    def compute(session: Session) -> dict:
        phase = find_phase(phase_number, session) if phase_number is not None else None
        return count(session, phase.id if phase else None, start, end, country)

    return cache.remember(("evidence", phase_number, start, end, country), compute)
