"""The people list, with its filters, as CSV and XLSX: coordinators and admins only; every
download is written to the audit log. Rows go from the database to the file as they come."""
from flask import request

from ..auth.permissions import PRINT_AND_EXPORT, role_required
from ..exports import Counted, csv_response, record_export, workbook, xlsx_response
from ..reports import lists
from .blueprint import bp
from .queries import PeopleFilters


def _record_people(filters: PeopleFilters, file_format: str, rows: Counted) -> None:
    record_export(None, f"People list as {file_format} ({lists.describe_filters(filters)}): {rows}")


@bp.route("/people/export.csv")
@role_required(*PRINT_AND_EXPORT)
def export_csv():
    filters = PeopleFilters.from_args(request.args)
    rows = Counted(lists.people_rows(filters))
    response = csv_response(lists.people_header(), rows, "people.csv")
    _record_people(filters, "CSV", rows)
    return response


@bp.route("/people/export.xlsx")
@role_required(*PRINT_AND_EXPORT)
def export_xlsx():
    filters = PeopleFilters.from_args(request.args)
    rows = Counted(lists.people_rows(filters))
    response = xlsx_response(workbook([lists.people_sheet(rows)]), "people.xlsx")
    _record_people(filters, "XLSX", rows)
    return response
