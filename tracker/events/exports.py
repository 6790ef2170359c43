"""An event's roster as CSV and XLSX: coordinators and admins only; every download is
written to the audit log."""
from flask import request

from ..auth.permissions import PRINT_AND_EXPORT, role_required
from ..exports import Counted, csv_response, record_export, workbook, xlsx_response
from ..reports import lists
from .blueprint import bp
from .queries import get_event, roster


def _event_roster(event_id: int):
    event = get_event(event_id)
    return event, Counted(lists.roster_rows(roster(event)))


@bp.route("/<int:event_id>/export.csv")
@role_required(*PRINT_AND_EXPORT)
def roster_csv(event_id: int):
    event, rows = _event_roster(event_id)
    semicolons = request.args.get("separator") == "semicolon"  # for Excel in a Russian locale
    response = csv_response(lists.roster_header(), rows, f"event-{event.id}-roster.csv",
                            delimiter=";" if semicolons else ",")
    record_export(event, f"Roster of event {event.id} as CSV{' (semicolons)' if semicolons else ''}: "
                         f"{rows}")
    return response


@bp.route("/<int:event_id>/export.xlsx")
@role_required(*PRINT_AND_EXPORT)
def roster_xlsx(event_id: int):
    event, rows = _event_roster(event_id)
    response = xlsx_response(workbook([lists.roster_sheet(event, rows)]),
                             f"event-{event.id}-roster.xlsx")
    record_export(event, f"Roster of event {event.id} as XLSX: {rows}")
    return response
