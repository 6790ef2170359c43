"""The counters every figure is read from, and how a change of the data changes them.

Each person and each event contributes to counters (TotalsCount) of the buckets its held
participations fall in: all phases, its event's phase, and the calendar year, half-year and
quarter of the event's start. A person contributes, under its country and sex: trained 1,
completed / assessed / improved 1, first <month of its first participation in the bucket> 1,
topic <id> 1 and agency_type <id> 1 per topic and agency type it counts under, and the sums
participations, person_days, ratings, rating_sum. A held event contributes events <start
month> 1 and kind <id> 1 under "*" and under every country it counts for (its host and its
participants' countries: SPEC's country filter).

A write changes the counters by (contributions of the people and events it touches, after)
minus (the same, before): each is read from the raw tables for those few people and events,
so no figure is ever counted from a million rows, and recounting everything (rebuild) gives
the same counters (check).
"""
from collections import Counter
from collections.abc import Iterable
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from ..models import AttendanceRole, Event, EventStatus, TotalsCount

HELD = EventStatus.HELD
PARTICIPANT = AttendanceRole.PARTICIPANT
EVERY_COUNTRY = "*"
Key = tuple[str, str, str, str, str]  # bucket, country, sex, dim, key

# Plain SQL on the connection, no ORM: this runs twice in every flush that changes figures.
PEOPLE_SQL = """
SELECT a.person_id, e.id, e.start_date, e.phase_id, e.duration_days, a.days_attended,
       a.pre_score, a.post_score, a.rating, g.agency_type_id, p.country_code, p.sex,
       ph.completion_share, t.topic_id
FROM attendance a JOIN event e ON e.id = a.event_id JOIN person p ON p.id = a.person_id
JOIN phase ph ON ph.id = e.phase_id LEFT JOIN agency g ON g.id = a.agency_id
LEFT JOIN event_topic t ON t.event_id = e.id
WHERE a.role = 'participant' AND e.status = 'held' AND e.deleted_at IS NULL{where}
ORDER BY a.person_id, e.id"""
EVENTS_SQL = """
SELECT DISTINCT e.id, e.start_date, e.phase_id, e.kind_id, e.country_code, p.country_code
FROM event e LEFT JOIN attendance a ON a.event_id = e.id AND a.role = 'participant'
LEFT JOIN person p ON p.id = a.person_id
WHERE e.status = 'held' AND e.deleted_at IS NULL{where}"""
UPSERT_SQL = """
INSERT INTO totals_count (bucket, country, sex, dim, "key", n) VALUES ({marks})
ON CONFLICT (bucket, country, sex, dim, "key") DO UPDATE SET n = totals_count.n + excluded.n"""


def buckets(day: str, phase_id: int) -> tuple[str, ...]:
    """The buckets an event that started on `day` (ISO) counts in."""
    year, month = day[:4], int(day[5:7])
    return ("all", f"phase:{phase_id}", f"year:{year}", f"half:{year}-{1 + (month > 6)}",
            f"quarter:{year}-{(month - 1) // 3 + 1}")


def live_events() -> list:
    """Events that count: held, and not deleted."""
    return [Event.status == HELD, Event.deleted_at.is_(None)]


def counted_in(day: str, phase_id: int, scope: set[str] | None) -> list[str]:
    """The buckets of `buckets(day, phase_id)` that are in `scope` (None: all of them)."""
    return [bucket for bucket in buckets(day, phase_id) if scope is None or bucket in scope]


def mark(connection: Connection) -> str:
    """The driver's placeholder for a bound parameter: ? (sqlite3) or %s (psycopg)."""
    return "?" if connection.dialect.paramstyle == "qmark" else "%s"


def _in(connection: Connection, column: str, ids: Iterable[int] | None) -> tuple[str, tuple]:
    """The condition limiting `column` to these ids (None: no limit) and its parameters: bound,
    so that the database prepares the statement once for each number of ids."""
    if ids is None:
        return "", ()
    ids = tuple(sorted({int(i) for i in ids}))
    if not ids:
        return " AND 1 = 0", ()
    return f" AND {column} IN ({', '.join([mark(connection)] * len(ids))})", ids


def _day(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def people_contributions(connection: Connection, person_ids: Iterable[int] | None,
                         scope: set[str] | None = None) -> Counter:
    """What these people (None: everyone) add to the counters of the buckets in `scope`
    (None: every bucket), from the raw tables."""
    contributions: Counter = Counter()
    where, params = _in(connection, "a.person_id", person_ids)
    if person_ids is not None and not params:
        return contributions
    sql = PEOPLE_SQL.format(where=where)
    # Everyone's participations are read as they come (a server-side cursor on PostgreSQL).
    streamed = {"stream_results": True, "max_row_buffer": 10_000} if person_ids is None else {}
    rows = connection.exec_driver_sql(sql, params, execution_options=streamed)
    person, participation, participation_row, seen, topics = None, None, None, {}, []
    for row in rows:
        if (row[0], row[1]) != participation:
            if participation is not None:
                _fold(seen, participation_row, topics, scope)
            if row[0] != person:
                _add_person(contributions, seen)
                person, seen = row[0], {}
            participation, participation_row, topics = (row[0], row[1]), row, []
        if row[13] is not None:
            topics.append(row[13])
    if participation is not None:
        _fold(seen, participation_row, topics, scope)
    _add_person(contributions, seen)
    return contributions


def _fold(seen: dict, row, topics: list[int], scope: set[str] | None) -> None:
    """One participation into its person's per-bucket figures: [country, sex, first day,
    the (dim, key) pairs it counts under, participations, person_days, ratings, rating_sum]."""
    (_person, _event, start, phase_id, duration, days, pre, post, rating, agency_type,
     country, sex, share, _topic) = row
    start = _day(start)
    in_scope = counted_in(start, phase_id, scope)
    if not in_scope:
        return
    days = duration if days is None else days  # 0: marked absent from every session
    pairs = [("topic", str(t)) for t in topics]
    if agency_type is not None:
        pairs.append(("agency_type", str(agency_type)))
    if days * 100 >= round(float(share) * 100) * duration:
        pairs.append(("completed", ""))
    if pre is not None and post is not None:
        pairs.append(("assessed", ""))
        if post > pre:
            pairs.append(("improved", ""))
    rated, rating = (1, rating) if rating is not None else (0, 0)
    for bucket in in_scope:
        figures = seen.get(bucket)
        if figures is None:
            seen[bucket] = [country, sex or "", start, set(pairs), 1, days, rated, rating]
            continue
        if start < figures[2]:
            figures[2] = start
        figures[3].update(pairs)
        figures[4] += 1
        figures[5] += days
        figures[6] += rated
        figures[7] += rating


SUMS = ("participations", "person_days", "ratings", "rating_sum")


def _add_person(contributions: Counter, seen: dict) -> None:
    get = contributions.get  # not Counter's += : its __missing__ is a Python call per key
    for bucket, (country, sex, first, pairs, *sums) in seen.items():
        for dim, key, value in (("trained", "", 1), ("first", first[:7], 1),
                                *((dim, key, 1) for dim, key in pairs),
                                *((dim, "", value) for dim, value in zip(SUMS, sums) if value)):
            name = (bucket, country, sex, dim, key)
            contributions[name] = get(name, 0) + value


def event_contributions(connection: Connection, event_ids: Iterable[int] | None,
                        scope: set[str] | None = None) -> Counter:
    """What these held events (None: all of them) add to the event counters of the buckets
    in `scope` (None: every bucket)."""
    contributions: Counter = Counter()
    where, params = _in(connection, "e.id", event_ids)
    if event_ids is not None and not params:
        return contributions
    sql = EVENTS_SQL.format(where=where)
    events: dict[int, tuple] = {}
    for event_id, start, phase_id, kind_id, host, country in connection.exec_driver_sql(sql, params):
        facts_ = events.get(event_id)
        if facts_ is None:
            facts_ = events[event_id] = (_day(start), phase_id, kind_id, {EVERY_COUNTRY})
            if host:
                facts_[3].add(host)
        if country:
            facts_[3].add(country)
    for start, phase_id, kind_id, counted_for in events.values():
        for bucket in counted_in(start, phase_id, scope):
            for country in counted_for:
                contributions[(bucket, country, "", "events", start[:7])] += 1
                if kind_id is not None:
                    contributions[(bucket, country, "", "kind", str(kind_id))] += 1
    return contributions


def contributions(connection: Connection, person_ids, event_ids,
                  scope: set[str] | None = None) -> Counter:
    """What these people and events add to the counters of the buckets in `scope` (None:
    every bucket). A person's figures in a bucket come from their participations in that
    bucket's events only, so a write that changes only participations in some events moves
    only those events' buckets, and need count no other."""
    return (people_contributions(connection, person_ids, scope)
            + event_contributions(connection, event_ids, scope))


def apply(connection: Connection, before: Counter, after: Counter) -> int:
    """Add after - before to the counters; returns how many counters changed.

    A counter that falls to zero stays as a zero row (reads skip it, a rebuild drops it):
    deleting it would cost every write a statement.
    """
    rows = [(*key, delta) for key in sorted(before.keys() | after.keys())  # one order: no deadlocks
            if (delta := after.get(key, 0) - before.get(key, 0))]
    if rows:
        connection.exec_driver_sql(UPSERT_SQL.format(marks=", ".join([mark(connection)] * 6)), rows)
    return len(rows)


def stored(connection: Connection) -> Counter:
    return Counter({(b, c, s, d, k): n for b, c, s, d, k, n in connection.execute(
        select(TotalsCount.bucket, TotalsCount.country, TotalsCount.sex, TotalsCount.dim,
               TotalsCount.key, TotalsCount.n).where(TotalsCount.n != 0))})


def recount(connection: Connection) -> Counter:
    """Every counter, recounted from the raw tables."""
    return contributions(connection, None, None)


def rebuild(connection: Connection) -> int:
    """Replace the counters by a recount; returns how many there are."""
    counts = recount(connection)
    connection.execute(delete(TotalsCount))
    rows = [dict(zip(("bucket", "country", "sex", "dim", "key"), key), n=n)
            for key, n in sorted(counts.items()) if n]
    for start in range(0, len(rows), 10_000):
        connection.execute(TotalsCount.__table__.insert(), rows[start:start + 10_000])
    return len(rows)


def differences(connection: Connection) -> list[tuple[Key, int, int]]:
    """(counter, kept, recounted) for every counter the two disagree on."""
    kept, recounted = stored(connection), +recount(connection)
    return [(key, kept.get(key, 0), recounted.get(key, 0))
            for key in sorted(kept.keys() | recounted.keys())
            if kept.get(key, 0) != recounted.get(key, 0)]


