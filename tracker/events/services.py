"""Writing events: the event, its roster, its learning outcomes and testimonies, its
attached files. Each function only flushes (the request's end commits, tracker/database.py);
a Refusal leaves the caller to discard the write."""
import secrets

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError

from .. import audit
from ..database import discard
from ..extensions import db
from ..files import keep_with_row, remove_with_row
from ..models import Attachment, Attendance, AuditEntry, Event, Person, Phase, Testimony, Topic, User
from ..people.services import create_person
from ..services import Refusal, first_wins, snapshot
from ..workshop import marks
from .files import attachment_folder

EVENT_FIELDS = ("title", "code", "kind_id", "scope", "status", "start_date", "end_date",
                "country_code", "city", "phase_id", "notes", "topics")
ATTENDANCE_FIELDS = ("event_id", "person_id", "role", "days_attended", "agency_id")
OUTCOME_FIELDS = ("pre_score", "post_score", "rating", "comment")
REMOVED_FIELDS = ATTENDANCE_FIELDS + OUTCOME_FIELDS
TESTIMONY_FIELDS = ("quote", "attribution", "language", "has_consent", "is_in_phase_report")
ATTACHMENT_FIELDS = ("event_id", "kind", "filename", "size_bytes")


class StaleEdit(Refusal):
    """Someone saved the event after this form was opened."""

    def __init__(self, current: Event):
        super().__init__(None, _("Someone else saved this event after you opened it. Your changes "
                                 "were not saved: the form now shows the saved version, and your "
                                 "values are listed where they differ. Make your changes again."))
        self.current = current


class DaysBeyondEnd(Refusal):
    """A shorter event would leave these attendees with more days than it lasts."""

    SHOWN = 10

    def __init__(self, attendances: list[Attendance], duration: int):
        attendances = sorted(attendances, key=lambda a: a.person.full_name.casefold())
        names = ", ".join(f"{a.person.full_name} ({a.days_attended})"
                          for a in attendances[:self.SHOWN])
        if len(attendances) > self.SHOWN:
            names += " " + _("and %(n)s more", n=len(attendances) - self.SHOWN)
        super().__init__("end_date", _(
            "%(n)s attendee(s) have more days attended than the event's %(days)s days: "
            "%(names)s. Tick “Cut their days attended to the event's new length” below and "
            "save again, or change their days on the roster first.",
            n=len(attendances), days=duration, names=names))
        self.attendances = attendances


def _phase_for(values: dict) -> Phase:
    if values.get("phase"):
        phase = db.session.scalar(select(Phase).where(Phase.number == int(values["phase"])))
        if phase is None:
            raise Refusal("phase", _("Choose a phase from the list."))
        return phase
    phase = Phase.covering(values["start_date"])
    if phase is None:
        raise Refusal("start_date", _("No phase covers %(date)s. Check the date, or choose the phase.",
                                      date=values["start_date"].strftime("%d.%m.%Y")))
    return phase


def save_event(event: Event | None, values: dict, *, country_limit: str | None) -> Event:
    """Create (event=None) or update an event from form values."""
    if country_limit and values["country_code"] != country_limit:
        raise Refusal("country_code", _("Your account may only record events held in %(country)s.",
                                        country=country_limit))
    if event is not None and str(values.get("version") or "") != str(event.version):
        raise StaleEdit(event)
    code = (values.get("code") or "").strip() or None
    holder = db.session.scalar(select(Event).where(
        Event.code == code, Event.id != (event.id if event else -1))) if code else None
    if holder is not None and holder.deleted_at is not None:
        raise Refusal("code", _("The code %(code)s belongs to an event in Deleted events; restore "
                                "it, or choose another code.", code=code))
    if holder is not None:
        raise Refusal("code", _("Another event already has the code %(code)s.", code=code))
    phase = _phase_for(values)
    before = snapshot(event, EVENT_FIELDS) if event else None
    is_new = event is None
    if is_new:
        event = Event()
        db.session.add(event)
    event.title = " ".join(values["title"].split())
    event.code = code
    event.kind_id = int(values["kind_id"])
    event.scope = values.get("scope") or None
    event.status = values["status"]
    event.start_date = values["start_date"]
    event.end_date = values.get("end_date")
    event.country_code = values["country_code"]
    event.city = (values.get("city") or "").strip() or None
    event.phase = phase
    event.notes = (values.get("notes") or "").strip() or None
    topic_ids = [int(t) for t in values.get("topic_ids") or []]
    # No flush before the one below: that is where a save that lost the race to another
    # shows (the version was raised meanwhile), and it must become a StaleEdit.
    with db.session.no_autoflush:
        event.topics = list(db.session.scalars(select(Topic).where(Topic.id.in_(topic_ids)))) if topic_ids else []
        if not is_new:
            marks.fit_to_dates(event)  # new days get their session; refused if marks would go
        beyond = [] if is_new else list(db.session.scalars(
            select(Attendance).where(Attendance.event_id == event.id,
                                     Attendance.days_attended > event.duration_days)
            .options(joinedload(Attendance.person))))
    if beyond and not values.get("cut_days"):
        raise DaysBeyondEnd(beyond, event.duration_days)
    for attendance in beyond:
        update_attendance(attendance, attendance.role, event.duration_days)
    try:
        with first_wins("code", _("Another event already has the code %(code)s.", code=code)):
            pass  # the flush: another request may have saved this code since the check above
    except StaleDataError:
        discard()  # the failed flush left the session unusable
        raise StaleEdit(db.session.get(Event, event.id)) from None
    audit.record("create" if is_new else "update", event, summary=event.title, before=before,
                 after=snapshot(event, EVENT_FIELDS))
    return event


def _check_days(event: Event, days: int | None) -> None:
    if days is not None and days > event.duration_days:
        raise Refusal("days_attended", _("The event lasts %(duration)s day(s); %(days)s days attended "
                                         "is more than that.", duration=event.duration_days, days=days))


def add_attendance(event: Event, person: Person, role: str, days: int | None) -> Attendance:
    already = _("%(name)s is already on this event's roster.", name=person.full_name)
    if db.session.scalar(select(Attendance.id).where(Attendance.event_id == event.id,
                                                     Attendance.person_id == person.id)):
        raise Refusal("person_id", already)
    _check_days(event, days)
    with first_wins("person_id", already):
        attendance = Attendance(event=event, person=person, role=role, days_attended=days,
                                agency=person.agency)
        db.session.add(attendance)
    audit.record("create", attendance, summary=f"{person.full_name} at {event.title}",
                 after=snapshot(attendance, ATTENDANCE_FIELDS))
    return attendance


def add_new_person(event: Event, values: dict, *, is_confirmed_new: bool) -> Attendance:
    _check_days(event, values.get("days_attended"))
    person = create_person(values, is_confirmed_new=is_confirmed_new)
    return add_attendance(event, person, values["role"], values.get("days_attended"))


def update_attendance(attendance: Attendance, role: str, days: int | None) -> None:
    if marks.has_marks(attendance):
        days = attendance.days_attended  # they follow the marks (workshop/marks.py)
    _check_days(attendance.event, days)
    before = snapshot(attendance, ATTENDANCE_FIELDS)
    attendance.role, attendance.days_attended = role, days
    audit.record("update", attendance, summary=attendance.person.full_name, before=before,
                 after=snapshot(attendance, ATTENDANCE_FIELDS))


def remove_attendance(attendance: Attendance) -> AuditEntry:
    """Take the attendance off the roster; its audit entry keeps all it held, for the undo."""
    entry = audit.record("delete", attendance, summary=attendance.person.full_name,
                         before=snapshot(attendance, REMOVED_FIELDS))
    db.session.delete(attendance)
    db.session.flush()
    return entry


def undo_removal(event: Event, entry_id: int | None) -> Attendance:
    """Put back on the roster the attendance whose removal the audit entry recorded."""
    entry = db.session.get(AuditEntry, entry_id) if entry_id else None
    before = entry.before if entry is not None else None
    if entry is None or entry.action != "delete" or entry.object_type != "attendance" \
            or not before or before.get("event_id") != event.id:
        raise Refusal(None, _("There is no removal from this roster to undo."))
    person = db.session.get(Person, before["person_id"])
    if person is None:
        raise Refusal(None, _("That person is no longer on record (merged into another record?); "
                              "add them again from the roster."))
    if db.session.get(Attendance, entry.object_id) is not None or db.session.scalar(
            select(Attendance.id).where(Attendance.event_id == event.id,
                                        Attendance.person_id == person.id)):
        raise Refusal(None, _("%(name)s is already on this event's roster.", name=person.full_name))
    days = before.get("days_attended")
    _check_days(event, days)
    # The same id as before: audit entries and links that named it name it again.
    attendance = Attendance(id=entry.object_id, event=event, person=person, role=before["role"],
                            days_attended=days, agency_id=before.get("agency_id"),
                            **{name: before.get(name) for name in OUTCOME_FIELDS})
    db.session.add(attendance)
    db.session.flush()
    audit.record("restore", attendance, summary=f"{person.full_name} at {event.title}",
                 after=snapshot(attendance, REMOVED_FIELDS))
    return attendance


def save_outcomes(roster: list[Attendance], values: dict[int, dict]) -> int:
    """Scores, ratings and comments from the outcomes grid (values by attendance id, checked
    by the view); returns how many participants changed."""
    changed = 0
    for attendance in roster:
        row = values[attendance.id]
        if all(getattr(attendance, key) == value for key, value in row.items()):
            continue
        before = snapshot(attendance, OUTCOME_FIELDS)
        for key, value in row.items():
            setattr(attendance, key, value)
        audit.record("update", attendance, summary=f"outcomes of {attendance.person.full_name}",
                     before=before, after=snapshot(attendance, OUTCOME_FIELDS))
        changed += 1
    return changed


def add_testimony(event: Event, values: dict, user: User) -> Testimony:
    """A testimony from the form's values; only one given with consent may be quoted."""
    testimony = Testimony(event=event, quote=values["quote"].strip(),
                          attribution=values["attribution"].strip(), language=values["language"],
                          has_consent=values["has_consent"],
                          is_in_phase_report=values["has_consent"] and values["is_in_phase_report"],
                          created_by_id=user.id)
    db.session.add(testimony)
    db.session.flush()
    audit.record("create", testimony, summary=testimony.attribution,
                 after=snapshot(testimony, TESTIMONY_FIELDS))
    return testimony


def toggle_testimony(testimony: Testimony) -> None:
    """Quote the testimony in the phase report, or stop quoting it."""
    if not testimony.has_consent:
        raise Refusal(None, _("Only testimonies given with consent can be quoted in the phase report."))
    testimony.is_in_phase_report = not testimony.is_in_phase_report
    audit.record("update", testimony, summary="phase report choice",
                 after={"is_in_phase_report": testimony.is_in_phase_report})


def delete_testimony(testimony: Testimony) -> None:
    audit.record("delete", testimony, summary=testimony.attribution,
                 before=snapshot(testimony, ("quote", "attribution", "has_consent")))
    db.session.delete(testimony)


def attach_file(event: Event, kind: str, filename: str, data: bytes, content_type: str,
                extension: str, user: User) -> Attachment:
    """Store a file (under a random name) with its row; the file goes if the row is not kept."""
    stored_name = secrets.token_hex(16) + extension
    keep_with_row(attachment_folder() / stored_name, data)
    attachment = Attachment(event=event, kind=kind, filename=filename, stored_name=stored_name,
                            content_type=content_type, size_bytes=len(data), uploaded_by=user)
    db.session.add(attachment)
    db.session.flush()
    audit.record("create", attachment, summary=filename, after=snapshot(attachment, ATTACHMENT_FIELDS))
    return attachment


def delete_attachment(attachment: Attachment) -> None:
    """Delete the row; its file goes once the deletion is committed."""
    audit.record("delete", attachment, summary=attachment.filename,
                 before=snapshot(attachment, ATTACHMENT_FIELDS))
    remove_with_row(attachment_folder() / attachment.stored_name)
    db.session.delete(attachment)
