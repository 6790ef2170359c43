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


def _folded(name: str) -> str:
    return " ".join(phonetic_token(word) for word in transliterate(name).casefold().split())


@dataclass
class Lookup:
    """Names (any case, English or Russian, or code) -> a value; suggests the nearest name,
    shown in the page's language."""

    what: str
    by_name: dict[str, object] = field(default_factory=dict)
    display: list[str] = field(default_factory=list)
    display_ru: list[str] = field(default_factory=list)
    values: list[object] = field(default_factory=list)

    def add(self, value: object, shown: str, shown_ru: str, *names: str) -> None:
        self.display.append(shown)
        self.display_ru.append(shown_ru)
        self.values.append(value)
        for name in (shown, shown_ru, *names):
            if name:
                self.by_name[name.strip().casefold()] = value

    def get(self, text: str):
        return self.by_name.get(text.strip().casefold())

    def name_of(self, value: object) -> str:
        """The name of a value as the page's language shows it."""
        names = self.display_ru if language() == "ru" else self.display
        return next((name for name, v in zip(names, self.values) if v == value), str(value))

    def unknown(self, text: str) -> str:
        plain, suggesting = UNKNOWN[self.what]
        # English names first, so that ties go to them; either language's name may be the
        # nearest. Compared as the duplicates search compares names (Latin letters, sounds
        # folded: Kirgizia meets Kyrgyzstan) with a plain edit ratio: WRatio's partial
        # matches made a short name ("Кипр") the nearest to almost anything.
        candidates = [_folded(d) for d in self.display + self.display_ru]
        nearest = process.extractOne(_folded(text), candidates, scorer=fuzz.ratio)
        if nearest and nearest[1] >= 50:
            return suggesting % {"text": text, "name": self.name_of(self.values[nearest[2] % len(self.values)])}
        return plain % {"text": text}


class Reference:
    def __init__(self) -> None:
        self.countries = Lookup("country")
        for c in db.session.scalars(select(Country)):
            self.countries.add(c.code, c.name_en, c.name_ru, c.code)
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
        for phase in self.phases.values():
            if phase.start_date <= day <= phase.end_date:
                return phase
        return None
