"""The rows of the list exports: an event's roster, and the people list with its filters.
Headings, sheet names and the labels in the cells follow the page's language."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from ..auth.permissions import may_see_contacts
from ..exports import Sheet
from ..extensions import db
from ..i18n import label, local_name
from ..models import Agency, Attendance, Event, Person
from ..people.queries import PeopleFilters, people_list
from .attendance import sex_initial

# The event's code, title and dates end each row: a roster export is itself a register that
# /import and the event's own attendance-list upload take back unchanged.
ROSTER_COLUMNS = [_l("Full name"), _l("Sex"), _l("Country"), _l("Agency"), _l("Agency type"),
                  _l("Position"), _l("Email"), _l("Role"), _l("Days attended"), _l("Event code"),
                  _l("Event"), _l("Start date"), _l("End date")]
ROSTER_WIDTHS = (32, 6, 9, 36, 22, 30, 30, 12, 14, 14, 40, 12, 12)
PEOPLE_COLUMNS = [_l("Name"), _l("Sex"), _l("Country"), _l("Agency"), _l("Agency type"),
                  _l("Position"), _l("Email"), _l("Events")]
PEOPLE_WIDTHS = (32, 6, 9, 36, 22, 30, 30, 8)


def roster_header() -> list[str]:
    return [str(column) for column in ROSTER_COLUMNS]


def people_header() -> list[str]:
    return [str(column) for column in PEOPLE_COLUMNS]


def _type_name(agency: Agency | None) -> str | None:
    return local_name(agency.agency_type) if agency and agency.agency_type else None


def roster_rows(roster: list[Attendance]) -> list[list]:
    """One row per attendance; the agency is the one the person represented at the event."""
    return [[a.person.full_name, sex_initial(a.person.sex), a.person.country_code,
             a.agency.name if a.agency else None, _type_name(a.agency), a.person.position,
             a.person.email if may_see_contacts(a.person) else None,
             label("role", a.role).lower(), a.effective_days, a.event.code,
             a.event.title, a.event.start_date, a.event.end_date] for a in roster]


def roster_sheet(event: Event, rows: list[list]) -> Sheet:
    return Sheet(_("Roster %(date)s", date=event.start_date.isoformat()), roster_header(), rows,
                 ROSTER_WIDTHS)


def people_rows(filters: PeopleFilters) -> list[list]:
    """The people the list at /people shows for these filters (and the user's country), all
    pages at once, with the number of events each attended."""
    query = people_list(filters).options(joinedload(Person.agency).joinedload(Agency.agency_type))
    return [[person.full_name, sex_initial(person.sex), person.country_code,
             person.agency.name if person.agency else None, _type_name(person.agency),
             person.position, person.email, events]
            for person, events in db.session.execute(query).unique()]


def people_sheet(rows: list[list]) -> Sheet:
    return Sheet(_("People"), people_header(), rows, PEOPLE_WIDTHS)


def describe_filters(filters: PeopleFilters) -> str:
    """The filters as the audit log shows them, e.g. "q=bek, country=KG" or "no filters"."""
    parts = [f"{name}={value}" for name, value in vars(filters).items() if value not in (None, "")]
    return ", ".join(parts) or "no filters"
