"""Reference lists loaded once per import, to resolve what a register row names."""
from dataclasses import dataclass, field

from rapidfuzz import process
from sqlalchemy import select

from ..extensions import db
from ..models import AgencyType, Country, EventKind, Phase, Topic


@dataclass
class Lookup:
    """Names (any case, English or Russian, or code) -> a value; suggests the nearest name."""

    what: str
    by_name: dict[str, object] = field(default_factory=dict)
    display: list[str] = field(default_factory=list)

    def add(self, value: object, shown: str, *names: str) -> None:
        self.display.append(shown)
        for name in (shown, *names):
            if name:
                self.by_name[name.strip().casefold()] = value

    def get(self, text: str):
        return self.by_name.get(text.strip().casefold())

    def unknown(self, text: str) -> str:
        nearest = process.extractOne(text.casefold(), [d.casefold() for d in self.display])
        if nearest and nearest[1] >= 50:
            return f"unknown {self.what} “{text}”; did you mean “{self.display[nearest[2]]}”?"
        return f"unknown {self.what} “{text}”"


class Reference:
    def __init__(self) -> None:
        self.countries = Lookup("country")
        for c in db.session.scalars(select(Country)):
            self.countries.add(c.code, c.name_en, c.code, c.name_ru)
        self.topics = Lookup("topic")
        for t in db.session.scalars(select(Topic)):
            self.topics.add(t.id, t.name_en, t.name_ru)
        self.kinds = Lookup("event kind")
        for k in db.session.scalars(select(EventKind)):
            self.kinds.add(k.id, k.code, k.name_en, k.name_ru)
        self.agency_types = Lookup("agency type")
        for a in db.session.scalars(select(AgencyType)):
            self.agency_types.add(a.id, a.code, a.name_en, a.name_ru)
        self.phases = {p.number: p for p in db.session.scalars(select(Phase).order_by(Phase.start_date))}

    def phase_covering(self, day) -> Phase | None:
        for phase in self.phases.values():
            if phase.start_date <= day <= phase.end_date:
                return phase
        return None
