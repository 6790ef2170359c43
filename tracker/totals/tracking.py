"""The one place that keeps the counters in step with the data: every flush of every session.

Before a flush writes, the people and events it touches are counted as the database holds
them; after it, counted again, and the counters move by the difference (delta.py, which
reads again only what the write can have moved) — in the same transaction, so a rollback
takes both back. The state token changes first: a flush that changes figures waits for any
other such transaction to end (one row lock), so two writers never count each other's
half-done work, and remembered results (cache.py) are keyed by it.

Writes the session cannot see — Core statements such as the register import's bulk
inserts — go inside `counted(...)`, naming the existing people and events they touch.
"""
import secrets
import weakref
from collections.abc import Iterable
from contextlib import contextmanager

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from ..models import (
    Agency,
    AgencyType,
    Attachment,
    Attendance,
    Country,
    CountryTarget,
    Event,
    EventKind,
    Person,
    Phase,
    Topic,
    TotalsState,
)
from . import facts
from .delta import Count, Touched

# What a figure depends on, per model (relationships and their foreign keys alike).
EVENT_FIELDS = ("status", "start_date", "end_date", "duration_days", "phase_id", "phase",
                "kind_id", "kind", "country_code", "country", "topics", "deleted_at")
PERSON_FIELDS = ("sex", "country_code", "country")
ATTENDANCE_FIELDS = ("person_id", "person", "event_id", "event", "role", "days_attended",
                     "pre_score", "post_score", "rating", "agency_id", "agency")
# Shown with the figures or behind remembered results (names, targets, the evidence of signed
# sheets), never counted: a change makes a new token only.
NAMES = (AgencyType, Attachment, Country, CountryTarget, EventKind, Phase, Topic)
PAUSED = "totals_paused"
_HAS_COUNTERS: "weakref.WeakSet" = weakref.WeakSet()  # engines whose database has them
PENDING = "totals_pending"


def register() -> None:
    """Listen to every session's flushes (once per process)."""
    if not event.contains(Session, "before_flush", before_flush):
        event.listen(Session, "before_flush", before_flush)
        event.listen(Session, "after_flush", after_flush)


def _changed(obj, names: Iterable[str]) -> bool:
    state = inspect(obj)
    # Only an attribute set since the last flush is in committed_state: others are not asked.
    candidates = state.committed_state.keys() & names
    return bool(candidates) and any(state.attrs[name].history.has_changes() for name in candidates)


def _id_of(obj) -> int | None:
    return obj.id if obj is not None and inspect(obj).has_identity else None


def _old_and_new(obj, column: str, relation: str) -> set:
    """Ids an attendance's person or event had before this flush and will have after it."""
    state = inspect(obj)
    if state.pending:  # new: no earlier values (nor history to ask)
        linked = state.dict.get(relation)
        return {getattr(obj, column), None if linked is None else _id_of(linked)}
    attrs = state.attrs
    history, linked = attrs[column].history, attrs[relation].history
    ids = set(history.added) | set(history.unchanged) | set(history.deleted)
    ids.add(getattr(obj, column))
    ids.update(_id_of(o) for o in (*linked.added, *linked.unchanged, *linked.deleted))
    return ids


def _touched(session: Session) -> Touched:
    touched = Touched()
    fanout_events, fanout_people, fanout_agencies, fanout_phases = set(), set(), set(), set()
    # Each of these properties builds a new set: asked once, not once per object (a flush of
    # 10,000 objects spent 8 s here).
    new, deleted = session.new, session.deleted
    for obj in (*new, *session.dirty, *deleted):
        is_new, is_deleted = obj in new, obj in deleted
        if isinstance(obj, Attendance):
            if is_new or is_deleted or _changed(obj, ATTENDANCE_FIELDS):
                touched.added_only = touched.added_only and is_new
                touched.add(_old_and_new(obj, "person_id", "person"),
                            _old_and_new(obj, "event_id", "event"))
                touched.new.append(obj)  # its person or event may be new: known after the flush
        elif isinstance(obj, Event):
            if is_new:
                touched.new.append(obj)
                touched.wide = True
            elif is_deleted or _changed(obj, EVENT_FIELDS):
                fanout_events.add(obj.id)
        elif isinstance(obj, Person):
            if not is_new and (is_deleted or _changed(obj, PERSON_FIELDS)):
                fanout_people.add(obj.id)
        elif isinstance(obj, Agency):
            if not is_new and _changed(obj, ("agency_type_id", "agency_type")):
                fanout_agencies.add(obj.id)
        if isinstance(obj, NAMES) and (is_new or is_deleted or _changed(
                obj, [a.key for a in inspect(obj).mapper.column_attrs])):
            touched.names = True
            if isinstance(obj, Phase) and not is_new and _changed(obj, ("completion_share",)):
                fanout_phases.add(obj.id)
    _fan_out(session, touched, fanout_events, fanout_people, fanout_agencies, fanout_phases)
    return touched


def _fan_out(session, touched: Touched, events, people, agencies, phases) -> None:
    """The people and events counted with a changed event, person, agency or phase."""
    queries = []
    touched.wide = touched.wide or bool(events or people or agencies or phases)
    if events:
        touched.add(event_ids=events)
        queries.append(Attendance.event_id.in_(events))
    if people:
        touched.add(person_ids=people)
        queries.append(Attendance.person_id.in_(people))
    if agencies:
        queries.append(Attendance.agency_id.in_(agencies))
    if phases:
        queries.append(Attendance.event_id.in_(select(Event.id).where(Event.phase_id.in_(phases))))
    for where in queries:
        rows = session.connection().execute(select(Attendance.person_id, Attendance.event_id).where(where))
        for person_id, event_id in rows:
            touched.add((person_id,), (event_id,))


def bump(session: Session) -> None:
    """A new state token, in this transaction (and the row lock that goes with it)."""
    connection = session.connection()
    token = secrets.token_hex(16)
    if not facts.run(connection, f"UPDATE totals_state SET token = {facts.mark(connection)} WHERE id = 1",
                     (token,)):
        connection.execute(insert(TotalsState).values(id=1, token=token))


def _scope(session: Session, touched: Touched) -> set[str] | None:
    """The buckets this flush can move: those of the events whose participations it changes
    (all of them known before the flush), or None: every bucket."""
    if touched.wide or any(isinstance(obj, Attendance) and obj.event_id is None and
                           _id_of(obj.event) is None for obj in touched.new):
        return None
    scope = set()
    for event_id in touched.event_ids:
        event = session.get(Event, event_id)  # loaded already, as a rule: no query
        if event is not None:
            scope.update(facts.buckets(event.start_date.isoformat(), event.phase_id))
    return scope


def _kept_here(session: Session) -> bool:
    """Whether this database has the counters yet (not before its migration, e.g. `flask seed`
    on a database upgraded only part of the way)."""
    engine = session.get_bind()
    if engine not in _HAS_COUNTERS:
        if not inspect(session.connection()).has_table("totals_state"):
            return False
        _HAS_COUNTERS.add(engine)
    return True


def before_flush(session: Session, _context, _instances) -> None:
    session.info.pop(PENDING, None)  # from a flush that failed
    if session.info.get(PAUSED):
        return
    touched = _touched(session)
    if not touched or not _kept_here(session):
        return
    bump(session)
    session.info[PENDING] = Count.before(session, touched, _scope(session, touched))


def after_flush(session: Session, _context) -> None:
    count = session.info.pop(PENDING, None)
    if count is not None:
        facts.apply(session.connection(), count.after(session.connection()))


@contextmanager
def counted(session: Session, person_ids: Iterable[int] = (), event_ids: Iterable[int] = ()):
    """Count Core writes: yields a Touched to which the caller adds the ids it created.

    The session's own pending changes are flushed (and counted) first; inside, flushes are
    left uncounted, so name every existing person and event the writes touch.
    """
    session.flush()
    touched = Touched()
    touched.add(person_ids, event_ids)
    bump(session)
    before = Count.before(session, touched)
    session.info[PAUSED] = True
    try:
        yield touched
        session.flush()
    finally:
        session.info.pop(PAUSED, None)
    facts.apply(session.connection(), before.after(session.connection()))
