"""Build the demo programme: BOMCA phases 9 and 10 at their published scale, officials in
Latin and Cyrillic, some recorded twice under another spelling, planned and cancelled
events, several topics per event, test scores, ratings and testimonies. Deterministic."""
import calendar
import random
from datetime import date, timedelta

from sqlalchemy import select

from ..extensions import db
from ..identity import name_key, transliterate
from ..models import (
    Agency,
    AgencyType,
    Attendance,
    AttendanceRole,
    Event,
    EventKind,
    EventStatus,
    Person,
    Phase,
    Scope,
    Sex,
    Testimony,
    Topic,
)
from .names import (
    AGENCIES,
    CITIES,
    FIRST_NAMES,
    POSITIONS,
    SURNAMES,
    TRAINERS,
    feminine,
    loose_latin,
)

CENTRAL_ASIA = ("KG", "KZ", "TJ", "TM", "UZ")
EVENTS_PER_MONTH = {9: 4.2, 10: 2.6}
PATRONYMICS = {"M": ["Асанович", "Бекович", "Каримович", "Алиевич"],
               "F": ["Асановна", "Бековна", "Каримовна", "Алиевна"]}
# Targets as a logframe would set them: (events held, officials trained, women trained).
TARGETS = {9: (100, 1800, 360), 10: (120, 2400, 480)}
KINDS = [("workshop", 30), ("seminar", 20), ("training course", 20), ("study visit", 8),
         ("advisory mission", 10), ("conference", 5), ("meeting", 7)]
QUOTES = [
    ("The workshop was very useful. I will use the new experience in my duties.",
     "Officer from a Kyrgyz border crossing point", True),
    ("Семинар был очень полезным, особенно практические занятия по проверке документов.",
     "Сотрудник таможенной службы Таджикистана", True),
    ("We learned how risk profiles are built and shared between agencies.",
     "Analyst of a Kazakh customs authority", True),
    ("The study visit showed us how a green border is watched with few people.",
     "Commander of a Turkmen border post", True),
    ("Trainers answered every question with examples from their own work.",
     "Migration officer from Uzbekistan", True),
    ("I would like a longer course next time.", "Participant from Tajikistan", False),
]


class DemoBuilder:
    def __init__(self, seed: int = 2015) -> None:
        self.rng = random.Random(seed)
        self.kinds = {k.code: k for k in db.session.scalars(select(EventKind))}
        self.topics = list(db.session.scalars(select(Topic)))
        types = {t.code: t for t in db.session.scalars(select(AgencyType))}
        self.agencies = {c: [Agency(name=n, country_code=c, agency_type=types[t]) for n, t in rows]
                         for c, rows in AGENCIES.items()}
        self.seen: dict[str, list[Person]] = {c: [] for c in AGENCIES}
        self.keys: set[tuple[str, str]] = set()
        self.trainers = [Person(full_name=n, sex=s, country_code=c, position="EU expert")
                         for n, s, c in TRAINERS]
        self.events: list[Event] = []
        self.duplicates = 0

    # --- people ---------------------------------------------------------------------------
    def _agency(self, country: str) -> Agency:
        weights = [40, 35, 12, 10, 3, 3][: len(self.agencies[country])]
        return self.rng.choices(self.agencies[country], weights=weights)[0]

    def new_official(self, country: str) -> Person:
        sex = Sex.FEMALE if self.rng.random() < 0.2 else Sex.MALE
        names = FIRST_NAMES[country][sex]
        for attempt in range(1000):
            surname = self.rng.choice(SURNAMES[country])
            surname = feminine(surname) if sex == Sex.FEMALE else surname
            # Once the pairs run short, a double given name, as some officials have.
            given = " ".join(self.rng.sample(names, 1 if attempt < 30 else 2))
            cyrillic = f"{surname} {given}"
            if (country, name_key(cyrillic)) not in self.keys:
                break
        self.keys.add((country, name_key(cyrillic)))
        surname, given = cyrillic.split(" ", 1)
        written = cyrillic if self.rng.random() < 0.4 else transliterate(f"{given} {surname}")
        person = Person(full_name=written, sex=sex if self.rng.random() > 0.02 else None,
                        country_code=country, agency=self._agency(country),
                        position=self.rng.choice(POSITIONS))
        person.cyrillic = cyrillic  # kept in memory only, for second spellings
        self.seen[country].append(person)
        return person

    def second_record(self, person: Person) -> Person | None:
        """The same official typed again under a looser spelling: a suspected duplicate."""
        cyrillic = getattr(person, "cyrillic", None)
        if cyrillic is None:
            return None
        surname, first = cyrillic.split(" ", 1)
        variants = [
            loose_latin(f"{first} {surname}"),
            f"{surname} {first} {self.rng.choice(PATRONYMICS[person.sex or Sex.MALE])}",
            transliterate(f"{surname} {first}")[:-1] + transliterate(first)[-1:] * 2,
            transliterate(f"{first} {surname[:-1]}"),
        ]
        for written in self.rng.sample(variants, len(variants)):
            key = name_key(written)
            if key and (person.country_code, key) not in self.keys:
                self.keys.add((person.country_code, key))
                self.duplicates += 1
                return Person(full_name=written, sex=person.sex, country_code=person.country_code,
                              agency=person.agency, position=person.position)
        return None

    def official(self, country: str) -> Person:
        pool = self.seen[country]
        if pool and self.rng.random() < 0.22:
            person = self.rng.choice(pool)
            if self.rng.random() < 0.12:
                return self.second_record(person) or person
            return person
        return self.new_official(country)

    # --- events ---------------------------------------------------------------------------
    def event(self, phase: Phase, day: date, status: str) -> Event:
        kind = self.rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
        countries = CENTRAL_ASIA + (("AF",) if phase.number >= 10 else ())
        is_regional = kind in ("study visit", "conference") or self.rng.random() < 0.4
        host = (self.rng.choice(["LV", "LT", "DE", "PL"]) if kind == "study visit"
                else self.rng.choice(countries))
        length = 5 if kind == "study visit" else self.rng.choice([1, 2, 3, 3, 4, 5])
        topics = self.rng.sample(self.topics, self.rng.choice([1, 2, 2, 3]))
        title = f"{topics[0].name_en} {self.kinds[kind].name_en.lower()}"
        if not is_regional:
            title += f" for {host}"
        event = Event(title=title, kind=self.kinds[kind], scope=Scope.REGIONAL if is_regional else Scope.NATIONAL,
                      start_date=day, end_date=day + timedelta(days=length - 1) if length > 1 else None,
                      country_code=host, city=self.rng.choice(CITIES.get(host, ["Capital"])),
                      status=status, phase=phase, topics=topics)
        event.code = f"B{phase.number}-{day:%y%m}-{len(self.events) + 1:03}"
        self.events.append(event)
        if status != EventStatus.CANCELLED:
            self.roster(event, countries if is_regional else (host,), length)
        return event

    def roster(self, event: Event, countries: tuple[str, ...], length: int) -> None:
        size = self.rng.randint(18, 30) if len(countries) > 1 else self.rng.randint(12, 24)
        people: dict[int, Person] = {}
        for _ in range(size):
            person = self.official(self.rng.choice(countries))
            people[id(person)] = person
        tested = event.status == EventStatus.HELD and self.rng.random() < 0.5
        rated = event.status == EventStatus.HELD and self.rng.random() < 0.7
        for person in people.values():
            days = length if self.rng.random() > 0.12 or length == 1 else self.rng.randint(1, length - 1)
            attendance = Attendance(event=event, person=person, agency=person.agency, role=AttendanceRole.PARTICIPANT,
                                    days_attended=None if days == length else days)
            if tested and self.rng.random() < 0.9:
                attendance.pre_score = self.rng.randint(35, 75)
                attendance.post_score = min(100, max(0, attendance.pre_score + self.rng.randint(-5, 30)))
            if rated and self.rng.random() < 0.8:
                attendance.rating = self.rng.choices([2, 3, 4, 5], weights=[1, 3, 8, 8])[0]
            db.session.add(attendance)
        for trainer in self.rng.sample(self.trainers, self.rng.randint(1, 2)):
            db.session.add(Attendance(event=event, person=trainer, role=AttendanceRole.TRAINER))
        if self.rng.random() < 0.3:
            db.session.add(Attendance(event=event, person=self.new_official(countries[0]), role=AttendanceRole.ORGANISER))

    def phase(self, phase: Phase) -> None:
        year, month = phase.start_date.year, phase.start_date.month
        while date(year, month, 1) <= phase.end_date:
            last_day = calendar.monthrange(year, month)[1]
            count = int(EVENTS_PER_MONTH[phase.number] + self.rng.random() * 1.6 - 0.8)
            for _ in range(max(count, 0)):
                day = date(year, month, self.rng.randint(1, last_day - 5))
                near_end = (phase.end_date - day).days < 60
                status = (EventStatus.PLANNED if near_end and self.rng.random() < 0.6
                          else EventStatus.CANCELLED if self.rng.random() < 0.04 else EventStatus.HELD)
                self.event(phase, day, status)
            month, year = (1, year + 1) if month == 12 else (month + 1, year)

    def testimonies(self) -> None:
        held = [e for e in self.events if e.status == EventStatus.HELD]
        for quote, who, consent in QUOTES:
            event = self.rng.choice(held)
            db.session.add(Testimony(event=event, quote=quote, attribution=who,
                                     language="ru" if quote[0] >= "А" else "en", has_consent=consent,
                                     is_in_phase_report=consent and self.rng.random() < 0.7))


def build_demo(seed: int = 2015) -> dict[str, int]:
    """Fill the database; the caller checked it holds no events. Returns what was made."""
    builder = DemoBuilder(seed)
    for phase in db.session.scalars(select(Phase).where(Phase.number.in_((9, 10))).order_by(Phase.number)):
        builder.phase(phase)
        if phase.target_events_held is None:
            (phase.target_events_held, phase.target_officials_trained,
             phase.target_women_trained) = TARGETS[phase.number]
    builder.testimonies()
    db.session.add_all(builder.events)
    db.session.flush()
    people = sum(len(p) for p in builder.seen.values()) + builder.duplicates + len(builder.trainers)
    return {"events": len(builder.events), "people": people, "second spellings": builder.duplicates}
