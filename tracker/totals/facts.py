"""The counters every figure is read from, and how a change of the data changes them.

Each person and each event contributes to counters (TotalsCount) of the buckets its held
participations fall in: all phases, its event's phase, and the calendar year, half-year and
quarter of the event's start. A person contributes, under its country and sex: first <month
of its first participation in the bucket> 1 (the officials trained are these summed over the
months), completed / assessed / improved 1, topic <id> 1 and agency_type <id> 1 per topic and
agency type it counts under, and the sums participations, person_days, ratings, rating_sum.
A held event contributes events <start month> 1 and kind <id> 1 under "*" and under every
country it counts for (its host and its participants' countries: SPEC's country filter).

Sums add up where counts of people do not: a year's participations are its quarters', all
phases' are the phases'. The sums and the events' counters (ADDITIVE) are kept in the phase
and quarter buckets only, and read.py adds them up for a year, a half or all phases; a write
moves them in two buckets, not five. Counts of distinct people (first, topic...) are kept in
every bucket: an official trained in two quarters is one official of their year.

A write changes the counters by (contributions of the people and events it touches, after)
minus (the same, before): each is read from the raw tables for those few people and events,
so no figure is ever counted from a million rows, and recounting everything (rebuild) gives
the same counters (check). A person's figures in a bucket come from their participations in
that bucket's events only, so a write that changes only participations in some events moves
only those events' buckets (its scope), and figures_delta() compares a person's figures
bucket by bucket, giving only the counters that move (delta.py decides what to read again).
"""
import json
from collections import Counter
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

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
       ph.completion_share, t.topic_id{present}
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
# Whether a participant from a country attends an event, besides some people: a column of the
# people's read (computed once, not once a row).
PRESENT_SQL = """,
       EXISTS (SELECT 1 FROM attendance c JOIN person q ON q.id = c.person_id
               WHERE c.event_id = {mark} AND c.role = 'participant'
               AND q.country_code = {mark}{besides})"""
UPSERT_SQL = """
INSERT INTO totals_count (bucket, country, sex, dim, "key", n) VALUES ({marks})
ON CONFLICT (bucket, country, sex, dim, "key") DO UPDATE SET n = totals_count.n + excluded.n"""
# PostgreSQL: every row in one parameter, one statement (psycopg adapts one string instead of
# six values a row, and the server runs one plan instead of one per row).
UPSERT_JSON_SQL = """
INSERT INTO totals_count (bucket, country, sex, dim, "key", n)
SELECT r->>0, r->>1, r->>2, r->>3, r->>4, (r->>5)::bigint FROM json_array_elements(%s::json) AS r
ON CONFLICT (bucket, country, sex, dim, "key") DO UPDATE SET n = totals_count.n + excluded.n"""


SUMS = ("participations", "person_days", "ratings", "rating_sum")
ADDITIVE = (*SUMS, "events", "kind")
SUMMED_BUCKETS = ("phase:", "quarter:")  # the buckets that keep the ADDITIVE counters


def keeps_sums(bucket: str) -> bool:
    """Whether this bucket keeps the ADDITIVE counters (the others add them up when read)."""
    return bucket.startswith(SUMMED_BUCKETS)


@lru_cache(maxsize=8192)  # a few per event: asked for every participation counted
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


def fetch(connection: Connection, sql: str, params: tuple) -> list[tuple]:
    """The rows of a read run by the driver itself, in the connection's transaction. Every
    write that changes figures runs a few statements this way: SQLAlchemy's result objects
    would add a fifth to what keeping the figures costs it."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()
    finally:
        cursor.close()


def run(connection: Connection, sql: str, params: tuple | list[tuple], many: bool = False) -> int:
    """Run a write as fetch() runs a read (for each of a list of parameters if `many`);
    returns how many rows it changed."""
    cursor = connection.connection.cursor()
    try:
        (cursor.executemany if many else cursor.execute)(sql, params)
        return cursor.rowcount
    finally:
        cursor.close()


def _day(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def people_rows(connection: Connection, person_ids: Iterable[int],
                event_ids: Iterable[int] | None = None) -> list:
    """The held participations of these people (only in these events, if given), as
    `people_figures` reads them."""
    where, params = _in(connection, "a.person_id", person_ids)
    if not params:
        return []
    if event_ids is not None:
        events, more = _in(connection, "a.event_id", event_ids)
        if not more:
            return []
        where, params = where + events, params + more
    return fetch(connection, PEOPLE_SQL.format(where=where, present=""), params)


def people_rows_and_presence(connection: Connection, person_ids: Iterable[int],
                             asks: list[tuple[int, str, tuple[int, ...]]]) -> tuple[list, list[bool]]:
    """people_rows(person_ids), and for each (event id, country, people) asked (if any) whether
    a participant from that country attends that event besides those people: in one read, as
    the events asked about are held events these people attend (else in two)."""
    where, params = _in(connection, "a.person_id", person_ids)
    present, asked = "", ()
    for event_id, country, besides in asks:
        marks = ", ".join([mark(connection)] * len(besides))
        present += PRESENT_SQL.format(mark=mark(connection),
                                      besides=f" AND c.person_id NOT IN ({marks})" if besides else "")
        asked += (event_id, country, *besides)
    rows = fetch(connection, PEOPLE_SQL.format(where=where, present=present), asked + params)
    if not rows:  # no held participation to carry the answers: they are asked alone
        answers = fetch(connection, "SELECT " + present[1:], asked)[0] if asks else ()
        return [], [bool(value) for value in answers]
    width = len(rows[0]) - len(asks)
    return [row[:width] for row in rows], [bool(value) for value in rows[0][width:]]


def people_contributions(connection: Connection) -> Counter:
    """What everyone adds to the counters, from the raw tables, read as they come (a
    server-side cursor on PostgreSQL)."""
    return people_counts(connection.exec_driver_sql(
        PEOPLE_SQL.format(where="", present=""),
        execution_options={"stream_results": True, "max_row_buffer": 10_000}))


def _participations(rows: Iterable):
    """(first row, topic ids) of each participation in these rows (PEOPLE_SQL's, in its
    order: a participation's rows, one per topic, come together)."""
    participation, first, topics = None, None, []
    for row in rows:
        if (row[0], row[1]) != participation:
            if first is not None:
                yield first, topics
            participation, first, topics = (row[0], row[1]), row, []
        if row[13] is not None:
            topics.append(row[13])
    if first is not None:
        yield first, topics


def people_counts(rows: Iterable) -> Counter:
    """What the people of these participation rows (PEOPLE_SQL's, in its order) add to the
    counters. One person at a time: everyone's rows can stream through."""
    contributions: Counter = Counter()
    person, seen = None, {}
    for row, topics in _participations(rows):
        if row[0] != person:
            _add_person(contributions, seen)
            person, seen = row[0], {}
        _fold(seen, row, topics, None)
    _add_person(contributions, seen)
    return contributions


def people_figures(rows: Iterable, scope: set[str] | None = None,
                   figures: dict[int, dict] | None = None) -> dict[int, dict]:
    """Each person's per-bucket figures (see _fold) from these participation rows (PEOPLE_SQL's,
    in its order), added to a copy of `figures` if given (the same people's figures from
    their other participations)."""
    figures = {person: {bucket: [*kept[:3], set(kept[3]), *kept[4:]] for bucket, kept in seen.items()}
               for person, seen in (figures or {}).items()}
    for row, topics in _participations(rows):
        _fold(figures.setdefault(row[0], {}), row, topics, scope)
    return figures


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


def _add_person(contributions: Counter, seen: dict) -> None:
    for bucket, figures in seen.items():
        add_figures(contributions, bucket, figures, 1)


def add_figures(counters: dict, bucket: str, figures: list, sign: int) -> None:
    """Add (sign 1) or take away (-1) the counters of one person's figures in one bucket."""
    country, sex, first, pairs, *sums = figures
    get = counters.get  # not Counter's += : its __missing__ is a Python call per key
    if not keeps_sums(bucket):
        sums = ()
    for dim, key, value in (("first", first[:7], 1),
                            *((dim, key, 1) for dim, key in pairs),
                            *((dim, "", value) for dim, value in zip(SUMS, sums) if value)):
        name = (bucket, country, sex, dim, key)
        counters[name] = get(name, 0) + sign * value


def event_rows(connection: Connection, event_ids: Iterable[int] | None) -> Iterable:
    """These held events (None: all of them) with their participants' countries, as
    `event_counts` reads them."""
    where, params = _in(connection, "e.id", event_ids)
    if event_ids is not None and not params:
        return []
    return fetch(connection, EVENTS_SQL.format(where=where), params)


def event_counts(rows: Iterable, scope: set[str] | None = None) -> Counter:
    """What the events of these rows (EVENTS_SQL's: one per event and participant's country)
    add to the event counters of the buckets in `scope` (None: every bucket)."""
    contributions: Counter = Counter()
    events: dict[int, tuple] = {}
    for event_id, start, phase_id, kind_id, host, country in rows:
        facts_ = events.get(event_id)
        if facts_ is None:
            facts_ = events[event_id] = (_day(start), phase_id, kind_id, {EVERY_COUNTRY})
            if host:
                facts_[3].add(host)
        if country:
            facts_[3].add(country)
    for start, phase_id, kind_id, counted_for in events.values():
        for country in counted_for:
            for key in event_keys(start, phase_id, kind_id, country, scope):
                contributions[key] += 1
    return contributions


def event_keys(start: str, phase_id: int, kind_id: int | None, country: str,
               scope: set[str] | None = None) -> list[Key]:
    """The counters one held event adds 1 to for one country it counts for (in the buckets
    that keep them)."""
    keys = []
    for bucket in counted_in(start, phase_id, scope):
        if not keeps_sums(bucket):
            continue
        keys.append((bucket, country, "", "events", start[:7]))
        if kind_id is not None:
            keys.append((bucket, country, "", "kind", str(kind_id)))
    return keys


def apply(connection: Connection, delta: dict[Key, int]) -> int:
    """Add these changes to the counters; returns how many counters changed.

    A counter that falls to zero stays as a zero row (reads skip it, a rebuild drops it):
    deleting it would cost every write a statement.
    """
    rows = [(*key, n) for key, n in sorted(delta.items()) if n]  # one order: no deadlocks
    if not rows:
        return 0
    if connection.dialect.name == "postgresql":
        run(connection, UPSERT_JSON_SQL, (json.dumps(rows),))
    else:  # SQLite runs in the process: a statement a row costs little
        run(connection, UPSERT_SQL.format(marks=", ".join([mark(connection)] * 6)), rows, many=True)
    return len(rows)


def stored(connection: Connection) -> Counter:
    return Counter({(b, c, s, d, k): n for b, c, s, d, k, n in connection.execute(
        select(TotalsCount.bucket, TotalsCount.country, TotalsCount.sex, TotalsCount.dim,
               TotalsCount.key, TotalsCount.n).where(TotalsCount.n != 0))})


def recount(connection: Connection) -> Counter:
    """Every counter, recounted from the raw tables."""
    return people_contributions(connection) + event_counts(event_rows(connection, None))


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


