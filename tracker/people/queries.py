"""Reading people: search in any script and name order, and one person's history."""
from dataclasses import dataclass

from flask import abort
from sqlalchemy import Select, and_, case, false, func, literal, or_, select
from sqlalchemy.orm import joinedload

from ..auth.permissions import may_access_country, scope_to_country
from ..extensions import db
from ..identity import search_tokens
from ..models import Agency, Attendance, Event, Person
from ..security import parse_id


@dataclass
class PeopleFilters:
    q: str | None = None
    country: str | None = None
    agency: int | None = None
    sex: str | None = None  # "F", "M" or "unknown"

    @classmethod
    def from_args(cls, args) -> "PeopleFilters":
        """The filters of a request's query arguments (the list and its exports share them)."""
        agency = args.get("agency", "")
        return cls(q=args.get("q") or None, country=args.get("country") or None,
                   agency=parse_id(agency),
                   sex=args.get("sex") if args.get("sex") in ("F", "M", "unknown") else None)


def people_list(filters: PeopleFilters) -> Select:
    events = (select(func.count(Attendance.id)).join(Attendance.event)
              .where(Attendance.person_id == Person.id, Event.deleted_at.is_(None))
              .correlate(Person).scalar_subquery().label("events"))
    query = select(Person, events).options(joinedload(Person.agency))
    order = [Person.name_key, Person.id]
    if filters.q:
        # Each typed token must start a token of the name key: "Беков" finds "Azamat Bekov".
        tokens = search_tokens(filters.q)
        query = query.where(and_(*(or_(Person.name_key.startswith(t), Person.name_key.contains(" " + t))
                                   for t in tokens))) if tokens else query.where(false())
        # Whole-word matches first: "Беков" lists the Bekovs before the Bekovich patronymics.
        padded = literal(" ") + Person.name_key + literal(" ")
        whole_words = sum((case((padded.contains(f" {t} "), 1), else_=0) for t in tokens), literal(0))
        order.insert(0, whole_words.desc())
    if filters.country:
        query = query.where(Person.country_code == filters.country)
    if filters.agency:
        query = query.where(Person.agency_id == filters.agency)
    if filters.sex in ("F", "M"):
        query = query.where(Person.sex == filters.sex)
    elif filters.sex == "unknown":
        query = query.where(Person.sex.is_(None))
    return scope_to_country(query, Person.country_code).order_by(*order)


def get_person(person_id: int) -> Person:
    person = db.session.scalar(select(Person).where(Person.id == person_id)
                               .options(joinedload(Person.agency), joinedload(Person.country)))
    if person is None or not may_access_country(person.country_code):
        abort(404)
    return person


def history(person: Person) -> list[Attendance]:
    return list(db.session.scalars(
        select(Attendance).join(Attendance.event)
        .where(Attendance.person_id == person.id, Event.deleted_at.is_(None))
        .options(joinedload(Attendance.event).joinedload(Event.phase),
                 joinedload(Attendance.agency))
        .order_by(Event.start_date.desc())))


def agency_list(country: str | None) -> Select:
    people = (select(func.count(Person.id)).where(Person.agency_id == Agency.id)
              .correlate(Agency).scalar_subquery().label("people"))
    query = select(Agency, people).options(joinedload(Agency.agency_type))
    if country:
        query = query.where(Agency.country_code == country)
    return scope_to_country(query, Agency.country_code).order_by(Agency.country_code, Agency.name)


def get_agency(agency_id: int) -> Agency:
    agency = db.session.get(Agency, agency_id)
    if agency is None or not may_access_country(agency.country_code):
        abort(404)
    return agency
