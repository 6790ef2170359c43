"""Reading people: search in any script and name order, and one person's history."""
from dataclasses import dataclass

from flask import abort
from sqlalchemy import Select, and_, case, false, func, literal, or_, select
from sqlalchemy.orm import joinedload

from ..auth.permissions import may_access_country, scope_to_country
from ..codes import UNKNOWN_SEX
from ..extensions import db
from ..identity import search_tokens, similarity
from ..models import Agency, Attendance, AuditEntry, Event, Person, Sex
from ..security import parse_id


@dataclass
class PeopleFilters:
    q: str | None = None
    country: str | None = None
    agency: int | None = None
    sex: str | None = None  # a Sex, or UNKNOWN_SEX

    @classmethod
    def from_args(cls, args) -> "PeopleFilters":
        """The filters of a request's query arguments (the list and its exports share them)."""
        agency = args.get("agency", "")
        return cls(q=args.get("q") or None, country=args.get("country") or None,
                   agency=parse_id(agency),
                   sex=args.get("sex") if args.get("sex") in {*Sex, UNKNOWN_SEX} else None)


def _events_attended():
    return (select(func.count(Attendance.id)).join(Attendance.event)
            .where(Attendance.person_id == Person.id, Event.deleted_at.is_(None))
            .correlate(Person).scalar_subquery().label("events"))


def people_list(filters: PeopleFilters) -> Select:
    """(person, events attended) for the list at /people: the filters, the user's country,
    whole-word matches of a search first, then by name."""
    return _filtered(select(Person, _events_attended()).options(joinedload(Person.agency)), filters)


def people_export(filters: PeopleFilters) -> Select:
    """The same people in the same order as people_list, as plain columns (the exports read
    tens of thousands of them): name, sex, country, agency id, position, email, events."""
    return _filtered(select(Person.full_name, Person.sex, Person.country_code, Person.agency_id,
                            Person.position, Person.email, _events_attended()), filters)


def _filtered(query: Select, filters: PeopleFilters) -> Select:
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
    if filters.sex in set(Sex):
        query = query.where(Person.sex == filters.sex)
    elif filters.sex == UNKNOWN_SEX:
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


def find_people(query: str, *, country_code: str | None = None, limit: int = 10,
                scope=None) -> list[tuple[Person, float]]:
    """People whose name matches what was typed, in Latin or Cyrillic, best first.

    Every token typed must start a token of the name key (so "Беков" finds "Azamat Bekov"
    and "Bekova"); when that finds nothing, people sharing a token's first three letters are
    scored by similarity, which catches a typo or another transliteration.
    """
    tokens = search_tokens(query)
    if not tokens:
        return []
    key = " ".join(tokens)

    def token_starts(token: str):
        return or_(Person.name_key.startswith(token), Person.name_key.contains(" " + token))

    base = select(Person).where(Person.erased_at.is_(None))
    if country_code:
        base = base.where(Person.country_code == country_code)
    if scope is not None:
        base = scope(base)
    exact = db.session.scalars(base.where(and_(*map(token_starts, tokens))).limit(200)).all()
    prefixes = [token_starts(t[:3]) for t in tokens if len(t) >= 3]  # none for "Li Bo"
    candidates = exact or (prefixes and db.session.scalars(
        base.where(or_(*prefixes)).limit(500)).all()) or []
    scored = [(person, similarity(key, person.name_key)) for person in candidates]
    if not exact:
        scored = [(p, s) for p, s in scored if s >= 0.75]
    scored.sort(key=lambda pair: (-pair[1], pair[0].full_name))
    return scored[:limit]


def person_data(person: Person) -> dict:
    """Everything the tracker holds on one person, as plain JSON-ready data."""
    return {
        "person": {"id": person.id, "full_name": person.full_name, "sex": person.sex,
                   "country": person.country_code, "agency": person.agency.name if person.agency else None,
                   "position": person.position, "email": person.email,
                   "recorded_at": person.created_at.isoformat(), "erased_at":
                       person.erased_at.isoformat() if person.erased_at else None},
        "attendances": [{
            "event_id": a.event_id, "event": a.event.title, "start_date": a.event.start_date.isoformat(),
            "end_date": a.event.end_date.isoformat() if a.event.end_date else None,
            "role": a.role, "days_attended": a.effective_days,
            "agency": a.agency.name if a.agency else None, "pre_score": a.pre_score,
            "post_score": a.post_score, "rating": a.rating, "comment": a.comment,
        } for a in history(person)],
        "audit_log": [{"at": e.created_at.isoformat(), "action": e.action, "summary": e.summary,
                       "before": e.before, "after": e.after}
                      for e in db.session.scalars(select(AuditEntry).where(
                          AuditEntry.object_type == "person", AuditEntry.object_id == person.id)
                          .order_by(AuditEntry.id))],
    }
