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


def _event_roster(event_id: int):
    event = get_event(event_id)
    return event, lists.roster_rows(roster(event))


@bp.route("/events/<int:event_id>/export.csv")
@role_required(*PRINT_AND_EXPORT)
def event_csv(event_id: int):
    semicolons = request.args.get("separator") == "semicolon"  # for Excel in a Russian locale
    event, rows = _event_roster(event_id)
    response = csv_response(lists.roster_header(), rows, f"event-{event.id}-roster.csv",
                            delimiter=";" if semicolons else ",")
    record_export(event, f"Roster of event {event.id} as CSV{' (semicolons)' if semicolons else ''}: "
                         f"{_rows(rows)}")
    return response


@bp.route("/events/<int:event_id>/export.xlsx")
@role_required(*PRINT_AND_EXPORT)
def event_xlsx(event_id: int):
    event, rows = _event_roster(event_id)
    response = xlsx_response(workbook([lists.roster_sheet(event, rows)]),
                             f"event-{event.id}-roster.xlsx")
    record_export(event, f"Roster of event {event.id} as XLSX: {_rows(rows)}")
    return response


def _record_people(filters: PeopleFilters, file_format: str, rows: list) -> None:
    record_export(None, f"People list as {file_format} ({lists.describe_filters(filters)}): "
                        f"{_rows(rows)}")


@bp.route("/people/export.csv")
@role_required(*PRINT_AND_EXPORT)
def people_csv():
    filters = PeopleFilters.from_args(request.args)
    rows = lists.people_rows(filters)
    response = csv_response(lists.people_header(), rows, "people.csv")
    _record_people(filters, "CSV", rows)
    return response


@bp.route("/people/export.xlsx")
@role_required(*PRINT_AND_EXPORT)
def people_xlsx():
    filters = PeopleFilters.from_args(request.args)
    rows = lists.people_rows(filters)
    response = xlsx_response(workbook([lists.people_sheet(rows)]), "people.xlsx")
    _record_people(filters, "XLSX", rows)
    return response
