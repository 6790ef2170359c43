"""The dashboard and the phase report in Russian: no English left in the interface, figures
written the Russian way, Russian names of reference rows, and a workbook with Russian sheet
names and headings. (The English pages are tests/test_dashboard.py's.)"""
import json
import re
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.support.i18n import english_left, in_russian
from tracker.models import Testimony

NBSP = "\xa0"
# Data that stays as recorded: the seeded phase 9's budget facts, an English quote.
PHASE_9_FACTS = {"State Border Guard of Latvia", "Development Cooperation Instrument (DCI)"}


def text(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def programme(db, make_event, make_person, make_agency, attend):
    """Phase 9 recorded in Russian: a workshop in Bishkek, a seminar in Almaty, a phase 10
    course, scores and ratings, and two testimonies chosen for the report."""
    border = make_agency("Пограничная служба КР", "KG", "border_guard")
    customs = make_agency("Комитет государственных доходов", "KZ", "customs")
    workshop = make_event(title="Семинар по безопасности документов", city="Бишкек",
                          topics=["Document Security"])
    seminar = make_event(title="Профилирование на границе", kind="seminar", country_code="KZ",
                         city="Алматы", start_date=date(2017, 1, 10), end_date=date(2017, 1, 11))
    later = make_event(title="Курс фазы 10", start_date=date(2022, 3, 1), end_date=None)
    aigul = make_person("Айгуль Бекова", "KG", "F", agency=border)
    dana = make_person("Дана Оспанова", "KZ", "F", agency=customs)
    arman = make_person("Арман Оспанов", "KZ", "M", agency=customs)
    attend(workshop, aigul, pre_score=50, post_score=80, rating=5)
    attend(seminar, dana, pre_score=70, post_score=60, rating=4)
    attend(seminar, arman, days_attended=1)
    attend(later, aigul)
    for event, quote, language in ((workshop, "Семинар был очень полезным.", "ru"),
                                   (seminar, "I will use the new experience in my duties.", "en")):
        db.session.add(Testimony(event=event, quote=quote, attribution="Инспектор пограничного поста",
                                 language=language, has_consent=True, is_in_phase_report=True))
    db.session.commit()


def chart_words(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="running-labels">(.*?)</script>',
                                page, re.S).group(1))


def test_the_dashboard_of_a_phase_in_russian_has_no_english_left(db, programme, targets, manager_client):
    targets(officials_trained=1200)
    client = in_russian(db, manager_client)
    page = text(client.get("/?phase=9"))
    assert english_left(page, {client.user.name}) == []
    for seen in ("BOMCA 9: мероприятия и обученные должностные лица", "Отчёт по фазе для печати",
                 "Вы вошли как <strong>руководитель</strong>", "Обучено должностных лиц",
                 '<p class="card-figure mb-1" data-figure="officials_trained">3</p>',
                 f"0% от целевого показателя 1{NBSP}200", "67% обученных должностных лиц",
                 "Целевой показатель для этой фазы не задан.", "Результаты обучения",
                 'data-figure="satisfaction">4,50<', "Обучено должностных лиц по странам",
                 '<td data-code="KZ"><a href="/events?', '">Казахстан</a></td>', '">Кыргызстан</a></td>',
                 "Безопасность документов", "Практический семинар", "Нарастающие итоги по месяцам",
                 '<option value="all">Все фазы</option>', '<option value="KZ">Казахстан</option>'):
        assert seen in page, seen
    # The chart's legend and axes, read by dashboard.js from the page.
    assert chart_words(page) == {"officials_trained": "Обучено должностных лиц",
                                 "events_held": "Проведено мероприятий",
                                 "target_officials_trained": "Цель: обучено должностных лиц",
                                 "target_events_held": "Цель: проведено мероприятий"}
    # The country menu in the Russian alphabet: Казахстан before Кыргызстан.
    assert page.index('<option value="KZ">') < page.index('<option value="KG">')


def test_the_all_phases_view_and_a_country_limited_user_in_russian(db, programme, manager_client, signed_in):
    client = in_russian(db, manager_client)
    page = text(client.get("/?phase=all"))
    assert english_left(page, {client.user.name}) == []
    for seen in ("Все фазы: мероприятия и обученные должностные лица", "По фазам", "Сумма по фазам",
                 "Все фазы, каждый человек один раз", "учитывается в итоге по всем фазам один раз",
                 "превышает число людей на 1,"):
        assert seen in page, seen

    kyrgyz = in_russian(db, signed_in("coordinator", country_code="KG"))
    page = text(kyrgyz.get("/?phase=9&country=KG"))
    assert english_left(page, {kyrgyz.user.name}) == []
    assert ("Вы вошли как <strong>координатор</strong> с доступом только к стране Кыргызстан: "
            "все показатели здесь относятся к стране Кыргызстан.") in page
    assert "Показатели по стране <strong>KG</strong>" in page


def test_the_phase_report_in_russian_has_no_english_left(db, programme, targets, manager_client):
    targets(officials_trained=1200)
    client = in_russian(db, manager_client)
    page = text(client.get("/reports/phase/9"))
    english_quote = "I will use the new experience in my duties."
    assert english_left(page, PHASE_9_FACTS | {english_quote, client.user.name}) == []
    for seen in ("<title>BOMCA 9: отчёт", "BOMCA 9: отчёт по фазе", "BOMCA, фаза 9, 01.06.2015 – 30.06.2018.",
                 "Все страны.", "Бюджет", f"EUR 4{NBSP}954{NBSP}784,93", f"EUR 4{NBSP}503{NBSP}899,50 (90,9%)",
                 "Печать", "Скачать в формате XLSX", "Обучено должностных лиц по типам ведомств",
                 "Пограничная служба", "Что сказали участники",
                 '<p class="mb-0" lang="ru">«Семинар был очень полезным.»</p>',
                 f'<p class="mb-0" lang="en">“{english_quote}”</p>'):
        assert seen in page, seen


def test_the_phase_workbook_in_russian(db, programme, manager_client):
    client = in_russian(db, manager_client)
    book = load_workbook(BytesIO(client.get("/reports/phase/9.xlsx").data))
    assert book.sheetnames == ["Итоги", "По странам", "По типам ведомств", "По темам",
                               "По видам мероприятий", "Нарастающие итоги"]
    rows = list(book["Итоги"].iter_rows(values_only=True))
    assert rows[0] == ("Показатель", "Значение", "Целевой показатель")
    summary = {row[0]: row[1] for row in rows[1:]}
    assert summary["Название"] == "BOMCA 9" and summary["Страны"] == "все"
    assert summary["Общая стоимость (EUR)"] == 4954784.93
    assert summary["Обучено должностных лиц"] == 3 and summary["Проведено мероприятий"] == 2
    assert summary["Удовлетворённость (средняя оценка, 1–5)"] == 4.5
    by_country = list(book["По странам"].iter_rows(values_only=True))
    assert by_country == [("Код", "Страна", "Обучено должностных лиц"),
                          ("KG", "Кыргызстан", 1), ("KZ", "Казахстан", 2)]
    assert next(book["По видам мероприятий"].iter_rows(values_only=True)) == (
        "Код", "Вид мероприятия", "Проведено мероприятий")
    assert next(book["Нарастающие итоги"].iter_rows(values_only=True)) == (
        "Месяц", "Проведено мероприятий", "Обучено должностных лиц")
    headings = [cell for sheet in book for cell in next(sheet.iter_rows(values_only=True))]
    assert english_left(" ".join(headings)) == []


def test_the_command_line_stays_english_whatever_the_users_chose(app, db, programme, manager_client):
    in_russian(db, manager_client)
    output = app.test_cli_runner().invoke(args=["totals", "--phase", "9"]).output
    assert re.search(r"Officials trained\s+3", output) and re.search(r"Kazakhstan\s+2", output)
    assert "Officials trained by country" in output and "Обучено" not in output
