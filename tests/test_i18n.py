"""English and Russian: complete catalogues, the language choice, local formats."""
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from tracker import ROOT

CATALOGUE = ROOT / "tracker" / "translations" / "ru" / "LC_MESSAGES" / "messages.po"


def test_the_russian_catalogue_translates_every_string_and_has_no_fuzzy_entry(tmp_path):
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run([str(pybabel), "-q", "extract", "-F", "babel.cfg", "-k", "_l", "-o", str(pot), "."],
                   cwd=ROOT, check=True)
    with pot.open("rb") as f:
        source = {m.id for m in read_po(f) if m.id}
    with CATALOGUE.open("rb") as f:
        catalogue = {m.id: m for m in read_po(f) if m.id}
    missing = sorted(str(i) for i in source - set(catalogue))
    untranslated = sorted(str(i) for i, m in catalogue.items()
                          if i in source and not (all(m.string) if isinstance(m.string, tuple) else m.string))
    fuzzy = sorted(str(i) for i, m in catalogue.items() if m.fuzzy)
    assert missing == [], f"{len(missing)} strings are not in the catalogue: run `make messages`"
    assert untranslated == [], f"{len(untranslated)} strings have no Russian translation"
    assert fuzzy == []


def test_the_browser_language_chooses_the_interface_language(client):
    assert 'lang="ru"' in client.get("/login", headers={"Accept-Language": "ru-RU,ru;q=0.9"}).get_data(as_text=True)
    assert 'lang="en"' in client.get("/login", headers={"Accept-Language": "de-DE,en;q=0.5"}).get_data(as_text=True)


def test_the_switch_remembers_the_choice_in_the_session_and_the_profile(db, staff_client):
    response = staff_client.post("/language/ru", data={"next": "/events?page=2"})
    assert response.headers["Location"] == "/events?page=2"
    db.session.expire_all()
    assert staff_client.user.locale == "ru"
    assert 'lang="ru"' in staff_client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    outside = staff_client.post("/language/en", data={"next": "https://evil.example/"})
    assert outside.headers["Location"] == "/"


def test_numbers_are_grouped_the_way_the_language_groups_them(app):
    from tracker.templating import format_number

    with app.test_request_context(headers={"Accept-Language": "ru"}):
        assert format_number(12345) == "12\xa0345"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert format_number(12345) == "12,345"


def test_the_sign_in_page_in_both_languages(client):
    from tests.support.i18n import english_left

    russian = client.get("/login", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "Войти" in russian and "Пароль" in russian and "Эл. почта" in russian
    assert english_left(russian) == []
    english = client.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Sign in" in english and "Password" in english


def test_a_refused_sign_in_and_the_error_pages_speak_russian(db, client, signed_in):
    from tests.support.i18n import english_left

    page = client.post("/login", data={"email": "nobody@example.org", "password": "x" * 12},
                       headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "Неверная эл. почта или пароль." in page
    manager = signed_in("manager")
    manager.user.locale = "ru"
    db.session.commit()
    forbidden = manager.get("/people").get_data(as_text=True)
    assert "Нет доступа" in forbidden and english_left(forbidden, {manager.user.name}) == []
    missing = manager.get("/no/such/page").get_data(as_text=True)
    assert "Не найдено" in missing


def test_decimals_follow_the_language(app):
    from tracker.templating import format_decimal_one

    with app.app_context(), app.test_request_context(headers={"Accept-Language": "ru"}):
        assert format_decimal_one(4.26) == "4,3"
        assert format_decimal_one(15.0, signed=True) == "+15,0"
    with app.app_context(), app.test_request_context(headers={"Accept-Language": "en"}):
        assert format_decimal_one(-1.5, signed=True) == "-1.5"
