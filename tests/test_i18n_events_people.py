"""Events, people, agencies and the register import in Russian: no English left on any page,
row errors and form errors (WTForms' own included) in Russian, the command line in English."""
import io

import pytest
from sqlalchemy import func, select

from tests.support.i18n import english_left
from tests.support.register_files import register_rows, to_csv
from tracker.models import Attachment, Event, Person, Testimony

# Data that stays as written: a Latin search example, e-mail addresses, upload file names.
DATA = {"Aigul Bekova", "bekov@example.kg", "pdf", "csv"}


def in_russian(db, client):
    client.user.locale = "ru"
    db.session.commit()
    return client


def text(response) -> str:
    return response.get_data(as_text=True)


def assert_russian(page: str, client, *data: str) -> None:
    assert english_left(page, DATA | {client.user.name, *data}) == []


@pytest.fixture
def seminar(db, make_event, make_person, make_agency, attend):
    """A seminar recorded in Russian, with scores, a comment, a testimony and an attachment."""
    event = make_event(title="Семинар по безопасности документов", city="Бишкек", kind="seminar",
                       topics=["Document Security", "Customs Valuation"])
    border = make_agency("Пограничная служба КР", "KG", "border_guard")
    aigul = make_person("Айгуль Бекова", "KG", "F", agency=border, position="Инспектор")
    azamat = make_person("Азамат Беков", "KG", "M", agency=make_agency("Таможня КР", "KG", "customs"),
                         email="bekov@example.kg")
    attend(event, aigul, pre_score=40, post_score=75, rating=5, comment="Очень полезно")
    attend(event, azamat, role="trainer", days_attended=2)
    db.session.add(Testimony(event=event, quote="Теперь я вижу подделки", attribution="Инспектор из Бишкека",
                             language="ru", has_consent=True, is_in_phase_report=True))
    db.session.add(Attachment(event=event, kind="sign_in_sheet", filename="лист.pdf", stored_name="x.pdf",
                              content_type="application/pdf", size_bytes=2048))
    db.session.commit()
    event.aigul = aigul
    event.aigul_attendance = next(a for a in event.attendances if a.person_id == aigul.id)
    return event


def test_the_events_list_in_russian(db, monkeypatch, app, admin_client, seminar, make_event):
    monkeypatch.setitem(app.config, "EVENTS_PER_PAGE", 1)
    make_event(title="Учебный курс", kind="training course", status="planned", start_date=seminar.start_date,
               city="Ош")
    client = in_russian(db, admin_client)
    page = text(client.get("/events"))
    assert_russian(page, client)
    for seen in ("Найдено 2 мероприятия.", "Вперёд", "Назад", "Все виды", "Кыргызстан", "Запланировано",
                 "Безопасность документов", "Учебный курс</td>"):
        assert seen in page, seen


def test_the_event_page_in_russian(db, admin_client, seminar):
    client = in_russian(db, admin_client)
    page = text(client.get(f"/events/{seminar.id}"))
    assert_russian(page, client)
    for seen in ("Семинар, региональное", "(3 дня)", "Бишкек Кыргызстан", "Безопасность документов",
                 "Таможенная оценка", "Список участников (2)", "Пограничная служба 1", "Тренер",
                 "средняя оценка из 5 (1 оценка)", "согласие получено", "подписанный лист регистрации, 2 КБ"):
        assert seen in page, seen


def test_finding_and_creating_attendees_in_russian(db, admin_client, seminar):
    client = in_russian(db, admin_client)
    found = text(client.get(f"/events/{seminar.id}?find=Бекова"))
    assert_russian(found, client)
    assert "Люди в базе, похожие на «Бекова»" in found and "уже в списке" in found
    nobody = text(client.get(f"/events/{seminar.id}?find=Жумабаев"))
    assert_russian(nobody, client)
    assert "В базе нет никого, похожего на «Жумабаев»" in nobody
    looks_like = text(client.post(f"/events/{seminar.id}/attendees/new", data={
        "full_name": "Айгуль Бекова", "country_code": "KG", "role": "participant"}))
    assert_russian(looks_like, client)
    assert "похоже, этот человек уже есть в базе" in looks_like
    refused = text(client.post(f"/events/{seminar.id}/attendees/new", data={
        "full_name": "", "country_code": "KG", "role": "boss", "days_attended": "0"}))
    assert_russian(refused, client)
    assert "Обязательное поле." in refused  # WTForms' own message, from WTForms' catalogue
    assert "Неверный вариант." in refused
    assert "Число должно быть не меньше 1." in refused
    assert db.session.scalar(select(func.count(Person.id))) == 2


def test_a_flash_message_after_a_change_is_in_russian(db, admin_client, seminar):
    client = in_russian(db, admin_client)
    page = text(client.post(f"/events/{seminar.id}/attendees/{seminar.aigul_attendance.id}",
                            data={"role": "participant", "days_attended": "9"}, follow_redirects=True))
    assert_russian(page, client)
    assert "Айгуль Бекова: Мероприятие длится дней: 3; дней участия (9) больше." in page


def test_the_event_form_in_russian_with_wtforms_and_service_errors(db, admin_client, seminar):
    client = in_russian(db, admin_client)
    blank = text(client.get("/events/new"))
    assert_russian(blank, client)
    assert "Страна проведения" in blank and ">Кыргызстан</option>" in blank and "Практический семинар" in blank
    refused = text(client.post("/events/new", data={"title": "", "start_date": "14/03/2016", "status": "held"}))
    assert_russian(refused, client)
    for seen in ("Обязательное поле.", "Неверное значение даты.", "Выберите вид мероприятия.", "Выберите страну."):
        assert seen in refused, seen
    outside = text(client.post("/events/new", data={
        "title": "Семинар", "kind_id": "1", "status": "held", "start_date": "2019-01-10", "country_code": "KG"}))
    assert "Дата 10.01.2019 не входит ни в одну фазу." in outside
    assert db.session.scalar(select(func.count(Event.id))) == 1
    edit = text(client.get(f"/events/{seminar.id}/edit"))
    assert_russian(edit, client, seminar.title)


def test_scores_and_testimonies_in_russian(db, admin_client, seminar):
    client = in_russian(db, admin_client)
    grid = text(client.get(f"/events/{seminar.id}/outcomes"))
    assert_russian(grid, client)
    aigul = seminar.aigul_attendance.id
    refused = text(client.post(f"/events/{seminar.id}/outcomes", data={f"rating-{aigul}": "9"}))
    assert_russian(refused, client)
    assert "Оценка: целое число от 1 до 5" in refused
    testimony = text(client.post(f"/events/{seminar.id}/testimonies", data={
        "quote": "", "attribution": "Инспектор", "language": "ru", "is_in_phase_report": "y"}))
    assert_russian(testimony, client)
    assert "В отчёте по фазе можно цитировать только отзыв, данный с согласия." in testimony


def test_the_attendance_list_upload_and_preview_in_russian(db, admin_client, seminar):
    client = in_russian(db, admin_client)
    assert_russian(text(client.get(f"/events/{seminar.id}/attendance-list")), client)
    rows = to_csv([{"full_name": "Дана Нурланова", "country": "Казахстан", "role": "participant"},
                   {"full_name": "Бакыт Осмонов", "country": "KG", "days_attended": "5"}])
    preview = text(client.post(f"/events/{seminar.id}/attendance-list",
                               data={"file": (io.BytesIO(rows), "list.csv")}, content_type="multipart/form-data"))
    # The preview lists the file's own header cells (data, in whatever language the file has).
    assert_russian(preview, client, "list.csv", "full_name country role days_attended")
    assert "5 — больше, чем длится мероприятие (дней: 3)" in preview


def test_an_import_preview_in_russian_names_every_bad_row_in_russian(db, admin_client):
    client = in_russian(db, admin_client)
    assert_russian(text(client.get("/import")), client)
    # Row 2 fails in the plan (country, kind); rows 3 and 4 fail in parsing.
    rows = register_rows({"full_name": "Айгуль Бекова", "country": "Kirgizstan"},
                         {"full_name": "Азамат Беков", "country": "KG", "rating": "9"},
                         {"full_name": "Бакыт Осмонов", "country": "KG", "sex": "?"}, event_kind="семинарр")
    page = text(client.post("/import", data={"file": (io.BytesIO(to_csv(rows)), "реестр.csv")},
                            content_type="multipart/form-data"))
    assert_russian(page, client, "Kirgizstan")
    for seen in ("Импорт пока невозможен:", "в файле 4 ошибки.",
                 "неизвестная страна «Kirgizstan»; возможно, имелась в виду «Кыргызстан»?",
                 "«?» — не Ж/М, женский/мужской или F/M", "«9» — не целое число от 1 до 5",
                 "неизвестный вид мероприятия «семинарр»; возможно, имелся в виду «Семинар»?"):
        assert seen in page, seen
    assert db.session.scalar(select(func.count(Person.id))) == 0


def test_an_import_preview_and_confirmation_in_russian(db, admin_client):
    client = in_russian(db, admin_client)
    rows = register_rows({"full_name": "Айгуль Бекова", "country": "KG"}, event_title="Семинар",
                         event_kind="семинар", event_country="Кыргызстан")
    page = text(client.post("/import", data={"file": (io.BytesIO(to_csv(rows)), "реестр.csv")},
                            content_type="multipart/form-data"))
    assert_russian(page, client)
    assert "Импортировать записей об участии: 1" in page and "новые люди" in page
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    done = text(client.post("/import/confirm", data={"token": token, "filename": "реестр.csv"},
                            follow_redirects=True))
    assert_russian(done, client)
    assert "Импортирован файл реестр.csv. Мероприятия: новых — 1, уже в базе — 0" in done


def test_a_row_error_line_follows_the_request_language(app, db):
    from tracker.register import prepare

    data = to_csv(register_rows({"full_name": "Айгуль Бекова", "country": "KG", "rating": "0"}))
    # Each request in its own app context, as in the server: the chosen locale is kept on `g`.
    with app.app_context(), app.test_request_context(headers={"Accept-Language": "ru"}):
        assert [str(e) for e in prepare(data).errors] == ["строка 2, rating: «0» — не целое число от 1 до 5"]
    with app.app_context(), app.test_request_context(headers={"Accept-Language": "en"}):
        assert [str(e) for e in prepare(data).errors] == ["row 2, rating: “0” is not a whole number from 1 to 5"]


def test_the_command_line_import_stays_english(app, db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(to_csv(register_rows({"full_name": "Айгуль Бекова", "country": "Kirgizstan"})))
    result = app.test_cli_runner().invoke(args=["import-register", str(bad)])
    assert result.exit_code == 1
    assert "row 2, country: unknown country “Kirgizstan”; did you mean “Kyrgyzstan”?" in result.output


def test_people_pages_in_russian(db, monkeypatch, app, admin_client, seminar, make_person, make_agency):
    monkeypatch.setitem(app.config, "EVENTS_PER_PAGE", 1)
    make_person("Дана Нурланова", "KZ", None, agency=make_agency("Комитет государственных доходов", "KZ", "customs"))
    client = in_russian(db, admin_client)
    listing = text(client.get("/people"))
    assert_russian(listing, client)
    assert "Найдено 3 человека." in listing and "Вперёд" in listing
    person = text(client.get(f"/people/{seminar.aigul.id}"))
    assert_russian(person, client)
    for seen in ("Женский · Кыргызстан", "История (1 мероприятие)", "<td>участник</td>", "<td>проведено</td>"):
        assert seen in person, seen
    edit = text(client.post(f"/people/{seminar.aigul.id}/edit", data={
        "full_name": "", "country_code": "KG", "email": "нет"}))
    assert_russian(edit, client)
    assert "Обязательное поле." in edit and "Это не адрес электронной почты." in edit


def test_agency_pages_in_russian(db, admin_client, seminar):
    client = in_russian(db, admin_client)
    agencies = text(client.get("/agencies"))
    assert_russian(agencies, client)
    assert "Пограничная служба</td>" in agencies and "Таможенная служба</td>" in agencies
    # Cyrillic in another case is the same agency (SQLite's lower() would not see it).
    taken = text(client.post("/agencies", data={"name": "ТАМОЖНЯ кр", "country_code": "KG"}))
    assert_russian(taken, client)
    assert "ТАМОЖНЯ кр уже есть в списке для KG." in taken
    agency = seminar.aigul.agency
    assert_russian(text(client.get(f"/agencies/{agency.id}")), client)
