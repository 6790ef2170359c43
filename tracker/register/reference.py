"""Reference lists loaded once per import, to resolve what a register row names."""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from rapidfuzz import fuzz, process
from sqlalchemy import select

from ..extensions import db
from ..i18n import language
from ..identity import phonetic_token, transliterate
from ..models import AgencyType, Country, EventKind, Phase, Topic

# What a row's unknown name is reported as: (no near name, with a near name to suggest).
UNKNOWN = {
    "country": (_l("unknown country “%(text)s”"),
                _l("unknown country “%(text)s”; did you mean “%(name)s”?")),
    "topic": (_l("unknown topic “%(text)s”"),
              _l("unknown topic “%(text)s”; did you mean “%(name)s”?")),
    "event kind": (_l("unknown event kind “%(text)s”"),
                   _l("unknown event kind “%(text)s”; did you mean “%(name)s”?")),
    "agency type": (_l("unknown agency type “%(text)s”"),
                    _l("unknown agency type “%(text)s”; did you mean “%(name)s”?")),
}


# The programme's countries as registers write them besides their short names: official long
# names in both languages, ISO alpha-3 and the region's abbreviations (unambiguous among the
# programme's countries: РК is Kazakhstan here, not Korea).
PROGRAMME_COUNTRY_NAMES = {
    "KZ": ("Republic of Kazakhstan", "Республика Казахстан", "Казахстан Республикасы", "KAZ", "РК"),
    "KG": ("Kyrgyz Republic", "Кыргызская Республика", "Киргизская Республика", "Киргизия",
           "KGZ", "КР", "КГ"),
    "TJ": ("Republic of Tajikistan", "Республика Таджикистан", "Тоҷикистон", "TJK", "РТ"),
    "TM": ("Туркмения", "Türkmenistan", "TKM"),
    "UZ": ("Republic of Uzbekistan", "Республика Узбекистан", "O‘zbekiston", "Oʻzbekiston",
           "Ozbekiston", "UZB", "РУз"),
    "AF": ("Islamic Republic of Afghanistan", "Исламская Республика Афганистан", "AFG", "ИРА"),
}
ALPHA_3 = {
    "AT": "AUT", "BE": "BEL", "BG": "BGR", "HR": "HRV", "CY": "CYP", "CZ": "CZE", "DK": "DNK",
    "EE": "EST", "FI": "FIN", "FR": "FRA", "DE": "DEU", "GR": "GRC", "HU": "HUN", "IE": "IRL",
    "IT": "ITA", "LV": "LVA", "LT": "LTU", "LU": "LUX", "MT": "MLT", "NL": "NLD", "PL": "POL",
    "PT": "PRT", "RO": "ROU", "SK": "SVK", "SI": "SVN", "ES": "ESP", "SE": "SWE",
}


def _folded(name: str) -> str:
    return " ".join(phonetic_token(word) for word in transliterate(name).casefold().split())


def _key(name: str) -> str:
    """A name as looked up: case, dots and spacing folded ("Р.Уз." is "руз")."""
    return " ".join(name.replace(".", "").split()).casefold()


@dataclass
class Lookup:
    """Names (any case, English or Russian, or code) -> a value; suggests the nearest name,
    shown in the page's language."""

    what: str
    by_name: dict[str, object] = field(default_factory=dict)
    display: list[str] = field(default_factory=list)
    display_ru: list[str] = field(default_factory=list)
    values: list[object] = field(default_factory=list)
    # What a suggestion is drawn from first: (folded name, value); a value from `preferred`
    # (the programme's countries) wins over any other that is about as near.
    candidates: list[tuple[str, object]] = field(default_factory=list)
    preferred: set = field(default_factory=set)

    def add(self, value: object, shown: str, shown_ru: str, *names: str) -> None:
        self.display.append(shown)
        self.display_ru.append(shown_ru)
        self.values.append(value)
        for name in (shown, shown_ru, *names):
            if name:
                self.by_name[_key(name)] = value
        # Codes and abbreviations are looked up, never suggested: two letters are near anything.
        self.candidates += [(_folded(name), value) for name in (shown, shown_ru, *names)
                            if name and len(name) > 3]

    def get(self, text: str):
        return self.by_name.get(_key(text))

    def name_of(self, value: object) -> str:
        """The name of a value as the page's language shows it."""
        names = self.display_ru if language() == "ru" else self.display
        return next((name for name, v in zip(names, self.values) if v == value), str(value))

    def unknown(self, text: str) -> str:
        plain, suggesting = UNKNOWN[self.what]
        # Compared as the duplicates search compares names (Latin letters, sounds folded:
        # Kirgizia meets Kyrgyzstan) with a plain edit ratio: WRatio's partial matches made a
        # short name ("Кипр") the nearest to almost anything. The programme's own countries
        # are tried first: "Кыргызская Респ." must not become Cyprus.
        folded = _folded(text)
        for pool in ([c for c in self.candidates if c[1] in self.preferred], self.candidates):
            nearest = process.extractOne(folded, [name for name, _v in pool], scorer=fuzz.ratio)
            if nearest and nearest[1] >= 50:
                return suggesting % {"text": text, "name": self.name_of(pool[nearest[2]][1])}
        return plain % {"text": text}


class Reference:
    def __init__(self) -> None:
        self.countries = Lookup("country")
        for c in db.session.scalars(select(Country)):
            self.countries.add(c.code, c.name_en, c.name_ru, c.code,
                               *PROGRAMME_COUNTRY_NAMES.get(c.code, ()), ALPHA_3.get(c.code, ""))
            if c.is_beneficiary:
                self.countries.preferred.add(c.code)
        self.topics = Lookup("topic")
        for t in db.session.scalars(select(Topic)):
            self.topics.add(t.id, t.name_en, t.name_ru)
        self.kinds = Lookup("event kind")
        for k in db.session.scalars(select(EventKind)):
            self.kinds.add(k.id, k.code, k.name_ru, k.name_en)
        self.agency_types = Lookup("agency type")
        for a in db.session.scalars(select(AgencyType)):
            self.agency_types.add(a.id, a.code, a.name_ru, a.name_en)
        self.phases = {p.number: p for p in db.session.scalars(select(Phase).order_by(Phase.start_date))}

    def phase_covering(self, day) -> Phase | None:
        return Phase.covering(day, self.phases.values())
