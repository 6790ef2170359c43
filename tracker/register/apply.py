"""Carry out a plan with bulk inserts (no statement per row), inside the caller's transaction:
the request's end or the command commits it, and rolls it back on any failure."""
import gc
from contextlib import contextmanager

from sqlalchemy import insert, text, update

from .. import audit
from ..database import lock_people
from ..extensions import db
from ..models import Agency, Attendance, Event, EventStatus, Person, event_topic
from ..models._base import utcnow
from ..totals.tracking import counted
from .plan import Plan


@contextmanager
def collector_paused():
    """Pause the cyclic garbage collector: a large register makes hundreds of thousands of
    small objects, none of them in cycles, and repeated full collections over them made
    the import's time grow faster than its size."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def lock_for_import() -> None:
    """Serialise imports: two imports planning the same new person must not both add it.

    SQLite already holds its write lock from the transaction's first statement (see
    tracker/database.py); PostgreSQL takes a transaction-level advisory lock.
    """
    lock_people()


def apply_plan(plan: Plan, *, source: str, user=None) -> dict[str, int]:
    """Write what the plan says (flushed, not committed) and audit it."""
    if not plan.ok:
        raise ValueError("a plan with errors cannot be applied")
    counts = plan.counts  # before writing: afterwards the people on record show the changes
    if not plan.changes_anything:
        return counts
    with collector_paused():
        _write(plan)
    audit.record("import", None, summary=f"{source}: {counts['attendances_new']} attendances",
                 after={"source": source, **counts}, user=user)
    db.session.flush()
    return counts


def _write(plan: Plan) -> None:
    _insert_agencies(plan)
    # Core inserts bypass the session, so the kept figures are told whom they touch.
    existing_people = [p.existing.id for p in plan.people if p.existing is not None]
    existing_events = [e.existing.id for e in plan.events if e.existing is not None]
    with counted(db.session, existing_people, existing_events) as touched:
        _insert_events(plan)
        _insert_people(plan)
        _update_people(plan)
        _insert_attendances(plan)
        touched.add([p.new_id for p in plan.people if p.existing is None],
                    [e.new_id for e in plan.events if e.existing is None])


def _reserve_ids(table, count: int) -> list[int]:
    """Ids for `count` new rows, taken before inserting so that one executemany can insert
    them all (RETURNING in parameter order falls back to a statement per row on SQLite)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return list(db.session.scalars(
            text(f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
                 "FROM generate_series(1, :n)"), {"n": count}))
    # SQLite: this transaction holds the write lock (BEGIN IMMEDIATE), so nobody else can
    # take these ids before the insert. Tables that never reuse ids (AUTOINCREMENT) keep
    # their highest id ever in sqlite_sequence, which may exceed today's MAX(id).
    highest = db.session.scalar(text(
        f'SELECT MAX(COALESCE((SELECT MAX(id) FROM "{table.name}"), 0), '
        f"COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table.name}'), 0))"))
    return list(range(highest + 1, highest + 1 + count))


def _insert_returning_ids(model, rows: list[dict]) -> list[int]:
    # Core inserts of the table, not ORM bulk inserts: the plan already holds every value
    # (name keys included), and Core's executemany is several times faster.
    if not rows:
        return []
    table = model.__table__
    ids = _reserve_ids(table, len(rows))
    db.session.execute(insert(table), [{**row, "id": id_} for row, id_ in zip(rows, ids)])
    return ids


def _insert_agencies(plan: Plan) -> None:
    ids = _insert_returning_ids(Agency, [
        {"name": a.name, "country_code": a.country_code, "agency_type_id": a.agency_type_id}
        for a in plan.agencies])
    for agency, new_id in zip(plan.agencies, ids):
        agency.new_id = new_id
    for agency in plan.retyped_agencies:
        agency.existing.agency_type_id = agency.agency_type_id


def _insert_events(plan: Plan) -> None:
    new = [e for e in plan.events if e.existing is None]
    now = utcnow()
    ids = _insert_returning_ids(Event, [{
        "code": e.code, "title": e.facts["event_title"], "start_date": e.start_date,
        "end_date": e.facts.get("end_date"), "duration_days": e.duration_days,
        "kind_id": e.facts.get("event_kind"), "scope": e.facts.get("event_scope"),
        "status": e.facts.get("event_status") or EventStatus.HELD,
        "country_code": e.facts.get("event_country"), "city": e.facts.get("event_city"),
        "phase_id": e.phase.id, "version": 1, "created_at": now, "updated_at": now,
    } for e in new])
    topic_rows = []
    for event, new_id in zip(new, ids):
        event.new_id = new_id
        topic_rows += [{"event_id": new_id, "topic_id": t} for t in event.facts.get("topics", ())]
    if topic_rows:
        db.session.execute(insert(event_topic), topic_rows)


def _insert_people(plan: Plan) -> None:
    new = [p for p in plan.people if p.existing is None]
    now = utcnow()
    ids = _insert_returning_ids(Person, [{
        "full_name": p.full_name, "name_key": p.name_key, "sex": p.sex,
        "country_code": p.country_code, "agency_id": p.agency.id if p.agency else None,
        "position": p.position, "email": p.email,
        "email_key": p.email.lower() if p.email else None, "created_at": now, "updated_at": now,
    } for p in new])
    for person, new_id in zip(new, ids):
        person.new_id = new_id


def _update_people(plan: Plan) -> None:
    changed = [p for p in plan.people if p.existing is not None and p.changes]
    now = utcnow()
    for person in changed:
        values = dict(person.changes)
        if "agency" in values:
            values["agency_id"] = values.pop("agency").id
        before = {k: getattr(person.existing, k) for k in values}
        db.session.execute(update(Person).where(Person.id == person.existing.id)
                           .values(**values, updated_at=now))
        audit.record("update", person.existing, summary="register import", before=before,
                     after=values)


def _insert_attendances(plan: Plan) -> None:
    now = utcnow()
    rows = [{
        "event_id": a.event.id, "person_id": a.person.id, "role": a.role,
        "days_attended": a.days_attended,
        "agency_id": a.agency.id if a.agency else (
            a.person.existing.agency_id if a.person.existing else None),
        "pre_score": a.pre_score, "post_score": a.post_score, "rating": a.rating,
        "created_at": now,
    } for a in plan.attendances if not a.is_on_record]
    if rows:
        db.session.execute(insert(Attendance.__table__), rows)
