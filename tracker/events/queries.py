"""Reading events: the filtered list, and one event with its roster (a fixed number of
queries whatever the roster's size)."""
from dataclasses import dataclass
from datetime import date

from flask import abort, request
from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..auth.permissions import (
    EventAccess,
    event_access,
    refuse,
    runs_event,
    scope_events,
    scope_roster,
    taking_part,
)
from ..codes import UNKNOWN_SEX
from ..database import READ_ONLY_METHODS
from ..extensions import db
from ..i18n import local_name
from ..models import Agency, AgencyType, Attendance, AttendanceRole, Event, Person, Phase, Sex, Topic
from ..totals.evidence import has_signed_sheet

PARTICIPANT = AttendanceRole.PARTICIPANT

SORTS = {
    "date_desc": (Event.start_date.desc(), Event.id.desc()),
    "date": (Event.start_date, Event.id),
    "title": (Event.title, Event.start_date),
    "participants": None,  # by the count column, below
}


NONE = "none"  # topic or kind: events without one (a cross-table's "unknown" row)


@dataclass
class EventFilters:
    q: str | None = None
    phase: int | None = None
    country: str | None = None
    kind: int | str | None = None  # an id, or NONE
    topic: int | str | None = None  # an id, or NONE
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "date_desc"
    # Drill-down from a figure: events where participants of this kind took part, and the
    # count of those participants only.
    official_country: str | None = None
    sex: str | None = None  # F, M or UNKNOWN_SEX
    agency_type: str | None = None  # a code, or NONE for attendances without one
    taking_part: str | None = None  # hosted in this country or attended by its officials
    evidence: str | None = None  # "with" or "without" a signed sign-in sheet

    @property
    def by_participants(self) -> bool:
        return bool(self.official_country or self.sex or self.agency_type)


def _participations(filters: EventFilters | None) -> list:
    """Conditions on an attendance (correlated to Event) for a participation the filters keep."""
    clauses = [Attendance.event_id == Event.id, Attendance.role == PARTICIPANT]
    if filters is None:
        return clauses
    people = []
    if filters.official_country:
        people.append(Person.country_code == filters.official_country)
    if filters.sex:
        people.append(Person.sex.is_(None) if filters.sex == UNKNOWN_SEX else Person.sex == filters.sex)
    if people:
        clauses.append(Attendance.person_id.in_(select(Person.id).where(*people)))
    if filters.agency_type == NONE:
        typed = select(Agency.id).where(Agency.agency_type_id.is_not(None))
        clauses.append(or_(Attendance.agency_id.is_(None), Attendance.agency_id.not_in(typed)))
    elif filters.agency_type:
        clauses.append(Attendance.agency_id.in_(
            select(Agency.id).join(AgencyType).where(AgencyType.code == filters.agency_type)))
    return clauses


def participants_count(filters: EventFilters | None = None):
    """Participants of the event (those the drill-down filters keep, when there are any)."""
    return (select(func.count(Attendance.id)).where(*_participations(filters))
            .correlate(Event).scalar_subquery())


def event_list(filters: EventFilters, *, deleted: bool = False) -> Select:
    """The events list (or, with deleted=True, Deleted events) for these filters, scoped to
    the user's country."""
    count = participants_count(filters).label("participants")
    evidence = has_signed_sheet().label("has_signed_sheet")
    query = select(Event, count, evidence).options(joinedload(Event.kind), joinedload(Event.phase))
    query = query.where(Event.deleted_at.is_not(None) if deleted else Event.deleted_at.is_(None))
    if filters.q:
        like = f"%{filters.q.strip()}%"
        query = query.where(or_(Event.title.ilike(like), Event.code.ilike(like), Event.city.ilike(like)))
    if filters.phase:
        query = query.join(Event.phase).where(Phase.number == filters.phase)
    if filters.country:
        query = query.where(Event.country_code == filters.country)
    if filters.kind == NONE:
        query = query.where(Event.kind_id.is_(None))
    elif filters.kind:
        query = query.where(Event.kind_id == filters.kind)
    if filters.topic == NONE:
        query = query.where(~Event.topics.any())
    elif filters.topic:
        query = query.where(Event.topics.any(Topic.id == filters.topic))
    if filters.by_participants:
        query = query.where(exists().where(*_participations(filters)))
    if filters.taking_part:
        query = query.where(taking_part(filters.taking_part))
    if filters.evidence == "with":
        query = query.where(has_signed_sheet())
    elif filters.evidence == "without":
        query = query.where(~has_signed_sheet())
    if filters.status:
        query = query.where(Event.status == filters.status)
    if filters.date_from:
        query = query.where(Event.start_date >= filters.date_from)
    if filters.date_to:
        query = query.where(Event.start_date <= filters.date_to)
    query = scope_events(query)
    if deleted:
        return query.options(joinedload(Event.deleted_by)).order_by(Event.deleted_at.desc(), Event.id)
    order = SORTS.get(filters.sort) or (count.desc(), Event.start_date.desc())
    return query.order_by(*order)


def get_event(event_id: int, *, deleted: bool = False) -> Event:
    """The event, if it exists and the user's country limit lets them see it (else 404). A
    request that writes (any method but GET) is refused (403) at an event hosted abroad:
    a limited user changes nothing of it, whatever the route. A deleted event is unknown (404)
    everywhere but its restore page (deleted=True)."""
    event = db.session.scalar(select(Event).where(Event.id == event_id).options(
        selectinload(Event.topics), joinedload(Event.kind), joinedload(Event.phase),
        joinedload(Event.country)))
    if event is None or event_access(event) is EventAccess.NONE \
            or (event.deleted_at is not None) != deleted:
        abort(404)
    if request.method not in READ_ONLY_METHODS and not runs_event(event):
        refuse()
    return event


def event_to_change(event_id: int) -> Event:
    """get_event for a page that shows a form changing the event (its GET too)."""
    event = get_event(event_id)
    if not runs_event(event):
        refuse()
    return event


def roster(event: Event) -> list[Attendance]:
    """The attendances the user may see (the whole roster, or abroad their own officials'):
    participants first, then the other roles; each by the name as written (so "BEKOVA
    Aigul" files under B, as its writer meant), not by the name key's sorted words."""
    attendances = db.session.scalars(
        scope_roster(select(Attendance).join(Attendance.person)
                     .where(Attendance.event_id == event.id), event)
        .options(joinedload(Attendance.person).joinedload(Person.agency),
                 joinedload(Attendance.agency).joinedload(Agency.agency_type)))
    # In Python: SQLite's lower() folds only ASCII, and Cyrillic names must sort as letters.
    return sorted(attendances, key=lambda a: (a.role != PARTICIPANT, a.role,
                                              a.person.full_name.casefold(), a.id))


def get_attendance(event: Event, attendance_id: int) -> Attendance:
    attendance = db.session.get(Attendance, attendance_id)
    if attendance is None or attendance.event_id != event.id:
        abort(404)
    return attendance


def roster_counts(event: Event) -> dict:
    """The event page's counts: participants, women, and participants by country and by
    agency type (the agency they represented at this event)."""
    participants = (select(Attendance).where(Attendance.event_id == event.id,
                                             Attendance.role == PARTICIPANT).subquery())
    total, women = db.session.execute(
        select(func.count(), func.count().filter(Person.sex == Sex.FEMALE))
        .select_from(participants).join(Person, Person.id == participants.c.person_id)).one()
    by_country = db.session.execute(
        select(Person.country_code, func.count()).select_from(participants)
        .join(Person, Person.id == participants.c.person_id)
        .group_by(Person.country_code).order_by(func.count().desc(), Person.country_code)).all()
    by_type = db.session.execute(
        select(func.coalesce(AgencyType.name_en, "Not recorded"), func.count())
        .select_from(participants)
        .outerjoin(Agency, Agency.id == participants.c.agency_id)
        .outerjoin(AgencyType, AgencyType.id == Agency.agency_type_id)
        .group_by(AgencyType.name_en).order_by(func.count().desc())).all()
    return {"participants": total, "women": women, "by_country": by_country,
            "by_agency_type": by_type}


def agency_type_names() -> dict[str, str]:
    """Agency types' names in the page's language, by English name (roster_counts groups by it)."""
    return {t.name_en: local_name(t) for t in db.session.scalars(select(AgencyType))}


def event_feedback(event: Event) -> dict:
    """Participants' ratings and test scores at one event: mean rating, distribution, and
    the mean improvement over those with both scores."""
    participant = (Attendance.event_id == event.id) & (Attendance.role == PARTICIPANT)
    mean_rating, ratings, mean_gain, tested = db.session.execute(
        select(func.avg(Attendance.rating), func.count(Attendance.rating),
               func.avg(Attendance.post_score - Attendance.pre_score),
               func.count(Attendance.post_score - Attendance.pre_score))
        .where(participant)).one()
    distribution = dict(db.session.execute(
        select(Attendance.rating, func.count()).where(participant, Attendance.rating.is_not(None))
        .group_by(Attendance.rating)).all())
    # What participants wrote may name them: abroad, only the user's own officials' comments.
    comments = list(db.session.scalars(scope_roster(
        select(Attendance.comment).join(Attendance.person)
        .where(participant, Attendance.comment.is_not(None)), event).order_by(Attendance.id)))
    return {"mean_rating": float(mean_rating) if mean_rating is not None else None,
            "ratings": ratings, "distribution": [(r, distribution.get(r, 0)) for r in range(1, 6)],
            "mean_improvement": float(mean_gain) if mean_gain is not None else None,
            "tested": tested, "comments": comments}
