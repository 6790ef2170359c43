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

import iuliia

# Letters of Central Asian Cyrillic alphabets that ICAO Doc 9303 does not cover.
_CENTRAL_ASIAN = str.maketrans({
    "Ө": "O", "ө": "o", "Ү": "U", "ү": "u", "Ң": "N", "ң": "n", "Қ": "K", "қ": "k",
    "Ғ": "G", "ғ": "g", "Ұ": "U", "ұ": "u", "Ә": "A", "ә": "a", "Һ": "H", "һ": "h",
    "І": "I", "і": "i", "Ӣ": "I", "ӣ": "i", "Ӯ": "U", "ӯ": "u", "Ҳ": "Kh", "ҳ": "kh",
    "Ҷ": "J", "ҷ": "j", "Ў": "U", "ў": "u", "Ҙ": "Z", "ҙ": "z",
})
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def transliterate(text: str) -> str:
    """Latin spelling of a name written in Cyrillic (Latin text passes through)."""
    text = unicodedata.normalize("NFKC", text).translate(_CENTRAL_ASIAN)
    return iuliia.ICAO_DOC_9303.translate(text)


def name_tokens(full_name: str) -> list[str]:
    latin = unicodedata.normalize("NFKD", transliterate(full_name))
    latin = "".join(ch for ch in latin if not unicodedata.combining(ch)).casefold()
    # Apostrophes inside a name ("O'Brien", "Qo'chqorov") join, other punctuation splits.
    latin = latin.replace("'", "").replace("’", "").replace("ʻ", "").replace("`", "")
    return sorted(token for token in _NOT_WORD.split(latin) if token)


def name_key(full_name: str) -> str:
    """The key under which two spellings of a name are the same (SPEC identity rule)."""
    return " ".join(name_tokens(full_name))


# --- Matching a typed name against the people on record -------------------------------

def similarity(key_a: str, key_b: str) -> float:
    """0..1: how alike two name keys are, whatever the order of their tokens."""
    from rapidfuzz import fuzz

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

    tokens = name_tokens(query)
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
    candidates = exact or db.session.scalars(
        base.where(or_(*(token_starts(t[:3]) for t in tokens if len(t) >= 3))).limit(500)
    ).all()
    scored = [(person, similarity(key, person.name_key)) for person in candidates]
    if not exact:
        scored = [(p, s) for p, s in scored if s >= 0.75]
    scored.sort(key=lambda pair: (-pair[1], pair[0].full_name))
    return scored[:limit]
