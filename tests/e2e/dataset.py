"""The small known programme the browser journeys meet: nine officials of four countries
(one recorded in Cyrillic, two spellings of one man), four held events in phases 9 and 10.

Phase 9 trains seven officials on paper; they are six people, since "Rayimberdi Tashiev"
and "Raiymberdi Tashiev" are one customs officer recorded twice (a suspected duplicate).
"""
from datetime import date
from types import SimpleNamespace

AGENCIES = {
    "kg_border": ("State Border Service", "KG", "border_guard"),
    "kg_customs": ("State Customs Service", "KG", "customs"),
    "kz_border": ("Border Service of the National Security Committee", "KZ", "border_guard"),
    "kz_customs": ("State Revenue Committee", "KZ", "customs"),
    "tj_border": ("Border Forces", "TJ", "border_guard"),
    "tj_customs": ("Customs Service", "TJ", "customs"),
    "uz_customs": ("State Customs Committee", "UZ", "customs"),
}
# key: (full name as recorded, country, sex, agency, position)
OFFICIALS = {
    "bekova": ("Aigul Bekova", "KG", "F", "kg_border", "Senior inspector"),
    "zhumabaev": ("Азамат Жумабаев", "KG", "M", "kg_border", "Shift commander"),
    "tashiev": ("Rayimberdi Tashiev", "KG", "M", "kg_customs", "Customs inspector"),
    "tashiev_2": ("Raiymberdi Tashiev", "KG", "M", "kg_customs", None),
    "abdrakhmanov": ("Nurlan Abdrakhmanov", "KZ", "M", "kz_border", "Major"),
    "sadykova": ("Gulnara Sadykova", "KZ", "F", "kz_customs", "Risk analyst"),
    "yusupova": ("Dilnoza Yusupova", "UZ", "F", "uz_customs", "Chief specialist"),
    "rakhimov": ("Farrukh Rakhimov", "TJ", "M", "tj_border", "Captain"),
    "nazarov": ("Bakhtiyor Nazarov", "TJ", "M", "tj_customs", "Inspector"),
}
# key: (title, kind, start, end, country, city, topics, attendees as (official, role))
EVENTS = {
    "workshop": ("Document security workshop", "workshop", date(2016, 3, 14), date(2016, 3, 16),
                 "KG", "Bishkek", ["Document Security", "Identification and Profiling"],
                 [("bekova", "participant"), ("zhumabaev", "participant"), ("tashiev", "participant"),
                  ("abdrakhmanov", "trainer")]),
    "seminar": ("Risk analysis seminar", "seminar", date(2017, 2, 7), date(2017, 2, 8),
                "KZ", "Almaty", ["Intelligence Gathering and Analysis"],
                [("tashiev_2", "participant"), ("sadykova", "participant"),
                 ("abdrakhmanov", "participant"), ("yusupova", "participant")]),
    "course": ("Integrated border management course", "training course", date(2022, 5, 16),
               date(2022, 5, 20), "TJ", "Dushanbe", ["Integrated Border Management"],
               [("rakhimov", "participant"), ("nazarov", "participant"), ("bekova", "participant")]),
    "visit": ("Profiling study visit", "study visit", date(2023, 9, 11), date(2023, 9, 15),
              "LV", "Riga", ["Identification and Profiling", "Border Control Procedures"],
              [("yusupova", "participant"), ("rakhimov", "participant")]),
}
# Test scores, ratings and comments of some participants: (event, official) -> values.
OUTCOMES = {
    ("workshop", "bekova"): dict(pre_score=40, post_score=75, rating=5,
                                 comment="The forged passport samples were the most useful part."),
    ("workshop", "zhumabaev"): dict(pre_score=55, post_score=70, rating=4),
    ("course", "rakhimov"): dict(pre_score=60, post_score=58, rating=3, comment="Too short."),
}
PHASE_9_OFFICIALS_TRAINED = 7  # on paper, before the Tashiev records are merged
PHASE_10_OFFICIALS_TRAINED = 4


def build(make_event, make_person, make_agency, attend) -> SimpleNamespace:
    """Write the programme with the suite's factories; returns its agencies, people and events
    by key."""
    agencies = {key: make_agency(*values) for key, values in AGENCIES.items()}
    people = {}
    for key, (name, country, sex, agency, position) in OFFICIALS.items():
        people[key] = make_person(name, country, sex, agency=agencies[agency], position=position)
    events = {}
    for key, (title, kind, start, end, country, city, topics, attendees) in EVENTS.items():
        events[key] = make_event(title=title, kind=kind, start_date=start, end_date=end,
                                 country_code=country, city=city, topics=topics,
                                 scope="regional" if country in ("LV", "KZ") else "national")
        for person_key, role in attendees:
            attend(events[key], people[person_key], role=role, **OUTCOMES.get((key, person_key), {}))
    return SimpleNamespace(agencies=agencies, people=people, events=events)


def official_names() -> list[str]:
    return [name for name, *_ in OFFICIALS.values()]
