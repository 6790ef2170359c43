"""Planted duplicates of the kinds issue #15 added, each with the reason it must be listed
with: Uzbek Latin apostrophes, a Latin word with a Cyrillic letter inside, patronymics in
the region's forms, initials, Tajik -zoda / -zade and -ov / -of endings, other
transliterations, and one name with two emails.

They are drawn from their own random stream and appended after the people of
benchmarks/duplicates.py, so the planted pairs measured before stay the same.
"""
import random

UZ_SURNAMES = """Ғуломов Ўроқов Тўраев Ғаниев Қўчқоров Ўринбоев Ғайратов Бўронов Тўхтаев Ҳошимов
Қодиров Ўктамов Шоҳобиддинов Мўминов Ғофуров Нўъмонов Қаюмов Ҳалимов Тўйчиев Йўлдошев""".split()
UZ_MALE = "Шоҳруҳ Ўткир Ғайрат Ўлмас Тўлқин Бўри Ҳамид Қаҳрамон Ғулом Жаҳонгир Ҳусан Ўктам".split()
UZ_FEMALE = "Гўзал Ўғилой Нилуфар Дилноза Ҳилола Мўътабар Гулчеҳра Зулфия Ўлмасой".split()
UZ_LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшъьэюяқғўҳ", (
    "a b v g d e yo j z i y k l m n o p r s t u f x ts ch sh ' - e yu ya q g‘ o‘ h").split()))
TJ_ROOTS = "Шариф Саид Раҳим Карим Назар Султон Мирзо Абдулло Ҳасан Файзулло Исмоил Сафар".split()
TJ_FIRST = "Фаррух Умед Фирдавс Сухроб Парвиз Бахтиёр Меҳрона Парвина Таҳмина Шаҳло".split()
PASSPORT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяқғңөүұәһӣӯҳҷў", (
    "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya "
    "k g n o u u a h i u h j u").split()))
# Latin spellings a passport, a register or a typist may each use for one sound.
TRANSLITERATIONS = (("zh", "j"), ("kh", "h"), ("kh", "x"), ("ya", "ia"), ("yu", "iu"),
                    ("dzh", "j"), ("y", "i"), ("k", "q"))
APOSTROPHES = "‘’ʻʼ`'"
# The reason each kind must be listed with (tracker.name_match.PairReason values); k and q
# share a key, so that transliteration is the same name.
EXPECTED = {
    "apostrophes": ("same name",), "Cyrillic letter in a Latin word": ("same name",),
    "regional patronymic": ("patronymic in one record",), "initials": ("initials",),
    "surname ending": ("other form of the surname",),
    "transliteration": ("other transliteration", "same name"),
    "different emails": ("different emails",),
}


def latin(text: str, scheme: dict) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        written = scheme.get(low, low).replace("-", "")
        out.append(written[:1].upper() + written[1:] if ch.isupper() else written)
    return "".join(out)


def _uzbek(rng: random.Random, sex: str) -> list[str]:
    first = rng.choice(UZ_FEMALE if sex == "F" else UZ_MALE)
    return [rng.choice(UZ_SURNAMES) + ("а" if sex == "F" else ""), first]


def _pair(rng: random.Random, how: str, base) -> tuple[str, str, str, dict, dict]:
    """(country, sex, name, fields of the first record, of the second) for one kind."""
    sex, country, tokens = base(rng)
    if how == "apostrophes":
        name = latin(" ".join(_uzbek(rng, sex)), UZ_LATIN)
        return "UZ", sex, name, {}, {"full_name": name.replace("‘", rng.choice(APOSTROPHES[1:]))}
    if how == "Cyrillic letter in a Latin word":
        name = latin(" ".join(tokens), PASSPORT)
        at = max(name.rfind("o"), name.rfind("a"), name.rfind("e"))
        return country, sex, name, {}, {"full_name": name[:at] + {"o": "о", "a": "а", "e": "е"}[
            name[at]] + name[at + 1:]}
    if how == "regional patronymic":
        father = rng.choice(("Асан", "Нурлан", "Ерлан", "Акмал", "Бахтиёр", "Марат"))
        son = sex == "M"
        country = rng.choice(("KZ", "KG", "UZ", "TM"))
        added = {"KZ": father + ("ұлы" if son else "қызы"),
                 "KG": father + (" уулу" if son else " кызы"),
                 "UZ": father + (" ўғли" if son else " қизи"),
                 "TM": father + (" оглы" if son else " гызы")}[country]
        name = " ".join(tokens[:2])
        other = name + " " + added
        if rng.random() < 0.5:
            name, other = latin(name, PASSPORT), latin(other, UZ_LATIN if country == "UZ" else PASSPORT)
        return country, sex, name, {}, {"full_name": other}
    if how == "initials":
        name = " ".join(tokens)
        initials = "".join(t[0] + "." for t in tokens[1:])
        if rng.random() < 0.5:
            return country, sex, latin(name, PASSPORT), {}, {
                "full_name": latin(tokens[0], PASSPORT) + " " + latin(initials, PASSPORT)}
        return country, sex, name, {}, {"full_name": tokens[0] + " " + initials}
    if how == "surname ending":
        first = rng.choice(TJ_FIRST)
        name = rng.choice(TJ_ROOTS) + "зода " + first
        other = name.replace("зода", rng.choice(("заде", "зада")))
        if rng.random() < 0.5:
            name, other = latin(name, PASSPORT), latin(other, PASSPORT)
        return "TJ", sex, name, {}, {"full_name": other}
    if how == "transliteration":
        name = latin(" ".join(tokens), PASSPORT)
        options = [(a, b) for a, b in TRANSLITERATIONS if a in name.lower()]
        while not options:
            sex, country, tokens = base(rng)
            name = latin(" ".join(tokens), PASSPORT)
            options = [(a, b) for a, b in TRANSLITERATIONS if a in name.lower()]
        a, b = rng.choice(options)
        at = name.lower().index(a)
        replaced = b.capitalize() if name[at].isupper() else b
        return country, sex, name, {}, {"full_name": name[:at] + replaced + name[at + len(a):]}
    name = " ".join(tokens)  # different emails
    login = latin(tokens[0], PASSPORT).lower()
    return country, sex, name, {"email": f"{login}@customs.gov"}, {"email": f"{login}{rng.randrange(99)}@mail.com"}


def variants(count: int, seed: int, base) -> list[tuple[dict, dict, str]]:
    """`count` planted pairs of each kind: (first record, second record, kind)."""
    rng = random.Random(seed)
    planted = []
    for how in EXPECTED:
        for _ in range(count):
            country, sex, name, first, second = _pair(rng, how, base)
            record = {"full_name": name, "sex": sex, "country_code": country, "email": None}
            planted.append(({**record, **first}, {**record, **second}, how))
    return planted
