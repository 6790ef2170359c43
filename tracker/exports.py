"""Spreadsheet files for download: CSV (UTF-8 with a byte-order mark) and XLSX, with every
text cell a spreadsheet could read as a formula neutralised (OWASP's CSV-injection advice)."""
import csv
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import TextIOWrapper
from tempfile import SpooledTemporaryFile
from typing import TextIO

from flask import Response, send_file
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
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
SPOOL_BYTES = 1024 * 1024  # a download is kept in memory up to this size, on disk beyond
BOLD = Font(bold=True)


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


class Counted:
    """Rows passed through as they come, counted (for the audit entry of a streamed file)."""

    def __init__(self, rows: Iterable[Sequence]):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row

    def __str__(self) -> str:
        return f"{self.count} row{'s' if self.count != 1 else ''}"


def write_csv(out: TextIO, header: Sequence[str], rows: Iterable[Sequence],
              delimiter: str = ",") -> None:
    """Write the rows as CSV text starting with a byte-order mark (numbers unquoted, dates
    DD.MM.YYYY). Semicolons are what Excel in a Russian locale opens by double click."""
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n", delimiter=delimiter)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.strftime("%d.%m.%Y")
    return neutralise(value)


def workbook(sheets: Iterable[Sheet]) -> Workbook:
    """A write-only workbook of value cells: rows go to disk as they come (a 50,000-row list
    in constant memory), and text is always stored as text, never as a formula."""
    book = Workbook(write_only=True)
    try:
        for sheet in sheets:
            add_sheet(book, sheet)
    except BaseException:
        discard(book)  # rows that failed half-way (a query refused): no sheet left half-written
        raise
    return book


def discard(book: Workbook) -> None:
    """End a write-only workbook that will not be saved: each sheet's writer closed and its
    temporary file removed (openpyxl keeps them until the process exits otherwise)."""
    for worksheet in book.worksheets:
        if worksheet._writer is None:  # one that never had a row has no file
            continue
        if not worksheet.closed:
            worksheet.close()
        if os.path.exists(worksheet._writer.out):
            worksheet._writer.cleanup()


def add_sheet(book: Workbook, sheet: Sheet):
    worksheet = book.create_sheet(sheet.title[:31])
    for index, width in enumerate(sheet.widths):
        worksheet.column_dimensions[get_column_letter(index + 1)].width = width
    worksheet.freeze_panes = "A2"
    worksheet.append([_bold(worksheet, h) for h in sheet.header])
    for row in sheet.rows:
        worksheet.append([_xlsx_cell(worksheet, value) for value in row])
    return worksheet


def _bold(worksheet, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=neutralise(value))
    cell.font = BOLD
    return cell


def _xlsx_cell(worksheet, value):
    value = neutralise(value)
    if isinstance(value, (date, datetime)):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "DD.MM.YYYY"
        return cell
    # After neutralise no text starts with "=", so openpyxl stores every text as text.
    return value


def record_export(obj, summary: str) -> None:
    """Write who downloaded or printed what, and how many rows, to the audit log. Call it
    once the file or page is made, so that only what is sent is recorded."""
    audit.record("export", obj, summary=summary)


def csv_response(header: Sequence[str], rows: Iterable[Sequence], filename: str,
                 delimiter: str = ",") -> Response:
    """The rows as a CSV download, written as they come (from the database, say): in memory
    up to SPOOL_BYTES, on disk beyond."""
    spool = SpooledTemporaryFile(max_size=SPOOL_BYTES)
    text = TextIOWrapper(spool, encoding="utf-8", newline="")
    write_csv(text, header, rows, delimiter)
    text.flush()
    text.detach()
    response = _send(spool, "text/csv", filename)
    response.headers["Content-Type"] = CSV_MIMETYPE  # the charset named once
    return response


def xlsx_response(book: Workbook, filename: str) -> Response:
    spool = SpooledTemporaryFile(max_size=SPOOL_BYTES)
    try:
        book.save(spool)
    except BaseException:
        discard(book)
        spool.close()
        raise
    return _send(spool, XLSX_MIMETYPE, filename)


def _send(spool, mimetype: str, filename: str) -> Response:
    spool.seek(0)
    # send_file closes the file once the body is sent (or the response is dropped).
    return send_file(spool, mimetype=mimetype, as_attachment=True, download_name=filename)
