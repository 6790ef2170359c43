"""Cell values the way people write them, to the register's values: sex, status, scope and role
in English or Russian, dates in the forms registers use, and text checked for lost encodings.
Pure functions: a cell in, a value (or None) out; nothing here knows the database."""
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..validators import name_problem, text_problem

SEXES = {
    "F": "f female woman w ж жен женский женщина девушка",
    "M": "m male man м муж мужской мужчина",
}
ROLES = {
    "participant": "participant участник участница слушатель слушательница стажер",
    "trainer": "trainer тренер инструктор преподаватель лектор trainer/expert эксперт-тренер",
    "organiser": "organiser organizer организатор организаторы",
    "observer": "observer наблюдатель наблюдательница",
}
SCOPES = {
    "regional": "regional региональный региональное региональная регион",
    "national": "national национальный национальное национальная страновой страновое",
}
STATUSES = {
    "held": "held проведено проведен проведён проведена состоялось состоялся завершено done",
    "planned": "planned запланировано запланирован планируется план",
    "cancelled": "cancelled canceled отменено отменен отменён отменена",
}


def _table(spec: dict[str, str]) -> dict[str, str]:
    return {word: value for value, words in spec.items() for word in [value.casefold(), *words.split()]}


_SEX, _ROLE, _SCOPE, _STATUS = map(_table, (SEXES, ROLES, SCOPES, STATUSES))
CHOICES = {"sex": _SEX, "role": _ROLE, "event_scope": _SCOPE, "event_status": _STATUS}


@lru_cache(maxsize=4096)
def choice(column: str, text: str) -> str | None:
    """The register's value for a word people write ("муж." -> "M", "проведено" -> "held")."""
    word = " ".join(text.casefold().replace("ё", "е").replace(".", " ").split())
    return CHOICES[column].get(word) or CHOICES[column].get(word.replace(" ", ""))


# --- dates ----------------------------------------------------------------------------------

MONTHS = {}
for _number, _names in enumerate((
        "января январь янв january jan", "февраля февраль фев february feb",
        "марта март мар march mar", "апреля апрель апр april apr", "мая май may",
        "июня июнь июн june jun", "июля июль июл july jul", "августа август авг august aug",
        "сентября сентябрь сен сент september sep sept", "октября октябрь окт october oct",
        "ноября ноябрь ноя нояб november nov", "декабря декабрь дек december dec"), start=1):
    MONTHS.update(dict.fromkeys(_names.split(), _number))

_YEAR_WORD = r"(?:\s*(?:г|гг|год|года)\.?)?"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})" + _YEAR_WORD)
_WORDED = re.compile(r"(\d{1,2})\s+([^\W\d_]+)\.?,?\s+(\d{4})" + _YEAR_WORD)
SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})" + _YEAR_WORD)
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")
EXCEL_EPOCH = date(1899, 12, 30)
PLAUSIBLE_YEARS = range(1990, 2101)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def serial_date(number: float) -> date | None:
    """An Excel serial day number (a date in a cell formatted as General), within plausible years."""
    if number != int(number):
        number = int(number)  # a time of day after the date
    try:
        day = EXCEL_EPOCH + timedelta(days=int(number))
    except OverflowError:
        return None
    return day if day.year in PLAUSIBLE_YEARS else None


@lru_cache(maxsize=8192)
def text_date(text: str) -> date | None:
    """A date written as YYYY-MM-DD, DD.MM.YYYY, DD.MM.YY, “7 марта 2017 г.”, “07.03.2017 г.”
    or an Excel serial number; None when it is none of these (slash dates: see `slash_date`)."""
    text = " ".join(text.split())
    if match := _ISO.fullmatch(text):
        year, month, day = map(int, match.groups())
        return _day(year, month, day)
    if match := _DOTTED.fullmatch(text.casefold()):
        day, month, year = match.groups()
        return _day(_year(year), int(month), int(day))
    if match := _WORDED.fullmatch(text.casefold()):
        day, month, year = match.groups()
        number = MONTHS.get(month)
        return _day(int(year), number, int(day)) if number else None
    if _SERIAL.fullmatch(text):
        return serial_date(float(text))
    return None


def cell_date(value) -> date | None | tuple[int, int, int]:
    """A date cell: a date, None when it is not one, or (first, second, year) for a slash date
    whose reading the whole file decides."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return serial_date(value)
    return _text_cell_date(str(value).strip())


@lru_cache(maxsize=8192)
def _text_cell_date(text: str) -> date | None | tuple[int, int, int]:
    if match := SLASHED.fullmatch(text.casefold()):
        first, second, year = match.groups()
        return int(first), int(second), _year(year)
    return text_date(text)


def slash_reading(dates: list[tuple[int, int, int]]) -> tuple[str | None, str | None]:
    """("day", None) or ("month", None) when the file's slash dates allow one reading;
    (None, why) otherwise, with the first date that shows the problem."""
    day_first = next((d for d in dates if d[0] > 12), None)
    month_first = next((d for d in dates if d[1] > 12), None)
    if day_first and month_first:
        return None, "both"
    if day_first:
        return "day", None
    if month_first:
        return "month", None
    if any(d[0] != d[1] for d in dates):
        return None, "either"
    return "day", None


def slash_date(parts: tuple[int, int, int], reading: str) -> date | None:
    first, second, year = parts
    return _day(year, second, first) if reading == "day" else _day(year, first, second)


# --- text -----------------------------------------------------------------------------------

# Text made only of these cannot hold a lost encoding: the common case, checked fast.
_PLAIN = re.compile(r"[A-Za-z0-9\u0410-\u044f\u0401\u0451 .,;:()'\"«»№@/&+_\-–—]*")
_LETTER = re.compile(r"[A-Za-z\u0410-\u044f\u0401\u0451]")


def garbled(text: str, *, is_name: bool = False) -> str | None:
    """Why a text cell cannot be stored as it is (lost encoding, control characters), or None."""
    if _PLAIN.fullmatch(text) and (not is_name or _LETTER.search(text)):
        return None
    return name_problem(text) if is_name else text_problem(text)
