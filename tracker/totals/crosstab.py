"""Cross-tables: officials trained (distinct persons, SPEC rule 4) by any two dimensions, for a
phase or a date range (rule 13), with the country filter of the totals (people of a country).

A cell counts the distinct officials with at least one participation that falls in its row
and its column. Sex and country belong to the person, so an official is in exactly one row or
column of them; agency type, topic, event kind, month and quarter belong to the participation,
so an official trained under two topics counts in both columns. Row and column totals are
distinct counts too: they may be less than the sum of their cells, and their own sum may
exceed the grand total, whenever a dimension belongs to the participation.

Keys: sex "F"/"M"/"unknown", ISO country codes, agency type and event kind codes, topics'
English names (as the totals' by_topic), months "2017-03", quarters "2017-Q1"; "unknown"
stands for what is not recorded (an attendance without an agency type, an event without a
kind or topic), so a single-valued dimension's totals add up to the grand total.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, extract, func, literal, select
from sqlalchemy.orm import Session

from ..models import (
    Agency,
    AgencyType,
    Attendance,
    AttendanceRole,
    Event,
    EventKind,
    EventStatus,
    Person,
    Sex,
    Topic,
    event_topic,
)

HELD = EventStatus.HELD
PARTICIPANT = AttendanceRole.PARTICIPANT
UNKNOWN = "unknown"
SEX_KEYS = (Sex.FEMALE, Sex.MALE, UNKNOWN)
DIMENSIONS = ("sex", "country", "agency_type", "topic", "event_kind", "month", "quarter")
PERSON_DIMENSIONS = frozenset({"sex", "country"})  # one value per official


class BadDimension(ValueError):
    """A dimension that is not one of DIMENSIONS, or the same dimension twice."""


@dataclass(frozen=True)
class Window:
    """Which participations count: held events of a phase (by id) or starting in [start, end],
    of people of `country` when given."""

    phase_id: int | None = None
    start: date | None = None
    end: date | None = None
    country: str | None = None

    def participations(self, query):
        query = query.where(Attendance.role == PARTICIPANT, Event.status == HELD,
                            Event.deleted_at.is_(None))
        if self.phase_id is not None:
            query = query.where(Event.phase_id == self.phase_id)
        if self.start is not None:
            query = query.where(Event.start_date >= self.start)
        if self.end is not None:
            query = query.where(Event.start_date <= self.end)
        if self.country:
            people = select(Person.id).where(Person.country_code == self.country)
            query = query.where((Attendance.person_id + 0).in_(people))
        return query


def check_dimensions(rows: str, cols: str) -> None:
    for name in (rows, cols):
        if name not in DIMENSIONS:
            raise BadDimension(f"{name!r} is not a dimension; choose from {', '.join(DIMENSIONS)}.")
    if rows == cols:
        raise BadDimension("rows and cols must be two different dimensions.")


def crosstab(session: Session, window: Window, rows: str, cols: str,
             months: list[tuple[int, int]] | None = None) -> dict:
    """{"rows", "cols", "cells": {row: {col: n}}, "row_totals", "col_totals", "total"}.

    `months` lists the period's (year, month)s, so month and quarter rows or columns include
    the empty ones; other keys appear when they count someone (sex always has all three).
    """
    check_dimensions(rows, cols)
    counted = _count(session, window, (rows, cols))
    cells: dict[str, dict[str, int]] = {}
    for (row, col), n in counted.items():
        cells.setdefault(row, {})[col] = n
    # Along a dimension of the person, a total is the sum of its cells: one query fewer.
    row_totals = (_sums(counted, 0) if cols in PERSON_DIMENSIONS
                  else {key: n for (key,), n in _count(session, window, (rows,)).items()})
    col_totals = (_sums(counted, 1) if rows in PERSON_DIMENSIONS
                  else {key: n for (key,), n in _count(session, window, (cols,)).items()})
    if rows in PERSON_DIMENSIONS:
        total = sum(row_totals.values())
    elif cols in PERSON_DIMENSIONS:
        total = sum(col_totals.values())
    else:
        total = _count(session, window, ()).get((), 0)
    row_keys = _keys(rows, row_totals, months)
    col_keys = _keys(cols, col_totals, months)
    return {
        "rows": rows,
        "cols": cols,
        "cells": {r: {c: cells.get(r, {}).get(c, 0) for c in col_keys} for r in row_keys},
        "row_totals": {r: row_totals.get(r, 0) for r in row_keys},
        "col_totals": {c: col_totals.get(c, 0) for c in col_keys},
        "total": total,
    }


def _count(session: Session, window: Window, dimensions: tuple[str, ...]) -> dict[tuple, int]:
    """{(key, ...): distinct officials} for the dimensions' combinations.

    The inner query keeps each official once per combination of the participation's own
    keys; the outer one adds the person's keys and counts the rows.
    """
    person_id = (Attendance.person_id + 0).label("person_id")  # see totals.queries._person_key
    inner_columns, joins = [person_id], set()
    for name in dimensions:
        if name not in PERSON_DIMENSIONS:
            columns, needs = _participation_columns(name)
            inner_columns += columns
            joins |= needs
    inner = select(*inner_columns).select_from(Attendance).join(Event, Event.id == Attendance.event_id)
    if "agency_type" in joins:
        inner = inner.outerjoin(Agency, Agency.id == Attendance.agency_id)
    if "topic" in joins:
        inner = inner.outerjoin(event_topic, event_topic.c.event_id == Event.id)
    inner = window.participations(inner).distinct().subquery()

    outer_columns = []
    for name in dimensions:
        if name == "sex":
            outer_columns.append(Person.sex)
        elif name == "country":
            outer_columns.append(Person.country_code)
        else:
            outer_columns += [inner.c[f"{name}_{n}"] for n in range(_width(name))]
    query = select(*outer_columns, func.count()).select_from(inner)
    if PERSON_DIMENSIONS & set(dimensions):
        query = query.join(Person, Person.id == inner.c.person_id)
    if outer_columns:
        query = query.group_by(*outer_columns)

    # The inner query keeps ids (small integers sort fast); their codes come from the tiny
    # reference tables.
    codes = {name: dict(session.execute(select(*_CODES[name])).all())
             for name in dimensions if name in _CODES}
    counted: dict[tuple, int] = {}
    for row in session.execute(query):
        values, n, keys = list(row[:-1]), int(row[-1]), []
        for name in dimensions:
            width = 1 if name in PERSON_DIMENSIONS else _width(name)
            part = values[:width]
            if name in codes:
                part = [codes[name].get(part[0])]
            keys.append(_key(name, part))
            values = values[width:]
        counted[tuple(keys)] = counted.get(tuple(keys), 0) + n
    return counted


def _width(name: str) -> int:
    return 2 if name in ("month", "quarter") else 1


_CODES = {"agency_type": (AgencyType.id, AgencyType.code), "topic": (Topic.id, Topic.name_en),
          "event_kind": (EventKind.id, EventKind.code)}


def _participation_columns(name: str) -> tuple[list, set[str]]:
    if name == "agency_type":
        return [Agency.agency_type_id.label("agency_type_0")], {"agency_type"}
    if name == "topic":
        return [event_topic.c.topic_id.label("topic_0")], {"topic"}
    if name == "event_kind":
        return [Event.kind_id.label("event_kind_0")], set()
    year = extract("year", Event.start_date)
    month = extract("month", Event.start_date)
    if name == "month":
        return [year.label("month_0"), month.label("month_1")], set()
    quarter = case((month <= 3, literal(1)), (month <= 6, literal(2)), (month <= 9, literal(3)),
                   else_=literal(4))
    return [year.label("quarter_0"), quarter.label("quarter_1")], set()


def _key(name: str, values: list) -> str:
    if name == "month":
        return f"{int(values[0]):04d}-{int(values[1]):02d}"
    if name == "quarter":
        return f"{int(values[0]):04d}-Q{int(values[1])}"
    return values[0] if values[0] is not None else UNKNOWN


def _sums(counted: dict[tuple, int], position: int) -> dict[str, int]:
    sums: dict[str, int] = {}
    for keys, n in counted.items():
        sums[keys[position]] = sums.get(keys[position], 0) + n
    return sums


def _keys(name: str, totals: dict[str, int], months: list[tuple[int, int]] | None) -> list[str]:
    """The dimension's keys in the order tables show them: sex F, M, unknown; months and
    quarters in time order (every one of the period); others by key, "unknown" last."""
    if name == "sex":
        return list(SEX_KEYS)
    if name in ("month", "quarter") and months:
        periods = [_key(name, [y, m if name == "month" else (m - 1) // 3 + 1]) for y, m in months]
        keys = list(dict.fromkeys(periods))
        return keys + sorted(set(totals) - set(keys))
    return sorted(totals, key=lambda key: (key == UNKNOWN, key))


def officials_crosstab(rows: str, cols: str, *, phase_number: int | None = None,
                       start: date | None = None, end: date | None = None,
                       country: str | None = None, today: date | None = None) -> dict:
    """The cross-table of a phase, of a date range [start, end], or of all phases (neither),
    remembered between writes like the totals. Raises UnknownPhase and BadDimension."""
    from . import cache, find_phase  # the package imports this module's callers, not this module

    check_dimensions(rows, cols)
    country = country.upper() if country else None
    today = today or date.today()

    def compute(session: Session) -> dict:
        phase = find_phase(phase_number, session) if phase_number is not None else None
        if phase is not None:
            first, last = phase.start_date, phase.end_date
        elif start is not None:
            first, last = start, end
        else:
            first, last = session.execute(select(func.min(Event.start_date),
                                                 func.max(Event.start_date))).one()
        window = Window(phase.id if phase else None, start, end, country)
        return crosstab(session, window, rows, cols, months=month_span(first, last, today))

    return cache.remember(("crosstab", rows, cols, phase_number, start, end, country, today), compute)


def month_span(first: date | None, last: date | None, today: date) -> list[tuple[int, int]]:
    """(year, month)s from `first` to `last` or today, whichever is earlier."""
    if first is None or last is None:
        return []
    last = min(last, today)
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
