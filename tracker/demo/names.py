"""Name stock for synthetic officials, in Cyrillic as national registers write them, and a
second, looser Latin spelling of the kind found in hand-kept spreadsheets."""

FIRST_NAMES = {
    "KG": {"M": "Азамат Айбек Бакыт Нурлан Эрлан Улан Канат Мирлан Жыргалбек Райымберди Талант Эркин Тимур Бекзат Адилет".split(),
           "F": "Айгуль Жылдыз Назгуль Гульмира Айпери Чолпон Бермет Динара Асель Нурзат".split()},
    "KZ": {"M": "Ерлан Нурсултан Арман Данияр Асхат Ержан Серик Бауыржан Марат Кайрат Азамат Жандос".split(),
           "F": "Айгерим Динара Жанар Гульнара Сауле Асель Мадина Алия Камила Индира".split()},
    "TJ": {"M": "Фаррух Шерали Бахтиёр Джамшед Рустам Фируз Сухроб Зафар Умед Далер Хуршед Комрон".split(),
           "F": "Нилуфар Мадина Гулноза Зарина Фарангис Шахноза Манижа Тахмина".split()},
    "TM": {"M": "Мердан Бегенч Довлет Аннагельды Максат Сердар Батыр Ильяс Аман Рустем".split(),
           "F": "Огулджан Айна Мая Гозель Джерен Энеш Сельби".split()},
    "UZ": {"M": "Бахтиёр Шерзод Улугбек Жасур Отабек Рустам Фаррух Дилшод Азиз Шухрат Санжар Бобур".split(),
           "F": "Дилноза Малика Нигора Зухра Гульчехра Феруза Шахло Севара".split()},
    "AF": {"M": "Ахмад Махмуд Хамид Навид Фарид Рахим Джавид Сайед".split(),
           "F": "Фатима Мариам Захра Шабнам Лейла".split()},
}
SURNAMES = {
    "KG": "Беков Асанов Дуйшенбиев Токтогулов Жумабаев Осмонов Абдыкадыров Мамбетов Исаков Сыдыков Кадыров Турдубаев Эсенов Алымкулов Чотонов Садыров Абдыраев Бакиев Кулов Орозбаев Мамытов Сагынбаев Токтосунов Жээнбеков Касымалиев Акматов Шаршеев Усенов".split(),
    "KZ": "Нурланов Ахметов Сейткали Жумагулов Касымов Омаров Тулегенов Абенов Бекмуханов Сагындыков Искаков Мусин Карипов Есенов Смагулов Нургалиев Байжанов Ахметжанов Кенжебаев Туяков Утепов Ермеков Жаксылыков Алиев Сулейменов Ибраев".split(),
    "TJ": "Рахимов Саидов Назаров Холов Шарипов Давлатов Каримов Мирзоев Сафаров Юсупов Файзуллоев Гулов Абдуллоев Насимов Курбонов Олимов Шодиев Раджабов Мухиддинов Зокиров Камолов Хакимов Амонов Бобоев".split(),
    "TM": "Атаев Гельдыев Аннаев Ходжаев Бердыев Оразов Нурыев Мередов Чарыев Байрамов Ильясов Гурбанов Мамедов Овезов Сапаров Тачмурадов Реджепов Какаев Дурдыев Ягшиев".split(),
    "UZ": "Каримов Юлдашев Рахимов Усманов Турсунов Ахмедов Хасанов Исмоилов Абдуллаев Мирзаев Собиров Эргашев Жураев Назаров Кодиров Алимов Халилов Тошматов Холматов Шарипов Умаров Валиев Эшонов Маматкулов".split(),
    "AF": "Ахмадзай Хакими Рахими Самади Носири Карими Амири".split(),
}
TRAINERS = [
    ("Juris Ozols", "M", "LV"), ("Inese Kalnina", "F", "LV"), ("Andris Berzins", "M", "LV"),
    ("Tomas Kazlauskas", "M", "LT"), ("Ruta Petraitiene", "F", "LT"), ("Markus Weber", "M", "DE"),
    ("Katarzyna Nowak", "F", "PL"), ("Tamas Nagy", "M", "HU"), ("Petr Dvorak", "M", "CZ"),
    ("Elena Popescu", "F", "RO"), ("Kristjan Tamm", "M", "EE"), ("Anna Lindqvist", "F", "SE"),
]
AGENCIES = {
    "KG": [("State Border Service", "border_guard"), ("State Customs Service", "customs"),
           ("State Registration Service", "migration"), ("Drug Control Service", "drug_control"),
           ("Veterinary and Phytosanitary Inspectorate", "veterinary_phytosanitary")],
    "KZ": [("Border Service of the National Security Committee", "border_guard"),
           ("State Revenue Committee", "customs"), ("Migration Service", "migration"),
           ("Counter-Narcotics Department", "drug_control")],
    "TJ": [("Border Troops", "border_guard"), ("Customs Service", "customs"),
           ("Migration Service", "migration"), ("Drug Control Agency", "drug_control")],
    "TM": [("State Border Service", "border_guard"), ("State Customs Service", "customs"),
           ("State Migration Service", "migration")],
    "UZ": [("Border Troops", "border_guard"), ("State Customs Committee", "customs"),
           ("Migration Department", "migration"), ("National Drug Control Centre", "drug_control")],
    "AF": [("Afghan Border Police", "border_guard"), ("Afghanistan Customs Department", "customs")],
}
POSITIONS = ["Inspector", "Senior inspector", "Head of unit", "Deputy head of department",
             "Shift commander", "Risk analyst", "Training officer", "Chief specialist",
             "Border post commander", "Legal adviser"]
CITIES = {"KG": ["Bishkek", "Osh", "Karakol"], "KZ": ["Almaty", "Astana", "Shymkent"],
          "TJ": ["Dushanbe", "Khujand", "Kulob"], "TM": ["Ashgabat", "Turkmenabat"],
          "UZ": ["Tashkent", "Samarkand", "Termez"], "LV": ["Riga", "Rezekne"],
          "AF": ["Kabul", "Mazar-i-Sharif", "Herat"], "LT": ["Vilnius"], "DE": ["Berlin"],
          "PL": ["Warsaw"]}

# The spreadsheet spelling: another common transliteration of the same Cyrillic letters.
LOOSE_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}


def loose_latin(cyrillic: str) -> str:
    out = []
    for ch in cyrillic:
        latin = LOOSE_LATIN.get(ch.lower(), ch)
        out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


def feminine(surname: str) -> str:
    if surname.endswith(("ов", "ев", "ин")):
        return surname + "а"
    return surname
