"""Who is the same official: name keys, and matching people against what is on record.

The name key (SPEC "Who is the same person") folds the ways one name gets written:
Unicode NFKC; Cyrillic to Latin by ICAO Doc 9303 (the `iuliia` library's `icao_doc_9303`
schema: Ж zh, Х kh, Ц ts, Ч ch, Ш sh, Щ shch, Ы y, Й i, Ю iu, Я ia, Ь dropped), with the
Kazakh, Kyrgyz, Tajik and Uzbek letters that Doc 9303 leaves out mapped to their plain Latin
base letter (Ө o, Ү u, Ң n, Қ k, Ғ g, Ұ u, Ә a, Һ h, І i, Ӣ i, Ӯ u, Ҳ kh, Ҷ j, Ў u);
accents stripped; case folded; punctuation dropped; tokens sorted.
"""
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import iuliia
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

# Letters of Central Asian Cyrillic alphabets that ICAO Doc 9303 does not cover.
_CENTRAL_ASIAN = str.maketrans({
    "Ө": "O", "ө": "o", "Ү": "U", "ү": "u", "Ң": "N", "ң": "n", "Қ": "K", "қ": "k",
    "Ғ": "G", "ғ": "g", "Ұ": "U", "ұ": "u", "Ә": "A", "ә": "a", "Һ": "H", "һ": "h",
    "І": "I", "і": "i", "Ӣ": "I", "ӣ": "i", "Ӯ": "U", "ӯ": "u", "Ҳ": "Kh", "ҳ": "kh",
    "Ҷ": "J", "ҷ": "j", "Ў": "U", "ў": "u", "Ҙ": "Z", "ҙ": "z",
})
_NOT_WORD = re.compile(r"[^0-9a-z]+")


_CYRILLIC = re.compile("[\u0400-\u052f]")


def transliterate(text: str) -> str:
    """Latin spelling of a name written in Cyrillic (Latin text passes through)."""
    text = unicodedata.normalize("NFKC", text)
    if not _CYRILLIC.search(text):
        return text  # nothing for the (slow, pure-Python) transliterator to do
    return iuliia.ICAO_DOC_9303.translate(text.translate(_CENTRAL_ASIAN))


def name_tokens(full_name: str) -> list[str]:
    latin = unicodedata.normalize("NFKD", transliterate(full_name))
    latin = "".join(ch for ch in latin if not unicodedata.combining(ch)).casefold()
    # Apostrophes inside a name ("O'Brien", "Qo'chqorov") join, other punctuation splits.
    latin = latin.replace("'", "").replace("’", "").replace("ʻ", "").replace("`", "")
    return sorted(token for token in _NOT_WORD.split(latin) if token)


SEARCH_TOKENS = 8  # no name has more words; more would only deepen the SQL past its limits


def search_tokens(text: str) -> list[str]:
    """The words a typed search looks for: the name's tokens, distinct, at most SEARCH_TOKENS."""
    return sorted(set(name_tokens(text)))[:SEARCH_TOKENS]


@lru_cache(maxsize=65536)
def name_key(full_name: str) -> str:
    """The key under which two spellings of a name are the same (SPEC identity rule)."""
    return " ".join(name_tokens(full_name))


# --- Phonetic folding: one spelling for the sounds transliterations disagree on ---------

# The ways one sound is written by ICAO Doc 9303, the older Russian passport style, and
# Uzbek and Turkmen Latin (ç, ş already lost their accents). Applied in this order; then
# doubled letters are collapsed and the iotated vowels folded (Юлдашев "iuldashev" meets
# Yuldashev, Мария "mariia" meets Mariya, Ёкубов "ekubov" meets Yokubov). Only the
# suspected-duplicate search uses it: folding may join two names that are not the same.
_PHONETIC_RULES = (
    ("dzh", "j"), ("dj", "j"), ("zh", "j"),  # Джураев Dzhuraev / Djuraev / Juraev
    ("kh", "h"), ("x", "h"),  # Хуршид Khurshid / Xurshid / Hurshid
    ("tch", "ch"), ("ch", "c"), ("sh", "s"),  # Чары Chary / Çary; Шохрат / Şöhrat
    ("gh", "g"), ("q", "k"), ("w", "v"), ("ph", "f"),  # G'ofur, Qodirov, Çaryýew
    ("y", "i"),  # Райымберди "raiymberdi" / Rayimberdi
)
_IOTATED = (("iu", "u"), ("ia", "a"), ("ie", "e"), ("io", "e"))  # Ё: "e" in ICAO, else "yo"
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=100_000)  # names repeat: a few thousand tokens cover a country
def phonetic_token(token: str) -> str:
    """A name-key token with its transliteration variants folded to one spelling."""
    for written, folded in _PHONETIC_RULES:
        token = token.replace(written, folded)
    token = _DOUBLED.sub(r"\1", token)
    for written, folded in _IOTATED:
        token = token.replace(written, folded)
    return _DOUBLED.sub(r"\1", token)


def phonetic_tokens(key: str) -> list[str]:
    return sorted(phonetic_token(token) for token in key.split())


# --- How alike two names are -----------------------------------------------------------

# Equal once transliteration variants are folded: likely, not certain, the same name.
PHONETIC_FACTOR = 0.98
# A patronymic written in one record only: still likely the same official.
EXTRA_TOKEN_FACTOR = 0.95
# Russian-style patronymics once folded: -ovich, -evich, -ich, -ovna, -evna.
_PATRONYMIC_ENDINGS = ("vic", "ic", "vna")


class NameMatch(NamedTuple):
    """Two name keys read as one name: how alike (0..1), and the (folded) token pairs that
    differ by a slip of the pen, which a caller may weigh against how common each is."""

    score: float
    slips: tuple[tuple[str, str], ...]


def _allowance(a: str, b: str) -> int:
    """Edits a slip of the pen may make in one token: none in a name of three letters."""
    longest = max(len(a), len(b))
    return 0 if longest <= 3 else 1 if longest <= 9 else 2


def _is_patronymic(folded: str) -> bool:
    return folded.endswith(_PATRONYMIC_ENDINGS)


def _token_likeness(a: tuple[str, str], b: tuple[str, str]) -> tuple[float, bool] | None:
    """(0..1, is it a slip) for two (written, folded) tokens; None for two different names."""
    if a[0] == b[0]:
        return 1.0, False
    if a[1] == b[1]:
        return PHONETIC_FACTOR, False
    if _is_patronymic(a[1]) != _is_patronymic(b[1]):
        return None  # Asanovich is the son of Asan, not Asanov
    allowed = _allowance(a[1], b[1])
    if Levenshtein.distance(a[1], b[1], score_cutoff=allowed) > allowed:
        return None
    return PHONETIC_FACTOR * fuzz.ratio(a[1], b[1]) / 100, True


def _pair_off(a: list[tuple[str, str]], b: list[tuple[str, str]]):
    """Pair the tokens two names share once folded; return the pairs and what is left."""
    pairs, rest_b = [], list(b)
    rest_a = []
    for token in a:
        match = next((other for other in rest_b if other[1] == token[1]), None)
        if match is None:
            rest_a.append(token)
        else:
            rest_b.remove(match)
            pairs.append((token, match))
    return pairs, rest_a, rest_b


def match_names(key_a: str, key_b: str) -> NameMatch | None:
    """Two name keys as one official's name written two ways, or None.

    The tokens pair up one to one, equal once transliteration variants are folded, but
    for one slip of the pen (one edit, two in a token of ten letters or more) — or, instead
    of that slip, a patronymic written in one name only. So a typo, a dropped letter,
    swapped names, another transliteration and a patronymic in one spelling only match;
    "Aibek Asanov" / "Aibek Usenov" and "Ivan Petrov" / "Ivanov Petr" do not. The score
    weighs each pair by its letters, so a long surname counts more than a short name.
    """
    if key_a == key_b:
        return NameMatch(1.0, ())
    a = [(t, phonetic_token(t)) for t in key_a.split()]
    b = [(t, phonetic_token(t)) for t in key_b.split()]
    pairs, rest_a, rest_b = _pair_off(a, b)
    factor, slips = 1.0, ()
    if len(rest_a) == len(rest_b) == 1:  # one token apart: a slip, or two names
        pairs.append((rest_a[0], rest_b[0]))
        slips = ((rest_a[0][1], rest_b[0][1]),)
    elif len(rest_a) + len(rest_b) == 1:  # one token more: a patronymic, or another name
        extra = (rest_a or rest_b)[0][1]
        if not _is_patronymic(extra) or len(pairs) < 2:
            return None
        factor = EXTRA_TOKEN_FACTOR
    elif rest_a or rest_b or not pairs:
        return None
    weight = matched = 0.0
    for one, other in pairs:
        likeness = _token_likeness(one, other)
        if likeness is None:
            return None
        size = len(one[1]) + len(other[1])
        weight, matched = weight + size, matched + likeness[0] * size
    return NameMatch(round(matched / weight * factor, 3), slips)


def name_score(key_a: str, key_b: str) -> float:
    """0..1: how likely two name keys are one official's name (match_names); 0 if not."""
    found = match_names(key_a, key_b)
    return found.score if found else 0.0


# --- Matching a typed name against the people on record -------------------------------

def similarity(key_a: str, key_b: str) -> float:
    """0..1: how alike two name keys are, whatever the order of their tokens."""
    return max(fuzz.token_sort_ratio(key_a, key_b), fuzz.token_set_ratio(key_a, key_b)) / 100


def find_people(query: str, *, country_code: str | None = None, limit: int = 10,
                scope=None) -> list[tuple["Person", float]]:  # noqa: F821
    """People whose name matches what was typed, in Latin or Cyrillic, best first.

    Every token typed must start a token of the name key (so "Беков" finds "Azamat Bekov"
    and "Bekova"); when that finds nothing, people sharing a token's first three letters are
    scored by similarity, which catches a typo or another transliteration.
    """
    from sqlalchemy import and_, or_, select

    from .extensions import db
    from .models import Person

    tokens = search_tokens(query)
    if not tokens:
        return []
    key = " ".join(tokens)

    def token_starts(token: str):
        return or_(Person.name_key.startswith(token), Person.name_key.contains(" " + token))

    base = select(Person).where(Person.erased_at.is_(None))
    if country_code:
        base = base.where(Person.country_code == country_code)
    if scope is not None:
        base = scope(base)
    exact = db.session.scalars(base.where(and_(*map(token_starts, tokens))).limit(200)).all()
    prefixes = [token_starts(t[:3]) for t in tokens if len(t) >= 3]  # none for "Li Bo"
    candidates = exact or (prefixes and db.session.scalars(
        base.where(or_(*prefixes)).limit(500)).all()) or []
    scored = [(person, similarity(key, person.name_key)) for person in candidates]
    if not exact:
        scored = [(p, s) for p, s in scored if s >= 0.75]
    scored.sort(key=lambda pair: (-pair[1], pair[0].full_name))
    return scored[:limit]
