"""The rows of the list exports: an event's roster, and the people list with its filters.
Headings, sheet names and the labels in the cells follow the page's language."""
from collections.abc import Iterable, Iterator

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.permissions import may_see_contacts
from ..exports import Sheet
from ..extensions import db
from ..i18n import local_name, role_names
from ..models import Agency, AgencyType, Attendance, Event, Sex
from ..people.queries import PeopleFilters, people_export
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
PEOPLE_BATCH = 1000


def roster_header() -> list[str]:
    return [str(column) for column in ROSTER_COLUMNS]


def people_header() -> list[str]:
    return [str(column) for column in PEOPLE_COLUMNS]


def _type_names() -> dict[int, str]:
    """Each agency type's name in the page's language, by id: asked once per file."""
    return {agency_type.id: local_name(agency_type)
            for agency_type in db.session.scalars(select(AgencyType))}


def roster_rows(roster: list[Attendance]) -> Iterator[list]:
    """One row per attendance; the agency is the one the person represented at the event."""
    sexes, roles, types = _sex_initials(), role_names(), _type_names()
    for a in roster:
        yield [a.person.full_name, sexes.get(a.person.sex), a.person.country_code,
               a.agency.name if a.agency else None,
               types.get(a.agency.agency_type_id) if a.agency else None, a.person.position,
               a.person.email if may_see_contacts(a.person) else None, roles[a.role],
               a.effective_days, a.event.code, a.event.title, a.event.start_date, a.event.end_date]


def _sex_initials() -> dict:
    """sex_initial of each sex, in the page's language, asked once per file, not per row."""
    return {sex: sex_initial(sex) for sex in Sex}


def roster_sheet(event: Event, rows: Iterable[list]) -> Sheet:
    return Sheet(_("Roster %(date)s", date=event.start_date.isoformat()), roster_header(), rows,
                 ROSTER_WIDTHS)


def people_rows(filters: PeopleFilters) -> Iterator[list]:
    """The people the list at /people shows for these filters (and the user's country), all
    pages at once, with the number of events each attended: read PEOPLE_BATCH rows at a time,
    as plain columns, the agencies' names and types looked up once."""
    types = _type_names()
    agencies = {agency_id: (name, types.get(type_id)) for agency_id, name, type_id
                in db.session.execute(select(Agency.id, Agency.name, Agency.agency_type_id))}
    sexes = _sex_initials()
    query = people_export(filters).execution_options(yield_per=PEOPLE_BATCH)
    for name, sex, country, agency_id, position, email, events in db.session.execute(query):
        agency, agency_type = agencies.get(agency_id, (None, None))
        yield [name, sexes.get(sex), country, agency, agency_type, position, email, events]


def people_sheet(rows: Iterable[list]) -> Sheet:
    return Sheet(_("People"), people_header(), rows, PEOPLE_WIDTHS)


def describe_filters(filters: PeopleFilters) -> str:
    """The filters as the audit log shows them, e.g. "q=bek, country=KG" or "no filters"."""
    parts = [f"{name}={value}" for name, value in vars(filters).items() if value not in (None, "")]
    return ", ".join(parts) or "no filters"
