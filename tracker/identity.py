"""Who is the same official: name keys, and how alike two of them are. Pure: no model, no
database (people/queries.py finds people on record by these keys).

The name key (SPEC "Who is the same person") folds the ways one name gets written, in this
order (README "Who is the same person" shows each step with examples):
1. every apostrophe-like character (' ` ´ ‘ ’ ʻ ʼ ʽ ʹ) becomes one, which later joins the
   letters around it, so every spelling of an Uzbek Latin name gives one key;
2. Unicode NFKC;
3. a word mixing Latin and Cyrillic letters that look alike (a Cyrillic о typed inside a
   Latin word) is written in one script, the one its other letters are in;
4. Cyrillic to Latin by ICAO Doc 9303 (the `iuliia` library's `icao_doc_9303` schema:
   Ж zh, Х kh, Ц ts, Ч ch, Ш sh, Щ shch, Ы y, Й i, Ю iu, Я ia, Ь dropped), with the Kazakh,
   Kyrgyz, Tajik and Uzbek letters that Doc 9303 leaves out mapped as their own Latin
   alphabets write them (Ө o, Ү u, Ң n, Қ q, Ғ g, Ұ u, Ә a, Һ h, І i, Ӣ i, Ӯ u, Ҳ h, Ҷ j,
   Ў o, so Uzbek Cyrillic Ў Ғ Қ Ҳ meet Latin o‘ g‘ q h);
5. accents stripped; case folded; q written k (Uzbek and Kazakh Latin q is the Қ that
   Russian spellings write К: Qodirov, Қодиров and Кодиров are one name);
6. punctuation dropped (letters and digits of any script are kept); words sorted.
"""
import re
import unicodedata
from functools import lru_cache

import iuliia
from rapidfuzz import fuzz

# Step 1: ' (U+0027), ` (U+0060), ´ (U+00B4), ‘ ’ (U+2018, U+2019), ʻ ʼ ʽ (U+02BB-U+02BD),
# and the primes and modifier letters keyboards give for them. Before NFKC, which would
# turn ´ into a space and an accent.
APOSTROPHES = "'`\u00b4\u2018\u2019\u201b\u02bb\u02bc\u02bd\u02b9\u2032\uff07"
_ONE_APOSTROPHE = str.maketrans(dict.fromkeys(APOSTROPHES, "'"))

# Step 3: letters that look the same in Latin and Cyrillic.
_LOOKALIKES = ("aAeEoOpPcCyYxXiIjJsSKMHTBh", "аАеЕоОрРсСуУхХіІјЈѕЅКМНТВһ")
_TO_LATIN = str.maketrans(_LOOKALIKES[1], _LOOKALIKES[0])
_TO_CYRILLIC = str.maketrans(_LOOKALIKES[0], _LOOKALIKES[1])
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile("[\u0400-\u052f]")
_WORD = re.compile("[^\\W\\d_]+")

# Step 4: letters of Central Asian Cyrillic alphabets that ICAO Doc 9303 does not cover.
_CENTRAL_ASIAN = str.maketrans({
    "Ө": "O", "ө": "o", "Ү": "U", "ү": "u", "Ң": "N", "ң": "n", "Қ": "Q", "қ": "q",
    "Ғ": "G", "ғ": "g", "Ұ": "U", "ұ": "u", "Ә": "A", "ә": "a", "Һ": "H", "һ": "h",
    "І": "I", "і": "i", "Ӣ": "I", "ӣ": "i", "Ӯ": "U", "ӯ": "u", "Ҳ": "H", "ҳ": "h",
    "Ҷ": "J", "ҷ": "j", "Ў": "O", "ў": "o", "Ҙ": "Z", "ҙ": "z",
})
# Step 6: what is left between words once apostrophes have joined their letters.
_NOT_WORD = re.compile(r"[\W_]+")


def _one_script(match: re.Match) -> str:
    """A word in one script: the script of its letters that have no lookalike in the other
    (or, if all look alike, of most of its letters)."""
    word = match.group()
    if not (_LATIN_LETTER.search(word) and _CYRILLIC.search(word)):
        return word
    latin = len(_LATIN_LETTER.findall(word.translate(_TO_CYRILLIC)))
    cyrillic = len(_CYRILLIC.findall(word.translate(_TO_LATIN)))
    if latin == cyrillic:
        latin, cyrillic = len(_LATIN_LETTER.findall(word)), len(_CYRILLIC.findall(word))
    return word.translate(_TO_LATIN if latin >= cyrillic else _TO_CYRILLIC)


def transliterate(text: str) -> str:
    """Latin spelling of a name written in Cyrillic (Latin text passes through)."""
    text = unicodedata.normalize("NFKC", text.translate(_ONE_APOSTROPHE))
    if not _CYRILLIC.search(text):
        return text  # nothing for the (slow, pure-Python) transliterator to do
    if _LATIN_LETTER.search(text):
        text = _WORD.sub(_one_script, text)
    return iuliia.ICAO_DOC_9303.translate(text.translate(_CENTRAL_ASIAN))


def name_tokens(full_name: str) -> list[str]:
    latin = unicodedata.normalize("NFKD", transliterate(full_name))
    latin = "".join(ch for ch in latin if not unicodedata.combining(ch)).casefold()
    # Apostrophes inside a name ("O'Brien", "Qo'chqorov") join, other punctuation splits.
    latin = latin.replace("'", "").replace("q", "k")
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
# Surname endings written several ways, once folded: Tajik -zoda / -zade / -zada,
# -ov / -ev / -of, -ova / -eva (Шарифзода Sharifzade; Aliev Aliov; Ivanoff).
_ENDINGS = re.compile(r"(?:zade|zada|zodah)$|(?<=[a-z]{3})(?:ev|of)$|(?<=[a-z]{3})eva$")
_ENDING_FOLDS = {"zade": "zoda", "zada": "zoda", "zodah": "zoda", "ev": "ov", "of": "ov",
                 "eva": "ova"}


@lru_cache(maxsize=100_000)
def transliteration_fold(token: str) -> str:
    """A token with the sounds transliterations disagree on written one way."""
    for written, folded in _PHONETIC_RULES:
        token = token.replace(written, folded)
    token = _DOUBLED.sub(r"\1", token)
    for written, folded in _IOTATED:
        token = token.replace(written, folded)
    return _DOUBLED.sub(r"\1", token)


@lru_cache(maxsize=100_000)  # names repeat: a few thousand tokens cover a country
def phonetic_token(token: str) -> str:
    """A name-key token with its transliteration variants and surname endings folded to one
    spelling."""
    return _ENDINGS.sub(lambda m: _ENDING_FOLDS[m.group()], transliteration_fold(token))


def phonetic_tokens(key: str) -> list[str]:
    return sorted(phonetic_token(token) for token in key.split())


_LOOSE_RULES = (("ee", "i"), ("oo", "u"), ("ou", "u"), ("j", "i"))
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


@lru_cache(maxsize=20_000)
def loose_fold(token: str) -> str:
    """Only to tell a transliteration from a typo in a name-key token: Persian ee/i and
    oo/ou/u (Nasreen, Yousuf), a final h (Hamidullah), J for Й or Ж (Jusupov, Iusupov),
    Uzbek and Tajik о for Russian а (Abdulloev, Abdullaev), Ў written u or o."""
    token = _FINAL_H.sub("", token)
    for written, folded in _LOOSE_RULES:
        token = token.replace(written, folded)
    return transliteration_fold(token).replace("o", "a").replace("u", "a")


def email_key(email: str | None) -> str | None:
    """The email as the identity rule compares it: trimmed, ignoring case."""
    key = (email or "").strip().lower()
    return key or None


def same_official(a: tuple[str | None, str, str], b: tuple[str | None, str, str]) -> bool:
    """SPEC "Who is the same person", on (email key, country code, name key) of two records:
    equal emails; or no conflicting emails (one of them has none), one country and equal
    name keys. The web form and the register import both decide by this one rule."""
    (email_a, country_a, key_a), (email_b, country_b, key_b) = a, b
    if email_a and email_b:
        return email_a == email_b
    return country_a == country_b and key_a == key_b


# --- Matching a typed name against the people on record -------------------------------

def similarity(key_a: str, key_b: str) -> float:
    """0..1: how alike two name keys are, whatever the order of their tokens."""
    return max(fuzz.token_sort_ratio(key_a, key_b), fuzz.token_set_ratio(key_a, key_b)) / 100
