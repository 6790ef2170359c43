"""Spreadsheet files for download: CSV (UTF-8 with a byte-order mark) and XLSX, with every
text cell a spreadsheet could read as a formula neutralised (OWASP's CSV-injection advice)."""
import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO, StringIO

from flask import Response, send_file
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from . import audit

# A cell starting with one of these is read as a formula (or a DDE command) by Excel,
# LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters no XLSX cell may hold (openpyxl refuses them: the export was a 500) and
# no CSV reader wants; tab and line breaks stay. Text on record from before they were refused
# at entry is written without them.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BOM = "\ufeff"  # without it Excel reads a UTF-8 CSV as the local code page: no Cyrillic
CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Sheet:
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence]
    widths: Sequence[int] = ()


def neutralise(value):
    """The value without control characters, and with a leading single quote if it is text
    that starts like a formula. Numbers, dates and None are left alone: only text can
    smuggle a formula."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS.sub("", value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence], delimiter: str = ",") -> str:
    """The rows as CSV text starting with a byte-order mark; numbers unquoted, dates DD.MM.YYYY.
    Semicolons are what Excel in a Russian locale opens by double click."""
    out = StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n", delimiter=delimiter)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue()


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.strftime("%d.%m.%Y")
    return neutralise(value)


def workbook(sheets: Iterable[Sheet]) -> Workbook:
    """A workbook of value cells only: text is always stored as text, never as a formula."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        add_sheet(book, sheet)
    return book


def add_sheet(book: Workbook, sheet: Sheet):
    worksheet = book.create_sheet(sheet.title[:31])
    worksheet.append([neutralise(h) for h in sheet.header])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        worksheet.append([neutralise(value) for value in row])
    for cells in worksheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                # openpyxl types any text starting with "=" as a formula; say it is text.
                cell.data_type = "s"
            elif isinstance(cell.value, (date, datetime)):
                cell.number_format = "DD.MM.YYYY"
    worksheet.freeze_panes = "A2"
    for index, width in enumerate(sheet.widths):
        worksheet.column_dimensions[get_column_letter(index + 1)].width = width
    return worksheet


def record_export(obj, summary: str) -> None:
    """Write who downloaded or printed what, and how many rows, to the audit log. Call it
    once the file or page is made, so that only what is sent is recorded."""
    audit.record("export", obj, summary=summary)


def csv_response(header: Sequence[str], rows: Iterable[Sequence], filename: str,
                 delimiter: str = ",") -> Response:
    response = send_file(BytesIO(csv_text(header, rows, delimiter).encode("utf-8")),
                         mimetype="text/csv", as_attachment=True, download_name=filename)
    response.headers["Content-Type"] = CSV_MIMETYPE  # the charset named once
    return response


def xlsx_response(book: Workbook, filename: str) -> Response:
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return send_file(buffer, mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=filename)
