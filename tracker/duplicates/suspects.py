"""Suspected duplicates: people of one country whose names are alike but not equal.

No one is compared with everyone. Two people are compared only when they share a block:
a whole (phonetically folded) name token, the first two letters of two of their tokens,
or an email. Inside a block rapidfuzz's C++ loop drops the clearly different names, and
identity.match_names() decides on the rest.
"""
import re
from collections import Counter, defaultdict
from itertools import combinations
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import func, select

from ..extensions import db
from ..identity import transliteration_fold
from ..models import DistinctPair, Person
from ..name_match import PARTICLES, PairReason, match_names

MIN_SCORE = 0.8
# A spelling borne by this many people is a name in its own right, not a typing slip.
COMMON_SPELLING = 3
# Two people recorded with different sexes are more likely two people (a brother and a
# sister, Bekov and Bekova); still listed when the names are very close (a typing slip).
SEX_CONFLICT_FACTOR = 0.9
# One name, one country, two emails: an official's work and personal addresses, or two
# namesakes. Listed, below the pairs whose names differ by a typo.
DIFFERENT_EMAILS_SCORE = 0.9
# Cheap first passes inside a block, looser than match_names so that they drop (almost)
# no pair it would accept (benchmarks/duplicates.py counts what is missed): edits between
# the rest of two names that share a token (common first names make these blocks large),
# token_set_ratio (0..100) in the small prefix blocks.
_REST_EDITS = 2
_PREFIX_CUTOFF = 80
_LOAD_CHUNK = 500
_INITIAL = re.compile(r"(?:^| )\w\w?(?= |$)")  # a name key's word of one or two letters


class SuspectedPair(NamedTuple):
    a: Person
    b: Person
    score: float  # 0..1
    reasons: tuple[PairReason, ...]  # most telling first

    @property
    def reason(self) -> PairReason:
        return self.reasons[0]


class _Someone(NamedTuple):
    id: int
    country_code: str
    key: str
    folded: str
    email_key: str | None
    sex: str | None
    has_initials: bool


def _blocking_form(key: str) -> str:
    # Transliterations folded, surname endings not: -ov and -ev in one block would make
    # the blocks of common surnames twice as large, and one edit apart they meet anyway.
    return " ".join(sorted(transliteration_fold(token) for token in key.split()))


def _people(country_code: str | None) -> list[_Someone]:
    query = select(Person.id, Person.country_code, Person.name_key, Person.email_key,
                   Person.sex).where(Person.erased_at.is_(None)).order_by(Person.id)
    if country_code:
        query = query.where(Person.country_code == country_code)
    return [_Someone(id_, country, key, _blocking_form(key), email, sex,
                     _INITIAL.search(key) is not None)
            for id_, country, key, email, sex in db.session.execute(query)]


def _blocks(people: list[_Someone]) -> dict[tuple, list[int]]:
    """Block key -> positions in `people`, in order; the key's second item is its kind."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for position, someone in enumerate(people):
        tokens = [t for t in someone.folded.split() if t not in PARTICLES]
        keys = {(someone.country_code, "token", t) for t in tokens if len(t) >= 3}
        keys |= {(someone.country_code, "prefixes", *sorted((t[:2], u[:2])))
                 for t, u in combinations(tokens, 2)}
        if someone.email_key:
            keys.add((someone.country_code, "email", someone.email_key))
        for key in keys:
            blocks[key].append(position)
    return blocks


def _without(folded: str, token: str) -> str:
    tokens = folded.split()
    tokens.remove(token)
    return " ".join(tokens)


def _candidates(people: list[_Someone]) -> set[tuple[int, int]]:
    """Pairs of positions (i < j) worth scoring."""
    pairs: set[tuple[int, int]] = set()
    blocks = _blocks(people)
    for key, members in blocks.items():
        if len(members) < 2:
            continue
        kind = key[1]
        if kind == "email":
            pairs.update(combinations(members, 2))
            continue
        if kind == "token":
            # Sharing a token, the rest of the name must be within a slip or two.
            texts = [_without(people[m].folded, key[2]) for m in members]
            pairs.update(_close(members, texts, Levenshtein.distance, _REST_EDITS))
        else:
            texts = [people[m].folded for m in members]
            pairs.update(_close(members, texts, fuzz.token_set_ratio, _PREFIX_CUTOFF))
    for position, someone in enumerate(people):
        if someone.has_initials:  # "Абдыкадыров Н.М." against everyone sharing the surname
            for token in someone.folded.split():
                for other in blocks.get((someone.country_code, "token", token), ()):
                    if other != position:
                        pairs.add((min(position, other), max(position, other)))
    return pairs


def _close(members: list[int], texts: list[str], scorer, cutoff: int):
    """The pairs of members whose texts score within the cutoff (rapidfuzz's C++ loop)."""
    for n, member in enumerate(members[:-1]):
        for _text, _score, k in process.extract(
                texts[n], texts[n + 1:], scorer=scorer, score_cutoff=cutoff, limit=None):
            yield member, members[n + 1 + k]


def _token_counts(people: list[_Someone]) -> Counter:
    """(country, name-key token) -> how many people's names hold that spelling."""
    return Counter((p.country_code, token) for p in people for token in set(p.key.split()))


def _score(a: _Someone, b: _Someone, counts: Counter) -> tuple[float, tuple] | None:
    if a.email_key and b.email_key:
        # Equal emails are the same official (SPEC); different ones are two officials,
        # unless the names are one: then perhaps a work and a personal address.
        if a.email_key == b.email_key:
            return 1.0, (PairReason.SAME_EMAIL,)
        if a.key != b.key:
            return None
        score, reasons = DIFFERENT_EMAILS_SCORE, (PairReason.DIFFERENT_EMAILS,)
    else:
        found = _names_alike(a, b, counts)
        if found is None:
            return None
        score, reasons = found.score, found.reasons
    if a.sex and b.sex and a.sex != b.sex:
        score *= SEX_CONFLICT_FACTOR
    return score, reasons


def _names_alike(a: _Someone, b: _Someone, counts: Counter):
    found = match_names(a.key, b.key)
    if found is None:
        return None
    for one, other in found.slips:
        # A slip of the pen makes a spelling few others have; when each spelling is borne
        # by several people (Kadyrov, Sadyrov), they are two names, not one mistyped. The
        # feminine -a (Sadyrova written Sadyrov) is the same name whatever its counts.
        if (min(counts[a.country_code, one], counts[b.country_code, other]) >= COMMON_SPELLING
                and one + "a" != other and other + "a" != one):
            return None
    return found


def _all_pairs(country_code: str | None) -> list[tuple[int, int, float, tuple]]:
    """Every pair alike enough, best first, before "not the same person" marks."""
    people = _people(country_code)
    counts = _token_counts(people)
    found = []
    for i, j in _candidates(people):
        a, b = people[i], people[j]  # positions follow ids, so a.id < b.id
        scored = _score(a, b, counts)
        if scored is not None and scored[0] >= MIN_SCORE:
            found.append((a.id, b.id, round(scored[0], 3), scored[1]))
    found.sort(key=lambda pair: (-pair[2], pair[0], pair[1]))
    return found


# The last search per database and country, kept while the people it read are unchanged:
# the review queue pages through it, and a "not the same person" mark needs no new search.
_searches: dict[tuple, tuple[tuple, list]] = {}


def _people_stamp(country_code: str | None) -> tuple:
    """Changes whenever a person is added, deleted or changed (updated_at is set on every
    UPDATE, Core or ORM)."""
    query = select(func.count(Person.id), func.max(Person.id), func.max(Person.updated_at))
    if country_code:
        query = query.where(Person.country_code == country_code)
    return tuple(db.session.execute(query).one())


def scored_pairs(country_code: str | None = None) -> list[tuple[int, int, float, tuple]]:
    """(id a, id b, score, reasons) of every suspected pair, best first; a's id is the
    smaller."""
    where, stamp = (db.engine, country_code), _people_stamp(country_code)
    cached = _searches.get(where)
    if cached is None or cached[0] != stamp:
        cached = _searches[where] = (stamp, _all_pairs(country_code))
    distinct = set(db.session.execute(
        select(DistinctPair.person_a_id, DistinctPair.person_b_id)))
    return [pair for pair in cached[1] if pair[:2] not in distinct]


def load_pairs(pairs: list[tuple[int, int, float, tuple]]) -> list[SuspectedPair]:
    """The people of some scored pairs, loaded in a few queries."""
    ids = sorted({id_ for a, b, *_ in pairs for id_ in (a, b)})
    people = {}
    for start in range(0, len(ids), _LOAD_CHUNK):
        chunk = ids[start:start + _LOAD_CHUNK]
        people.update((p.id, p) for p in db.session.scalars(
            select(Person).where(Person.id.in_(chunk))))
    return [SuspectedPair(people[a], people[b], score, reasons)
            for a, b, score, reasons in pairs]


def suspected_duplicates(country_code: str | None = None,
                         limit: int | None = None) -> list[SuspectedPair]:
    """Pairs of people of one country who may be one official, best first.

    Pairs with conflicting emails, pairs marked "not the same person" and erased people
    are left out.
    """
    return load_pairs(scored_pairs(country_code)[:limit])


def pair_json(pair: SuspectedPair) -> dict:
    def side(person: Person) -> dict:
        return {"id": person.id, "full_name": person.full_name, "country": person.country_code}

    return {"a": side(pair.a), "b": side(pair.b), "score": pair.score,
            "reason": str(pair.reason), "reasons": [str(r) for r in pair.reasons]}
