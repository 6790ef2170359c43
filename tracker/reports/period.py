"""Reporting periods (SPEC rule 13): a date range read from a request, its label, and the quick
choices a manager picks from (each phase, calendar year, half-year and quarter)."""
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..extensions import db
from ..models import Event, Phase

EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)  # past these a date is a typo


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def label(self) -> str:
        """"01.01.2017 – 31.12.2017", as the printed report and the XLSX write it."""
        return f"{self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"

    @property
    def args(self) -> dict[str, str]:
        """The query arguments that ask for this period."""
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}

    @property
    def slug(self) -> str:
        """For file names: 2017-01-01_2017-12-31."""
        return f"{self.start.isoformat()}_{self.end.isoformat()}"


class BadPeriod(ValueError):
    """Dates that make no period; `field` is "from" or "to", `message` says what to type."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


def _date(field: str, value: str) -> date:
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise BadPeriod(field, _l("Enter a date as YYYY-MM-DD, e.g. 2017-01-01.")) from None
    if not EARLIEST <= day <= LATEST:
        raise BadPeriod(field, _l("Enter a date between 1990 and 2100."))
    return day


def parse_period(start: str | None, end: str | None) -> Period | None:
    """The period from `from` and `to` (YYYY-MM-DD, both included); None when both are
    absent or blank. Raises BadPeriod."""
    start, end = (start or "").strip(), (end or "").strip()
    if not start and not end:
        return None
    if not start:
        raise BadPeriod("from", _l("Give the first day of the period too."))
    if not end:
        raise BadPeriod("to", _l("Give the last day of the period too."))
    period = Period(_date("from", start), _date("to", end))
    if period.end < period.start:
        raise BadPeriod("to", _l("The last day is before the first day."))
    return period


@dataclass(frozen=True)
class Choice:
    label: str
    args: dict[str, str]


def quick_choices(today: date | None = None, phases: list[Phase] | None = None
                  ) -> dict[str, list[Choice]]:
    """Phases, calendar years, half-years and quarters from the first phase (or held event) to
    the latest event or today, newest first: {"phases": [...], "years": [...], ...}."""
    today = today or date.today()
    if phases is None:
        phases = db.session.scalars(select(Phase)).all()
    phases = sorted(phases, key=lambda p: p.start_date, reverse=True)
    first_event, last_event = db.session.execute(
        select(func.min(Event.start_date), func.max(Event.start_date))).one()
    starts = [p.start_date for p in phases] + ([first_event] if first_event else [])
    ends = [min(p.end_date, today) for p in phases] + ([last_event] if last_event else [])
    choices: dict[str, list[Choice]] = {"phases": [
        Choice(p.name, {"phase": str(p.number)}) for p in phases]}
    if not starts:
        return choices | {"years": [], "halves": [], "quarters": []}
    years = range(max(ends).year, min(starts).year - 1, -1)
    choices["years"] = [Choice(str(y), Period(date(y, 1, 1), date(y, 12, 31)).args) for y in years]
    choices["halves"] = [
        Choice(_("%(year)s H%(half)s", year=y, half=h), Period(date(y, 6 * h - 5, 1), _month_end(y, 6 * h)).args)
        for y in years for h in (2, 1)]
    choices["quarters"] = [
        Choice(_("%(year)s Q%(quarter)s", year=y, quarter=q), Period(date(y, 3 * q - 2, 1), _month_end(y, 3 * q)).args)
        for y in years for q in (4, 3, 2, 1)]
    return choices


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


@dataclass
class Asked:
    """What a page was asked for: a phase (None: all phases) or a period, or errors by field
    ("from", "to") to show next to the date inputs."""

    phase: int | None = None
    period: Period | None = None
    errors: dict[str, str] | None = None

    @property
    def choice(self) -> str:
        """The value of the period menu that asks for this again."""
        if self.period is not None:
            return f"{self.period.start.isoformat()}_{self.period.end.isoformat()}"
        return "all" if self.phase is None else f"phase-{self.phase}"

    @property
    def args(self) -> dict[str, str]:
        """Query arguments asking for this again (for links and downloads)."""
        if self.period is not None:
            return self.period.args
        return {"phase": "all" if self.phase is None else str(self.phase)}


def asked_period(args, default_phase: int | None, read_phase) -> Asked:
    """Read the period menu (`period`: "all", "phase-N", "YYYY-MM-DD_YYYY-MM-DD" or "custom"
    with `from` and `to`), or `from`/`to`, or `phase` (read by `read_phase`, which answers
    400 for nonsense), else the default phase. Bad dates come back as errors, not raised."""
    choice = (args.get("period") or "").strip()
    start, end = args.get("from"), args.get("to")
    if choice.startswith("phase-"):
        return Asked(phase=read_phase(choice.removeprefix("phase-")))
    if choice == "all":
        return Asked(phase=None)
    if "_" in choice:
        start, end = choice.split("_", 1)
    elif choice != "custom" and not (start or end):
        return Asked(phase=read_phase(args["phase"]) if "phase" in args else default_phase)
    try:
        period = parse_period(start, end)
    except BadPeriod as error:
        return Asked(phase=default_phase, errors={error.field: str(error.message)})
    if period is None:
        return Asked(phase=default_phase, errors={"from": str(_l("Give the first and last day of the period."))})
    return Asked(period=period)


def period_menu(asked: Asked, today: date | None = None, phases: list[Phase] | None = None
                ) -> dict:
    """quick_choices() and whether "Custom dates" is the menu's choice (bad dates, or a period
    that is none of the quick ones)."""
    menu: dict = quick_choices(today, phases)
    quick = {f"{c.args['from']}_{c.args['to']}"
             for group in ("years", "halves", "quarters") for c in menu[group]}
    menu["custom"] = bool(asked.errors) or (asked.period is not None and asked.choice not in quick)
    return menu
