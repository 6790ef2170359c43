"""Register import speed: builds registers of 10,000 and 100,000 rows (the larger with
6,000 events and 30,000 officials), imports each into a fresh SQLite database in its own
process, and prints rows per second and peak memory.

    .venv/bin/python benchmarks/import.py [--rows 100000] [--pg URL]

Targets (2-core machine, SQLite): >= 10,000 rows/s, < 500 MB, and 100,000 rows taking at
most 12 times as long as 10,000.
"""
import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SYLLABLES = "ba be bek da dan er gul jan kan kar li ma mir na nur ra sa sul ta tur u za zhan".split()
COUNTRIES = ["KG", "KZ", "TJ", "TM", "UZ"]
TOPICS = ["Document Security", "Integrated Border Management", "Identification and Profiling",
          "Border Control Procedures", "Anti-corruption"]
KINDS = ["workshop", "seminar", "training course", "conference"]


def word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def build_register(path: Path, rows: int, events: int, officials: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    people = []
    seen = set()
    while len(people) < officials:
        name = f"{word(rng, 2)} {word(rng, 3)}"
        country = rng.choice(COUNTRIES)
        if (name, country) not in seen:
            seen.add((name, country))
            people.append((name, country, rng.choice("FM")))
    start = date(2015, 6, 1)
    span = (date(2018, 6, 1) - start).days
    event_rows = []
    for n in range(events):
        day = start + timedelta(days=rng.randrange(span))
        length = rng.randint(1, 4)
        event_rows.append((f"EV-{n:05}", f"{rng.choice(TOPICS)} {rng.choice(KINDS)} {n}",
                           day.strftime("%d.%m.%Y") if n % 2 else day.isoformat(),
                           (day + timedelta(days=length - 1)).isoformat(), rng.choice(KINDS),
                           rng.choice(TOPICS), length))
    per_event = rows // events
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["event_code", "event_title", "start_date", "end_date", "event_kind", "topics",
                         "full_name", "sex", "country", "agency", "role", "days_attended"])
        written = 0
        person_index = 0
        for event in event_rows:
            code, title, start_date, end_date, kind, topic, length = event
            count = per_event + (1 if written + per_event < rows and event is event_rows[-1] else 0)
            for _ in range(count if event is not event_rows[-1] else rows - written):
                name, country, sex = people[person_index % officials]
                person_index += 1
                writer.writerow([code, title, start_date, end_date, kind, topic, name, sex, country,
                                 f"Border Service {country}", "participant",
                                 rng.randint(1, length) if rng.random() < 0.1 else ""])
                written += 1


def run_import(register: Path, database: str) -> dict:
    """Import the register into a fresh database (in this process); returns figures."""
    from config import TestingConfig
    from flask_migrate import upgrade

    from tracker import MIGRATIONS_DIR, create_app
    from tracker.register import apply_plan, lock_for_import, prepare
    from tracker.seed import seed

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database

    app = create_app(Config)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        seed()
        data = register.read_bytes()
        started = time.perf_counter()
        lock_for_import()
        plan = prepare(data)
        if plan.errors:
            raise SystemExit(f"unexpected errors: {[str(e) for e in plan.errors[:5]]}")
        counts = apply_plan(plan, source=register.name)
        elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": elapsed, "peak_mb": peak_mb, **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_import(Path(args.child[0]), args.child[1])))
        return
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rows in (args.rows // 10, args.rows):
            register = Path(tmp) / f"register-{rows}.csv"
            build_register(register, rows, events=max(rows * 6 // 100, 1), officials=max(rows * 3 // 10, 1))
            database = f"sqlite:///{Path(tmp) / f'import-{rows}.db'}"
            child = subprocess.run([sys.executable, __file__, "--child", str(register), database],
                                   capture_output=True, text=True, check=True)
            result = json.loads(child.stdout.strip().splitlines()[-1])
            results[rows] = result
            print(f"{rows:>7} rows ({result['events_new']} events, {result['people_new']} officials): "
                  f"{result['seconds']:.2f} s, {rows / result['seconds']:,.0f} rows/s, "
                  f"peak memory {result['peak_mb']:.0f} MB")
    small, large = results[args.rows // 10], results[args.rows]
    print(f"growth: {args.rows} rows took {large['seconds'] / small['seconds']:.1f} times as long as "
          f"{args.rows // 10} (linear would be 10)")


if __name__ == "__main__":
    main()
