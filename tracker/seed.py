"""SPEC's reference data. Loading it twice changes nothing: rows are added only when missing."""
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from .extensions import db
from .models import AgencyType, Country, EventKind, Phase, Programme, Topic

BENEFICIARY_COUNTRIES = [
    ("KZ", "Kazakhstan", "Казахстан"),
    ("KG", "Kyrgyzstan", "Кыргызстан"),
    ("TJ", "Tajikistan", "Таджикистан"),
    ("TM", "Turkmenistan", "Туркменистан"),
    ("UZ", "Uzbekistan", "Узбекистан"),
    ("AF", "Afghanistan", "Афганистан"),
]
EU_MEMBER_STATES = [
    ("AT", "Austria", "Австрия"), ("BE", "Belgium", "Бельгия"), ("BG", "Bulgaria", "Болгария"),
    ("HR", "Croatia", "Хорватия"), ("CY", "Cyprus", "Кипр"), ("CZ", "Czechia", "Чехия"),
    ("DK", "Denmark", "Дания"), ("EE", "Estonia", "Эстония"), ("FI", "Finland", "Финляндия"),
    ("FR", "France", "Франция"), ("DE", "Germany", "Германия"), ("GR", "Greece", "Греция"),
    ("HU", "Hungary", "Венгрия"), ("IE", "Ireland", "Ирландия"), ("IT", "Italy", "Италия"),
    ("LV", "Latvia", "Латвия"), ("LT", "Lithuania", "Литва"), ("LU", "Luxembourg", "Люксембург"),
    ("MT", "Malta", "Мальта"), ("NL", "Netherlands", "Нидерланды"), ("PL", "Poland", "Польша"),
    ("PT", "Portugal", "Португалия"), ("RO", "Romania", "Румыния"), ("SK", "Slovakia", "Словакия"),
    ("SI", "Slovenia", "Словения"), ("ES", "Spain", "Испания"), ("SE", "Sweden", "Швеция"),
]
TOPICS = [
    ("Integrated Border Management", "Интегрированное управление границами"),
    ("Document Security", "Безопасность документов"),
    ("Stolen Vehicle Identification", "Идентификация похищенных транспортных средств"),
    ("Intelligence Gathering and Analysis", "Сбор и анализ оперативной информации"),
    ("Border Control Procedures", "Процедуры пограничного контроля"),
    ("Supply Chain Security", "Безопасность цепи поставок"),
    ("International Shipment of Strategic Goods", "Международные перевозки стратегических товаров"),
    ("Post-Clearance Control", "Пост-таможенный контроль"),
    ("Customs Valuation", "Таможенная оценка"),
    ("Modern Technologies in Border Control", "Современные технологии пограничного контроля"),
    ("Irregular Migration and THB", "Нелегальная миграция и торговля людьми"),
    ("Counter-terrorism and Organised Crime", "Противодействие терроризму и организованной преступности"),
    ("Anti-corruption", "Противодействие коррупции"),
    ("Training of Trainers", "Подготовка тренеров"),
    ("Identification and Profiling", "Идентификация и профилирование"),
]
AGENCY_TYPES = [
    ("border_guard", "Border guard", "Пограничная служба"),
    ("customs", "Customs", "Таможенная служба"),
    ("migration", "Migration", "Миграционная служба"),
    ("drug_control", "Drug control", "Контроль за наркотиками"),
    ("veterinary_phytosanitary", "Veterinary and phytosanitary", "Ветеринарный и фитосанитарный контроль"),
    ("health", "Health", "Здравоохранение"),
    ("police", "Police", "Полиция"),
    ("training_institution", "Training institution", "Учебное заведение"),
    ("other", "Other", "Другое"),
]
EVENT_KINDS = [
    ("workshop", "Workshop", "Практический семинар"),
    ("seminar", "Seminar", "Семинар"),
    ("training course", "Training course", "Учебный курс"),
    ("study visit", "Study visit", "Ознакомительный визит"),
    ("advisory mission", "Advisory mission", "Консультативная миссия"),
    ("conference", "Conference", "Конференция"),
    ("meeting", "Meeting", "Встреча"),
]
PROGRAMME = ("BOMCA", "Border Management Programme in Central Asia")
PHASES = [
    dict(
        number=9, name="BOMCA 9", start_date=date(2015, 6, 1), end_date=date(2018, 6, 30),
        total_cost=Decimal("4954784.93"), eu_contribution=Decimal("4503899.50"),
        implementing_organisation="State Border Guard of Latvia",
        funding_instrument="Development Cooperation Instrument (DCI)",
    ),
    dict(
        number=10, name="BOMCA 10", start_date=date(2021, 4, 1), end_date=date(2025, 9, 30),
        total_cost=Decimal("21650000.00"),
    ),
]


def _add_missing(model, key: str, rows: list[dict]) -> int:
    column = getattr(model, key)
    have = set(db.session.scalars(select(column)))
    missing = [row for row in rows if row[key] not in have]
    db.session.add_all(model(**row) for row in missing)
    return len(missing)


def seed() -> dict[str, int]:
    """Add whatever reference rows are missing; returns how many of each were added."""
    added = {
        "countries": _add_missing(Country, "code", [
            dict(code=c, name_en=en, name_ru=ru, is_beneficiary=True)
            for c, en, ru in BENEFICIARY_COUNTRIES
        ] + [dict(code=c, name_en=en, name_ru=ru) for c, en, ru in EU_MEMBER_STATES]),
        "topics": _add_missing(Topic, "name_en", [dict(name_en=en, name_ru=ru) for en, ru in TOPICS]),
        "agency types": _add_missing(AgencyType, "code", [
            dict(code=c, name_en=en, name_ru=ru) for c, en, ru in AGENCY_TYPES
        ]),
        "event kinds": _add_missing(EventKind, "code", [
            dict(code=c, name_en=en, name_ru=ru) for c, en, ru in EVENT_KINDS
        ]),
    }
    programme = db.session.scalar(select(Programme).where(Programme.name == PROGRAMME[0]))
    added["programmes"] = 0
    if programme is None:
        programme = Programme(name=PROGRAMME[0], description=PROGRAMME[1])
        db.session.add(programme)
        added["programmes"] = 1
    db.session.flush()
    numbers = set(db.session.scalars(select(Phase.number).where(Phase.programme == programme)))
    new_phases = [Phase(programme=programme, **row) for row in PHASES if row["number"] not in numbers]
    db.session.add_all(new_phases)
    added["phases"] = len(new_phases)
    db.session.flush()
    return added
