"""Register files to typed rows: the sheet and row that hold the header found, each column
matched (English or Russian name, or the user's mapping), each cell read the way people write it.

Knows nothing of the database: reference values (countries, topics, kinds, agency types,
phases) are checked by the plan; remembered mappings come in as a function. Every problem
becomes a RowError; nothing here raises. Reasons are written in the request's language
(English on the command line).
"""
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain, islice

from flask_babel import gettext as _

from . import header as headers
from .header import EVENT_COLUMNS, IGNORE, NAME_PARTS, PERSON_COLUMNS, Header
from .limits import HEADER_SEARCH_ROWS, MAX_BAD_ROWS, FileProblem
from .rows import RegisterRow, RowError, read_rows
from .tables import read_pasted, read_sheets

REQUIRED_EVENT_COLUMNS = ("event_title", "start_date")
REQUIRED_PERSON_COLUMNS = ("full_name", "country")
ALLOWED = set(EVENT_COLUMNS) | set(PERSON_COLUMNS) | set(NAME_PARTS)


@dataclass
class ParseResult:
    rows: list[RegisterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    header: Header | None = None
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)  # what the preview tells besides errors
    slash_question: bool = False  # the file's slash dates need "day first or month first?"

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def needs_mapping(self) -> bool:
        return bool(self.header and self.header.unknown)


def parse(data: bytes | None = None, *, pasted: str | None = None, with_event_columns: bool = True,
          mapping: dict[str, str] | None = None,
          remembered: Callable[[tuple[str, ...]], dict[str, str] | None] | None = None,
          ignore_unknown: bool = False, slash_reading: str | None = None) -> ParseResult:
    """Parse a register file (or rows pasted from a spreadsheet). Without event columns, rows
    are one event's attendance list (event columns, if present, are still read and checked).

    `mapping`: header text -> register column ("" ignores the column), chosen by the user;
    `remembered(header key)` gives the mapping kept for a header seen before."""
    result = ParseResult()
    mapping = {headers.normalize(k): v for k, v in (mapping or {}).items()}
    try:
        sheets = read_pasted(pasted) if pasted is not None else read_sheets(data or b"")
        found = _find_sheet(sheets, mapping, result)
    except FileProblem as problem:
        result.errors.append(RowError(1, "file", str(problem)))
        return result
    if found is None:
        return result
    sheet, head, index = found
    number, cells = head[index]
    if remembered is not None:
        key = tuple(headers.normalize(headers.cell_text(c)) for c in cells)
        mapping = {**(remembered(key) or {}), **mapping}
    header = Header(number, headers.read_header(cells, first_column=sheet.first_column, allowed=ALLOWED,
                                                mapping=mapping, hidden=sheet.hidden_columns))
    header.skipped_rows = [(n, headers.skipped_text(c)) for n, c in head[:index] if any(map(headers.cell_text, c))]
    header.merged_above = any(n < number for n in sheet.merged_rows)
    result.header = header
    _note_header(result, header)
    required = (REQUIRED_EVENT_COLUMNS if with_event_columns else ()) + REQUIRED_PERSON_COLUMNS
    _check_columns(result, header, required, ignore_unknown)
    if result.errors:
        return result
    try:
        read_rows(chain(head[index + 1:], sheet.rows_left), header, required, result, slash_reading)
    except FileProblem as problem:
        result.errors.append(RowError(1, "file", str(problem)))
    if not result.rows and not result.errors:
        result.errors.append(RowError(header.row + 1, "file", _("the file has a header but no rows")))
    return result


def _find_sheet(sheets, mapping: dict[str, str], result: ParseResult):
    """(sheet, its first rows, index of the header among them) of the first sheet that names
    the register's columns; a sheet of unknown column names only if none does."""
    fallback, seen_cells = None, False
    for sheet in sheets:
        rows = sheet.rows()
        head = list(islice(rows, HEADER_SEARCH_ROWS))
        sheet.rows_left = rows
        seen_cells = seen_cells or any(any(map(headers.cell_text, cells)) for _n, cells in head)
        found = headers.find_header(head, ALLOWED, mapping)
        if found and found[1] >= 2:
            fallback = (sheet, head, found[0])
            break
        if found and fallback is None:
            fallback = (sheet, head, found[0])
    if fallback is None:
        seen_cells = seen_cells or any(any(map(headers.cell_text, cells))
                                       for sheet in sheets for _n, cells in islice(sheet.rows_left, 1000))
        if not seen_cells:
            result.errors.append(RowError(1, "file", _("the file is empty; the first row must name the columns")))
        else:
            result.errors.append(RowError(1, "file", _(
                "the header must be in the first %(n)s rows of a sheet, naming the columns "
                "(for example full_name or ФИО, country or Страна); no such row was found",
                n=HEADER_SEARCH_ROWS)))
        return None
    sheet = fallback[0]
    if len(sheets) > 1:
        others = ", ".join(f"“{s.name}”" for s in sheets if s is not sheet)
        result.notes.append(_("Only one sheet is read: “%(sheet)s”; the other sheets (%(others)s) "
                              "were not read.", sheet=sheet.name, others=others))
    result.sheet = sheet.name
    return fallback


def _note_header(result: ParseResult, header: Header) -> None:
    if header.skipped_rows:
        first, last = header.skipped_rows[0][0], header.skipped_rows[-1][0]
        rows = str(first) if first == last else f"{first}–{last}"
        text = header.skipped_rows[0][1]
        if header.merged_above:
            result.notes.append(_("Rows %(rows)s above the header (merged cells) were not read: "
                                  "“%(text)s”.", rows=rows, text=text))
        else:
            result.notes.append(_("Rows %(rows)s above the header were not read: “%(text)s”.",
                                  rows=rows, text=text))
    for column in header.columns:
        if column.is_hidden and column.field:
            result.notes.append(_("Column %(letter)s (“%(name)s”) is hidden in the spreadsheet; it is "
                                  "read like the others.", letter=column.letter, name=column.header))
        elif column.how == "number":
            result.notes.append(_("Column %(letter)s (“%(name)s”) numbers the rows; it is not read.",
                                  letter=column.letter, name=column.header))


def _check_columns(result: ParseResult, header: Header, required: tuple[str, ...],
                   ignore_unknown: bool) -> None:
    from rapidfuzz import process

    for column in header.unknown:
        if ignore_unknown:
            column.field, column.how = IGNORE, "ignored"
            result.notes.append(_("Column %(letter)s (“%(name)s”) is not a register column; it is "
                                  "not read.", letter=column.letter, name=column.header))
            continue
        name = column.header.strip().lower().replace(" ", "_")
        nearest = process.extractOne(name, EVENT_COLUMNS + PERSON_COLUMNS)
        if nearest and nearest[1] >= 60 and re.fullmatch(r"[a-z_]+", name):
            reason = _("unknown column; did you mean %(name)s?", name=nearest[0])
        else:
            reason = _("unknown column; map it to a register column or ignore it")
        result.errors.append(RowError(header.row, column.header, reason))
    known = {c.field for c in header.columns if c.field}
    for column, reason in headers.header_problems(header.columns, required):
        if column in required and column not in known and _suggested(result, column):
            continue  # "did you mean" already says it
        result.errors.append(RowError(header.row, column, reason))


def _suggested(result: ParseResult, column: str) -> bool:
    return any(column in e.reason and "?" in e.reason for e in result.errors)


__all__ = ["EVENT_COLUMNS", "MAX_BAD_ROWS", "PERSON_COLUMNS", "ParseResult", "RegisterRow",
           "RowError", "parse"]
