"""Lists of people as CSV and XLSX: an event's roster, and the people list with its filters.

Coordinators and admins only; every download is written to the audit log.
"""
from flask import Blueprint, request

from ..auth.permissions import PRINT_AND_EXPORT, role_required
from ..events.queries import get_event, roster
from ..exports import csv_response, record_export, workbook, xlsx_response
from ..people.queries import PeopleFilters
from . import lists

bp = Blueprint("exports", __name__)


def _rows(rows: list) -> str:
    return f"{len(rows)} row{'s' if len(rows) != 1 else ''}"


def _event_roster(event_id: int, file_format: str):
    event = get_event(event_id)
    rows = lists.roster_rows(roster(event))
    record_export(event, f"Roster of event {event.id} as {file_format}: {_rows(rows)}")
    return event, rows


@bp.route("/events/<int:event_id>/export.csv")
@role_required(*PRINT_AND_EXPORT)
def event_csv(event_id: int):
    event, rows = _event_roster(event_id, "CSV")
    return csv_response(lists.roster_header(), rows, f"event-{event.id}-roster.csv")


@bp.route("/events/<int:event_id>/export.xlsx")
@role_required(*PRINT_AND_EXPORT)
def event_xlsx(event_id: int):
    event, rows = _event_roster(event_id, "XLSX")
    return xlsx_response(workbook([lists.roster_sheet(event, rows)]), f"event-{event.id}-roster.xlsx")


def _people(file_format: str) -> list[list]:
    filters = PeopleFilters.from_args(request.args)
    rows = lists.people_rows(filters)
    record_export(None, f"People list as {file_format} ({lists.describe_filters(filters)}): {_rows(rows)}")
    return rows


@bp.route("/people/export.csv")
@role_required(*PRINT_AND_EXPORT)
def people_csv():
    return csv_response(lists.people_header(), _people("CSV"), "people.csv")


@bp.route("/people/export.xlsx")
@role_required(*PRINT_AND_EXPORT)
def people_xlsx():
    return xlsx_response(workbook([lists.people_sheet(_people("XLSX"))]), "people.xlsx")
