"""An event's roster arranged for paper: participants grouped by country and agency, the
other roles apart, the event's sessions for the sign-in sheet, and the certificates' recipients.

Nothing here counts for the figures: the report's totals come from events.queries.roster_counts.
"""
from dataclasses import dataclass, field
from itertools import groupby

from flask import abort
from flask_babel import gettext as _
from flask_babel import pgettext
from sqlalchemy import select

from ..extensions import db
from ..i18n import local_name
from ..models import AgencyType, Attendance, AttendanceRole, Country, Event, EventSession, Sex
from ..workshop import marks

# A4 landscape holds the name columns and about five signature columns of useful width;
# an event with more sessions gets one sheet per run of sessions.
SESSIONS_PER_SHEET = 5
BLANK_ROWS = 10


@dataclass
class AgencyGroup:
    name: str
    type_name: str
    attendances: list[Attendance]


@dataclass
class CountryGroup:
    code: str
    name: str
    agencies: list[AgencyGroup] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(group.attendances) for group in self.agencies)


def country_names() -> dict[str, Country]:
    """Every country by code (one small query), for names in English and Russian."""
    return {country.code: country for country in db.session.scalars(select(Country))}


def agency_types_by_english_name() -> dict[str, AgencyType]:
    """Every agency type by its English name: roster_counts() groups by that name."""
    return {agency_type.name_en: agency_type for agency_type in db.session.scalars(select(AgencyType))}


def sex_initial(sex: str | None) -> str | None:
    """One letter for a narrow column: F/M in English, Ж/М in Russian; None when unknown."""
    if sex == Sex.FEMALE:
        return pgettext("sex, one letter", "F")
    if sex == Sex.MALE:
        return pgettext("sex, one letter", "M")
    return None


def participants(roster: list[Attendance]) -> list[Attendance]:
    return [a for a in roster if a.role == AttendanceRole.PARTICIPANT]


def others(roster: list[Attendance]) -> list[Attendance]:
    """Trainers, organisers and observers, by role then name (the roster's own order)."""
    return [a for a in roster if a.role != AttendanceRole.PARTICIPANT]


def by_country_and_agency(roster: list[Attendance], countries: dict[str, Country]) -> list[CountryGroup]:
    """Participants grouped by country (by name in the page's language), then by the agency
    they represented."""
    def country_name(a: Attendance) -> str:
        country = countries.get(a.person.country_code)
        return local_name(country) if country else a.person.country_code

    def agency_name(a: Attendance) -> str:
        return a.agency.name if a.agency else ""

    rows = sorted(participants(roster), key=lambda a: (country_name(a), a.person.country_code,
                                                       agency_name(a).casefold(),
                                                       a.person.full_name.casefold()))
    groups = []
    for code, in_country in groupby(rows, key=lambda a: a.person.country_code):
        in_country = list(in_country)
        group = CountryGroup(code, country_name(in_country[0]))
        for _name, at_agency in groupby(in_country, key=agency_name):
            at_agency = list(at_agency)
            agency = at_agency[0].agency
            group.agencies.append(AgencyGroup(
                agency.name if agency else _("Agency not recorded"),
                local_name(agency.agency_type) if agency and agency.agency_type else "",
                at_agency))
        groups.append(group)
    return groups


def sign_in_order(roster: list[Attendance], countries: dict[str, Country]) -> list[Attendance]:
    """Participants in the report's order (a delegation signs together), then the others."""
    groups = by_country_and_agency(roster, countries)
    return [a for group in groups for agency in group.agencies for a in agency.attendances] + others(roster)


def session_runs(event: Event, size: int = SESSIONS_PER_SHEET) -> list[list[EventSession]]:
    """The event's sessions (one per day unless more were added) in runs of at most `size`:
    one sign-in sheet per run, one signature column per session."""
    sessions = marks.sessions_of(event)
    return [sessions[start:start + size] for start in range(0, len(sessions), size)]


def certificate_recipients(roster: list[Attendance]) -> list[Attendance]:
    """Participants, by name; people whose record was erased on request get none."""
    return sorted((a for a in participants(roster) if a.person.erased_at is None),
                  key=lambda a: a.person.full_name.casefold())


def certificate_recipient(roster: list[Attendance], person_id: int) -> Attendance:
    """The participant's attendance, or 404 for anyone who was not a participant."""
    for attendance in certificate_recipients(roster):
        if attendance.person_id == person_id:
            return attendance
    abort(404)


def russian_days(n: int) -> str:
    """"1 день", "3 дня", "5 дней": Russian picks the noun's form by the number."""
    if n % 10 == 1 and n % 100 != 11:
        word = "день"
    elif n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        word = "дня"
    else:
        word = "дней"
    return f"{n} {word}"
