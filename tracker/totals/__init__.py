"""The counting rules (SPEC rules 1–13): every figure on every page, export, API and CLI
comes from here, and nothing else counts.

The figures are kept with the data: facts.py says what every person and event adds to
small counters per bucket (all phases, a phase, a calendar year, half-year or quarter),
tracking.py moves those counters in the same transaction as every write, and read.py turns
a bucket's counters into SPEC's totals object — a few hundred rows, whatever the data's size.
queries.py holds the same rules as SQL aggregates over the raw tables: they answer periods
that are no bucket (custom dates), and `flask totals --check` holds the counters to them.
cache.py remembers results until the figures change (Redis when REDIS_URL is set).

The country filter (a user limited to one country, or `?country=CC`) keeps:
- people figures (officials, women, participations, person-days, learning outcomes,
  by_agency_type, by_topic): participations of people of that country, at any held event;
- event figures (events_held, by_event_kind, the events of the running totals): held events
  hosted in that country OR with at least one participant of that country — a regional
  seminar in Almaty that trained Kyrgyz officials is an event Kyrgyzstan took part in.
Breakdowns leave out what is not recorded (an event without a kind, an attendance without an
agency type), so their sums may fall short of the totals.
"""
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..extensions import db
from ..models import Event, Phase
from . import cache, queries, read
from .facts import live_events


class UnknownPhase(LookupError):
    """No phase has the number asked for."""


class BadPeriod(ValueError):
    """A period that ends before it starts."""


def find_phase(number: int, session: Session | None = None) -> Phase:
    phase = (session or db.session).scalar(
        select(Phase).where(Phase.number == number).order_by(Phase.programme_id).limit(1)
    )
    if phase is None:
        raise UnknownPhase(f"There is no phase {number}.")
    return phase


def latest_phase_with_events() -> Phase | None:
    """The most recent phase with a held event (the dashboard's default), or None."""
    has_held = exists().where(Event.phase_id == Phase.id, *live_events())
    return db.session.scalar(
        select(Phase).where(has_held).order_by(Phase.start_date.desc()).limit(1)
    )


def phase_totals(
    phase_number: int | None, country_code: str | None = None, today: date | None = None
) -> dict:
    """SPEC's totals object for a phase, or for all phases when `phase_number` is None.

    Raises UnknownPhase for a number no phase has.
    """
    country = country_code.upper() if country_code else None
    today = today or date.today()

    def compute(session: Session) -> dict:
        if phase_number is None:
            phases = tuple(session.scalars(select(Phase).order_by(Phase.start_date)))
            return read.totals(session, "all", {"phase": None},
                               queries.phase_months(phases, today), country)
        phase = find_phase(phase_number, session)
        return read.totals(session, f"phase:{phase.id}", {"phase": phase.number},
                           queries.phase_months(phase, today), country)

    return cache.remember(("totals", phase_number, country, today), compute)


def period_totals(
    date_from: date, date_to: date, country_code: str | None = None, today: date | None = None
) -> dict:
    """SPEC's totals object for the events that started in [date_from, date_to] (rule 13).

    The same object as phase_totals, with "from" and "to" (ISO dates) instead of "phase";
    distinct counts are distinct within the period, and the running totals go month by
    month from date_from's month to date_to's or today's, whichever is earlier. Raises
    BadPeriod when date_to is before date_from.
    """
    if date_to < date_from:
        raise BadPeriod(f"The period ends ({date_to}) before it starts ({date_from}).")
    country = country_code.upper() if country_code else None
    today = today or date.today()

    def compute(session: Session) -> dict:
        bucket = read.period_bucket(date_from, date_to)
        if bucket is None:  # custom dates: the aggregates over the raw tables
            return queries.totals(session, None, country, today, period=(date_from, date_to))
        head = {"from": date_from.isoformat(), "to": date_to.isoformat()}
        return read.totals(session, bucket, head, queries.month_span(date_from, date_to, today),
                           country)

    return cache.remember(("period", date_from, date_to, country, today), compute)


def phase_rows(country_code: str | None = None) -> list[dict]:
    """Each phase's head counts (events, officials, women, person-days, participations)."""
    country = country_code.upper() if country_code else None
    return cache.remember(("phase rows", country), lambda session: read.phase_rows(session, country))


__all__ = ["BadPeriod", "UnknownPhase", "find_phase", "latest_phase_with_events", "period_totals",
           "phase_rows", "phase_totals"]
