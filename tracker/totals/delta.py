"""How one write moves the counters: what the people and events it touches count for after it,
minus what they counted for before, read and folded as little as the write allows.

A write that changes an event, a person, an agency or a phase may move anything they count
for: all is read again. One that changes only participations moves only those events' buckets
(its scope), and the people's other participations are as read before. One that only adds
participations reads nothing before it: after it, one read of the people's participations,
with and without the new ones, gives both figures; and an event's counters move only when a
new participant brings a country no other participant did.
"""
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..models import Attendance, Event, Person
from . import facts
from .facts import Key


@dataclass
class Touched:
    """The people and events a write changes: ids known before it, and objects whose ids
    are known only after it (new events, attendances given a new person)."""

    person_ids: set[int] = field(default_factory=set)
    event_ids: set[int] = field(default_factory=set)
    new: list = field(default_factory=list)
    names: bool = False
    # A changed event, person, agency or phase, or a new event: its figures may move in any
    # bucket. Otherwise only participations changed, and only their events' buckets move.
    wide: bool = False
    # Only new participations (no attendance changed or removed): an event's countries can
    # only grow, by its new participants'.
    added_only: bool = True

    def add(self, person_ids: Iterable[int] = (), event_ids: Iterable[int] = ()) -> None:
        self.person_ids.update(i for i in person_ids if i is not None)
        self.event_ids.update(i for i in event_ids if i is not None)

    def __bool__(self) -> bool:
        return bool(self.person_ids or self.event_ids or self.new or self.names)

    def resolved(self) -> tuple[set[int], set[int]]:
        """Ids after the flush: what the new objects turned out to be."""
        people, events = set(self.person_ids), set(self.event_ids)
        for obj in self.new:
            if isinstance(obj, Attendance):
                people.add(obj.person_id)
                events.add(obj.event_id)
            elif isinstance(obj, Event):
                events.add(obj.id)
        people.discard(None)
        events.discard(None)
        return people, events


@dataclass
class Count:
    """A write's count of the people and events it touches, taken before it: the rows read
    and the figures they make. `after()` counts them again, reading and folding as little
    as it can, and says how the counters move."""

    touched: Touched
    scope: set[str] | None
    people: list | None = None  # the touched people's participations (facts.PEOPLE_SQL's rows)
    figures: dict | None = None  # their figures, folded from those rows (facts.people_figures)
    event_counters: Counter | None = None  # the touched events' counters
    # When the write only adds participations: the (event, country) pairs whose counters move
    # unless a participant from that country attended already. Nothing is read before it.
    asks: list | None = None

    @classmethod
    def before(cls, session: Session, touched: Touched, scope: set[str] | None = None) -> "Count":
        if scope is not None and touched.added_only:
            # Read after the flush, once: the people's participations with the new ones among
            # them; without them, they are what the people counted for before.
            return cls(touched, scope, asks=_countries_to_ask(session, touched.new))
        connection = session.connection()
        people_ids, event_ids = touched.resolved()
        people = facts.people_rows(connection, people_ids)
        return cls(touched, scope, people, facts.people_figures(people, scope),
                   facts.event_counts(facts.event_rows(connection, event_ids), scope))

    def after(self, connection) -> dict:
        """The counters' changes: what the touched people and events count for now, minus
        what they counted for before."""
        people_ids, event_ids = self.touched.resolved()
        if self.asks is not None:
            return self._added(connection, people_ids)
        if self.scope is None:  # anything may have moved: everything touched is read again
            figures = facts.people_figures(facts.people_rows(connection, people_ids))
        else:  # only participations in these events changed: the people's others are as before
            fresh = facts.people_rows(connection, people_ids, event_ids)
            people = sorted([row for row in self.people if row[1] not in event_ids] + fresh,
                            key=lambda row: (row[0], row[1]))  # stable: a participation's topic rows stay together
            figures = facts.people_figures(people, self.scope)
        return {**figures_delta(self.figures, figures), **counters_delta(
            self.event_counters, facts.event_counts(facts.event_rows(connection, event_ids), self.scope))}

    def _added(self, connection, people_ids: set[int]) -> dict:
        """The change new participations make: the people's figures without them and with
        them, from one read; an event counts once more for each country a new participant
        brings that no other participant did."""
        added = {(attendance.person_id, attendance.event_id) for attendance in self.touched.new}
        asks = [(event.id, country, tuple(sorted(person_id for person_id, event_id in added
                                                 if event_id == event.id)))
                for event, country in self.asks]
        rows, present = facts.people_rows_and_presence(connection, people_ids, asks)
        before = facts.people_figures([row for row in rows if (row[0], row[1]) not in added], self.scope)
        after = facts.people_figures([row for row in rows if (row[0], row[1]) in added], self.scope, before)
        delta = figures_delta(before, after)
        for (event, country), there in zip(self.asks, present):
            if not there:  # the first participant from this country: the event counts for it
                delta.update((key, 1) for key in facts.event_keys(
                    event.start_date.isoformat(), event.phase_id, event.kind_id, country, self.scope))
        return delta


def _countries_to_ask(session: Session, attendances: list) -> list[tuple]:
    """(event, country) for each country new participants bring to a held event that is not
    its host's: whether another participant brought it already decides whether the event's
    counters move (new participations are all that changed, so no event is read whole)."""
    asks = []
    for attendance in attendances:
        if attendance.role != facts.PARTICIPANT:
            continue
        event = attendance.__dict__.get("event") or session.get(Event, attendance.event_id)
        person = attendance.__dict__.get("person") or session.get(Person, attendance.person_id)
        country = person.country_code if person is not None else None
        if (country and event is not None and event.status == facts.HELD and event.deleted_at is None
                and country != event.country_code and (event, country) not in asks):
            asks.append((event, country))
    return asks


def figures_delta(before: dict[int, dict], after: dict[int, dict]) -> dict[Key, int]:
    """The counters of people with figures `after` minus those of the same people with figures
    `before` (people_figures'), bucket by bucket and only what differs: a new participation
    moves a few counters of each of its buckets, not all of the person's."""
    delta: dict[Key, int] = {}
    for person in before.keys() | after.keys():
        old, new = before.get(person, {}), after.get(person, {})
        for bucket in old.keys() | new.keys():
            was, now = old.get(bucket), new.get(bucket)
            if was == now:
                continue
            if was is None or now is None or was[:2] != now[:2]:  # in or out of the bucket, or moved
                if was is not None:
                    facts.add_figures(delta, bucket, was, -1)
                if now is not None:
                    facts.add_figures(delta, bucket, now, 1)
                continue
            changes = [(dim, "", n - m) for dim, m, n in zip(facts.SUMS, was[4:], now[4:])
                       if n != m] if facts.keeps_sums(bucket) else []
            changes += [(dim, key, 1) for dim, key in now[3] - was[3]]
            changes += [(dim, key, -1) for dim, key in was[3] - now[3]]
            if was[2][:7] != now[2][:7]:
                changes += [("first", was[2][:7], -1), ("first", now[2][:7], 1)]
            for dim, key, value in changes:
                name = (bucket, now[0], now[1], dim, key)
                delta[name] = delta.get(name, 0) + value
    return delta


def counters_delta(before: Counter, after: Counter) -> dict[Key, int]:
    """after - before, keeping what falls below zero."""
    delta = {key: n - before.get(key, 0) for key, n in after.items() if n != before.get(key, 0)}
    delta.update((key, -n) for key, n in before.items() if key not in after)
    return delta
