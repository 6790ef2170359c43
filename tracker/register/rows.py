"""The rows under a register's header to RegisterRows: every cell read the way people write
it, every problem a RowError naming row and column. Stops after MAX_BAD_ROWS bad rows."""
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from . import values
from .header import IGNORE, NAME_PARTS, Header, cell_text
from .limits import MAX_BAD_ROWS

MAX_LENGTHS = {"event_title": 300, "event_code": 50, "event_city": 100, "full_name": 200,
               "agency": 200, "position": 200, "email": 254, "event_country": 100, "country": 100,
               "event_kind": 100, "agency_type": 100, "topics": 1000}
TEXT_COLUMNS = frozenset({"event_title", "event_code", "event_kind", "event_country", "event_city", "topics",
                "country", "agency", "agency_type", "position", "email"})
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_WHOLE = re.compile(r"\d{1,9}")  # longer is no count of days or scores (and int() refuses 4,300 digits)
# What follows the apostrophe that exports put before text a spreadsheet would run as a formula.
NEUTRALISED = frozenset("=+-@")
_TOPICS = re.compile(r"[;\n]")
WHOLE_RANGES = {"phase": (1, None), "days_attended": (1, None), "pre_score": (0, 100),
                "post_score": (0, 100), "rating": (1, 5)}
DATES = ("start_date", "end_date")
SPACED = frozenset({"event_title", "agency", "position"})  # runs of spaces made one
_CHOICE_WORDS = {
    "sex": "F/M, female/male or Ж/М",
    "role": "participant, trainer, organiser, observer",
    "event_scope": "regional, national",
    "event_status": "held, planned, cancelled",
}


@dataclass(frozen=True, order=True)
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return _("row %(row)s, %(column)s: %(reason)s", row=self.row, column=self.column,
                 reason=self.reason)


@dataclass(slots=True)
class RegisterRow:
    row: int
    full_name: str
    country: str
    event_title: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    event_code: str | None = None
    event_kind: str | None = None
    event_scope: str | None = None
    event_status: str | None = None
    event_country: str | None = None
    event_city: str | None = None
    topics: tuple[str, ...] = ()
    phase: int | None = None
    sex: str | None = None
    agency: str | None = None
    agency_type: str | None = None
    position: str | None = None
    email: str | None = None
    role: str = "participant"
    days_attended: int | None = None
    pre_score: int | None = None
    post_score: int | None = None
    rating: int | None = None


def read_rows(rows: Iterable[tuple[int, list]], header: Header, required: tuple[str, ...],
              result, slash_reading: str | None) -> None:
    """Add each row's RegisterRow (or its errors) to `result`; settle slash dates at the end."""
    fields = [(c.field, c.index) for c in header.columns if c.field and c.field != IGNORE]
    unnamed = [c for c in header.columns if c.how == "blank"]
    pending: list[tuple[RegisterRow, str, tuple[int, int, int], str]] = []
    bad_rows: set[int] = set()
    noted_unnamed = False
    memo: dict = {}
    dates = [(name, i) for name, i in fields if name in ("start_date", "end_date")]
    for number, cells in rows:
        width = len(cells)
        text = {}
        for name, i in fields:
            value = cells[i] if i < width else ""
            value = value.strip() if value.__class__ is str else cell_text(value)
            if value[:1] == "'" and value[1:2] in NEUTRALISED:
                value = value[1:]  # our exports' guard against formulas, taken off again
            text[name] = value
        if not any(text.values()):
            continue  # blank lines between blocks are common in hand-kept registers
        raw = {name: cells[i] for name, i in dates if i < width}
        if unnamed and not noted_unnamed and any(c.index < len(cells) and cell_text(cells[c.index])
                                                 for c in unnamed):
            noted_unnamed = True
            result.notes.append(_("Column %(letter)s has no name in the header; it is not read.",
                                  letter=next(c.letter for c in unnamed if c.index < len(cells)
                                              and cell_text(cells[c.index]))))
        before = len(result.errors)
        row = _Row(number, raw, text, result.errors, pending).build(required, memo)
        if len(result.errors) > before:
            bad_rows.add(number)
            if len(bad_rows) > MAX_BAD_ROWS:
                del result.errors[before:]
                result.errors.append(RowError(number, "file", _(
                    "more than %(max)s bad rows; the first %(max)s are listed. Correct them and "
                    "upload the file again", max=f"{MAX_BAD_ROWS:,}")))
                return
        elif row is not None:
            result.rows.append(row)
    if pending:
        _settle_slash_dates(pending, result, slash_reading, bad_rows)


def _settle_slash_dates(pending, result, reading: str | None, bad_rows: set[int]) -> None:
    if reading is None:
        reading, why = values.slash_reading([parts for _r, _c, parts, _t in pending])
        if reading is None:
            result.slash_question = True
            row, column, _parts, text = pending[0]
            if why == "both":
                reason = _("dates are written with slashes both day first and month first in this "
                           "file; write them as DD.MM.YYYY")
            else:
                reason = _("“%(text)s” can be read day first or month first: which is it? Answer the "
                           "question (day first or month first?) or write dates as DD.MM.YYYY",
                           text=text)
            result.errors.append(RowError(row.row, column, reason))
            return
    broken = set()
    for row, column, parts, text in pending:
        day = values.slash_date(parts, reading)
        if day is None:
            result.errors.append(RowError(row.row, column, _(
                "“%(text)s” is not a date; use YYYY-MM-DD or DD.MM.YYYY", text=text)))
            broken.add(row.row)
        else:
            setattr(row, column, day)
    for row, _column, _parts, _text in pending:
        if row.start_date and row.end_date and row.end_date < row.start_date and row.row not in broken:
            result.errors.append(RowError(row.row, "end_date", _before(row.end_date, row.start_date)))
            broken.add(row.row)
    if broken:
        result.rows = [r for r in result.rows if r.row not in broken]


def _before(end: date, start: date) -> str:
    return _("%(end)s is before the start date %(start)s",
             end=end.strftime("%d.%m.%Y"), start=start.strftime("%d.%m.%Y"))


class _Row:
    """Typed values of one row; each problem is added to `errors` against the row."""

    __slots__ = ("number", "raw", "errors", "pending", "text")

    def __init__(self, number: int, raw: dict, text: dict[str, str], errors: list[RowError],
                 pending: list):
        self.number, self.raw, self.text, self.errors, self.pending = number, raw, text, errors, pending

    def bad(self, column: str, reason: str) -> None:
        self.errors.append(RowError(self.number, column, reason))

    def full_name(self) -> str:
        name = self.text.get("full_name", "")
        if not name:
            name = " ".join(self.text[part] for part in NAME_PARTS if self.text.get(part))
        return " ".join(name.split())

    def build(self, required: tuple[str, ...], memo: dict) -> RegisterRow | None:
        """The row's RegisterRow. `memo` holds what each (column, text) was read as: a register
        repeats its event's facts, countries and agencies on every row."""
        text, found = self.text, {}
        for name, value in text.items():
            if not value or name in NAME_PARTS or name == "full_name":
                continue
            key = (name, value)
            read = memo.get(key)
            if read is None:
                read = memo[key] = _read(name, value, self.raw.get(name))
            found[name], problems = read
            for problem in problems:
                self.bad(name, problem)
        full_name = self.full_name()
        for name in required:
            if not (full_name if name == "full_name" else text.get(name)):
                self.bad(name, _("required; the cell is blank"))
        if full_name and (problem := values.garbled(full_name, is_name=True)):
            self.bad("full_name", problem)
        if len(full_name) > MAX_LENGTHS["full_name"]:
            self.bad("full_name", _("longer than %(limit)s characters", limit=MAX_LENGTHS["full_name"]))
        start, end = found.get("start_date"), found.get("end_date")
        if start.__class__ is date and end.__class__ is date and end < start:
            self.bad("end_date", _before(end, start))
        email = found.get("email")
        if email and not EMAIL.match(email):
            self.bad("email", _("“%(text)s” is not an email address", text=email))
        for name in DATES:
            if found.get(name).__class__ is tuple:
                self.pending.append((None, name, found.pop(name), text[name]))
        found["role"] = found.get("role") or "participant"
        row = RegisterRow(self.number, full_name, found.pop("country", ""), **found)
        for index in range(len(self.pending) - 1, -1, -1):
            if self.pending[index][0] is not None:
                break
            _none, name, parts, written = self.pending[index]
            self.pending[index] = (row, name, parts, written)
        return row


def _read(name: str, text: str, raw) -> tuple[object, tuple[str, ...]]:
    """(value, problems) of one cell, `raw` the cell's typed value where it matters (dates)."""
    problems = []
    if name in TEXT_COLUMNS and (problem := values.garbled(text)):
        problems.append(problem)
    if len(text) > MAX_LENGTHS.get(name, 1000):
        problems.append(_("longer than %(limit)s characters", limit=MAX_LENGTHS.get(name, 1000)))
    if name in _CHOICE_WORDS:
        value = values.choice(name, text)
        if value is None:
            problems.append(_("“%(text)s” is not F/M, female/male or Ж/М", text=text) if name == "sex"
                            else _("“%(text)s” is not one of: %(options)s", text=text,
                                   options=_CHOICE_WORDS[name]))
    elif name in WHOLE_RANGES:
        low, high = WHOLE_RANGES[name]
        value = int(text) if _WHOLE.fullmatch(text) else None
        if value is None or value < low or (high is not None and value > high):
            value = None
            problems.append(_("“%(text)s” is not a whole number from %(low)s to %(high)s",
                              text=text, low=low, high=high) if high is not None else
                            _("“%(text)s” is not a whole number %(low)s or more", text=text, low=low))
    elif name in DATES:
        value = values.cell_date(text if raw is None else raw)
        if value is None:
            problems.append(_("“%(text)s” is not a date; use YYYY-MM-DD or DD.MM.YYYY", text=text))
    elif name in SPACED:
        value = " ".join(text.split())
    elif name == "topics":
        value = tuple(t.strip() for t in _TOPICS.split(text) if t.strip())
    else:
        value = text
    return value, tuple(problems)
