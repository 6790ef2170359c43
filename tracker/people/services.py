"""Writing people and agencies: creation checks identity first, every change is audited."""
from flask_babel import gettext as _
from sqlalchemy import and_, false, or_, select

from .. import audit
from ..database import lock_people
from ..extensions import db
from ..identity import email_key, name_key, same_official
from ..models import Agency, AgencyType, Person
from ..services import Refusal, first_wins, snapshot, unless_taken
from ..validators import name_problem
from .queries import find_people

PERSON_FIELDS = ("full_name", "sex", "country_code", "agency_id", "position", "email")
SIMILAR_ENOUGH = 0.85


class LooksLikeExisting(Refusal):
    """A new person who may be someone on record; the form offers the matches."""

    def __init__(self, matches: list[tuple[Person, float]]):
        super().__init__("full_name", _("This looks like someone already on record. "
                                        "Pick them below, or confirm this is a different person."))
        self.matches = matches


def same_person_on_record(full_name: str, country_code: str, email: str | None) -> Person | None:
    """The person on record whom identity.same_official() says this is (the one with the
    same email first), or None."""
    me = (email_key(email), country_code, name_key(full_name))
    same_email = Person.email_key == me[0] if me[0] else false()
    same_name = and_(Person.country_code == country_code, Person.name_key == me[2],
                     Person.erased_at.is_(None))
    candidates = db.session.scalars(select(Person).where(or_(same_email, same_name)))
    matches = [p for p in candidates if same_official(me, (p.email_key, p.country_code, p.name_key))]
    return min(matches, key=lambda p: (p.email_key != me[0], p.id), default=None)


def agency_named(country_code: str, name: str, *, other_than: int | None = None) -> Agency | None:
    """The country's agency of that name in any case. Compared here, not in SQL: SQLite's
    lower() folds only ASCII, so "ТАМОЖНЯ" and "Таможня" would pass for two agencies."""
    key = name.casefold()
    return next((a for a in db.session.scalars(select(Agency).where(Agency.country_code == country_code)
                                               .order_by(Agency.id))
                 if a.name.casefold() == key and a.id != other_than), None)


def resolve_agency(country_code: str, agency_id: str | int | None, new_name: str | None,
                   new_type_id: str | int | None = None) -> Agency | None:
    """The agency chosen from the list, or the one typed in (created, with its type, when it
    is not on record yet)."""
    if new_name and new_name.strip():
        name = " ".join(new_name.split())
        agency = agency_named(country_code, name)
        if agency is None:
            # Without a type its officials would count under "Not recorded" in every breakdown.
            agency_type = db.session.get(AgencyType, int(new_type_id)) if new_type_id else None
            if agency_type is None:
                raise Refusal("new_agency_type_id", _("Choose the new agency's type (“Other” "
                                                      "if none fits)."))
            with unless_taken() as taken:
                agency = Agency(name=name, country_code=country_code, agency_type=agency_type)
                db.session.add(agency)
            if taken:  # another request added it a moment ago
                return agency_named(country_code, name)
            audit.record("create", agency, summary=agency.name,
                         after={"name": agency.name, "country_code": country_code,
                                "agency_type": agency_type.code})
        return agency
    if agency_id:
        agency = db.session.get(Agency, int(agency_id))
        if agency is None:
            raise Refusal("agency_id", _("Choose an agency from the list."))
        if agency.country_code != country_code:
            raise Refusal("agency_id", _("%(agency)s is an agency of %(its)s, not of %(country)s.",
                                         agency=agency.name, its=agency.country_code, country=country_code))
        return agency
    return None


def _check_name(full_name: str) -> None:
    problem = name_problem(full_name) if full_name.strip() else _("Enter the name in letters.")
    if problem:
        raise Refusal("full_name", problem)


def create_person(values: dict, *, is_confirmed_new: bool = False) -> Person:
    """A new official; refused when SPEC says they are already on record, and held back
    (LooksLikeExisting) when they merely look like someone, until the user confirms."""
    full_name = " ".join(values["full_name"].split())
    _check_name(full_name)
    lock_people()  # until this request ends, nobody else adds people (they would be this one)
    same = same_person_on_record(full_name, values["country_code"], values.get("email"))
    if same is not None:
        raise LooksLikeExisting([(same, 1.0)])
    if not is_confirmed_new:
        matches = [(p, s) for p, s in find_people(full_name, country_code=values["country_code"])
                   if s >= SIMILAR_ENOUGH]
        if matches:
            raise LooksLikeExisting(matches)
    agency = resolve_agency(values["country_code"], values.get("agency_id"), values.get("new_agency"),
                            values.get("new_agency_type_id"))
    person = Person(full_name=full_name, sex=values.get("sex") or None,
                    country_code=values["country_code"], agency=agency,
                    position=(values.get("position") or "").strip() or None,
                    email=values.get("email"))
    db.session.add(person)
    db.session.flush()
    audit.record("create", person, summary=person.full_name, after=snapshot(person, PERSON_FIELDS))
    return person


def update_person(person: Person, values: dict) -> None:
    _check_name(values["full_name"])
    before = snapshot(person, PERSON_FIELDS)
    agency = resolve_agency(values["country_code"], values.get("agency_id"), values.get("new_agency"),
                            values.get("new_agency_type_id"))
    email = (values.get("email") or "").strip() or None
    if email and db.session.scalar(select(Person.id).where(
            Person.email_key == email.lower(), Person.id != person.id)):
        raise Refusal("email", _("Another person on record has this email. "
                                 "If they are the same official, merge them from the duplicates page."))
    person.full_name = values["full_name"]
    person.sex = values.get("sex") or None
    person.country_code = values["country_code"]
    person.agency = agency
    person.position = (values.get("position") or "").strip() or None
    person.email = email
    db.session.flush()
    audit.record("update", person, summary=person.full_name, before=before,
                 after=snapshot(person, PERSON_FIELDS))


def add_agency(name: str, country_code: str, agency_type_id: int | None) -> Agency:
    name = " ".join(name.split())
    already = _("%(name)s is already on the list for %(country)s.", name=name, country=country_code)
    if agency_named(country_code, name):
        raise Refusal("name", already)
    with first_wins("name", already):
        agency = Agency(name=name, country_code=country_code, agency_type_id=agency_type_id)
        db.session.add(agency)
    audit.record("create", agency, summary=name, after=snapshot(agency, ("name", "country_code", "agency_type_id")))
    return agency


def rename_agency(agency: Agency, name: str, agency_type_id: int | None) -> None:
    name = " ".join(name.split())
    if agency_named(agency.country_code, name, other_than=agency.id):
        raise Refusal("name", _("Another agency of %(country)s is called %(name)s.",
                                country=agency.country_code, name=name))
    before = snapshot(agency, ("name", "agency_type_id"))
    agency.name, agency.agency_type_id = name, agency_type_id
    audit.record("update", agency, summary=name, before=before,
                 after=snapshot(agency, ("name", "agency_type_id")))


def record_person_export(person: Person) -> None:
    audit.record("export", person, summary=f"all data held on person {person.id}")
