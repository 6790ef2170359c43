"""Load: gunicorn with 4 workers and the production config, 8 clients at once adding
attendances (people on record, and new people typed in) to one event and editing that event,
then whether every write the server acknowledged is in the database.

    .venv/bin/python benchmarks/load.py [--operations 40] [--clients 8] [--workers 4]
    .venv/bin/python benchmarks/load.py --pg [URL]   # default URL: $TEST_DATABASE_URL

SQLite runs on a temporary file; PostgreSQL in a schema of its own, dropped afterwards.
Each client signs in with its own account (the sign-in limits count per account), reads the
CSRF token from a page, and follows redirects as a browser would. An edit sends the version
it read: a stale edit refused with "Someone else saved this event" is an expected answer,
counted apart, not an error. The production config marks the session cookie Secure, which a
browser would not send back over plain http; the clients here keep cookies themselves and
send them to 127.0.0.1 whatever the flag, so the server runs exactly the production config.

Targets: 0 errors (5xx, connection errors, "database is locked" in the server log) and
0 lost writes. The exit status is 1 when a target is missed.
"""
import argparse
import http.client
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from load_client import PASSWORD, Tally, run_client, word

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))



# --- The database --------------------------------------------------------------------------

def prepare_database(pg_url: str | None, folder: Path) -> tuple[str, callable]:
    """(DATABASE_URL for the server, cleanup) of an empty database."""
    if not pg_url:
        return f"sqlite:///{folder / 'tracker.db'}", lambda: None
    from sqlalchemy import create_engine, text

    pg_url = pg_url.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    separator = "&" if "?" in pg_url else "?"
    return f"{pg_url}{separator}options=-csearch_path%3D{schema}", drop


def make_app(database_url: str):
    from config import ProductionConfig
    from tracker import create_app

    class Config(ProductionConfig):
        SQLALCHEMY_DATABASE_URI = database_url

    return create_app(Config)


def seed(database_url: str, clients: int, people_per_client: int) -> tuple[int, list[list[int]]]:
    """Reference data, one user per client, one event, and people on record for each
    client to add (each client its own, so no add is refused as already on the roster)."""
    from datetime import date

    from flask_migrate import upgrade
    from werkzeug.security import generate_password_hash

    from tracker import MIGRATIONS_DIR
    from tracker.extensions import db
    from tracker.models import Agency, Event, EventKind, Person, Phase, User
    from tracker.seed import seed as seed_reference

    app = make_app(database_url)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        seed_reference()
        password_hash = generate_password_hash(PASSWORD)
        db.session.add_all(User(email=f"client{n}@example.org", name=f"Client {n}", role="staff",
                                password_hash=password_hash) for n in range(clients))
        agency = Agency(name="State Border Service", country_code="KG")
        event = Event(title="Load test workshop", start_date=date(2016, 3, 14),
                      end_date=date(2016, 3, 16), status="held", scope="national",
                      country_code="KG", city="Bishkek",
                      phase=db.session.scalar(db.select(Phase).where(Phase.number == 9)),
                      kind=db.session.scalar(db.select(EventKind).where(EventKind.code == "workshop")))
        rng = random.Random(7)
        people = [[Person(full_name=f"{word(rng, 3)} {word(rng, 3)}", country_code="KG", sex="F",
                          agency=agency) for _ in range(people_per_client)] for _ in range(clients)]
        db.session.add_all([agency, event, *(p for group in people for p in group)])
        db.session.commit()
        ids = event.id, [[p.id for p in group] for group in people]
        db.engine.dispose()
    return ids


# --- The server ----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(database_url: str, workers: int, port: int, folder: Path, log: Path):
    env = {**os.environ, "TRACKER_CONFIG": "production", "SECRET_KEY": secrets.token_hex(32),
           "DATABASE_URL": database_url, "UPLOAD_FOLDER": str(folder / "uploads")}
    env.pop("FLASK_DEBUG", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind",
         f"127.0.0.1:{port}", "--timeout", "60", "wsgi:app"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start:\n{log.read_text()}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/login")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


# --- The figures ---------------------------------------------------------------------------

def in_database(database_url: str, event_id: int) -> dict:
    from sqlalchemy import func, select

    from tracker.extensions import db
    from tracker.models import Attendance, AuditEntry, Event, Person

    app = make_app(database_url)
    with app.app_context():
        rows = db.session.execute(select(Person.id, Person.full_name).join(Attendance)
                                  .where(Attendance.event_id == event_id)).all()
        found = {
            "people": {person_id for person_id, _ in rows},
            "names": {name for _, name in rows},
            "attendances": len(rows),
            "version": db.session.get(Event, event_id).version,
            "edits_audited": db.session.scalar(select(func.count(AuditEntry.id)).where(
                AuditEntry.action == "update", AuditEntry.object_type == "event")),
        }
        db.engine.dispose()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", nargs="?", const=os.environ.get("TEST_DATABASE_URL") or "",
                        help="run on PostgreSQL (default URL: $TEST_DATABASE_URL)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--operations", type=int, default=40, help="per client")
    args = parser.parse_args()
    if args.pg == "":
        raise SystemExit("--pg needs a URL or TEST_DATABASE_URL")

    folder = Path(tempfile.mkdtemp(prefix="tracker-load-"))
    database_url, cleanup = prepare_database(args.pg, folder)
    existing_per_client = (args.operations + 4) // 5 * 2
    event_id, people = seed(database_url, args.clients, existing_per_client)
    port, log = free_port(), folder / "gunicorn.log"
    server = start_gunicorn(database_url, args.workers, port, folder, log)
    tallies = [Tally() for _ in range(args.clients)]
    start = threading.Barrier(args.clients + 1)
    threads = [threading.Thread(target=run_client, args=(port, n, event_id, people[n],
                                                         args.operations, start, tallies[n]))
               for n in range(args.clients)]
    try:
        for thread in threads:
            thread.start()
        start.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    try:
        found = in_database(database_url, event_id)
    finally:
        cleanup()

    latencies = sorted(t for tally in tallies for _, t in tally.latencies)
    by_kind: dict[str, list[float]] = {}
    for tally in tallies:
        for kind, seconds in tally.latencies:
            by_kind.setdefault(kind, []).append(seconds)
    server_log = log.read_text(errors="replace")
    locked = server_log.count("database is locked")
    errors = sum(t.server_errors + t.connection_errors for t in tallies) + locked
    people_acknowledged = {p for t in tallies for p in t.added_people}
    names_acknowledged = {n for t in tallies for n in t.added_new}
    saved = sum(t.edits_saved for t in tallies)
    # Each saved edit raises the event's version by one (optimistic locking) and is audited.
    lost = (len(people_acknowledged - found["people"]) + len(names_acknowledged - found["names"])
            + max(0, saved - found["edits_audited"], saved - (found["version"] - 1)))
    unacknowledged = found["attendances"] - len(people_acknowledged) - len(names_acknowledged)
    other = [answer for t in tallies for answer in t.other_answers]

    backend = "PostgreSQL" if args.pg else "SQLite"
    print(f"{backend}: gunicorn {args.workers} workers, {args.clients} clients × "
          f"{args.operations} operations, {len(latencies)} requests in {elapsed:.1f} s")
    print(f"  requests per second  {len(latencies) / elapsed:8.1f}")
    print(f"  latency p50 / p95    {statistics.median(latencies) * 1000:6.0f} / "
          f"{latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms "
          f"(max {latencies[-1] * 1000:.0f} ms)")
    for kind, times in sorted(by_kind.items(), key=lambda item: -len(item[1])):
        times.sort()
        print(f"    {kind:34} {len(times):4d} × p50 {statistics.median(times) * 1000:5.0f} ms, "
              f"p95 {times[max(0, int(len(times) * 0.95) - 1)] * 1000:5.0f} ms")
    print(f"  errors               {errors:8d}  (5xx {sum(t.server_errors for t in tallies)}, "
          f"connection {sum(t.connection_errors for t in tallies)}, "
          f"'database is locked' {locked})")
    print(f"  attendances          {len(people_acknowledged) + len(names_acknowledged):8d} "
          f"acknowledged ({len(people_acknowledged)} on record, {len(names_acknowledged)} new), "
          f"{found['attendances']} in the database")
    print(f"  event edits          {saved:8d} saved, {sum(t.edits_stale for t in tallies)} "
          f"refused as stale (expected); {found['edits_audited']} in the audit log, version "
          f"{found['version']}")
    print(f"  lost writes          {lost:8d}  (unacknowledged rows {unacknowledged}"
          + (f"; other answers: {other[:5]}" if other else "") + ")")
    if errors or lost or unacknowledged or other:
        print(f"  TARGET MISSED; server log: {log}")
        return 1
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
