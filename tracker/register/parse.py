"""Register files to typed rows: CSV (UTF-8, with or without BOM) or an XLSX's first sheet.

Knows nothing of the database: reference values (countries, topics, kinds, agency types,
phases) are checked by the plan. Every problem becomes a RowError; nothing here raises.
Reasons are written in the request's language (English on the command line).
"""
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from flask_babel import gettext as _

from ..validators import name_problem, text_problem
from .tables import FileProblem, read_csv, read_xlsx

EVENT_COLUMNS = (
    "event_title", "start_date", "end_date", "event_code", "event_kind", "event_scope",
    "event_status", "event_country", "event_city", "topics", "phase",
)
PERSON_COLUMNS = (
    "full_name", "sex", "country", "agency", "agency_type", "position", "email", "role",
    "days_attended", "pre_score", "post_score", "rating",
)
REQUIRED_EVENT_COLUMNS = ("event_title", "start_date")
REQUIRED_PERSON_COLUMNS = ("full_name", "country")

SEXES = {"f": "F", "female": "F", "ж": "F", "жен": "F", "женский": "F",
         "m": "M", "male": "M", "м": "M", "муж": "M", "мужской": "M"}
ROLES = ("participant", "trainer", "organiser", "observer")
ROLE_ALIASES = {"organizer": "organiser"}
SCOPES = ("regional", "national")
STATUSES = ("held", "planned", "cancelled")
STATUS_ALIASES = {"canceled": "cancelled"}
MAX_LENGTHS = {"event_title": 300, "event_code": 50, "event_city": 100, "full_name": 200,
               "agency": 200, "position": 200, "email": 254}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_ROWS = 500_000


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


@dataclass
class ParseResult:
    rows: list[RegisterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse(data: bytes, *, with_event_columns: bool = True) -> ParseResult:
    """Parse a register file. Without event columns, rows are one event's attendance list."""
    result = ParseResult()
    try:
        table = read_xlsx(data) if data[:2] == b"PK" else read_csv(data)
        header = next(table, None)
    except FileProblem as problem:
        result.errors.append(RowError(1, "file", str(problem)))
        return result
    if header is None or not any(cell.strip() for cell in header[1]):
        result.errors.append(RowError(1, "file", _("the file is empty; the first row must name the columns")))
        return result

    allowed = (EVENT_COLUMNS if with_event_columns else ()) + PERSON_COLUMNS
    required = (REQUIRED_EVENT_COLUMNS if with_event_columns else ()) + REQUIRED_PERSON_COLUMNS
    columns = _read_header(header[1], allowed, required, result.errors)
    if result.errors:
        return result
    try:
        for row_number, cells in table:
            if row_number > MAX_ROWS + 1:
                result.errors.append(RowError(row_number, "file",
                                              _("more than %(max)s rows; split the file", max=MAX_ROWS)))
                break
            values = {name: (cells[i].strip() if i < len(cells) else "") for name, i in columns.items()}
            if not any(values.values()):
                continue  # blank lines between blocks are common in hand-kept registers
            row = _parse_row(row_number, values, required, result.errors)
            if row is not None:
                result.rows.append(row)
    except FileProblem as problem:
        result.errors.append(RowError(1, "file", str(problem)))
    if not result.rows and not result.errors:
        result.errors.append(RowError(2, "file", _("the file has a header but no rows")))
    return result


def _read_header(cells: list[str], allowed: tuple[str, ...], required: tuple[str, ...],
                 errors: list[RowError]) -> dict[str, int]:
    from rapidfuzz import process

    columns: dict[str, int] = {}
    suggested: set[str] = set()
    for index, cell in enumerate(cells):
        name = cell.strip().lower().replace(" ", "_")
        if not name:
            continue
        if name not in allowed:
            nearest = process.extractOne(name, allowed)
            if nearest and nearest[1] >= 60:
                suggested.add(nearest[0])
                reason = _("unknown column; did you mean %(name)s?", name=nearest[0])
            else:
                reason = _("unknown column; allowed columns are %(columns)s", columns=", ".join(allowed))
            errors.append(RowError(1, cell.strip(), reason))
        elif name in columns:
            errors.append(RowError(1, cell.strip(), _("the column appears twice")))
        else:
            columns[name] = index
    for name in required:
        if name not in columns and name not in suggested:
            errors.append(RowError(1, name, _("required column is missing")))
    return columns


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_WHOLE = re.compile(r"\d+")


@lru_cache(maxsize=8192)
def parse_date(text: str) -> date | None:
    """YYYY-MM-DD or DD.MM.YYYY; None when it is neither or no such day exists."""
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DOTTED_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


class _RowReader:
    """Typed values of one row; each problem is added to `errors` against the row."""

    __slots__ = ("number", "values", "errors")

    def __init__(self, number: int, values: dict[str, str], errors: list[RowError]):
        self.number, self.values, self.errors = number, values, errors

    def bad(self, column: str, reason: str) -> None:
        self.errors.append(RowError(self.number, column, reason))

    def date(self, name: str) -> date | None:
        text = self.values.get(name, "")
        if not text:
            return None
        parsed = parse_date(text)
        if parsed is None:
            self.bad(name, _("“%(text)s” is not a date; use YYYY-MM-DD or DD.MM.YYYY", text=text))
        return parsed

    def whole(self, name: str, low: int, high: int | None = None) -> int | None:
        text = self.values.get(name, "")
        if not text:
            return None
        # At most nine digits: past 4,300 int() raises, past ten the database overflows.
        if not _WHOLE.fullmatch(text) or len(text) > 9 or int(text) < low \
                or (high is not None and int(text) > high):
            if high is not None:
                self.bad(name, _("“%(text)s” is not a whole number from %(low)s to %(high)s",
                                 text=text, low=low, high=high))
            else:
                self.bad(name, _("“%(text)s” is not a whole number %(low)s or more", text=text, low=low))
            return None
        return int(text)

    def choice(self, name: str, options: tuple[str, ...], aliases: dict[str, str] | None = None) -> str | None:
        text = self.values.get(name, "")
        if not text:
            return None
        value = text.lower()
        value = (aliases or {}).get(value, value)
        if value not in options:
            self.bad(name, _("“%(text)s” is not one of: %(options)s", text=text, options=", ".join(options)))
            return None
        return value


def _parse_row(number: int, values: dict[str, str], required: Iterable[str],
               errors: list[RowError]) -> RegisterRow | None:
    before = len(errors)
    read = _RowReader(number, values, errors)
    for name in required:
        if not values.get(name):
            read.bad(name, _("required; the cell is blank"))
    for name, limit in MAX_LENGTHS.items():
        if len(values.get(name, "")) > limit:
            read.bad(name, _("longer than %(limit)s characters", limit=limit))
    problem = name_problem(values.get("full_name"))
    if problem:
        read.bad("full_name", problem)
    for name, value in values.items():  # every other cell that is stored as text
        if name != "full_name" and (problem := text_problem(value)):
            read.bad(name, problem)
    start, end = read.date("start_date"), read.date("end_date")
    if start and end and end < start:
        read.bad("end_date", _("%(end)s is before the start date %(start)s",
                               end=end.strftime("%d.%m.%Y"), start=start.strftime("%d.%m.%Y")))
    sex_text = values.get("sex", "")
    sex = SEXES.get(sex_text.lower()) if sex_text else None
    if sex_text and sex is None:
        read.bad("sex", _("“%(text)s” is not F/M, female/male or Ж/М", text=sex_text))
    email = values.get("email") or None
    if email and not EMAIL.match(email):
        read.bad("email", _("“%(text)s” is not an email address", text=email))
    topics = tuple(t.strip() for t in values["topics"].split(";") if t.strip()) \
        if values.get("topics") else ()
    row = RegisterRow(
        row=number,
        full_name=" ".join(values.get("full_name", "").split()),
        country=values.get("country", ""),
        event_title=" ".join(values.get("event_title", "").split()) or None,
        start_date=start,
        end_date=end,
        event_code=values.get("event_code") or None,
        event_kind=values.get("event_kind") or None,
        event_scope=read.choice("event_scope", SCOPES),
        event_status=read.choice("event_status", STATUSES, STATUS_ALIASES),
        event_country=values.get("event_country") or None,
        event_city=values.get("event_city") or None,
        topics=topics,
        phase=read.whole("phase", 1),
        sex=sex,
        agency=" ".join(values.get("agency", "").split()) or None,
        agency_type=values.get("agency_type") or None,
        position=values.get("position") or None,
        email=email,
        role=read.choice("role", ROLES, ROLE_ALIASES) or "participant",
        days_attended=read.whole("days_attended", 1),
        pre_score=read.whole("pre_score", 0, 100),
        post_score=read.whole("post_score", 0, 100),
        rating=read.whole("rating", 1, 5),
    )
    return row if len(errors) == before else None
