"""An event's sessions and the marks on them, and the days attended they imply.

An event without stored sessions has one per day (listed, not stored); the first write that
needs them (a mark, an added session, an opened check-in) stores them. When an attendee has
marks, their days attended are the days on which any session is marked present or late, and
Attendance.days_attended is rewritten through the ORM in the same transaction, so every
figure that sums days follows. Without marks, days attended stay as typed.
Services flush; the request commits.
"""
from collections import defaultdict
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import distinct, func, select

from .. import audit
from ..extensions import db
from ..models import (
    ATTENDED_MARKS,
    Attendance,
    AttendanceMark,
    Event,
    EventSession,
    MarkStatus,
    SessionPart,
)
from ..services import Refusal

Cell = tuple[int, str]  # (attendance id, session key)


def session_key(session: EventSession) -> str:
    """A session's name in forms, stored or not yet: "2016-03-14-morning"."""
    return f"{session.day.isoformat()}-{session.part}"


def event_days(event: Event) -> list[date]:
    return [event.start_date + timedelta(days=n) for n in range(event.duration_days)]


def stored_sessions(event: Event) -> list[EventSession]:
    sessions = db.session.scalars(select(EventSession).where(EventSession.event_id == event.id))
    return sorted(sessions, key=lambda s: s.sort_key)


def sessions_of(event: Event) -> list[EventSession]:
    """The event's sessions in order: those stored, else one (unstored) per day."""
    return stored_sessions(event) or [EventSession(event_id=event.id, day=day, part=SessionPart.DAY)
                                      for day in event_days(event)]


def ensure_sessions(event: Event) -> list[EventSession]:
    """The event's sessions, storing the one-per-day default the first time."""
    sessions = stored_sessions(event)
    if not sessions:
        sessions = [EventSession(event=event, day=day, part=SessionPart.DAY) for day in event_days(event)]
        db.session.add_all(sessions)
        db.session.flush()
    return sessions


def add_session(event: Event, day: date, part: str) -> EventSession:
    if part not in list(SessionPart):
        raise Refusal("part", _("Choose the part of the day."))
    if day not in event_days(event):
        raise Refusal("day", _("Choose one of the event's days."))
    sessions = ensure_sessions(event)
    if any(s.day == day and s.part == part for s in sessions):
        raise Refusal("part", _("That day already has this session."))
    session = EventSession(event=event, day=day, part=part)
    db.session.add(session)
    db.session.flush()
    audit.record("create", session, summary=f"Session {session_key(session)} of event {event.id}")
    return session


def remove_session(event: Event, session: EventSession) -> None:
    """Remove a session and its marks (and re-derive the days of whoever was marked)."""
    if not any(s.day == session.day and s.id != session.id for s in stored_sessions(event)):
        raise Refusal(None, _("Every day of the event keeps at least one session."))
    marked = set(db.session.scalars(select(AttendanceMark.attendance_id)
                                    .where(AttendanceMark.session_id == session.id)))
    audit.record("delete", session, summary=f"Session {session_key(session)} of event {event.id}",
                 before={"marks": len(marked)})
    db.session.delete(session)
    db.session.flush()
    derive_days(marked)


def marks_of(event: Event) -> dict[Cell, str]:
    """Every mark of the event by (attendance id, session key)."""
    rows = db.session.execute(
        select(AttendanceMark.attendance_id, EventSession.day, EventSession.part, AttendanceMark.status)
        .join(EventSession, EventSession.id == AttendanceMark.session_id)
        .where(EventSession.event_id == event.id))
    return {(aid, f"{day.isoformat()}-{part}"): status for aid, day, part, status in rows}


def marked_attendances(event: Event) -> set[int]:
    """Ids of the event's attendances whose days attended follow their marks."""
    return {aid for aid, _key in marks_of(event)}


def save_marks(event: Event, cells: dict[Cell, str | None], *, everyone_present: str | None = None,
               summary: str = "Marks") -> int:
    """Set (status) or clear (None) marks of the event's attendees, and mark present whoever
    has no mark yet in the session `everyone_present` names; returns how many changed."""
    attendance_ids = set(db.session.scalars(select(Attendance.id).where(Attendance.event_id == event.id)))
    cells = dict(cells)
    if everyone_present:
        marked = marks_of(event)
        cells.update({(aid, everyone_present): MarkStatus.PRESENT for aid in attendance_ids
                      if (aid, everyone_present) not in marked and (aid, everyone_present) not in cells})
    if any(aid not in attendance_ids for aid, _key in cells):
        raise Refusal(None, _("Someone on the grid is no longer on the roster. Reload the page."))
    if any(status is not None and status not in list(MarkStatus) for status in cells.values()):
        raise Refusal(None, _("Choose present, late, excused or absent."))
    wanted = {key for _aid, key in cells}
    sessions = {session_key(s): s for s in (ensure_sessions(event) if cells else [])}
    if wanted - sessions.keys():
        raise Refusal(None, _("A session on the grid no longer exists. Reload the page."))
    existing = {(m.attendance_id, session_key(s)): m for m, s in db.session.execute(
        select(AttendanceMark, EventSession).join(AttendanceMark.session)
        .where(EventSession.event_id == event.id))}
    before, after = {}, {}
    for (aid, key), status in cells.items():
        mark = existing.get((aid, key))
        if (mark.status if mark else None) == status:
            continue
        before[f"{aid}/{key}"], after[f"{aid}/{key}"] = mark.status if mark else None, status
        if status is None:
            db.session.delete(mark)
        elif mark is None:
            db.session.add(AttendanceMark(session=sessions[key], attendance_id=aid, status=status))
        else:
            mark.status = status
    if after:
        db.session.flush()
        derive_days({int(cell.split("/")[0]) for cell in after})
        audit.record("update", event, summary=f"{summary}: {len(after)} changed at {event.title}",
                     before={"marks": before}, after={"marks": after})
    return len(after)


def derive_days(attendance_ids: set[int]) -> None:
    """Days attended of these attendances from their marks (those with none keep theirs)."""
    if not attendance_ids:
        return
    marked, attended = set(), defaultdict(int)
    rows = db.session.execute(
        select(AttendanceMark.attendance_id,
               func.count(distinct(EventSession.day)).filter(AttendanceMark.status.in_(ATTENDED_MARKS)))
        .join(EventSession, EventSession.id == AttendanceMark.session_id)
        .where(AttendanceMark.attendance_id.in_(attendance_ids))
        .group_by(AttendanceMark.attendance_id))
    for aid, days in rows:
        marked.add(aid)
        attended[aid] = days
    for attendance in db.session.scalars(select(Attendance).where(Attendance.id.in_(marked))):
        if attendance.days_attended != attended[attendance.id]:
            attendance.days_attended = attended[attendance.id]
    db.session.flush()


def has_marks(attendance: Attendance) -> bool:
    # No autoflush: saving an event asks this before the flush where a lost race shows.
    with db.session.no_autoflush:
        return db.session.scalar(select(AttendanceMark.id).where(
            AttendanceMark.attendance_id == attendance.id).limit(1)) is not None


def fit_to_dates(event: Event) -> None:
    """After an event's dates change: drop stored sessions outside them (refused when they
    hold marks) and give each new day a session."""
    sessions = stored_sessions(event)
    if not sessions:
        return
    days = event_days(event)
    outside = [s for s in sessions if s.day not in days]
    if outside and db.session.scalar(select(AttendanceMark.id).where(
            AttendanceMark.session_id.in_([s.id for s in outside])).limit(1)):
        raise Refusal("end_date", _("Sessions outside the new dates have marks. Clear those marks "
                                    "first, or keep the dates."))
    for session in outside:
        db.session.delete(session)
    covered = {s.day for s in sessions}
    db.session.add_all(EventSession(event=event, day=day, part=SessionPart.DAY)
                       for day in days if day not in covered)
