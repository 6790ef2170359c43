"""The people list's and a roster's exports at scale: time and the memory each download
takes (the peak of Python's allocations while it is made, above what the app held before).

    .venv/bin/python benchmarks/exports.py [--people 50000] [--roster 2000] [--runs 3]

The files are written as the rows come from the database (a write-only workbook, CSV text
into a spooled file), so the memory stays about the same whatever the number of rows.
"""
import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402
from support import migrated_app  # noqa: E402

from tracker.extensions import db  # noqa: E402
from tracker.identity import name_key  # noqa: E402
from tracker.models import Agency, AgencyType, Attendance, Event, Person, Phase, User  # noqa: E402

CHUNK = 20_000


def build(people: int, roster: int) -> int:
    """`people` officials of Kyrgyzstan in 40 agencies, `roster` of them at one event."""
    now = datetime.now(UTC)
    types = db.session.scalars(select(AgencyType.id)).all()
    db.session.execute(insert(Agency), [dict(name=f"Agency {n}", country_code="KG",
                                             agency_type_id=types[n % len(types)])
                                        for n in range(40)])
    agencies = db.session.scalars(select(Agency.id)).all()
    rows = []
    for n in range(people):
        name = f"Official Number {n} Беков"
        rows.append(dict(full_name=name, name_key=name_key(name), country_code="KG",
                         sex=("F", "M", None)[n % 3], agency_id=agencies[n % len(agencies)],
                         position="Inspector", email=f"official{n}@example.org",
                         created_at=now, updated_at=now))
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(Person), rows[start:start + CHUNK])
    phase = db.session.scalar(select(Phase).where(Phase.number == 9))
    event = Event(title="Regional workshop on document security", start_date=date(2016, 3, 14),
                  end_date=date(2016, 3, 18), status="held", country_code="KG", city="Bishkek",
                  phase=phase)
    db.session.add(event)
    db.session.flush()
    ids = db.session.scalars(select(Person.id).order_by(Person.id).limit(roster)).all()
    db.session.execute(insert(Attendance), [dict(event_id=event.id, person_id=pid, role="participant",
                                                 agency_id=agencies[pid % len(agencies)],
                                                 created_at=now) for pid in ids])
    db.session.add(User(email="coordinator@example.org", name="Coordinator", role="coordinator",
                        password_hash="-", locale="en"))
    db.session.commit()
    return event.id


def measure(client, url: str, runs: int) -> tuple[float, float, int]:
    """(median ms, peak MB above the start, bytes sent) of downloading `url`."""
    client.get(url)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    tracemalloc.start()
    before, _peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    size = len(client.get(url).data)
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), (peak - before) / 2**20, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--roster", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = migrated_app(f"sqlite:///{folder}/exports.db", UPLOAD_FOLDER=folder)
        with app.app_context():
            event_id = build(args.people, args.roster)
            user_id = db.session.scalar(select(User)).get_id()
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = user_id, True
        print(f"exports: {args.people:,} people, a roster of {args.roster:,} "
              f"(median of {args.runs}; memory: peak of Python's allocations during one download)")
        for label, url in (("people CSV", "/people/export.csv"),
                           ("people XLSX", "/people/export.xlsx"),
                           ("roster CSV", f"/events/{event_id}/export.csv"),
                           ("roster XLSX", f"/events/{event_id}/export.xlsx")):
            ms, megabytes, size = measure(client, url, args.runs)
            print(f"  {label:<12} {ms:8.0f} ms  {megabytes:7.1f} MB  ({size / 2**20:.1f} MB file)")


if __name__ == "__main__":
    main()
