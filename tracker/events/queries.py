"""Reading events: the filtered list, and one event with its roster (a fixed number of
queries whatever the roster's size)."""
from dataclasses import dataclass
from datetime import date

from flask import abort
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..auth.permissions import may_access_country, scope_to_country
from ..extensions import db
from ..i18n import local_name
from ..models import Agency, AgencyType, Attendance, Event, Person, Phase, Topic

SORTS = {
    "date_desc": (Event.start_date.desc(), Event.id.desc()),
    "date": (Event.start_date, Event.id),
    "title": (Event.title, Event.start_date),
    "participants": None,  # by the count column, below
}


@dataclass
class EventFilters:
    q: str | None = None
    phase: int | None = None
    country: str | None = None
    kind: int | None = None
    topic: int | None = None
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "date_desc"


def participants_count():
    return (select(func.count(Attendance.id))
            .where(Attendance.event_id == Event.id, Attendance.role == "participant")
            .correlate(Event).scalar_subquery())


def event_list(filters: EventFilters) -> Select:
    count = participants_count().label("participants")
    query = select(Event, count).options(joinedload(Event.kind), joinedload(Event.phase))
    if filters.q:
        like = f"%{filters.q.strip()}%"
        query = query.where(or_(Event.title.ilike(like), Event.code.ilike(like), Event.city.ilike(like)))
    if filters.phase:
        query = query.join(Event.phase).where(Phase.number == filters.phase)
    if filters.country:
        query = query.where(Event.country_code == filters.country)
    if filters.kind:
        query = query.where(Event.kind_id == filters.kind)
    if filters.topic:
        query = query.where(Event.topics.any(Topic.id == filters.topic))
    if filters.status:
        query = query.where(Event.status == filters.status)
    if filters.date_from:
        query = query.where(Event.start_date >= filters.date_from)
    if filters.date_to:
        query = query.where(Event.start_date <= filters.date_to)
    query = scope_to_country(query, Event.country_code)
    order = SORTS.get(filters.sort) or (count.desc(), Event.start_date.desc())
    return query.order_by(*order)


def get_event(event_id: int) -> Event:
    """The event, if it exists and the user's country limit lets them see it (else 404)."""
    event = db.session.scalar(select(Event).where(Event.id == event_id).options(
        selectinload(Event.topics), joinedload(Event.kind), joinedload(Event.phase),
        joinedload(Event.country)))
    if event is None or not may_access_country(event.country_code):
        abort(404)
    return event


def roster(event: Event) -> list[Attendance]:
    return list(db.session.scalars(
        select(Attendance).where(Attendance.event_id == event.id)
        .join(Attendance.person)
        .options(joinedload(Attendance.person).joinedload(Person.agency),
                 joinedload(Attendance.agency).joinedload(Agency.agency_type))
        .order_by(Attendance.role != "participant", Attendance.role, Person.name_key)))


def get_attendance(event: Event, attendance_id: int) -> Attendance:
    attendance = db.session.get(Attendance, attendance_id)
    if attendance is None or attendance.event_id != event.id:
        abort(404)
    return attendance


def roster_counts(event: Event) -> dict:
    """The event page's counts: participants, women, and participants by country and by
    agency type (the agency they represented at this event)."""
    participants = (select(Attendance).where(Attendance.event_id == event.id,
                                             Attendance.role == "participant").subquery())
    total, women = db.session.execute(
        select(func.count(), func.count().filter(Person.sex == "F"))
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
    participant = (Attendance.event_id == event.id) & (Attendance.role == "participant")
    mean_rating, ratings, mean_gain, tested = db.session.execute(
        select(func.avg(Attendance.rating), func.count(Attendance.rating),
               func.avg(Attendance.post_score - Attendance.pre_score),
               func.count(Attendance.post_score - Attendance.pre_score))
        .where(participant)).one()
    distribution = dict(db.session.execute(
        select(Attendance.rating, func.count()).where(participant, Attendance.rating.is_not(None))
        .group_by(Attendance.rating)).all())
    comments = list(db.session.scalars(select(Attendance.comment).where(
        participant, Attendance.comment.is_not(None)).order_by(Attendance.id)))
    return {"mean_rating": float(mean_rating) if mean_rating is not None else None,
            "ratings": ratings, "distribution": [(r, distribution.get(r, 0)) for r in range(1, 6)],
            "mean_improvement": float(mean_gain) if mean_gain is not None else None,
            "tested": tested, "comments": comments}
