"""The event page with 500 attendees: median time to render, for someone who edits the roster
(a form per row, and the marks grid: a select per attendee and session) and for a manager
(counts only), in Russian and in English; then, for staff, the same event with every session
of its five days marked (a workshop's roll call). On a machine
busy with other work the median swings; the fastest run says what the page costs.

    .venv/bin/python benchmarks/event_page.py [--attendees 500] [--runs 15] [--profile]
"""
import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402
from support import migrated_app  # noqa: E402

from tracker.extensions import db  # noqa: E402
from tracker.models import Agency, AgencyType, Attendance, Event, Person, Phase, User  # noqa: E402
from tracker.workshop import marks  # noqa: E402

TARGET_MS = 300


def build(attendees: int) -> int:
    phase = db.session.scalar(select(Phase).where(Phase.number == 9))
    types = db.session.scalars(select(AgencyType)).all()
    agencies = [Agency(name=f"Agency {n}", country_code="KG", agency_type=types[n % len(types)])
                for n in range(20)]
    event = Event(title="Regional workshop on document security", start_date=date(2016, 3, 14),
                  end_date=date(2016, 3, 18), status="held", country_code="KG", city="Bishkek",
                  phase=phase)
    db.session.add_all([*agencies, event])
    for n in range(attendees):
        agency = agencies[n % len(agencies)]
        person = Person(full_name=f"Official Number {n}", country_code="KG",
                        sex=("F", "M", None)[n % 3], agency=agency, position="Inspector")
        db.session.add(Attendance(event=event, person=person, agency=agency,
                                  role=("participant", "trainer")[n % 10 == 0],
                                  days_attended=(None, 3)[n % 4 == 0]))
    for role in ("staff", "manager"):
        for locale in ("ru", "en"):
            db.session.add(User(email=f"{role}.{locale}@example.org", name=role.title(), role=role,
                                password_hash="-", locale=locale))
    db.session.commit()
    return event.id


def mark_everyone(event_id: int) -> None:
    """Every attendee marked in every session: present, late now and then, absent once a day."""
    event = db.session.get(Event, event_id)
    statuses = ("present", "present", "present", "late", "absent")
    cells = {(a.id, marks.session_key(s)): statuses[(a.id + n) % len(statuses)]
             for n, s in enumerate(marks.ensure_sessions(event)) for a in event.attendances}
    marks.save_marks(event, cells)
    db.session.commit()


def median_ms(client, url: str, runs: int) -> tuple[float, float, float]:
    client.get(url)
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(wall), statistics.median(cpu), min(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attendees", type=int, default=500)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--profile", action="store_true", help="print where the time goes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = migrated_app(f"sqlite:///{folder}/event.db")
        with app.app_context():
            event_id = build(args.attendees)
            users = {(u.role, u.locale): u.get_id() for u in db.session.scalars(select(User))}
        print(f"event page, {args.attendees} attendees (median of {args.runs}; target < {TARGET_MS} ms)")
        for role in ("staff", "manager"):
            for locale in ("ru", "en"):
                client = app.test_client()
                with client.session_transaction() as session:
                    session["_user_id"], session["_fresh"] = users[(role, locale)], True
                url = f"/events/{event_id}"
                ms, cpu, fastest = median_ms(client, url, args.runs)
                print(f"  {role:<8} {locale}: {ms:7.1f} ms (CPU {cpu:6.1f} ms, fastest {fastest:6.1f} ms) "
                      f"{'met' if ms < TARGET_MS else 'MISSED'}")
                if args.profile and role == "staff" and locale == "ru":
                    profiler = cProfile.Profile()
                    profiler.enable()
                    client.get(url)
                    profiler.disable()
                    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        with app.test_request_context():
            mark_everyone(event_id)
        for locale in ("ru", "en"):
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"], session["_fresh"] = users[("staff", locale)], True
            ms, cpu, fastest = median_ms(client, f"/events/{event_id}", args.runs)
            print(f"  staff    {locale}, every session marked: {ms:7.1f} ms (CPU {cpu:6.1f} ms, "
                  f"fastest {fastest:6.1f} ms) {'met' if ms < TARGET_MS else 'MISSED'}")


if __name__ == "__main__":
    main()
