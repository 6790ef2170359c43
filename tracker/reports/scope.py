"""What a totals page or API call asks for — phase and country — and what the user may see."""
from flask import abort
from flask_babel import force_locale

from ..auth.permissions import country_limit, refuse
from ..extensions import db
from ..models import Country
from ..security import MAX_ID, MAX_ID_DIGITS
from ..totals import UnknownPhase, period_totals, phase_totals
from .period import BadPeriod, Period, parse_period

ALL_PHASES = "all"


def requested_phase(value: str | None) -> int | None:
    """A phase number from a query argument; None (all phases) when absent or "all"."""
    if value is None or value.strip() in ("", ALL_PHASES):
        return None
    text = value.strip()
    try:
        # A number longer than any phase's is no phase (and past 4,300 digits int() raises).
        number = int(text) if len(text) <= MAX_ID_DIGITS + 1 else int(text[:MAX_ID_DIGITS + 1])
    except ValueError:
        abort(400, description=f"phase must be a whole number or \"all\", not {text[:20]!r}.")
    if abs(number) > MAX_ID or len(text) > MAX_ID_DIGITS + 1:
        abort(404, description=f"There is no phase {text[:20]}.")
    return number


def requested_period(args) -> Period | None:
    """The period of `from` and `to`, or None; 400 with an English message for bad dates, or
    for dates asked together with a phase (for the API: pages show field errors instead)."""
    try:
        period = parse_period(args.get("from"), args.get("to"))
    except BadPeriod as error:
        with force_locale("en"):
            abort(400, description=f"{error.field}: {error.message}")
    if period is not None and (args.get("phase") or "").strip():
        abort(400, description="Ask for a phase or for from/to dates, not both.")
    return period


def requested_country(value: str | None) -> str | None:
    """The country to count for: a limited user's own country whatever they ask; 403 for
    another one; 400 for a code that is not a country."""
    code = (value or "").strip().upper() or None
    own = country_limit()
    if own:
        if code and code != own:
            refuse(f"Your account sees only the figures of {own}.")
        return own
    if code and db.session.get(Country, code) is None:
        abort(400, description=f"country must be an ISO code of a listed country, not {value!r}.")
    return code


def totals_or_404(phase_number: int | None, country_code: str | None) -> dict:
    try:
        return phase_totals(phase_number, country_code)
    except UnknownPhase as error:
        abort(404, description=str(error))


def totals_for(asked, country_code: str | None) -> dict:
    """The totals object of what a page asked for (period.Asked): a period, a phase or all
    phases; 404 for an unknown phase."""
    if asked.period is not None:
        return period_totals(asked.period.start, asked.period.end, country_code)
    return totals_or_404(asked.phase, country_code)
