"""Totals at scale: the first view after a write and a warm view, for a phase, a one-year
period and all phases, and what keeping the figures costs a write.

Builds 1,000,000 attendances (about 20,000 events and 50,000 officials) with bulk core
inserts, spread over the seeded phases 9 and 10 (one phase then holds about half of
everything: the worst case) or, with --phases K, over K phases (earlier ones are added),
then recounts the kept figures (as the migration does). Through the Flask test client: a
staff member adds one attendee through the roster form, then a manager reads the totals
(the first view after a write), then reads them again (warm). Adding an attendee is timed
with the figures kept and without (the write path as it was).
SQLite always; PostgreSQL too when TEST_DATABASE_URL or --pg gives a server (the data goes
into a schema of its own, dropped afterwards).

    .venv/bin/python benchmarks/totals.py [--attendances 1000000] [--phases 2] [--runs 7]
        [--write-runs 101] [--pg URL] [--sqlite-only | --pg-only] [--keep FILE] [--keep-schema NAME]
"""
import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from contextlib import contextmanager  # noqa: E402

from sqlalchemy import create_engine, event, func, insert, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402
from support import migrated_app  # noqa: E402

from config import Config  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.identity import name_key  # noqa: E402
from tracker.models import (  # noqa: E402
    Agency,
    AgencyType,
    Attendance,
    Event,
    EventKind,
    Person,
    Phase,
    Topic,
    User,
    event_topic,
)
from tracker.totals import facts, phase_totals, tracking  # noqa: E402

COUNTRIES = ("KZ", "KG", "TJ", "TM", "UZ", "AF")
CHUNK = 50_000
TARGETS_MS = {"first": 150, "warm": 20}


def add_earlier_phases(count: int) -> None:
    """Phases 1..count of 18 months each from January 2003, before the seeded phase 9."""
    programme_id = db.session.scalar(select(Phase.programme_id).where(Phase.number == 9))
    for number in range(1, count + 1):
        start = date(2003 + (number - 1) * 18 // 12, 1 + (number - 1) * 18 % 12, 1)
        end = date(start.year + 1 + (start.month + 5) // 12, (start.month + 5) % 12 + 1, 1) - timedelta(days=1)
        db.session.add(Phase(programme_id=programme_id, number=number, name=f"BOMCA {number}",
                             start_date=start, end_date=end))
    db.session.commit()


def build(attendances: int, rng: random.Random) -> None:
    """Fill an empty, seeded database."""
    events_n, people_n = attendances // 50, attendances // 20
    now = datetime.now(UTC)
    phases = db.session.scalars(select(Phase).order_by(Phase.number)).all()
    kinds = db.session.scalars(select(EventKind.id)).all()
    topics = db.session.scalars(select(Topic.id)).all()
    types = db.session.scalars(select(AgencyType.id)).all()

    agencies = [dict(name=f"Agency {n}", country_code=country, agency_type_id=types[n % len(types)])
                for country in COUNTRIES for n in range(20)]
    db.session.execute(insert(Agency), agencies)
    agency_ids = {country: db.session.scalars(
        select(Agency.id).where(Agency.country_code == country)).all() for country in COUNTRIES}

    people = []
    for n in range(people_n):
        country = rng.choice(COUNTRIES)
        name = f"Official {n} {country}"
        people.append(dict(full_name=name, name_key=name_key(name), country_code=country,
                           sex=rng.choices(("F", "M", None), (25, 73, 2))[0],
                           agency_id=rng.choice(agency_ids[country]), created_at=now,
                           updated_at=now))
    _insert_chunks(Person, people)
    person_rows = db.session.execute(select(Person.id, Person.country_code, Person.agency_id)).all()

    events, links = [], []
    for n in range(events_n):
        phase = phases[n % len(phases)]
        span = (phase.end_date - phase.start_date).days
        start = phase.start_date + timedelta(days=rng.randrange(span))
        days = rng.choice((1, 2, 3, 3, 5, 5, 10))
        end = start + timedelta(days=days - 1)
        events.append(dict(
            title=f"Event {n}", kind_id=rng.choice(kinds), scope=rng.choice(("regional", "national")),
            start_date=start, end_date=end, duration_days=days,  # the ORM's validator is bypassed
            country_code=rng.choice(COUNTRIES), city="City",
            status=rng.choices(("held", "planned", "cancelled"), (90, 5, 5))[0],
            phase_id=phase.id, version=1, created_at=now, updated_at=now))
    # Logged as they happen: in date order, so a phase's rows sit together as in real use.
    events.sort(key=lambda row: row["start_date"])
    _insert_chunks(Event, events)
    event_rows = db.session.execute(select(Event.id, Event.duration_days)).all()
    for event_id, _days in event_rows:
        for topic_id in rng.sample(topics, rng.choice((1, 1, 2, 3))):
            links.append(dict(event_id=event_id, topic_id=topic_id))
    _insert_chunks(event_topic, links)

    rows, per_event = [], attendances // len(event_rows)
    for event_id, days in event_rows:
        for person_id, _country, agency_id in rng.sample(person_rows, per_event):
            scored = rng.random() < 0.3
            pre = rng.randrange(20, 90) if scored else None
            rows.append(dict(
                event_id=event_id, person_id=person_id,
                role=rng.choices(("participant", "trainer", "organiser", "observer"), (92, 5, 2, 1))[0],
                days_attended=rng.randrange(1, days + 1) if days > 1 and rng.random() < 0.15 else None,
                agency_id=agency_id, pre_score=pre,
                post_score=min(100, pre + rng.randrange(-10, 30)) if scored else None,
                rating=rng.randrange(1, 6) if rng.random() < 0.5 else None, created_at=now))
        if len(rows) >= CHUNK:
            _insert_chunks(Attendance, rows)
            rows = []
    _insert_chunks(Attendance, rows)
    db.session.commit()


def analyze() -> None:
    """Planner statistics, as a maintained database has them."""
    db.session.commit()
    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def _insert_chunks(table, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(table), rows[start:start + CHUNK])  # executemany


def timed(call) -> tuple[float, float]:
    """(wall ms, CPU ms) of one call. SQLite works inside this process, so its CPU time says
    what the work costs even on a machine busy with other work."""
    started, started_cpu = time.perf_counter(), time.process_time()
    call()
    return (time.perf_counter() - started) * 1000, (time.process_time() - started_cpu) * 1000


def median(pairs: list[tuple[float, float]]) -> str:
    wall, cpu = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
    return f"{wall:8.1f} ({cpu:6.1f})"


def median_ms(client, url: str, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of a GET, after one to warm up."""
    get(client, url)()
    pairs = [timed(get(client, url)) for _ in range(runs)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def get(client, url: str):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    return call


class Writer:
    """Adds one attendee at a time through the roster form, as staff do."""

    def __init__(self, app, client, event_id: int, person_ids: list[int]):
        self.app, self.client, self.event_id, self.people = app, client, event_id, iter(person_ids)

    def __call__(self):
        response = self.client.post(f"/events/{self.event_id}/attendees", data={
            "person_id": next(self.people), "role": "participant"})
        assert response.status_code == 302, response.status_code

    def read_messages(self):
        """What following the redirect would do with the message the write left ("… added to
        the roster"): else every untimed one piles up in the session cookie, which each timed
        write then reads and writes whole."""
        with self.client.session_transaction() as session:
            session.pop("_flashes", None)


@contextmanager
def counters_not_kept():
    """The write path as it was before the figures were kept: no counting at flush."""
    event.remove(Session, "before_flush", tracking.before_flush)
    event.remove(Session, "after_flush", tracking.after_flush)
    try:
        yield
    finally:
        tracking.register()


def run(label: str, url: str, engine_options: dict, args) -> None:
    app = migrated_app(url, SQLALCHEMY_ENGINE_OPTIONS={**Config.SQLALCHEMY_ENGINE_OPTIONS, **engine_options},
                       WTF_CSRF_ENABLED=False)
    with app.app_context():
        started = time.perf_counter()
        manager = db.session.scalar(select(User).where(User.email == "bench@example.org"))
        recount = None
        if manager is None:  # a new database (a kept one is reused as it is)
            add_earlier_phases(args.phases - 2)
            build(args.attendances, random.Random(args.seed))
            analyze()
            recount_started = time.perf_counter()
            tracking.bump(db.session)
            facts.rebuild(db.session.connection())  # what the migration does on existing data
            db.session.commit()
            recount = time.perf_counter() - recount_started
            analyze()
            for role in ("manager", "staff"):
                db.session.add(User(email=f"bench{'' if role == 'manager' else '-staff'}@example.org",
                                    name=role, role=role, password_hash="-"))
            db.session.commit()
        built = time.perf_counter() - started
        counts = {name: db.session.scalar(select(func.count()).select_from(model))
                  for name, model in (("attendances", Attendance), ("events", Event), ("people", Person))}
        users = {u.role: u.get_id() for u in db.session.scalars(select(User).where(
            User.email.like("bench%")))}
        phase = db.session.scalar(select(Phase).where(Phase.number == args.phase))
        event_id = db.session.scalar(select(Event.id).where(
            Event.phase_id == phase.id, Event.status == "held", Event.start_date >= date(2016, 1, 1))
            .order_by(Event.start_date).limit(1))
        on_roster = select(Attendance.person_id).where(Attendance.event_id == event_id)
        newcomers = db.session.scalars(select(Person.id).where(Person.id.not_in(on_roster))
                                       .order_by(Person.id).limit(4 * args.runs + 2 * args.write_runs + 4)).all()  # every write below
        per_phase = phase_totals(args.phase)["participations"]

    clients = {}
    for role, user_id in users.items():
        clients[role] = app.test_client()
        with clients[role].session_transaction() as session:
            session["_user_id"], session["_fresh"] = user_id, True
    reader, write = clients["manager"], Writer(app, clients["staff"], event_id, newcomers)
    print(f"{label}: {counts['attendances']:,} attendances, {counts['events']:,} events, "
          f"{counts['people']:,} officials, built (or opened) in {built:.0f} s"
          + (f", of which the recount of the kept figures {recount:.1f} s" if recount else "")
          + f"; participations in phase {args.phase}: {per_phase:,}")
    print(f"  load average before timing: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    year = args.year
    views = [(f"phase {args.phase}", f"/api/v1/totals?phase={args.phase}"),
             (f"year {year} (period)", f"/api/v1/totals?from={year}-01-01&to={year}-12-31"),
             ("all phases", "/api/v1/totals"),
             (f"dashboard, phase {args.phase}", f"/?phase={args.phase}")]
    print(f"  median ms (CPU ms) of GET, {args.runs} runs   first view after a write     warm view"
          f"      targets: {TARGETS_MS['first']} / {TARGETS_MS['warm']} ms")
    for name, page in views:
        if reader.get(page).status_code != 200 or (
                "from" in page and "from" not in reader.get(page).get_json()):
            print(f"  {name:<28} (not served by this version's API)")
            continue
        first, warm = [], []
        for _ in range(args.runs):
            write()
            write.read_messages()
            first.append(timed(get(reader, page)))
            warm.append(timed(get(reader, page)))
        print(f"  {name:<28}         {median(first)}        {median(warm)}")
    # Alternately with and without, so that other work on the machine weighs on both alike.
    kept, plain = [], []
    for _ in range(args.write_runs):
        kept.append(timed(write))
        write.read_messages()
        with counters_not_kept():
            plain.append(timed(write))
        write.read_messages()
    slower = statistics.median(p[0] for p in kept) / statistics.median(p[0] for p in plain) - 1
    # Each pair's two writes ran a moment apart: their ratio is not moved by the machine
    # slowing down or speeding up over the run, as the two medians are.
    paired = statistics.median(k[0] / p[0] for k, p in zip(kept, plain)) - 1
    print(f"  adding one attendee (POST, median ms of {args.write_runs}): {median(kept)} with the figures "
          f"kept, {median(plain)} without ({slower:+.0%}, pair by pair {paired:+.0%}; "
          f"target at most +20%)")
    with app.app_context():
        db.session.commit()
        facts.rebuild(db.session.connection())  # the writes made without them
        db.session.commit()
    for _ in range(3):  # three more writes, counted: the counters must stay right
        write()
    with app.app_context():
        differences = facts.differences(db.session.connection())
        db.session.rollback()
    print("  reporting (computed every time / remembered):")
    time_reporting(app, reader, args)
    print("  kept figures after the writes: "
          + ("equal to a recount" if not differences else f"{len(differences)} DIFFER"))
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


# --- Reporting (issue #18): a one-year period and cross-tables -----------------------------

REPORTING_TARGET_MS = 500


def time_reporting(app, client, args) -> None:
    """A calendar year inside phase 9 (totals and the country-by-sex cross-table) and the
    widest cross-table (topic by month), computed every time and remembered."""
    year = "from=2016-01-01&to=2016-12-31"
    pages = [("period totals, one year", f"/api/v1/totals?{year}"),
             ("crosstab country x sex, year", f"/api/v1/crosstab?{year}&rows=country&cols=sex"),
             ("crosstab topic x month, year", f"/api/v1/crosstab?{year}&rows=topic&cols=month"),
             ("crosstab page, year", f"/reports/crosstab?{year}&rows=country&cols=sex")]
    for name, page in pages:
        line = f"  {name:<30}"
        for remember in (False, True):
            app.config["TOTALS_CACHE"] = remember
            ms, cpu_ms = median_ms(client, page, args.runs)
            verdict = "met" if ms < REPORTING_TARGET_MS else "MISSED"
            line += f"   {ms:8.1f} ({cpu_ms:7.1f}) {verdict:<6}"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attendances", type=int, default=1_000_000)
    parser.add_argument("--phase", type=int, default=9)
    parser.add_argument("--phases", type=int, default=2, choices=range(2, 11),
                        help="spread the events over this many phases (2: the seeded 9 and 10)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--write-runs", type=int, default=101,
                        help="pairs of writes (with and without the figures kept) timed")
    parser.add_argument("--year", type=int, default=2016, help="the one-year period timed")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL"),
                        help="a PostgreSQL URL (default: TEST_DATABASE_URL)")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--keep", metavar="FILE",
                        help="build the SQLite database in FILE, or reuse it if it is there")
    parser.add_argument("--keep-schema", metavar="NAME",
                        help="build the PostgreSQL data in this schema, or reuse it if it is there "
                             "(DROP SCHEMA NAME CASCADE when done with it)")
    parser.add_argument("--pg-only", action="store_true")
    args = parser.parse_args()

    if args.keep and not args.pg_only:
        run("SQLite", f"sqlite:///{Path(args.keep).resolve()}", {}, args)
    elif not args.pg_only:
        with tempfile.TemporaryDirectory() as folder:
            run("SQLite", f"sqlite:///{folder}/bench.db", {}, args)
    if args.pg and not args.sqlite_only:
        url = args.pg.replace("postgresql://", "postgresql+psycopg://", 1)
        schema = args.keep_schema or f"bench_{uuid.uuid4().hex[:12]}"
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        try:
            run("PostgreSQL", url, {"connect_args": {"options": f"-csearch_path={schema}"}}, args)
        finally:
            if not args.keep_schema:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
