"""Suspected duplicates over 50,000 officials: time, peak memory, pairs found, recall.

Builds a SQLite database of synthetic officials of five countries, half written in
Cyrillic and half in a passport-style Latin (Uzbek Latin for Uzbekistan), then adds
near-duplicates (a typo, a dropped letter, the other script, a patronymic in one spelling
only, swapped names) and times suspected_duplicates() over all of them. Then come the
kinds of benchmarks/regional_variants.py (apostrophes, initials, the region's patronymics,
surname endings, transliterations, two emails), counted apart with the reason each pair
was listed with.

    .venv/bin/python benchmarks/duplicates.py [--people 50000] [--seed 7]
"""
import argparse
import gc
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import Flask  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from benchmarks.regional_variants import EXPECTED, variants  # noqa: E402
from tracker import database  # noqa: E402
from tracker.duplicates import suspects  # noqa: E402
from tracker.duplicates.suspects import scored_pairs, suspected_duplicates  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.identity import name_key  # noqa: E402
from tracker.models import Person  # noqa: E402
from tracker.seed import seed  # noqa: E402

COUNTRIES = ("KZ", "KG", "TJ", "TM", "UZ")
MALE = """Айбек Нурлан Азамат Бакыт Талант Улан Канат Алмаз Эрмек Райымберди Мирлан Азиз Тимур
Руслан Ерлан Серик Бауыржан Дамир Жандос Марат Асхат Ержан Нурсултан Данияр Санжар Бекзод
Шохрат Фарход Джамшид Хуршид Ильёс Отабек Улугбек Рустам Баходир Шерзод Акмал Дилшод Фаррух
Умед Фирдавс Мухаммад Абдулло Сухроб Парвиз Бахтиёр Меред Агаджан Батыр Довлет Сердар Гурбан
Мекан Ильяс Арслан Максат Нурбек Эльдар Чынгыз Кубанычбек Жоомарт Адилет Темирлан Ислам""".split()
FEMALE = """Айгуль Асель Гульнара Назгуль Чолпон Айжан Жылдыз Майрам Эльвира Динара Гульмира
Айнура Бермет Жанар Сауле Айгерим Мадина Нигора Дильноза Шахноза Гулноза Зарина Малика Феруза
Мехрона Парвина Тахмина Нилуфар Огульджан Джемал Айна Гульшат Лейла Юлия Мария Елена Ольга
Наталья Алия Камила Жибек Акмарал Гульзат Сабина Мээрим Бегимай Айдана Ширин Мохира""".split()
ROOTS = """Асан Усен Токтогул Садык Абдылда Мамат Осмон Касым Султан Алымкул Дуйшен Жолдош
Исмаил Ибрагим Юсуп Карим Рахим Рахман Назар Турсун Сапар Токтосун Эшмат Ташмат Кадыр Бакир
Жумабай Жаксылык Сейит Нурмат Орозбек Шарип Шамши Абдыкадыр Темир Калмурза Мурат Байтик
Сыдык Жээнбек Алибек Каныбек Медет Молдо Бектур Сагын Жусуп Ахмед Салим Халил Хасан Хусейн
Файзулла Хайдар Файзи Шукур Сафар Рашид Саид Латиф Мирзо Хайит Ёкуб Ёдгор Юнус Якуб Яхья
Илхом Зиёд Гафур Гуломжон Абдулла Абдурахман Ачил Бозор Норбой Тошпулат Эргаш Холмат Кодир
Мавлон Ортык Пулат Рузи Саттор Тожи Уктам Хамид Чори Шодмон Аман Бердимурат Гельды Довран
Какаджан Мухаммед Непес Овез Пирмурат Реджеп Сапармурат Тагандурды Чары Язмурат Атабай
Бауыр Дарханбек Ерболат Жаксыбек Кайрат Куаныш Мухтар Оспан Сарсен Тлеу Утеген Шалкар""".split()
SUFFIXES = ("ов", "ов", "ов", "ев", "баев", "беков", "кулов", "алиев", "жанов")
PASSPORT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяқғңөүұәһӣӯҳҷў", (
    "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya "
    "k g n o u u a h i u h j u").split()))
UZBEK = {**PASSPORT, "х": "x", "ж": "j", "қ": "q", "ғ": "g'", "ў": "o'", "ё": "yo"}


def latin(text: str, scheme: dict) -> str:
    out = []
    for n, ch in enumerate(text):
        low = ch.lower()
        if low not in scheme:
            out.append(ch)
            continue
        written = scheme[low].replace("-", "")
        if low == "е" and (n == 0 or not text[n - 1].isalpha()):
            written = "ye"  # Ерлан -> Yerlan
        out.append(written.capitalize() if ch.isupper() else written)
    return "".join(out)


def official(rng: random.Random) -> tuple[str, str, list[str]]:
    """(sex, country, name tokens in Cyrillic: surname, first name, maybe a patronymic)."""
    sex = rng.choice("FM")
    first = rng.choice(FEMALE if sex == "F" else MALE)
    surname = rng.choice(ROOTS) + rng.choice(SUFFIXES) + ("а" if sex == "F" else "")
    tokens = [surname, first]
    if rng.random() < 0.35:
        tokens.append(rng.choice(ROOTS) + ("овна" if sex == "F" else "ович"))
    return sex, rng.choice(COUNTRIES), tokens


def written(tokens: list[str], country: str, cyrillic: bool) -> str:
    if cyrillic:
        return " ".join(tokens)
    return " ".join(latin(t, UZBEK if country == "UZ" else PASSPORT) for t in tokens)


def near_duplicate(rng: random.Random, tokens: list[str], country: str,
                   cyrillic: bool) -> tuple[str, str]:
    """Another record of the same official: (how it differs, the name as written)."""
    how = rng.choice(("typo", "dropped letter", "other script", "patronymic", "swapped"))
    tokens = list(tokens)
    if how == "other script":
        return how, written(tokens, country, not cyrillic)
    if how == "patronymic":
        if len(tokens) == 3:
            tokens.pop()
        else:
            tokens.append(rng.choice(ROOTS) + "ович")
        return how, written(tokens, country, cyrillic)
    if how == "swapped":
        return how, written(tokens[1:2] + tokens[:1] + tokens[2:], country, cyrillic)
    name = written(tokens, country, cyrillic)
    at = rng.randrange(1, len(name) - 1)
    while not name[at].isalpha():
        at = rng.randrange(1, len(name) - 1)
    if how == "dropped letter":
        return how, name[:at] + name[at + 1:]
    letters = "абвгдеклмнорстуя" if cyrillic else "abdegiklmnorstuy"
    return how, name[:at] + rng.choice(letters.replace(name[at].lower(), "")) + name[at + 1:]


def build(count: int, rng: random.Random) -> tuple[list[dict], list[tuple[int, int, str]]]:
    """Rows to insert, and the planted duplicate pairs as (row index, row index, how)."""
    rows, planted = [], []
    while len(rows) < count:
        sex, country, tokens = official(rng)
        cyrillic = rng.random() < 0.5
        name = written(tokens, country, cyrillic)
        rows.append(dict(full_name=name, name_key=name_key(name), sex=sex, country_code=country))
        if rng.random() < 0.02 and len(rows) < count:
            how, other = near_duplicate(rng, tokens, country, cyrillic)
            planted.append((len(rows) - 1, len(rows), how))
            rows.append(dict(full_name=other, name_key=name_key(other), sex=sex,
                             country_code=country))
    return rows, planted


def _row(record: dict) -> dict:
    email = record.get("email")
    return {**record, "name_key": name_key(record["full_name"]),
            "email_key": email.lower() if email else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--variants", type=int, default=30, help="planted pairs of each new kind")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        # Only the database is needed: a bare app with the tracker's engine settings.
        app = Flask(__name__)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{folder}/bench.db"
        db.init_app(app)
        database.configure_engine(app)
        with app.app_context():
            db.create_all()
            seed()
            rows, planted = build(args.people, random.Random(args.seed))
            regional = []
            for first, second, how in variants(args.variants, args.seed, official):
                regional.append((len(rows), len(rows) + 1, how))
                rows.extend(_row(record) for record in (first, second))
            rows = [{"email": None, "email_key": None, **row} for row in rows]
            db.session.execute(insert(Person), rows)
            db.session.commit()
            first_id = db.session.query(db.func.min(Person.id)).scalar()
            count = len(rows)
            del rows  # time the search as a fresh process would run it
            db.session.expunge_all()
            gc.collect()

            started, cpu_started = time.perf_counter(), time.process_time()
            pairs = suspected_duplicates()
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            started = time.perf_counter()
            scored_pairs()  # as the review queue's next page asks: nobody changed since
            again = time.perf_counter() - started

            suspects._searches.clear()
            tracemalloc.start()
            scored_pairs()
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()

            found = {(a.id, b.id): reasons for a, b, _, reasons in pairs}
            new_kinds: dict[str, list[int]] = {}
            for i, j, how in regional:
                listed = found.get((first_id + i, first_id + j))
                counts = new_kinds.setdefault(how, [0, 0, 0])
                counts[0] += 1
                counts[1] += listed is not None
                counts[2] += listed is not None and listed[0] in EXPECTED[how]
            kinds: dict[str, list[int]] = {}
            for i, j, how in planted:
                kinds.setdefault(how, [0, 0])[0] += 1
                kinds[how][1] += (first_id + i, first_id + j) in found
            namesakes = sum(a.name_key == b.name_key for a, b, *_ in pairs) - sum(
                n for how, (n, _, _) in new_kinds.items() if "same name" in EXPECTED[how])
            db.session.remove()
            db.engine.dispose()

    caught = sum(hit for _, hit in kinds.values())
    print(f"suspected_duplicates over {count:,} officials in {len(COUNTRIES)} countries: "
          f"{seconds:.2f} s ({cpu:.2f} s of CPU), peak Python memory {peak / 2**20:.1f} MiB (tracemalloc), "
          f"{len(pairs):,} pairs; asked again with nobody changed: {again:.2f} s")
    print(f"planted near-duplicates found: {caught} of {len(planted)} ("
          + ", ".join(f"{how} {hit}/{n}" for how, (n, hit) in sorted(kinds.items())) + ")")
    print(f"planted pairs of the region's variants found: "
          f"{sum(hit for _, hit, _ in new_kinds.values())} of {len(regional)}, with the right reason "
          f"{sum(right for *_, right in new_kinds.values())} ("
          + ", ".join(f"{how} {hit}/{n} ({right} right)" for how, (n, hit, right) in new_kinds.items()) + ")")
    print(f"other pairs: {namesakes:,} with equal name keys (namesakes drawn twice), "
          f"{len(pairs) - caught - namesakes:,} near namesakes")


if __name__ == "__main__":
    main()
