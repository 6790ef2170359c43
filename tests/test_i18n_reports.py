"""The event reports, exports and duplicates pages in Russian: no English left in the interface,
Russian headings in the exports, and the sign-in sheet and certificates still bilingual."""
import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.support.i18n import english_left, in_russian
from tracker.exports import BOM
from tracker.models import PersonMerge


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def seminar(make_event, make_person, make_agency, attend):
    """A workshop recorded in Russian: Kyrgyz and Kazakh participants, a Latvian trainer."""
    event = make_event(title="Семинар по безопасности документов", code="DS-16", city="Бишкек",
                       topics=["Document Security"])
    border = make_agency("Пограничная служба КР", "KG", "border_guard")
    customs = make_agency("Таможенная служба КР", "KG", "customs")
    revenue = make_agency("Комитет государственных доходов", "KZ", "customs")
    people = {
        "aigul": make_person("Айгуль Бекова", "KG", "F", agency=border, position="Инспектор"),
        "azamat": make_person("Азамат Беков", "KG", "M", agency=customs, position="Старший инспектор",
                              email="bekov@example.kg"),
        "dana": make_person("Дана Нурланова", "KZ", None, agency=revenue, position="Аналитик"),
        "juris": make_person("Юрис Озолс", "LV", "M", agency=make_agency("Государственная погранохрана", "LV")),
    }
    attend(event, people["aigul"])
    attend(event, people["azamat"], days_attended=2)
    attend(event, people["dana"])
    attend(event, people["juris"], role="trainer")
    event.people = people
    return event


# Data that stays as recorded: the programme's English description, the email domain.
PROGRAMME = {"Border Management Programme in Central Asia"}


def test_the_attendance_report_in_russian_has_no_english_left(db, coordinator_client, seminar):
    client = in_russian(db, coordinator_client)
    page = text(client.get(f"/events/{seminar.id}/attendance-report"))
    assert english_left(page, PROGRAMME | {client.user.name}) == []
    for seen in ("Отчёт об участии: Семинар по безопасности документов", "Практический семинар, региональное",
                 "код DS-16", "14.03.2016 – 16.03.2016 (3 дня)", "Бишкек, Кыргызстан", "Безопасность документов",
                 "Кыргызстан — 2 участника", "Казахстан — 1 участник", "Пограничная служба КР",
                 "(Пограничная служба)", "<td>Таможенная служба</td>", "Тренеры, организаторы и наблюдатели",
                 '<td class="col-role">тренер</td>', '<td class="col-role">участник</td>',
                 '<td class="col-sex">Ж</td>', '<td class="col-sex">М</td>', '<td class="col-sex">?</td>',
                 "Итоги", "Женщины", "Печать", "Подпись:"):
        assert seen in page, seen
    # Countries in the Russian alphabet's order: Казахстан before Кыргызстан.
    assert page.index('id="country-KZ"') < page.index('id="country-KG"')


def test_the_sign_in_sheet_stays_bilingual_in_both_languages(db, coordinator_client, seminar):
    headings = ("Sign-in sheet / Лист регистрации участников", "Name / Ф.И.О.", "Sex / Пол",
                "Country / Страна", "Agency / Ведомство", "Position / Должность", "Signature / Подпись",
                "Not on the list? Please write your name in block capitals",
                "Нет в списке? Впишите, пожалуйста, свои данные")
    english = text(coordinator_client.get(f"/events/{seminar.id}/sign-in-sheet"))
    russian = text(in_russian(db, coordinator_client).get(f"/events/{seminar.id}/sign-in-sheet"))
    for page in (english, russian):
        for heading in headings:
            assert heading in page, heading
        assert "Бишкек, Kyrgyzstan / Кыргызстан" in page
    # The page around the sheet follows the language.
    assert "<title>Sign-in sheet: Семинар" in english and ">Print</button>" in english
    assert "<title>Лист регистрации: Семинар" in russian and ">Печать</button>" in russian
    assert 'aria-label="Лист регистрации 1 из 1"' in russian


def test_certificates_stay_bilingual_in_both_languages(db, coordinator_client, seminar):
    english = text(coordinator_client.get(f"/events/{seminar.id}/certificates"))
    russian = text(in_russian(db, coordinator_client).get(f"/events/{seminar.id}/certificates"))
    for page in (english, russian):
        assert page.count('<article class="certificate"') == 3
        for seen in ("Certificate of attendance", "Сертификат об участии",
                     "This is to certify that / Настоящим подтверждается, что", "Kyrgyzstan / Кыргызстан",
                     "Workshop / Практический семинар", "3 days / 3 дня", "Days attended / Дней участия"):
            assert seen in page, seen
    assert "<span>3 certificates</span>" in english and ">Print</button>" in english
    assert "<span>3 сертификата</span>" in russian and ">Печать</button>" in russian
    assert 'aria-label="Сертификат: Айгуль Бекова"' in russian


def test_an_empty_roster_in_russian(db, coordinator_client, make_event):
    event = make_event(title="Пустой семинар", city="Бишкек", end_date=None)
    client = in_russian(db, coordinator_client)
    report = text(client.get(f"/events/{event.id}/attendance-report"))
    assert "В списке нет участников." in report and "(1 день)" in report and "не указаны" in report
    assert english_left(report, PROGRAMME | {client.user.name}) == []
    certificates = text(client.get(f"/events/{event.id}/certificates"))
    assert "сертификаты выдавать некому" in certificates and "0 сертификатов" in certificates


def test_the_event_page_offers_print_and_export_in_russian(db, coordinator_client, seminar):
    page = text(in_russian(db, coordinator_client).get(f"/events/{seminar.id}"))
    for link in ("Отчёт об участии", "Лист регистрации", "Сертификаты", "Экспорт CSV", "Экспорт XLSX"):
        assert f">{link}</a>" in page, link


# A roster export is a register again: the event's code, title and dates end each row.
RUSSIAN_ROSTER_HEADER = ["Ф.И.О.", "Пол", "Страна", "Ведомство", "Тип ведомства", "Должность", "Эл. почта",
                         "Роль", "Дней участия", "Код мероприятия", "Мероприятие", "Дата начала",
                         "Дата окончания"]


def test_the_roster_exports_in_russian(db, coordinator_client, seminar):
    client = in_russian(db, coordinator_client)
    raw = client.get(f"/events/{seminar.id}/export.csv").data.decode("utf-8")
    assert raw.startswith(BOM)
    rows = list(csv.reader(io.StringIO(raw[len(BOM):])))
    assert rows[0] == RUSSIAN_ROSTER_HEADER
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Азамат Беков"][:9] == ["Азамат Беков", "М", "KG", "Таможенная служба КР",
                                           "Таможенная служба", "Старший инспектор", "bekov@example.kg",
                                           "участник", "2"]
    assert by_name["Айгуль Бекова"][1] == "Ж" and by_name["Дана Нурланова"][1] == ""
    assert by_name["Юрис Озолс"][7:9] == ["тренер", "3"]

    book = load_workbook(io.BytesIO(client.get(f"/events/{seminar.id}/export.xlsx").data))
    sheet = book.worksheets[0]
    assert sheet.title == "Список участников 2016-03-14"
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == RUSSIAN_ROSTER_HEADER
    assert ["Айгуль Бекова", "Ж", "KG", "Пограничная служба КР", "Пограничная служба", "Инспектор", None,
            "участник", 3] in [row[:9] for row in values]


def test_the_people_exports_in_russian(db, coordinator_client, seminar):
    client = in_russian(db, coordinator_client)
    header = ["Имя", "Пол", "Страна", "Ведомство", "Тип ведомства", "Должность", "Эл. почта", "Мероприятия"]
    raw = client.get("/people/export.csv?country=KZ").data.decode("utf-8")
    assert list(csv.reader(io.StringIO(raw[len(BOM):]))) == [
        header, ["Дана Нурланова", "", "KZ", "Комитет государственных доходов", "Таможенная служба", "Аналитик",
                 "", "1"]]
    sheet = load_workbook(io.BytesIO(client.get("/people/export.xlsx?country=KZ").data)).worksheets[0]
    assert sheet.title == "Люди" and [cell.value for cell in sheet[1]] == header


def test_the_exports_stay_english_for_an_english_user(db, coordinator_client, seminar):
    raw = coordinator_client.get(f"/events/{seminar.id}/export.csv").data.decode("utf-8")
    header = next(csv.reader(io.StringIO(raw[len(BOM):])))
    assert header[0] == "Full name" and header[8] == "Days attended" and header[-1] == "End date"


# --- Duplicates ------------------------------------------------------------------------

@pytest.fixture
def kg_pair(make_event, make_person, make_agency, attend):
    """One Kyrgyz official on record twice, with their events."""
    event = make_event(title="Семинар по безопасности документов", city="Бишкек")
    a = make_person("Райымберди Дуйшенбиев", "KG", "M", agency=make_agency("Пограничная служба КР", "KG"))
    b = make_person("Дуйшенбиев Райымберди", "KG", None, position="Старший инспектор",
                    agency=make_agency("Таможенная служба КР", "KG", "customs"))
    attend(event, a)
    attend(event, b, role="trainer")
    return a, b


def test_the_duplicates_queue_in_russian_has_no_english_left(db, signed_in, kg_pair):
    client = in_russian(db, signed_in("coordinator", country_code="KG"))
    page = text(client.get("/people/duplicates"))
    assert english_left(page, {client.user.name}) == []
    for seen in ("Предполагаемые дубликаты", "1 предполагаемая пара, сначала самые похожие.",
                 "Это разные люди", "Объединить…", "сходство", "Не указан", "Мужской", "тренер", "участник"):
        assert seen in page, seen


def test_the_merge_form_and_the_merges_list_in_russian(db, coordinator_client, kg_pair):
    a, b = kg_pair
    a_id, b_id = a.id, b.id
    client = in_russian(db, coordinator_client)
    form = text(client.get(f"/people/duplicates/merge?a={a.id}&b={b.id}"))
    assert english_left(form, {client.user.name}) == []
    for seen in ("Объединение двух записей одного должностного лица", "Какую запись сохранить",
                 "Ф.И.О.", f"Запись №{a.id}", "Последние объединения</a>", "Отмена"):
        assert seen in form, seen

    merged = text(client.post(f"/people/duplicates/merge?a={a.id}&b={b.id}", data={
        "survivor": "a", "full_name": "a", "sex": "a", "agency": "b", "position": "b", "email": "a"},
        follow_redirects=True))
    assert f"Запись №{b_id} Дуйшенбиев Райымберди объединена с №{a_id} Райымберди Дуйшенбиев" in merged
    record = db.session.scalar(select(PersonMerge))
    listing = text(client.get("/people/merges"))
    assert english_left(listing, {client.user.name}) == []
    assert "1 мероприятие" in listing and "Отменить объединение" in listing

    undone = text(client.post(f"/people/merges/{record.id}/undo", data={"next": "/people/merges"},
                              follow_redirects=True))
    assert f"Объединение №{record.id} отменено" in undone and "отменено " in undone
    again = text(client.post(f"/people/merges/{record.id}/undo", follow_redirects=True))
    assert f"Объединение №{record.id} нельзя отменить: Объединение №{record.id} уже было отменено" in again
    assert english_left(again, {client.user.name}) == []


def test_refusals_of_the_duplicates_pages_in_russian(db, coordinator_client, kg_pair, make_person):
    a, b = kg_pair
    client = in_russian(db, coordinator_client)
    page = text(client.get(f"/people/duplicates/merge?a=999999&b={b.id}", follow_redirects=True))
    assert "Записи #999999 нет в базе" in page
    same = text(client.get(f"/people/duplicates/merge?a={a.id}&b={a.id}", follow_redirects=True))
    assert "Для объединения выберите двух разных людей." in same
    kazakh = make_person("Райымберди Дуйшенбиев", "KZ", "M")
    refused = text(client.post(f"/people/duplicates/merge?a={a.id}&b={kazakh.id}", data={
        "survivor": "a", "full_name": "a", "sex": "a", "agency": "a", "position": "a", "email": "a"}))
    assert "относятся к разным странам" in refused
    distinct = text(client.post("/people/duplicates/distinct", data={"a": a.id, "b": b.id},
                                follow_redirects=True))
    assert "— разные люди; эта пара больше не будет предлагаться." in distinct
    assert "Предполагаемых дубликатов нет." in distinct
