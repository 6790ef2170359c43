"""Text and names that lost their encoding on the way, or were never names, are refused with
a reason that says what happened — in the person forms, the roster and the import alike."""
import pytest
from sqlalchemy import func, select

from tracker.models import Person
from tracker.register.parse import parse
from tracker.validators import name_problem, text_problem

GOOD_NAMES = [
    "Қасымов Әлібек Нұрланұлы", "Gʻulomov Shohruh Akmal oʻgʻli", "G‘ulomov Shohruh",
    "Шарифзода Фаррух", "Абдыкадыров Н.М.", "Çary Ýazmyradow", "Öwez Gurbanow",
    "Ahmad Shah Mas'ud", "احمد شاه مسعود", "Jürgen Müller", "Ólafur Þórðarson",
    "Ёлкин Сёмин", "O'Brien", "Aigul Asan kyzy", "Бекова-Асанова Айгуль", "Ли Бо",
]


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_real_names_of_the_region_pass(name):
    assert name_problem(name) is None
    assert text_problem(name) is None


MOJIBAKE = [
    # (as the file was misread, the cause named, what it should read)
    ("Бекова Гульнара".encode().decode("cp1252"), "Windows-1252", "Бекова"),
    ("Қасымов".encode().decode("latin-1"), "Latin-1", "Қасымов"),
    ("Бекова".encode().decode("cp1251"), "Windows-1251", "Бекова"),
    ("G‘ulomov".encode().decode("cp1252"), "Windows-1252", "G‘ulomov"),
    ("José Núñez".encode().decode("cp1252"), "Windows-1252", "José"),
    ("Чернов Бекова".encode("cp1251").decode("latin-1"), "Windows-1251", "Чернов"),
]


@pytest.mark.parametrize(("misread", "codepage", "fixed"), MOJIBAKE)
def test_utf8_read_in_another_code_page_names_the_cause_and_the_fix(misread, codepage, fixed):
    for problem in (text_problem(misread), name_problem(misread)):
        assert problem.startswith("The text's encoding was lost")
        assert codepage in problem and f"it should read “{fixed}" in problem


def test_mojibake_that_lost_a_byte_is_still_recognised():
    # Ё is D0 81 in UTF-8; 0x81 has no Windows-1252 letter and is often dropped on the way.
    broken = "Ёлкин".encode().decode("cp1252", errors="ignore")
    assert "encoding was lost" in text_problem(broken)


@pytest.mark.parametrize("value", ["?асымов ?лібек", "Н?рлан Қасымов", "???? ??????", "Ali ?? Khan"])
def test_question_marks_in_place_of_letters(value):
    assert "“?” stands in place of letters" in text_problem(value)
    assert "“?” stands in place of letters" in name_problem(value)


def test_a_question_in_ordinary_text_is_no_problem_but_a_name_has_no_question_mark():
    assert text_problem("Would attend again? Yes.") is None
    assert "“?” stands in place of letters" in name_problem("Bekov Azamat?")


def test_replacement_character_and_control_characters():
    assert "“�” stands where letters could not be read" in text_problem("Bek\ufffdva")
    assert "control character (U+0007)" in text_problem("Aigul\x07 Bekova")
    assert "control character (U+0000)" in name_problem("Aigul\x00")
    assert text_problem("First line\nsecond line\twith a tab") is None


@pytest.mark.parametrize("value", ["!!! ???", "!!! 123", "-- .", "12345"])
def test_a_name_needs_a_letter(value):
    assert name_problem(value) is not None
    assert text_problem("!!! 123") is None


def test_blank_is_the_required_checks_business():
    assert name_problem("") is name_problem(None) is text_problem("") is None


def _new_attendee(client, event, name):
    return client.post(f"/events/{event.id}/attendees/new",
                       data={"full_name": name, "country_code": "KZ", "role": "participant",
                             "is_confirmed_new": "1"}).get_data(as_text=True)


def test_roster_add_and_edit_refuse_broken_names_next_to_the_field(db, staff_client, make_event,
                                                                   make_person):
    event = make_event()
    page = _new_attendee(staff_client, event, "?асымов ?лібек")
    assert "“?” stands in place of letters" in page
    page = _new_attendee(staff_client, event, "!!! ???")
    assert "The text&#39;s encoding was lost" in page or "The text's encoding was lost" in page
    assert db.session.scalar(select(func.count(Person.id))) == 0

    person = make_person("Aigul Bekova", "KG")
    data = {"full_name": "!!! 123", "sex": "F", "country_code": "KG"}
    page = staff_client.post(f"/people/{person.id}/edit", data=data).get_data(as_text=True)
    assert "Enter the name in letters." in page
    mojibake = "Бекова Гульнара".encode().decode("cp1252")
    page = staff_client.post(f"/people/{person.id}/edit",
                             data={**data, "full_name": mojibake}).get_data(as_text=True)
    assert "it should read “Бекова”" in page
    db.session.expire_all()
    assert person.full_name == "Aigul Bekova" and person.name_key == "aigul bekova"


def test_import_rows_with_broken_names_are_bad_rows(app):
    data = ("event_title,start_date,full_name,country\n"
            "Workshop,2024-03-01,?асымов ?лібек,KZ\n"
            "Workshop,2024-03-01,!!! 123,KZ\n"
            "Workshop,2024-03-01,Қасымов Әлібек,KZ\n").encode()
    with app.test_request_context():
        result = parse(data)
    reasons = {(e.row, e.column): e.reason for e in result.errors}
    assert "“?” stands in place of letters" in reasons[2, "full_name"]
    assert reasons[3, "full_name"] == "Enter the name in letters."
    assert (4, "full_name") not in reasons


def test_the_reasons_speak_russian(app):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("ru"):
        assert name_problem("?асымов").startswith("Кодировка текста утрачена: «?» стоит вместо букв.")
        assert name_problem("!!! 123") == "Введите имя буквами."
        assert "должно быть «Бекова»" in text_problem("Бекова".encode().decode("cp1251"))
