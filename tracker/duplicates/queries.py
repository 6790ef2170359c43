"""Reading for the review pages: a page of suspected pairs (searched and filtered), event
histories, recent merges and "not the same person" marks."""
from collections import defaultdict
from dataclasses import dataclass

from flask import current_app
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import aliased, joinedload

from ..auth.permissions import may_access_country, scope_to_country
from ..extensions import db
from ..identity import phonetic_token, phonetic_tokens, search_tokens
from ..models import Attendance, DistinctPair, Event, Person, PersonMerge, Phase, User
from ..pagination import page_number
from ..security import parse_id
from .suspects import load_pairs, scored_pairs

_CHUNK = 500  # ids per IN list


class PairPagination(Pagination):
    """One page of scored pairs; only that page's people are loaded."""

    def _query_items(self) -> list:
        pairs = self._query_args["pairs"][self._query_offset:self._query_offset + self.per_page]
        together = self._query_args["together"]
        return [(pair, (pair.a.id, pair.b.id) in together) for pair in load_pairs(pairs)]

    def _query_count(self) -> int:
        return len(self._query_args["pairs"])


@dataclass
class QueueFilters:
    q: str | None = None  # a name, in either script
    country: str | None = None
    phase: int | None = None  # one of the pair attended an event of this phase

    @classmethod
    def from_args(cls, args, country_limit: str | None) -> "QueueFilters":
        return cls(q=(args.get("q") or "").strip() or None,
                   country=country_limit or args.get("country") or None,
                   phase=parse_id(args.get("phase", "")))


def pair_page(filters: QueueFilters) -> PairPagination:
    """The queue's page: pairs matching the filters, most alike first, pairs who attended one
    event (usually two people) last; each pair's 4th item says whether they did."""
    pairs = scored_pairs(filters.country)
    if filters.q:
        found = _people_named(filters.q, {i for p in pairs for i in p[:2]})
        pairs = [p for p in pairs if p[0] in found or p[1] in found]
    if filters.phase:
        found = _people_in_phase(filters.phase, {i for p in pairs for i in p[:2]})
        pairs = [p for p in pairs if p[0] in found or p[1] in found]
    together = _attended_together(pairs)
    ordered = sorted(pairs, key=lambda p: (p[:2] in together, -p[2], p[0], p[1]))
    return PairPagination(pairs=ordered, together=together, page=page_number(),
                          per_page=current_app.config.get("DUPLICATES_PER_PAGE", 10),
                          error_out=False)


def _chunks(ids) -> list[list[int]]:
    ids = sorted(ids)
    return [ids[start:start + _CHUNK] for start in range(0, len(ids), _CHUNK)]


def _people_named(text: str, ids: set[int]) -> set[int]:
    """Of `ids`, the people whose name has a word starting with each word typed, Latin or
    Cyrillic, once transliteration variants are folded: "Дуйшенбиев Райымберди" (ICAO:
    raiymberdi) finds Rayimberdi Duishenbiev."""
    typed = [phonetic_token(t) for t in search_tokens(text)]
    if not typed:
        return set()
    found = set()
    for chunk in _chunks(ids):
        for person_id, key in db.session.execute(
                select(Person.id, Person.name_key).where(Person.id.in_(chunk))):
            words = phonetic_tokens(key)
            if all(any(w.startswith(t) for w in words) for t in typed):
                found.add(person_id)
    return found


def _people_in_phase(number: int, ids: set[int]) -> set[int]:
    found = set()
    for chunk in _chunks(ids):
        found.update(db.session.scalars(
            select(Attendance.person_id).join(Attendance.event).join(Event.phase)
            .where(Phase.number == number, Attendance.person_id.in_(chunk)).distinct()))
    return found


def _attended_together(pairs: list) -> set[tuple[int, int]]:
    """The (a, b) of the pairs whose two people attended one same event."""
    events = defaultdict(set)
    for chunk in _chunks({i for p in pairs for i in p[:2]}):
        for person_id, event_id in db.session.execute(
                select(Attendance.person_id, Attendance.event_id)
                .where(Attendance.person_id.in_(chunk))):
            events[person_id].add(event_id)
    return {p[:2] for p in pairs if not events[p[0]].isdisjoint(events[p[1]])}


def pairs_waiting(country_code: str | None) -> int:
    """How many suspected pairs wait for a coordinator (the dashboard's reminder)."""
    return len(scored_pairs(country_code))


def distinct_marks(person_id: int | None = None, limit: int | None = 10) -> list:
    """Recent "not the same person" marks in the user's scope: (mark, person a, person b,
    who marked), newest first; with `person_id`, only that person's."""
    a, b = aliased(Person), aliased(Person)
    query = (select(DistinctPair, a, b, User)
             .join(a, DistinctPair.person_a_id == a.id).join(b, DistinctPair.person_b_id == b.id)
             .outerjoin(User, DistinctPair.marked_by_id == User.id)
             .order_by(DistinctPair.created_at.desc(), DistinctPair.person_a_id))
    if person_id:
        query = query.where(or_(DistinctPair.person_a_id == person_id,
                                DistinctPair.person_b_id == person_id))
    return list(db.session.execute(scope_to_country(query, a.country_code).limit(limit)))


def histories(people: list[Person]) -> dict[int, list[Attendance]]:
    """Each person's attendances, newest event first, in one query."""
    rows = db.session.scalars(
        select(Attendance).join(Attendance.event)
        .where(Attendance.person_id.in_([p.id for p in people]), Event.deleted_at.is_(None))
        .options(joinedload(Attendance.event))
        .order_by(Event.start_date.desc(), Event.id))
    found = defaultdict(list)
    for attendance in rows:
        found[attendance.person_id].append(attendance)
    return found


def person_in_scope(person_id: int | None) -> Person | None:
    """The person, if on record and in a country the signed-in user may see."""
    person = db.session.get(Person, person_id) if person_id else None
    if person is None or not may_access_country(person.country_code):
        return None
    return person


def recent_merges(person_id: int | None = None) -> Select:
    query = (select(PersonMerge, Person).join(Person, PersonMerge.survivor_id == Person.id)
             .options(joinedload(PersonMerge.merged_by))
             .order_by(PersonMerge.merged_at.desc(), PersonMerge.id.desc()))
    if person_id:
        query = query.where((PersonMerge.survivor_id == person_id)
                            | (PersonMerge.absorbed_person_id == person_id))
    return scope_to_country(query, Person.country_code)


def merge_in_scope(merge_id: int) -> PersonMerge | None:
    record = db.session.get(PersonMerge, merge_id)
    if record is None:
        return None
    kept = record.snapshot.get("survivor")  # gone once the survivor was erased
    if kept is not None:
        country = kept["country_code"]
    else:
        survivor = db.session.get(Person, record.survivor_id)
        country = survivor.country_code if survivor else None
    return record if may_access_country(country) else None
