"""One official written the ways registers of Kazakhstan, Kyrgyzstan, Tajikistan,
Turkmenistan, Uzbekistan and Afghanistan write them: each variant either gets the same
name key as its canonical spelling (one record by the rule) or is listed as a suspected
pair with the reason a coordinator needs. And officials who merely have similar names are
never made one record automatically."""
import pytest
from sqlalchemy import func, select

from tracker.duplicates.suspects import suspected_duplicates
from tracker.identity import name_key
from tracker.models import Person
from tracker.name_match import match_names
from tracker.register import apply_plan, prepare

SAME = "same key"
PATRONYMIC, INITIALS = "patronymic in one record", "initials"
TRANSLIT, SURNAME = "other transliteration", "other form of the surname"
PATRONYMIC_FORM, EMAILS = "other form of the patronymic", "different emails"

VARIANTS = [
    # Kazakhstan: Kazakh Cyrillic, the passport's Latin, Kazakh Latin (2021), Russian forms
    ("KZ", "Қасымов Әлібек", "Kasymov Alibek", SAME),
    ("KZ", "Қасымов Әлібек", "Qasymov Álibek", SAME),
    ("KZ", "Қасымов Әлібек", "Касымов Алибек", SAME),
    ("KZ", "Қасымов Әлібек Нұрланұлы", "Kasymov Alibek", PATRONYMIC),
    ("KZ", "Нұрланова Айгерім Серікқызы", "Nurlanova Aigerim", PATRONYMIC),
    ("KZ", "Жұмабеков Ерлан", "Zhumabekov Yerlan", TRANSLIT),
    ("KZ", "Бекмұхамбетов Жандос", "Бекмұхамбетов Ж.", INITIALS),
    ("KZ", "Сейітқали Дана", "Seitkali Dana", TRANSLIT),
    ("KZ", "Оспанов Ерболат Қайратұлы", "Оспанов Ерболат Кайратович", PATRONYMIC_FORM),
    ("KZ", "Оспанова Гүлнар Қайрат қызы", "Оспанова Гүлнар Кайратовна", PATRONYMIC_FORM),
    ("KZ", "Ахметова Сәуле", "Akhmetova Saule", SAME),
    ("KZ", "Төлегенов Мұхтар", "Tolegenov Mukhtar", SAME),
    ("KZ", "Төлегенов Мұхтар", "Тулегенов Мухтар", TRANSLIT),
    # Kyrgyzstan: уулу / кызы, long vowels, Russian patronymics
    ("KG", "Асан уулу Айбек", "Asan uulu Aibek", SAME),
    ("KG", "Токтогулов Нурлан Асан уулу", "Токтогулов Нурлан", PATRONYMIC),
    ("KG", "Мамытова Чолпон Асан кызы", "Mamytova Cholpon", PATRONYMIC),
    ("KG", "Жээнбеков Сооронбай", "Zheenbekov Sooronbai", SAME),
    ("KG", "Жээнбеков Сооронбай", "Jeenbekov Sooronbay", TRANSLIT),
    ("KG", "Бакиев Курманбек Салиевич", "Bakiyev Kurmanbek", PATRONYMIC),
    ("KG", "Абдыкадыров Нурлан Маратович", "Абдыкадыров Н.М.", INITIALS),
    ("KG", "Kadyrov Talant", "Kadyrov T.", INITIALS),
    ("KG", "Атамбаев Алмазбек", "Atambayev Almazbek", TRANSLIT),
    ("KG", "Үсөнова Гүлнара", "Usonova Gulnara", SAME),
    ("KG", "Эсенгулов Эрмек", "Esengulov Ermek", SAME),
    ("KG", "Ташиев Камчыбек", "Tashiev Kamchybek", SAME),
    # Tajikistan: -zoda / -zade, Ҳ Ҷ Ӯ, Tajik о for Russian а
    ("TJ", "Шарифзода Фаррух", "Шарифзаде Фаррух", SURNAME),
    ("TJ", "Шарифзода Фаррух", "Sharifzade Farrukh", SURNAME),
    ("TJ", "Саидзода Умед", "Saidzoda Umed", SAME),
    ("TJ", "Раҳмонов Сухроб", "Rahmonov Suhrob", TRANSLIT),
    ("TJ", "Раҳмонов Сухроб", "Рахмонов Сухроб", TRANSLIT),
    ("TJ", "Абдуллоев Фирдавс", "Абдуллаев Фирдавс", TRANSLIT),
    ("TJ", "Ҷӯраев Парвиз", "Джураев Парвиз", TRANSLIT),
    ("TJ", "Назарова Таҳмина Сафаровна", "Nazarova Tahmina", PATRONYMIC),
    ("TJ", "Қурбонов Бахтиёр", "Kurbonov Bakhtiyor", TRANSLIT),
    ("TJ", "Исмоилов Меҳрон", "Ismoilov Mehron", SAME),
    ("TJ", "Файзуллозода Парвина", "Fayzullozade Parvina", SURNAME),
    # Turkmenistan: Turkmen Latin (ý, ä, ö, w, ç) and the Russian spelling
    ("TM", "Berdimuhamedow Gurbanguly Mälikgulyýewiç", "Бердымухамедов Гурбангулы", PATRONYMIC),
    ("TM", "Çaryýew Meret", "Charyev Meret", TRANSLIT),
    ("TM", "Öwezow Atajan", "Овезов Атаджан", TRANSLIT),
    ("TM", "Annaýewa Jeren", "Аннаева Джерен", TRANSLIT),
    ("TM", "Gurbanow Serdar Meredowiç", "Gurbanow Serdar", PATRONYMIC),
    ("TM", "Orazowa Bägül Nury gyzy", "Orazowa Bägül", PATRONYMIC),
    ("TM", "Ataýew Döwlet", "Atayev Dovlet", TRANSLIT),
    ("TM", "Ataýew Döwlet", "Ataýew D.", INITIALS),
    # Uzbekistan: every apostrophe, Cyrillic Ў Ғ Қ Ҳ, o‘g‘li / qizi, x for х
    ("UZ", "Gʻulomov Shohruh", "G‘ulomov Shohruh", SAME),
    ("UZ", "Gʻulomov Shohruh", "Gʼulomov Shohruh", SAME),
    ("UZ", "Gʻulomov Shohruh", "G`ulomov Shohruh", SAME),
    ("UZ", "Ғуломов Шоҳруҳ", "G'ulomov Shohruh", SAME),
    ("UZ", "Gʻulomov Shohruh Akmal oʻgʻli", "Gʻulomov Shohruh", PATRONYMIC),
    ("UZ", "Toshmatova Oʻgʻiloy Baxtiyor qizi", "Toshmatova O‘g‘iloy", PATRONYMIC),
    ("UZ", "Ўроқов Ҳамид", "O‘roqov Hamid", SAME),
    ("UZ", "Қодиров Жамшид", "Qodirov Jamshid", TRANSLIT),
    ("UZ", "Xoʻjayev Ulugʻbek", "Ходжаев Улугбек", TRANSLIT),
    ("UZ", "Yusupov Jasur", "Юсупов Жасур", TRANSLIT),
    ("UZ", "Yuldasheva Dilnoza", "Iuldasheva Dilnoza", TRANSLIT),
    ("UZ", "Ergashev Bekzod", "Ergashov Bekzod", SURNAME),
    ("UZ", "Mirzayev Sardor", "Mirzaev Sardor", TRANSLIT),
    ("UZ", "Xolmatov Sherzod", "Kholmatov Sherzod", TRANSLIT),
    ("UZ", "Ikromov Islom", "Икромов Ислом Ахмедович", PATRONYMIC),
    ("UZ", "Норматов Алишер", "Normatov A.", INITIALS),
    ("UZ", "Karimov Akmal", "Karimov Akmal", EMAILS),
    # Afghanistan: Dari and Pashto names in Latin letters
    ("AF", "Mohammad Karim Ahmadzai", "Muhammad Karim Ahmadzai", TRANSLIT),
    ("AF", "Ahmad Shah Masoud", "Ahmad Shah Massoud", TRANSLIT),
    ("AF", "Ahmad Zia Mas'ud", "Ahmad Zia Masud", SAME),
    ("AF", "Gul Rahman Qazi", "Gul Rahman Kazi", SAME),
    ("AF", "Abdul Qadir Noori", "Abdulqadir Noori", TRANSLIT),
    ("AF", "Nasrin Ahmadi", "Nasreen Ahmadi", TRANSLIT),
    ("AF", "Hamidullah Amin", "Hamidulla Amin", TRANSLIT),
    ("AF", "Zarghuna Popal", "Zarghona Popal", TRANSLIT),
    ("AF", "Fatima Sultani", "Fatima Sultany", TRANSLIT),
]


def test_the_table_is_as_large_as_promised():
    assert len(VARIANTS) >= 60
    assert {country for country, *_ in VARIANTS} == {"KZ", "KG", "TJ", "TM", "UZ", "AF"}


@pytest.mark.parametrize(("country", "canonical", "variant", "expected"), VARIANTS,
                         ids=[f"{c}: {v}" for c, _, v, _ in VARIANTS])
def test_each_variant_is_one_key_or_a_pair_with_its_reason(country, canonical, variant, expected):
    if expected in (SAME, EMAILS):
        assert name_key(variant) == name_key(canonical)
    else:
        assert name_key(variant) != name_key(canonical)
        assert match_names(name_key(canonical), name_key(variant)).reasons[0] == expected


def test_the_queue_lists_every_variant_with_its_reason(db):
    """All of them on record at once, as a real database would hold them."""
    records = []
    for n, (country, canonical, variant, expected) in enumerate(VARIANTS):
        emails = (f"work{n}@gov.example", f"home{n}@mail.example") if expected == EMAILS else (None, None)
        pair = (Person(full_name=canonical, country_code=country, email=emails[0]),
                Person(full_name=variant, country_code=country, email=emails[1]))
        db.session.add_all(pair)
        records.append((pair, expected))
    db.session.commit()
    listed = {(a.id, b.id): reasons for a, b, _, reasons in suspected_duplicates()}
    for (one, other), expected in records:
        reasons = listed.get((one.id, other.id))
        assert reasons is not None, (one.full_name, other.full_name)
        assert reasons[0] == ("same name" if expected == SAME else expected), (one.full_name, other.full_name)


DISTINCT = [
    # (country, one official, another official)
    ("KG", "Asanov Aibek", "Usenov Aibek"),
    ("KG", "Kadyrov Talant", "Sadyrov Talant"),
    ("KG", "Abdykadyrov Nurlan", "Abdykadyrov Nurbek"),
    ("KG", "Abdykadyrov Nurlan", "Abdykadyrov N."),
    ("KG", "Sadykov Bakyt", "Sadykov Bakytbek"),
    ("KG", "Tashiev Kamchy", "Tashiev Kamchybek"),
    ("KG", "Токтогулов Нурлан Асан уулу", "Токтогулов Нурлан"),
    ("KZ", "Иванов Петр Сергеевич", "Иванов Петр Николаевич"),
    ("KZ", "Nurlanov Erlan", "Nurlanuly Erlan"),
    ("KZ", "Erlan Tulegenov", "Askhat Erlan Tulegenov"),
    ("KZ", "Бекова Асель", "Бекова Асем"),
    ("KZ", "Оспанов Ерболат Қайратұлы", "Оспанов Ерболат Кайратович"),
    ("TJ", "Rahmonov Suhrob", "Rakhmonov Sukhrob"),
    ("TJ", "Sharipov Umed", "Sharifzoda Umed"),
    ("TJ", "Шарифзода Фаррух", "Шарифзаде Фаррух"),
    ("TJ", "Juraev Parviz", "Dzhuraev Parviz"),
    ("TM", "Gurbanow Serdar", "Gurbanowa Serdar"),
    ("TM", "Çaryýew Meret", "Charyev Meret"),
    ("UZ", "Amanov Nurlan", "Omonov Nurlan"),
    ("UZ", "Ergashev Bekzod", "Ergashov Bekzod"),
    ("UZ", "Xurshid Juraev", "Хуршид Джураев"),
    ("AF", "Mohammad Karim", "Muhammad Karim"),
    ("AF", "Nasrin Ahmadi", "Nasreen Ahmadi"),
    ("AF", "Fatima Sultani", "Fatema Sultani"),
]


def test_similar_names_are_never_one_record_by_the_rule():
    for _country, one, other in DISTINCT:
        assert name_key(one) != name_key(other), (one, other)


def test_importing_officials_with_similar_names_makes_a_record_for_each(db):
    """The import applies the identity rule: every official of the table stays a person of
    their own, in one country and across two (the same name in KG and KZ)."""
    rows = ["event_title,start_date,full_name,country"]
    names = [(c, n) for c, one, other in DISTINCT for n in (one, other)]
    names += [("KG", "Aliev Rustam"), ("KZ", "Aliev Rustam")]
    distinct_names = sorted(set(names))
    rows += [f"Regional workshop,2024-03-01,{name},{country}" for country, name in distinct_names]
    plan = prepare("\n".join(rows).encode())
    assert [str(e) for e in plan.errors] == []
    apply_plan(plan, source="test")
    db.session.commit()
    assert db.session.scalar(select(func.count(Person.id))) == len(distinct_names)
