"""How alike two name keys are, and why: the suspected-duplicate search's judgement.

Nothing here merges anyone: a match is a reason to list a pair for a coordinator.
"""
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .identity import loose_fold, phonetic_token, transliteration_fold


class PairReason(StrEnum):
    """Why two records are suspected to be one official (the queue and `flask duplicates`),
    most telling first."""

    SAME_EMAIL = "same email"
    DIFFERENT_EMAILS = "different emails"
    INITIALS = "initials"
    PATRONYMIC = "patronymic in one record"
    TYPO = "typo"
    SURNAME_FORM = "other form of the surname"
    PATRONYMIC_FORM = "other form of the patronymic"
    TRANSLITERATION = "other transliteration"
    SAME_NAME = "same name"


_PRIORITY = {reason: n for n, reason in enumerate(PairReason)}


# Equal once transliteration variants are folded: likely, not certain, the same name.
PHONETIC_FACTOR = 0.98
# A patronymic written in one record only: still likely the same official.
EXTRA_TOKEN_FACTOR = 0.95
# Initials for given names: the surname agrees, the rest is a guess.
INITIALS_FACTOR = 0.85
# Patronymics of the region once folded: Russian -ovich/-evich/-ich, -ovna/-evna/-ichna
# (Turkmen -owiç), Kazakh -ұлы/-uly and -қызы/-kyzy written onto the father's name
# ("Нұрланұлы"). Not -guly: Gurbanguly is a given name.
_PATRONYMIC_ENDINGS = ("vic", "ic", "vna", "icna", "uli", "kizi", "gizi")
# Words saying "son of" / "daughter of" after (or before) the father's name: Kyrgyz
# уулу/кызы, Kazakh ұлы/қызы, Uzbek o‘g‘li/ugli/qizi, Turkmen ogly/gyzy, Tajik писари/
# духтари, Arabic and Afghan bin/ibn/binti/walad, once folded.
PARTICLES = frozenset({"ulu", "uli", "kizi", "gizi", "ogli", "ugli", "oglu", "bin", "ibn",
                       "ibni", "binti", "bint", "valad", "vald", "pisari", "duhtari"})
# How Russian-style surnames end once folded: what a patronymic must not be confused with.
_SURNAME_ENDINGS = ("ov", "ova", "in", "ina")
# A transliterated initial: one letter, or the Latin digraph of one Cyrillic letter (Ж. Ш.).
_DIGRAPH_INITIALS = frozenset({"zh", "kh", "ts", "ch", "sh", "shch", "iu", "ia", "ie", "yo",
                               "ye", "yu", "ya", "dzh"})


class NameMatch(NamedTuple):
    """Two name keys read as one name: how alike (0..1), the (written) token pairs that
    differ by a slip of the pen or a surname ending, which a caller may weigh against how
    common each spelling is, and the reasons, most telling first."""

    score: float
    slips: tuple[tuple[str, str], ...]
    reasons: tuple[PairReason, ...]


@lru_cache(maxsize=20_000)
def is_patronymic(folded: str) -> bool:
    return (folded in PARTICLES or folded.endswith(_PATRONYMIC_ENDINGS)) \
        and not folded.endswith("guli")


_PATRONYMIC_SUFFIXES = ("ovna", "evna", "ovic", "evic", "icna", "kizi", "gizi", "uli", "ic")


def _root(folded: str) -> str:
    """The father's name in a patronymic: Kairatuly, Kairatovich, Kairatovna -> kairat."""
    for suffix in _PATRONYMIC_SUFFIXES:
        if folded.endswith(suffix) and len(folded) > len(suffix) + 2:
            return folded[:-len(suffix)]
    return folded


def _allowance(a: str, b: str) -> int:
    """Edits a slip of the pen may make in one token: none in a name of three letters."""
    longest = max(len(a), len(b))
    return 0 if longest <= 3 else 1 if longest <= 9 else 2


def _pair_off(a: list[tuple[str, str]], b: list[tuple[str, str]]):
    """Pair the tokens two names share once folded; return the pairs and what is left."""
    pairs, rest_a, rest_b = [], [], list(b)
    for token in a:
        for n, other in enumerate(rest_b):
            if other[1] == token[1]:
                pairs.append((token, other))
                del rest_b[n]
                break
        else:
            rest_a.append(token)
    return pairs, rest_a, rest_b


def _is_initial(token: str) -> bool:
    return len(token) <= 4 and (len(token) == 1 or token in _DIGRAPH_INITIALS)


def _take_initials(rest: list, other: list) -> int:
    """Remove from both lists each initial of `rest` with a longer word of `other` that it
    begins; return how many were taken."""
    taken = 0
    for token in [t for t in rest if _is_initial(t[0])]:
        word = next((w for w in other if len(w[0]) > len(token[0]) and not _is_initial(w[0])
                     and w[0].startswith(token[0])), None)
        if word is not None:
            rest.remove(token)
            other.remove(word)
            taken += 1
    return taken


def _joined(two: list, one: list) -> PairReason | None:
    """Why two words of one name are the one word of the other: a compound name written
    apart (Abdul Qadir, Abdulqadir), or the father's name and a particle for a patronymic
    (Kairat uly, Kairatovich)."""
    word = one[0][1]
    first, second = two[0][1], two[1][1]
    if word in (first + second, second + first):
        return PairReason.TRANSLITERATION
    if (first in PARTICLES) != (second in PARTICLES) and is_patronymic(word) \
            and _root(word) == (second if first in PARTICLES else first):
        return PairReason.PATRONYMIC_FORM
    return None


def _is_patronymic_rest(rest: list) -> bool:
    """One patronymic word, a particle alone, or a particle and the father's name."""
    folded = [t[1] for t in rest]
    if len(folded) == 1:
        return is_patronymic(folded[0])
    return len(folded) == 2 and sum(t in PARTICLES for t in folded) == 1


def _own_surnames(a: str, b: str) -> bool:
    """-ov and -ev (-ova, -eva) make two surnames, each a name of its own when common; the
    Tajik -zoda / -zade and -ov / -of are only spellings."""
    return {a[-2:], b[-2:]} == {"ov", "ev"} or {a[-3:], b[-3:]} == {"ova", "eva"}


def _token_likeness(a: tuple[str, str], b: tuple[str, str]) -> tuple[float, PairReason | None, bool] | None:
    """(0..1, why they differ, is each a spelling in its own right if common) for two
    (written, folded) tokens; None for two names."""
    if a[0] == b[0]:
        return 1.0, None, False
    if a[1] == b[1]:
        plain_a, plain_b = transliteration_fold(a[0]), transliteration_fold(b[0])
        if plain_a != plain_b:  # Asanov and Asanev may each be a surname of its own
            return PHONETIC_FACTOR, PairReason.SURNAME_FORM, _own_surnames(plain_a, plain_b)
        if a[0][:-1] == b[0] or b[0][:-1] == a[0]:
            return PHONETIC_FACTOR, PairReason.TYPO, False  # no name of the region ends so: "Bekovaa"
        return PHONETIC_FACTOR, PairReason.TRANSLITERATION, False
    if is_patronymic(a[1]) and is_patronymic(b[1]) and _root(a[1]) == _root(b[1]):
        return EXTRA_TOKEN_FACTOR, PairReason.PATRONYMIC_FORM, False  # Kairatuly, Kairatovich
    if is_patronymic(a[1]) != is_patronymic(b[1]) and (
            a[1].endswith(_SURNAME_ENDINGS) or b[1].endswith(_SURNAME_ENDINGS)):
        return None  # Asanovna is the daughter of Asan, not Asanova; Asanovkch is a slip
    allowed = _allowance(a[1], b[1])
    # A slip is counted in the letters as written, and once folded: folding can make one
    # slip two (Kuanyshova typed Kuanyova folds to kuanisova / kuanova; Asanbaev typed
    # Asanbaeb to asanbaov / asanbaeb) and two spellings one edit apart.
    if (Levenshtein.distance(a[1], b[1], score_cutoff=allowed + 1) > allowed
            and Levenshtein.distance(a[0], b[0], score_cutoff=3) > _allowance(a[0], b[0])):
        return None
    if loose_fold(a[0]) == loose_fold(b[0]):
        return PHONETIC_FACTOR * fuzz.ratio(a[1], b[1]) / 100, PairReason.TRANSLITERATION, False
    return PHONETIC_FACTOR * fuzz.ratio(a[1], b[1]) / 100, PairReason.TYPO, True


def match_names(key_a: str, key_b: str) -> NameMatch | None:
    """Two name keys as one official's name written two ways, or None.

    The tokens pair up one to one, equal once transliteration variants and surname endings
    are folded, but for one slip of the pen (one edit, two in a token of ten letters or
    more) — or, instead of that slip, a patronymic written in one name only (one word, or a
    particle such as "uulu" or "o‘g‘li" with the father's name); initials may stand for
    given names and patronymic ("Абдыкадыров Н.М."). So a typo, a dropped letter, swapped
    names, another transliteration, a patronymic in one spelling only and initials match;
    "Aibek Asanov" / "Aibek Usenov" and "Ivan Petrov" / "Ivanov Petr" do not. The score
    weighs each pair by its letters, so a long surname counts more than a short name.
    """
    if key_a == key_b:
        return NameMatch(1.0, (), (PairReason.SAME_NAME,))
    a = [(t, phonetic_token(t)) for t in key_a.split()]
    b = [(t, phonetic_token(t)) for t in key_b.split()]
    pairs, rest_a, rest_b = _pair_off(a, b)
    factor, reasons = 1.0, []
    if (rest_a and rest_b and any(len(t[0]) <= 4 for t in rest_a + rest_b)
            and _take_initials(rest_a, rest_b) + _take_initials(rest_b, rest_a)):
        if not any(len(one[1]) >= 3 for one, _ in pairs):
            return None  # initials need a whole surname to lean on
        factor, reasons = INITIALS_FACTOR, [PairReason.INITIALS]
    if sorted((len(rest_a), len(rest_b))) == [1, 2]:  # Abdulqadir, Abdul Qadir; Kairat uly
        joined = _joined(rest_a, rest_b) if len(rest_a) == 2 else _joined(rest_b, rest_a)
        if joined is not None:
            rest_a, rest_b = [], []
            factor *= PHONETIC_FACTOR
            reasons.append(joined)
    if len(rest_a) == len(rest_b) == 1:  # one token apart: a slip, or two names
        pairs.append((rest_a[0], rest_b[0]))
    elif rest_a or rest_b:  # words more on one side: a patronymic, or another name
        if (rest_a and rest_b) or not _is_patronymic_rest(rest_a or rest_b):
            return None
        if len(pairs) < 2 and not reasons:
            return None
        factor *= EXTRA_TOKEN_FACTOR
        reasons.append(PairReason.PATRONYMIC)
    if not pairs:
        return None
    weight = matched = 0.0
    slips = []
    for one, other in pairs:
        likeness = _token_likeness(one, other)
        if likeness is None:
            return None
        score, why, counted = likeness
        if why is not None and why not in reasons:
            reasons.append(why)
        if counted:
            slips.append((one[0], other[0]))
        size = len(one[1]) + len(other[1])
        weight, matched = weight + size, matched + score * size
    return NameMatch(round(matched / weight * factor, 3), tuple(slips),
                     tuple(sorted(reasons, key=_PRIORITY.__getitem__)))


def name_score(key_a: str, key_b: str) -> float:
    """0..1: how likely two name keys are one official's name (match_names); 0 if not."""
    found = match_names(key_a, key_b)
    return found.score if found else 0.0
