"""The rows of the list exports: an event's roster, and the people list with its filters."""
from sqlalchemy.orm import joinedload

from ..exports import Sheet
from ..extensions import db
from ..models import Agency, Attendance, Event, Person
from ..people.queries import PeopleFilters, people_list

ROSTER_HEADER = ["Name", "Sex", "Country", "Agency", "Agency type", "Position", "Email", "Role",
                 "Days attended"]
ROSTER_WIDTHS = (32, 6, 9, 36, 22, 30, 30, 12, 14)
PEOPLE_HEADER = ["Name", "Sex", "Country", "Agency", "Agency type", "Position", "Email", "Events"]
PEOPLE_WIDTHS = (32, 6, 9, 36, 22, 30, 30, 8)


def _type_name(agency: Agency | None) -> str | None:
    return agency.agency_type.name_en if agency and agency.agency_type else None


def roster_rows(roster: list[Attendance]) -> list[list]:
    """One row per attendance; the agency is the one the person represented at the event."""
    return [[a.person.full_name, a.person.sex, a.person.country_code,
             a.agency.name if a.agency else None, _type_name(a.agency), a.person.position,
             a.person.email, a.role, a.effective_days] for a in roster]


def roster_sheet(event: Event, rows: list[list]) -> Sheet:
    return Sheet(f"Roster {event.start_date:%Y-%m-%d}", ROSTER_HEADER, rows, ROSTER_WIDTHS)


def people_rows(filters: PeopleFilters) -> list[list]:
    """The people the list at /people shows for these filters (and the user's country), all
    pages at once, with the number of events each attended."""
    query = people_list(filters).options(joinedload(Person.agency).joinedload(Agency.agency_type))
    return [[person.full_name, person.sex, person.country_code,
             person.agency.name if person.agency else None, _type_name(person.agency),
             person.position, person.email, events]
            for person, events in db.session.execute(query).unique()]


def people_sheet(rows: list[list]) -> Sheet:
    return Sheet("People", PEOPLE_HEADER, rows, PEOPLE_WIDTHS)


def describe_filters(filters: PeopleFilters) -> str:
    """The filters as the audit log shows them, e.g. "q=bek, country=KG" or "no filters"."""
    parts = [f"{name}={value}" for name, value in vars(filters).items() if value not in (None, "")]
    return ", ".join(parts) or "no filters"
