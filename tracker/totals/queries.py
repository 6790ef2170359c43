"""SPEC's counting rules 1–13 as SQL aggregates over the raw tables (see the package docstring).

The pages read the kept counters (read.py); these aggregates answer a period that is no
bucket (custom dates), and are what `flask totals --check` holds the counters' figures to.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, exists, extract, func, or_, select
from sqlalchemy.orm import Session

from ..models import Agency, AgencyType, Attendance, Event, EventKind, Person, Phase, Sex, Topic, event_topic
from .facts import PARTICIPANT, live_events


@dataclass(frozen=True)
class _Scope:
    """Which events and participations a set of figures counts (rules 1–3 and the filter)."""

    session: Session
    phase: Phase | None
    country: str | None
    phases: tuple[Phase, ...] = ()  # every phase, when counting all of them or a period
    period: tuple[date, date] | None = None  # [from, to]: events that started in it (rule 13)

    def held_events(self) -> list:
        clauses = [*live_events(), *self._in_phase_or_period()]
        if self.country:
            has_participant = exists().where(
                Attendance.event_id == Event.id,
                Attendance.role == PARTICIPANT,
                Attendance.person_id.in_(self._people_of_country()),
            )
            clauses.append(or_(Event.country_code == self.country, has_participant))
        return clauses

    def participations(self, query):
        """`query` (selecting from Attendance) limited to participations at held events."""
        query = query.join(Event, Event.id == Attendance.event_id).where(
            Attendance.role == PARTICIPANT, *live_events(), *self._in_phase_or_period()
        )
        if self.country:
            # On the grouping key, not the column: an indexed IN would drive the scan person
            # by person through ix_attendance_person_role, at random in the table.
            query = query.where(_person_key().in_(self._people_of_country()))
        return query

    def _in_phase_or_period(self) -> list:
        if self.phase is not None:
            return [Event.phase_id == self.phase.id]
        if self.period is not None:
            return [Event.start_date.between(*self.period)]
        return []

    def _people_of_country(self):
        return select(Person.id).where(Person.country_code == self.country)


def _person_key():
    """attendance.person_id as a grouping key.

    Grouping on an expression keeps SQLite from walking ix_attendance_person_role in person
    order, which reads the attendance table at random (seconds at a million rows); reading
    the phase's events' attendances in order and sorting them is several times faster.
    """
    return Attendance.person_id + 0


def totals(session: Session, phase: Phase | None, country: str | None, today: date,
           period: tuple[date, date] | None = None) -> dict:
    """SPEC's totals object for a phase, for the period [from, to] when `period` is given,
    or else for all phases."""
    phases = () if phase else tuple(session.scalars(select(Phase).order_by(Phase.start_date)))
    scope = _Scope(session, phase, country, phases, period)
    if period is not None:
        months = month_span(*period, today)
        head = {"from": period[0].isoformat(), "to": period[1].isoformat()}
    else:
        months = phase_months(phase or phases, today)
        head = {"phase": phase.number if phase else None}

    events = _event_figures(scope, months)
    people = _people_figures(scope, months)
    cumulative = [
        {"month": f"{year:04d}-{month:02d}", "events_held": held, "officials_trained": trained}
        for (year, month), held, trained in zip(months, events["cumulative"], people["cumulative"])
    ]
    return head | {
        "events_held": events["events_held"],
        "participations": people["participations"],
        "officials_trained": people["officials_trained"],
        "women_trained": people["women_trained"],
        "sex_unknown": people["sex_unknown"],
        "person_days": people["person_days"],
        "by_country": people["by_country"],
        "by_agency_type": _by_agency_type(scope),
        "by_topic": _by_topic(scope),
        "by_event_kind": events["by_event_kind"],
        "cumulative": cumulative,
        "officials_completed": people["officials_completed"],
        "officials_assessed": people["officials_assessed"],
        "officials_improved": people["officials_improved"],
        "satisfaction": people["satisfaction"],
        "ratings": people["ratings"],
    }


def _event_figures(scope: _Scope, months: list[tuple[int, int]]) -> dict:
    """events_held, by_event_kind and the running count of events (rules 2, 8, 9)."""
    year, month = extract("year", Event.start_date), extract("month", Event.start_date)
    rows = scope.session.execute(
        select(EventKind.code, year, month, func.count())
        .select_from(Event)
        .outerjoin(EventKind, EventKind.id == Event.kind_id)
        .where(*scope.held_events())
        .group_by(EventKind.code, year, month)
    ).all()
    by_kind: dict[str, int] = {}
    per_month: dict[tuple[int, int], int] = {}
    for kind, y, m, count in rows:
        if kind is not None:
            by_kind[kind] = by_kind.get(kind, 0) + count
        per_month[(int(y), int(m))] = per_month.get((int(y), int(m)), 0) + count
    return {
        "events_held": sum(per_month.values()),
        "by_event_kind": ranked(by_kind),
        "cumulative": running(per_month, months),
    }


def _people_figures(scope: _Scope, months: list[tuple[int, int]]) -> dict:
    """Rules 3–7, 9 (officials) and 10–12, from one pass over the participations.

    The inner query folds each person's participations into one row; the outer one counts
    those rows by country, sex and month of first participation, so every distinct count
    counts a person once.
    """
    days = func.coalesce(Attendance.days_attended, Event.duration_days)
    person = _person_key()
    inner = select(
        person.label("person_id"),
        func.count().label("participations"),
        func.sum(days).label("person_days"),
        func.max(case((days * 100 >= _completion_percent(scope) * Event.duration_days, 1),
                      else_=0)).label("completed"),
        func.max(case((and_(Attendance.pre_score.is_not(None),
                            Attendance.post_score.is_not(None)), 1), else_=0)).label("assessed"),
        func.max(case((Attendance.post_score > Attendance.pre_score, 1),
                      else_=0)).label("improved"),
        func.count(Attendance.rating).label("ratings"),
        func.sum(Attendance.rating).label("rating_sum"),
        func.min(Event.start_date).label("first_date"),
    )
    per_person = scope.participations(inner).group_by(person).subquery()

    year, month = extract("year", per_person.c.first_date), extract("month", per_person.c.first_date)
    sums = [func.sum(per_person.c[name]) for name in (
        "participations", "person_days", "completed", "assessed", "improved", "ratings",
        "rating_sum")]
    rows = scope.session.execute(
        select(Person.country_code, Person.sex, year, month, func.count(), *sums)
        .join(Person, Person.id == per_person.c.person_id)
        .group_by(Person.country_code, Person.sex, year, month)
    ).all()

    figures = dict.fromkeys(
        ("officials_trained", "women_trained", "sex_unknown", "participations", "person_days",
         "officials_completed", "officials_assessed", "officials_improved", "ratings"), 0)
    by_country: dict[str, int] = {}
    first_trained: dict[tuple[int, int], int] = {}
    rating_sum = 0
    for country, sex, y, m, people, *values in rows:
        people = int(people)
        participations, person_days, completed, assessed, improved, ratings, ratings_total = (
            int(v or 0) for v in values)
        figures["officials_trained"] += people
        figures["women_trained"] += people if sex == Sex.FEMALE else 0
        figures["sex_unknown"] += people if sex is None else 0
        figures["participations"] += participations
        figures["person_days"] += person_days
        figures["officials_completed"] += completed
        figures["officials_assessed"] += assessed
        figures["officials_improved"] += improved
        figures["ratings"] += ratings
        rating_sum += ratings_total
        by_country[country] = by_country.get(country, 0) + people
        first_trained[(int(y), int(m))] = first_trained.get((int(y), int(m)), 0) + people
    figures["satisfaction"] = (
        round(rating_sum / figures["ratings"], 2) if figures["ratings"] else None
    )
    figures["by_country"] = dict(sorted(by_country.items()))
    figures["cumulative"] = running(first_trained, months)
    return figures


def _completion_percent(scope: _Scope):
    """The completion share as whole percent, so the threshold test is exact integer maths.

    For all phases and for a period, each event's phase's own share (a CASE over the few
    phases: cheaper than joining the phase table to every attendance).
    """
    if scope.phase is not None:
        return round(scope.phase.completion_share * 100)
    if not scope.phases:
        return 100
    return case({p.id: round(p.completion_share * 100) for p in scope.phases},
                value=Event.phase_id, else_=100)


def _by_agency_type(scope: _Scope) -> dict[str, int]:
    """Distinct officials per type of the agency of their attendance (rule 8)."""
    # (agency, person) pairs first: joined to every attendance, the tiny agency tables can
    # lure the planner into an agency-by-agency loop over all events.
    pairs = scope.participations(
        select(Attendance.agency_id.label("agency_id"), _person_key().label("person_id"))
        .distinct()
    ).subquery()
    query = (
        select(AgencyType.code, func.count(pairs.c.person_id.distinct()))
        .join(Agency, Agency.id == pairs.c.agency_id)
        .join(AgencyType, AgencyType.id == Agency.agency_type_id)
        .group_by(AgencyType.code)
    )
    return ranked(dict(scope.session.execute(query).all()))


def _by_topic(scope: _Scope) -> dict[str, int]:
    """Distinct officials trained at held events carrying each topic (rule 8)."""
    query = select(Topic.name_en, func.count(Attendance.person_id.distinct())).select_from(Attendance)
    query = (
        scope.participations(query)
        .join(event_topic, event_topic.c.event_id == Event.id)
        .join(Topic, Topic.id == event_topic.c.topic_id)
        .group_by(Topic.name_en)
    )
    return ranked(dict(scope.session.execute(query).all()))


def phase_rows(session: Session, country: str | None) -> list[dict]:
    """One row of head counts per phase, for the all-phases view (three queries in all)."""
    scope = _Scope(session, None, country)
    phases = session.scalars(select(Phase).order_by(Phase.start_date, Phase.number)).all()
    events = dict(session.execute(
        select(Event.phase_id, func.count()).where(*scope.held_events()).group_by(Event.phase_id)
    ).all())
    days = func.coalesce(Attendance.days_attended, Event.duration_days)
    person = _person_key()
    per_person = scope.participations(
        select(Event.phase_id.label("phase_id"), person.label("person_id"),
               func.count().label("participations"), func.sum(days).label("person_days"))
    ).group_by(Event.phase_id, person).subquery()
    people = {
        row.phase_id: row
        for row in session.execute(
            select(per_person.c.phase_id, func.count().label("officials"),
                   func.sum(case((Person.sex == Sex.FEMALE, 1), else_=0)).label("women"),
                   func.sum(per_person.c.participations).label("participations"),
                   func.sum(per_person.c.person_days).label("person_days"))
            .join(Person, Person.id == per_person.c.person_id)
            .group_by(per_person.c.phase_id)
        )
    }
    rows = []
    for phase in phases:
        row = people.get(phase.id)
        rows.append({
            "phase": phase.number,
            "name": phase.name,
            "events_held": int(events.get(phase.id, 0)),
            "participations": int(row.participations) if row else 0,
            "officials_trained": int(row.officials) if row else 0,
            "women_trained": int(row.women) if row else 0,
            "person_days": int(row.person_days) if row else 0,
        })
    return rows


def phase_months(phases: Phase | tuple[Phase, ...], today: date) -> list[tuple[int, int]]:
    """(year, month) from the phase's start to its end or today, whichever is earlier.

    For all phases: from the first phase's start to the last phase's end or today.
    """
    if isinstance(phases, Phase):
        phases = (phases,)
    if not phases:
        return []
    return month_span(min(p.start_date for p in phases), max(p.end_date for p in phases), today)


def month_span(start: date, end: date, today: date) -> list[tuple[int, int]]:
    """(year, month) from start's month to end's or today's, whichever is earlier (rule 9)."""
    end = min(end, today)
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def running(per_month: dict[tuple[int, int], int], months: list[tuple[int, int]]) -> list[int]:
    """Running totals over `months`; what started before the first month counts in it."""
    counts = sorted(per_month.items())
    running, total, index = [], 0, 0
    for month in months:
        while index < len(counts) and counts[index][0] <= month:
            total += counts[index][1]
            index += 1
        running.append(total)
    return running


def ranked(counts: dict[str, int]) -> dict[str, int]:
    """Largest first, then by name: the order the tables show."""
    return dict(sorted(((key, int(value)) for key, value in counts.items()),
                       key=lambda item: (-item[1], item[0])))
