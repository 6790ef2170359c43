"""Which row of a sheet names the columns, and what each column is: the register's own names,
the headers programme offices write in English or Russian, or what the user mapped it to."""
import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from .limits import HEADER_SEARCH_ROWS

EVENT_COLUMNS = (
    "event_title", "start_date", "end_date", "event_code", "event_kind", "event_scope",
    "event_status", "event_country", "event_city", "topics", "phase",
)
PERSON_COLUMNS = (
    "full_name", "sex", "country", "agency", "agency_type", "position", "email", "role",
    "days_attended", "pre_score", "post_score", "rating",
)
# Separate name columns, joined into full_name in this order (surname first, as registers do).
NAME_PARTS = ("last_name", "first_name", "middle_name")
IGNORE = ""  # what a column mapped to nothing is mapped to

_ALIASES = {
    "event_title": "название мероприятия, наименование мероприятия, мероприятие, название, "
                   "тема мероприятия, event, event title, title, event name",
    "start_date": "дата начала, начало, дата, дата проведения, с, start date, start, date, from, date from",
    "end_date": "дата окончания, окончание, дата завершения, по, end date, end, to, date to",
    "event_code": "код мероприятия, код, event code, code",
    "event_kind": "вид мероприятия, тип мероприятия, формат мероприятия, формат, event kind, kind, "
                  "event type, type of event",
    "event_scope": "масштаб, уровень мероприятия, охват, scope, event scope, level",
    "event_status": "статус, статус мероприятия, status, event status",
    "event_country": "страна проведения, страна мероприятия, event country, host country",
    "event_city": "город, город проведения, место проведения, city, event city, venue, location",
    "topics": "темы, тема, тематика, topics, topic",
    "phase": "фаза, этап, phase",
    "full_name": "фио, фио участника, фамилия имя, фамилия и имя, фамилия имя отчество, "
                 "имя фамилия, полное имя, full name, name, participant, participant name, "
                 "name of participant, surname and name, name and surname",
    "last_name": "фамилия, last name, surname, family name",
    "first_name": "имя, first name, given name, forename",
    "middle_name": "отчество, middle name, patronymic",
    "sex": "пол, sex, gender",
    "country": "страна, гражданство, страна участника, country, citizenship, nationality",
    "agency": "ведомство, организация, учреждение, место работы, орган, agency, organisation, "
              "organization, institution, employer",
    "agency_type": "тип ведомства, тип организации, вид ведомства, agency type, type of agency",
    "position": "должность, должность звание, position, job title, post",
    "email": "email, электронная почта, эл почта, адрес электронной почты, e mail, почта, mail",
    "role": "роль, роль на мероприятии, role",
    "days_attended": "дней, дни, дней участия, количество дней, кол во дней, число дней, "
                     "days, days attended, number of days",
    "pre_score": "балл до, тест до, входной тест, pre score, pre test, pre test score",
    "post_score": "балл после, тест после, итоговый тест, post score, post test, post test score",
    "rating": "оценка, оценка мероприятия, rating",
}
NUMBER_COLUMN = {"№", "№ пп", "пп", "no", "n", "nr", "#", "номер", "number", "№№"}


def normalize(header: str) -> str:
    """A header cell as compared: case, punctuation, parenthesised notes and ё folded."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", str(header)).casefold().replace("ё", "е")
    text = re.sub(r"[.\-*:\"'«»/\\]", "", text)
    return " ".join(re.sub(r"[_,;]", " ", text).split())


KNOWN: dict[str, str] = {}
for _field, _names in _ALIASES.items():
    KNOWN[normalize(_field)] = _field
    for _name in _names.split(","):
        KNOWN.setdefault(normalize(_name), _field)


@dataclass
class Column:
    """One column of the header: what it says, where it is, and what it was matched to."""

    index: int  # position in the row's cells
    letter: str  # as the spreadsheet shows it: A, B, ... AA
    header: str
    field: str | None  # a register column or name part; None: unknown; IGNORE: not read
    how: str  # "known", "mapped", "ignored", "number", "blank", "unknown"
    is_hidden: bool = False


@dataclass
class Header:
    row: int
    columns: list[Column]
    skipped_rows: list[tuple[int, str]] = field(default_factory=list)  # title rows above it
    merged_above: bool = False

    @property
    def key(self) -> tuple[str, ...]:
        """The header as remembered mappings know it."""
        return tuple(normalize(c.header) for c in self.columns)

    @property
    def fields(self) -> dict[str, int]:
        return {c.field: c.index for c in self.columns if c.field}

    @property
    def unknown(self) -> list[Column]:
        return [c for c in self.columns if c.how == "unknown"]


def letter(number: int) -> str:
    """Column letters of a 1-based column number: 1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _score(cells: list, allowed: set[str], mapping: dict[str, str]) -> int:
    return sum(1 for cell in cells
               if (name := normalize(cell_text(cell))) and (KNOWN.get(name) in allowed or name in mapping))


def find_header(head: list[tuple[int, list]], allowed: set[str], mapping: dict[str, str]) -> tuple[int, int] | None:
    """(index into head, score) of the row that names the columns among the first rows: the one
    naming most known columns; else the first row of two or more texts (its columns to map)."""
    best = None
    for index, (number, cells) in enumerate(head):
        if number > HEADER_SEARCH_ROWS:
            break
        score = _score(cells, allowed, mapping)
        if score >= 2 and (best is None or score > best[1]):
            best = (index, score)
    if best:
        return best
    for index, (number, cells) in enumerate(head):
        if number > HEADER_SEARCH_ROWS:
            break
        texts = [cell for cell in cells if isinstance(cell, str) and cell.strip()]
        if len(texts) >= 2 and len(texts) == sum(1 for cell in cells if cell_text(cell)):
            return index, 0
    return None


def read_header(cells: list, *, first_column: int, allowed: set[str], mapping: dict[str, str],
                hidden: set[int]) -> list[Column]:
    columns = []
    for index, cell in enumerate(cells):
        text = cell_text(cell)
        name = normalize(text)
        number = first_column + index
        column = Column(index, letter(number), text, None, "unknown", number in hidden)
        if not name:
            column.field, column.how = IGNORE, "blank"
        elif name in mapping:
            column.field = mapping[name]
            column.how = "ignored" if mapping[name] == IGNORE else "mapped"
        elif KNOWN.get(name) in allowed:
            column.field, column.how = KNOWN[name], "known"
        elif name in NUMBER_COLUMN:
            column.field, column.how = IGNORE, "number"
        columns.append(column)
    return columns


def header_problems(columns: list[Column], required: tuple[str, ...]) -> list[tuple[str, str]]:
    """(column, reason) for each column named twice and each required column missing."""
    problems, seen = [], {}
    for column in columns:
        if column.field:
            if column.field in seen:
                problems.append((column.header, _("the column appears twice (also column %(letter)s)",
                                                  letter=seen[column.field].letter)))
            else:
                seen[column.field] = column
    has_name = "full_name" in seen or "last_name" in seen or "first_name" in seen
    for name in required:
        if name not in seen and not (name == "full_name" and has_name):
            problems.append((name, _("required column is missing")))
    return problems


def skipped_text(cells: list) -> str:
    text = " ".join(cell_text(cell) for cell in cells if cell_text(cell))
    return text if len(text) <= 80 else text[:79] + "…"
