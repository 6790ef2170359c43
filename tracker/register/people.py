"""Planning the people side of an import: who each row is (SPEC identity rule), which
agencies are new, and what is learnt about people already on record."""
from collections import defaultdict
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..identity import email_key, name_key, same_official
from ..models import Agency, Person
from .parse import RegisterRow, RowError
from .reference import Reference

CHUNK = 2000  # bound on bound parameters per IN (...) query


def chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start:start + size]


@dataclass(eq=False)
class AgencyPlan:
    name: str
    country_code: str
    agency_type_id: int | None
    existing: Agency | None = None
    new_id: int | None = None

    @property
    def id(self) -> int | None:
        return self.existing.id if self.existing else self.new_id


@dataclass(eq=False)
class PersonPlan:
    first_row: int
    full_name: str
    name_key: str
    country_code: str
    existing: Person | None = None
    sex: str | None = None
    email: str | None = None
    position: str | None = None
    agency: AgencyPlan | None = None
    sex_row: int | None = None
    new_id: int | None = None

    @property
    def id(self) -> int | None:
        return self.existing.id if self.existing else self.new_id

    @property
    def changes(self) -> dict[str, object]:
        """For a person on record: what the file changes (blanks never erase)."""
        person = self.existing
        if person is None:
            return {}
        changes = {}
        for name in ("sex", "email", "position"):
            if getattr(self, name) and getattr(self, name) != getattr(person, name):
                changes[name] = getattr(self, name)
        if "email" in changes:
            changes["email_key"] = self.email.lower()
        if self.agency is not None and self.agency.id != person.agency_id:
            changes["agency"] = self.agency
        return changes


class PeoplePlanner:
    def __init__(self, rows: list[RegisterRow], ref: Reference, errors: list[RowError],
                 country_limit: str | None) -> None:
        self.ref, self.errors, self.country_limit = ref, errors, country_limit
        self.agencies: dict[tuple[str, str], AgencyPlan] = {}
        self.people: list[PersonPlan] = []
        self._new_by_email: dict[str, PersonPlan] = {}
        self._new_by_key: dict[tuple[str, str], list[PersonPlan]] = defaultdict(list)
        self._plans_of_existing: dict[int, PersonPlan] = {}
        self._load_existing(rows)

    def _load_existing(self, rows: list[RegisterRow]) -> None:
        emails = sorted({r.email.lower() for r in rows if r.email})
        keys = sorted({name_key(r.full_name) for r in rows})
        self.by_email: dict[str, Person] = {}
        self.by_key: dict[tuple[str, str], list[Person]] = defaultdict(list)
        for part in chunks(emails):
            for person in db.session.scalars(
                select(Person).where(Person.email_key.in_(part)).order_by(Person.id)
                .options(selectinload(Person.agency))  # the preview shows what changes
            ):
                self.by_email.setdefault(person.email_key, person)
        for part in chunks(keys):
            for person in db.session.scalars(
                select(Person).where(Person.name_key.in_(part), Person.erased_at.is_(None))
                .order_by(Person.id).options(selectinload(Person.agency))
            ):
                self.by_key[(person.country_code, person.name_key)].append(person)
        countries = sorted({c for r in rows if (c := self.ref.countries.get(r.country))})
        self.existing_agencies = {
            (a.country_code, a.name.casefold()): a
            for a in db.session.scalars(select(Agency).where(Agency.country_code.in_(countries)))
        }

    def person_for(self, row: RegisterRow) -> PersonPlan | None:
        """The person a row is about, planned or on record; None when the row is bad."""
        bad_before = len(self.errors)
        country = self.ref.countries.get(row.country)
        if country is None:
            self._bad(row, "country", self.ref.countries.unknown(row.country))
        elif self.country_limit and country != self.country_limit:
            self._bad(row, "country", _("your account may only record officials of %(country)s",
                                        country=self.country_limit))
        agency_type_id = None
        if row.agency_type:
            agency_type_id = self.ref.agency_types.get(row.agency_type)
            if agency_type_id is None:
                self._bad(row, "agency_type", self.ref.agency_types.unknown(row.agency_type))
        if len(self.errors) > bad_before:
            return None
        agency = self._agency(row, country, agency_type_id) if row.agency else None
        if agency is None and row.agency:
            return None
        key = name_key(row.full_name)
        plan = self._match(row, country, key)
        return plan if self._learn(plan, row, agency) else None

    def _match(self, row: RegisterRow, country: str, key: str) -> PersonPlan:
        """The person on record, or planned from an earlier row, whom identity.same_official()
        says the row is about (the one with the same email first); else a new one."""
        email = email_key(row.email)
        me = (email, country, key)
        person = self.by_email.get(email) if email else None
        if person is None:
            person = next((p for p in self.by_key.get((country, key), [])
                           if same_official(me, (p.email_key, p.country_code, p.name_key))), None)
        if person is not None:
            if person.id not in self._plans_of_existing:
                plan = PersonPlan(row.row, person.full_name, person.name_key, person.country_code,
                                  existing=person, sex=person.sex, email=person.email,
                                  position=person.position)
                self._plans_of_existing[person.id] = plan
                self.people.append(plan)
            return self._plans_of_existing[person.id]
        plan = self._new_by_email.get(email) if email else None
        if plan is None:
            plan = next((p for p in self._new_by_key[(country, key)]
                         if same_official(me, (email_key(p.email), p.country_code, p.name_key))), None)
        if plan is None:
            plan = PersonPlan(row.row, row.full_name, key, country)
            self._new_by_key[(country, key)].append(plan)
            self.people.append(plan)
        return plan

    def _learn(self, plan: PersonPlan, row: RegisterRow, agency: AgencyPlan | None) -> bool:
        """What the row says of the person: blanks never erase, a new agency or position wins."""
        if row.sex and plan.sex and row.sex != plan.sex:
            if plan.existing and plan.sex_row is None:
                reason = _("%(sex)s differs from %(known)s on record for %(name)s",
                           sex=row.sex, known=plan.sex, name=plan.full_name)
            else:
                reason = _("%(sex)s differs from %(known)s on row %(row)s for %(name)s",
                           sex=row.sex, known=plan.sex, row=plan.sex_row, name=plan.full_name)
            self._bad(row, "sex", reason)
            return False
        if row.sex and not plan.sex:
            plan.sex, plan.sex_row = row.sex, row.row
        if row.email and not plan.email:
            plan.email = row.email
            if not plan.existing:
                self._new_by_email[row.email.lower()] = plan
        if row.position:
            plan.position = row.position
        if agency is not None:
            plan.agency = agency
        return True

    def _agency(self, row: RegisterRow, country: str, agency_type_id: int | None) -> AgencyPlan | None:
        key = (country, row.agency.casefold())
        plan = self.agencies.get(key)
        if plan is None:
            existing = self.existing_agencies.get(key)
            plan = AgencyPlan(existing.name if existing else row.agency, country,
                              existing.agency_type_id if existing else agency_type_id, existing)
            self.agencies[key] = plan
        if agency_type_id and plan.agency_type_id and agency_type_id != plan.agency_type_id:
            self._bad(row, "agency_type", _("%(agency)s is recorded as %(type)s", agency=row.agency,
                                            type=self.ref.agency_types.name_of(plan.agency_type_id)))
            return None
        if agency_type_id and not plan.agency_type_id:
            plan.agency_type_id = agency_type_id
        return plan

    def _bad(self, row: RegisterRow, column: str, reason: str) -> None:
        self.errors.append(RowError(row.row, column, reason))

    @property
    def new_agencies(self) -> list[AgencyPlan]:
        return [a for a in self.agencies.values() if a.existing is None]

    @property
    def retyped_agencies(self) -> list[AgencyPlan]:
        return [a for a in self.agencies.values()
                if a.existing is not None and a.agency_type_id != a.existing.agency_type_id]
