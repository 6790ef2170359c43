"""Cell values the way programme offices write them: Russian words for sex, role, status and
scope; official country names, ISO alpha-3 and the region's abbreviations; dates in the forms
registers use. Each is read to the register's value, or refused with the nearest valid one."""
from datetime import date

import pytest
from sqlalchemy import select

from tests.support.register_files import register_rows, to_csv, to_xlsx
from tracker.models import Attendance, Event, Person
from tracker.register import apply_plan, prepare
from tracker.register.values import serial_date, text_date

AIGUL = {"full_name": "Aigul Bekova", "country": "KG"}


def imported(rows, to=to_csv):
    plan = prepare(to(rows))
    assert [str(e) for e in plan.errors] == []
    apply_plan(plan, source="test")


@pytest.mark.parametrize("text,sex", [("жен.", "F"), ("женщина", "F"), ("Ж", "F"), ("муж.", "M"),
                                      ("Мужчина", "M"), ("м", "M"), ("мужской", "M"), ("female", "F")])
def test_sex_in_russian_short_and_long_forms(db, text, sex):
    imported(register_rows({**AIGUL, "sex": text}))
    assert db.session.scalar(select(Person.sex)) == sex


@pytest.mark.parametrize("text,role", [("участник", "participant"), ("Тренер", "trainer"),
                                       ("наблюдатель", "observer"), ("организатор", "organiser"),
                                       ("organizer", "organiser")])
def test_roles_in_russian(db, text, role):
    imported(register_rows({**AIGUL, "role": text}))
    assert db.session.scalar(select(Attendance.role)) == role


def test_status_and_scope_in_russian(db):
    imported(register_rows(AIGUL, event_status="проведено", event_scope="национальный"))
    event = db.session.scalar(select(Event))
    assert (event.status, event.scope) == ("held", "national")


@pytest.mark.parametrize("text,code", [
    ("Кыргызская Республика", "KG"), ("Kyrgyz Republic", "KG"), ("KGZ", "KG"), ("КР", "KG"),
    ("КГ", "KG"), ("Республика Таджикистан", "TJ"), ("Republic of Tajikistan", "TJ"), ("РТ", "TJ"),
    ("Р.Т.", "TJ"), ("РК", "KZ"), ("Республика Казахстан", "KZ"), ("РУз", "UZ"), ("UZB", "UZ"),
    ("TKM", "TM"), ("Исламская Республика Афганистан", "AF"), ("DEU", "DE")])
def test_official_names_alpha_3_and_abbreviations(db, text, code):
    imported(register_rows({**AIGUL, "country": text}))
    assert db.session.scalar(select(Person.country_code)) == code


@pytest.mark.parametrize("text,nearest", [("Кыргызская Респ", "Kyrgyzstan"), ("Таджикская Р.", "Tajikistan"),
                                          ("Kirgiz Republic", "Kyrgyzstan")])
def test_an_unknown_country_is_answered_with_the_programmes_own_first(db, text, nearest):
    errors = [str(e) for e in prepare(to_csv(register_rows({**AIGUL, "country": text}))).errors]
    assert errors == [f"row 2, country: unknown country “{text}”; did you mean “{nearest}”?"]


@pytest.mark.parametrize("text", ["07.03.2017", "7.3.2017", "07.03.17", "07.03.2017 г.", "07.03.2017г",
                                  "7 марта 2017 г.", "7 марта 2017", "7 March 2017", "2017-03-07",
                                  "2017-03-07 00:00:00", "42801"])
def test_dates_as_registers_write_them(text):
    assert text_date(text) == date(2017, 3, 7)


@pytest.mark.parametrize("text", ["31.02.2017", "7 мартобря 2017", "12345", "2017", "07.2017"])
def test_what_is_not_a_date(text):
    assert text_date(text) is None


def test_excel_serial_numbers_only_within_plausible_years():
    assert serial_date(42801.0) == date(2017, 3, 7)
    assert serial_date(42801.75) == date(2017, 3, 7)  # a time of day after the date
    assert serial_date(3) is None and serial_date(99999) is None


def test_a_serial_number_in_a_general_cell_of_a_workbook_is_a_date(db):
    imported([{**row, "start_date": 42801, "end_date": 42803} for row in register_rows(AIGUL)], to=to_xlsx)
    event = db.session.scalar(select(Event))
    assert (event.start_date, event.end_date) == (date(2017, 3, 7), date(2017, 3, 9))


def test_pasted_cells_with_quotes_and_line_breaks_read_as_the_spreadsheet_wrote_them(db, make_event):
    event = make_event()
    pasted = ('full_name\tcountry\tagency\tposition\r\n'
              'Aigul Bekova\tKG\t"ГП ""Кыргызаэронавигация"""\t"Инспектор\nсмены"\r\n')
    plan = prepare(event=event, pasted=pasted)
    assert [str(e) for e in plan.errors] == []
    apply_plan(plan, source="test")
    person = db.session.scalar(select(Person))
    assert person.agency.name == 'ГП "Кыргызаэронавигация"'
    assert person.position == "Инспектор смены"
