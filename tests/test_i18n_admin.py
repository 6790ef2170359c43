"""The admin area and the account page in Russian, and each user's language setting."""
import re
from datetime import datetime

import pytest
from sqlalchemy import select

from tests.support.html import error_next_to
from tests.support.i18n import english_left
from tracker.admin.reference import LISTS
from tracker.models import AuditEntry, Country, Phase, Topic, User

NEW_PASSWORD = "a river of slow green light"


@pytest.fixture
def admin_ru(db, admin_client):
    """An admin with a Cyrillic name whose interface is Russian."""
    admin_client.user.name, admin_client.user.locale = "Алия Админова", "ru"
    db.session.commit()
    return admin_client


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def emails(db) -> set[str]:
    return set(db.session.scalars(select(User.email)))


def test_every_admin_page_speaks_russian(admin_ru, make_user, db):
    colleague = make_user("coordinator", "KG", name="Бакыт Осмонов")
    gone = make_user("manager", name="Дина Касымова", is_active=False)
    phase = db.session.scalar(select(Phase).where(Phase.number == 9))
    data = emails(db) | {phase.name}
    pages = {
        "/admin/users": ["Пользователи", "Бакыт Осмонов", "Кыргызстан", "координатор", "отключена"],
        "/admin/users/new": ["Новый пользователь", "Сотрудник программы", "Все страны"],
        f"/admin/users/{colleague.id}": ["Отключить эту учётную запись", "Новый пароль"],
        f"/admin/users/{gone.id}": ["Снова включить эту учётную запись"],
        "/admin/phases": ["Фазы и целевые показатели", "4\xa0954\xa0784,93", "80 %"],
        "/admin/phases/new": ["Новая фаза", "Бюджет", "Вклад ЕС"],
        f"/admin/phases/{phase.id}": ["Сохранить фазу", "Доля для завершения (%)"],
    }
    for url, expected in pages.items():
        page = text_of(admin_ru, url)
        assert english_left(page, data) == [], url
        for words in expected:
            assert words in page, (url, words)


def test_what_an_admin_is_told_after_a_change_is_russian(admin_ru, db):
    admin_ru.post("/admin/users/new", data={"email": "nurlan@example.org", "name": "Нурлан К.",
                                            "role": "coordinator", "country_code": "KG",
                                            "password": NEW_PASSWORD})
    page = text_of(admin_ru, "/admin/users")
    assert "Нурлан К. (nurlan@example.org) теперь может войти." in page
    assert english_left(page, emails(db)) == []


@pytest.mark.parametrize("slug", list(LISTS))
def test_each_reference_list_shows_and_edits_both_names_in_russian(admin_ru, db, slug):
    ref = LISTS[slug]
    rows = db.session.scalars(select(ref.model)).all()
    english_names = {row.name_en for row in rows}  # the list shows both names by design
    page = text_of(admin_ru, f"/admin/reference/{slug}")
    assert english_left(page, english_names) == []
    assert "Название (англ.)" in page and "Название (рус.)" in page and "Добавить" in page
    assert all(row.name_ru in page and row.name_en in page for row in rows)
    entry = rows[0]
    key = entry.code if ref.model is Country else entry.id
    form = text_of(admin_ru, f"/admin/reference/{slug}/{key}")
    assert english_left(form, english_names) == []
    assert f'value="{entry.name_en}"' in form and f'value="{entry.name_ru}"' in form
    assert "Переименование" in form


def test_the_audit_log_speaks_russian_around_its_data(admin_ru, make_user, db):
    ana = make_user("staff", name="Анна")
    db.session.add(AuditEntry(user_id=ana.id, action="event_created", object_type="event",
                              object_id=7, created_at=datetime(2024, 5, 1, 10),
                              summary="Семинар", before={"title": "A"}, after={"title": "B"}))
    db.session.commit()
    page = text_of(admin_ru, "/admin/audit")
    # Actions, object types and changed fields are the log's own data, kept as recorded.
    assert english_left(page, emails(db) | {"event created", "event title A B"}) == []
    assert "1 запись, сначала новые." in page and "Любое действие" in page
    refused = text_of(admin_ru, "/admin/audit?date_from=2024-05-03&date_to=2024-05-01")
    assert "Эта дата раньше даты в поле «С»." in error_next_to(refused, "date_to")


def test_the_account_page_speaks_russian(db, signed_in):
    client = signed_in("coordinator", country_code="TJ")
    client.user.name, client.user.locale = "Зарина Юсупова", "ru"
    db.session.commit()
    created = client.post("/account/tokens", data={"name": "скрипт итогов"})
    page = created.get_data(as_text=True)
    token = re.search(r'id="new-token">(bt_[^<]+)<', page).group(1)
    assert english_left(page.replace(token, ""), {client.user.email}) == []
    assert "только Таджикистан" in page and "координатор" in page
    assert "скопируйте его сейчас" in page and "никогда" in page


@pytest.mark.parametrize("url,data,field,message", [
    ("/admin/users/new", {"email": "new@example.org", "name": "Новый", "role": "staff",
                          "country_code": "", "password": "short"},
     "password", "Используйте не менее 12 символов."),
    ("/admin/phases/new", {"number": 8, "name": "BOMCA 8", "start_date": "2016-01-01",
                           "end_date": "2016-12-31", "currency": "EUR", "completion_percent": 80},
     "start_date", "Эти даты пересекаются с фазой 9 (01.06.2015 – 30.06.2018)"),
    ("/admin/reference/topics", {"name_en": "Document security", "name_ru": "Другое"},
     "name_en", "«Document security» уже есть в списке."),
])
def test_a_refused_admin_form_says_why_in_russian_next_to_the_field(admin_ru, db, url, data,
                                                                    field, message):
    users, phases = db.session.scalars(select(User)).all(), db.session.scalars(select(Phase)).all()
    page = admin_ru.post(url, data=data).get_data(as_text=True)
    assert message in error_next_to(page, field)
    topics = set(db.session.scalars(select(Topic.name_en)))  # the list shows English names too
    assert english_left(page, emails(db) | topics | {data.get("name_en", ""), "BOMCA"}) == []
    db.session.expire_all()
    assert db.session.scalars(select(User)).all() == users
    assert db.session.scalars(select(Phase)).all() == phases
    assert db.session.scalars(select(AuditEntry)).all() == []


def test_a_refused_password_change_says_why_in_russian(db, staff_client):
    staff_client.user.locale = "ru"
    db.session.commit()
    page = staff_client.post("/account/password", data={
        "current_password": "not my password at all", "new_password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD}).get_data(as_text=True)
    assert "Это не ваш текущий пароль." in error_next_to(page, "current_password")
    assert english_left(page, {staff_client.user.email, staff_client.user.name}) == []


# --- The language setting ------------------------------------------------------------------

def language_changes(db):
    return [(e.before, e.after) for e in db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "language_changed").order_by(AuditEntry.id))]


def test_a_user_chooses_russian_on_the_account_page_and_it_is_audited(db, staff_client):
    english = staff_client.get("/account", headers={"Accept-Language": "en"})
    assert '<option selected value="">' in english.get_data(as_text=True)  # the browser's
    response = staff_client.post("/account/language", data={"language": "ru"},
                                 headers={"Accept-Language": "en"})
    assert response.headers["Location"] == "/account"
    page = staff_client.get("/account", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="ru"' in page and "Настройка языка сохранена." in page
    assert '<option selected value="ru">Русский</option>' in page
    db.session.expire_all()
    assert db.session.get(User, staff_client.user.id).locale == "ru"
    assert language_changes(db) == [({"locale": None}, {"locale": "ru"})]


def test_the_browsers_language_undoes_an_earlier_choice(db, staff_client):
    staff_client.post("/language/ru", data={"next": "/account"})  # the navigation's switch
    staff_client.post("/account/language", data={"language": ""})
    db.session.expire_all()
    assert db.session.get(User, staff_client.user.id).locale is None
    assert language_changes(db) == [({"locale": "ru"}, {"locale": None})]
    english = staff_client.get("/account", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert 'lang="en"' in english.get_data(as_text=True)
    russian = staff_client.get("/account", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    assert 'lang="ru"' in russian.get_data(as_text=True)


def test_an_unknown_language_is_refused_next_to_the_field_and_nothing_changes(db, staff_client):
    staff_client.user.locale = "en"
    db.session.commit()
    page = staff_client.post("/account/language", data={"language": "de"}).get_data(as_text=True)
    assert "Not a valid choice." in error_next_to(page, "language")
    db.session.expire_all()
    assert db.session.get(User, staff_client.user.id).locale == "en"
    assert language_changes(db) == []


def test_the_service_refuses_a_language_the_form_was_bypassed_for(app, db, make_user):
    from tracker.account.services import set_language
    from tracker.services import Refusal

    user = make_user("staff")
    with app.test_request_context(), pytest.raises(Refusal) as refused:
        set_language(user, "fr")
    assert refused.value.field == "language"
    db.session.rollback()
    assert db.session.get(User, user.id).locale is None
