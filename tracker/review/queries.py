"""Reading for the review pages: a page of suspected pairs, event histories, recent merges."""
from collections import defaultdict

from flask import current_app
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from ..auth.permissions import may_access_country, scope_to_country
from ..duplicates import load_pairs, scored_pairs
from ..extensions import db
from ..models import Attendance, Event, Person, PersonMerge
from ..pagination import page_number


class PairPagination(Pagination):
    """One page of scored pairs; only that page's people are loaded."""

    def _query_items(self) -> list:
        pairs = self._query_args["pairs"][self._query_offset:self._query_offset + self.per_page]
        return load_pairs(pairs)

    def _query_count(self) -> int:
        return len(self._query_args["pairs"])


def pair_page(country_code: str | None) -> PairPagination:
    return PairPagination(pairs=scored_pairs(country_code), page=page_number(),
                          per_page=current_app.config.get("DUPLICATES_PER_PAGE", 10),
                          error_out=False)


def histories(people: list[Person]) -> dict[int, list[Attendance]]:
    """Each person's attendances, newest event first, in one query."""
    rows = db.session.scalars(
        select(Attendance).join(Attendance.event)
        .where(Attendance.person_id.in_([p.id for p in people]))
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
    if record is None or not may_access_country(record.snapshot["survivor"]["country_code"]):
        return None
    return record
