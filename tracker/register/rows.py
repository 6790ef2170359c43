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
TEXT_COLUMNS = ("event_title", "event_code", "event_kind", "event_country", "event_city", "topics",
                "country", "agency", "agency_type", "position", "email")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_WHOLE = re.compile(r"\d+")
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
    for number, cells in rows:
        raw = {name: (cells[i] if i < len(cells) else "") for name, i in fields}
        if not any(cell_text(v) for v in raw.values()):
            continue  # blank lines between blocks are common in hand-kept registers
        if unnamed and not noted_unnamed and any(c.index < len(cells) and cell_text(cells[c.index])
                                                 for c in unnamed):
            noted_unnamed = True
            result.notes.append(_("Column %(letter)s has no name in the header; it is not read.",
                                  letter=next(c.letter for c in unnamed if c.index < len(cells)
                                              and cell_text(cells[c.index]))))
        before = len(result.errors)
        row = _Row(number, raw, result.errors, pending).build(required)
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

    def __init__(self, number: int, raw: dict, errors: list[RowError], pending: list):
        self.number, self.raw, self.errors, self.pending = number, raw, errors, pending
        self.text = {name: cell_text(value) for name, value in raw.items()}

    def bad(self, column: str, reason: str) -> None:
        self.errors.append(RowError(self.number, column, reason))

    def date(self, name: str):
        value = self.raw.get(name, "")
        text = self.text.get(name, "")
        if not text:
            return None
        parsed = values.cell_date(value)
        if isinstance(parsed, tuple):
            return parsed
        if parsed is None:
            self.bad(name, _("“%(text)s” is not a date; use YYYY-MM-DD or DD.MM.YYYY", text=text))
        return parsed

    def whole(self, name: str, low: int, high: int | None = None) -> int | None:
        text = self.text.get(name, "")
        if not text:
            return None
        if not _WHOLE.fullmatch(text) or int(text) < low or (high is not None and int(text) > high):
            if high is not None:
                self.bad(name, _("“%(text)s” is not a whole number from %(low)s to %(high)s",
                                 text=text, low=low, high=high))
            else:
                self.bad(name, _("“%(text)s” is not a whole number %(low)s or more", text=text, low=low))
            return None
        return int(text)

    def choice(self, name: str) -> str | None:
        text = self.text.get(name, "")
        if not text:
            return None
        value = values.choice(name, text)
        if value is None:
            if name == "sex":
                self.bad(name, _("“%(text)s” is not F/M, female/male or Ж/М", text=text))
            else:
                self.bad(name, _("“%(text)s” is not one of: %(options)s", text=text,
                                 options=_CHOICE_WORDS[name]))
        return value

    def full_name(self) -> str:
        name = self.text.get("full_name", "")
        if not name:
            name = " ".join(self.text[part] for part in NAME_PARTS if self.text.get(part))
        return " ".join(name.split())

    def build(self, required: tuple[str, ...]) -> RegisterRow | None:
        text = self.text
        full_name = self.full_name()
        for name in required:
            if not (full_name if name == "full_name" else text.get(name)):
                self.bad(name, _("required; the cell is blank"))
        if full_name and (problem := values.garbled(full_name, is_name=True)):
            self.bad("full_name", problem)
        for name in TEXT_COLUMNS:
            if text.get(name) and (problem := values.garbled(text[name])):
                self.bad(name, problem)
        for name, limit in MAX_LENGTHS.items():
            if len(text.get(name, "")) > limit:
                self.bad(name, _("longer than %(limit)s characters", limit=limit))
        if len(full_name) > MAX_LENGTHS["full_name"] and "full_name" not in text:
            self.bad("full_name", _("longer than %(limit)s characters", limit=MAX_LENGTHS["full_name"]))
        start, end = self.date("start_date"), self.date("end_date")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self.bad("end_date", _before(end, start))
        email = text.get("email") or None
        if email and not EMAIL.match(email):
            self.bad("email", _("“%(text)s” is not an email address", text=email))
        topics = tuple(t.strip() for t in re.split(r"[;\n]", text["topics"]) if t.strip()) \
            if text.get("topics") else ()
        row = RegisterRow(
            row=self.number, full_name=full_name, country=text.get("country", ""),
            event_title=" ".join(text.get("event_title", "").split()) or None,
            start_date=start if isinstance(start, date) else None,
            end_date=end if isinstance(end, date) else None,
            event_code=text.get("event_code") or None,
            event_kind=text.get("event_kind") or None,
            event_scope=self.choice("event_scope"),
            event_status=self.choice("event_status"),
            event_country=text.get("event_country") or None,
            event_city=text.get("event_city") or None,
            topics=topics,
            phase=self.whole("phase", 1),
            sex=self.choice("sex"),
            agency=" ".join(text.get("agency", "").split()) or None,
            agency_type=text.get("agency_type") or None,
            position=" ".join(text.get("position", "").split()) or None,
            email=email,
            role=self.choice("role") or "participant",
            days_attended=self.whole("days_attended", 1),
            pre_score=self.whole("pre_score", 0, 100),
            post_score=self.whole("post_score", 0, 100),
            rating=self.whole("rating", 1, 5),
        )
        for name, parsed in (("start_date", start), ("end_date", end)):
            if isinstance(parsed, tuple):
                self.pending.append((row, name, parsed, text[name]))
        return row
