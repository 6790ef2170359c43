"""An event's roster export is itself a register: CSV or XLSX, English or Russian headers, it
comes back unchanged through `flask import-register`, /import and the event's own upload."""
import io

import pytest
from sqlalchemy import func, select

from tracker.models import Attendance, Event, Person
from tracker.register import prepare

RUSSIAN = {"Accept-Language": "ru-RU,ru;q=0.9"}
UNCHANGED = {"events_new": 0, "events_matched": 1, "people_new": 0, "people_matched": 4,
             "people_updated": 0, "agencies_new": 0, "attendances_new": 0, "attendances_on_record": 4}


@pytest.fixture
def held_event(make_event, make_person, make_agency, attend):
    event = make_event(code="B9-KG-001")
    customs = make_agency("Таможенная служба", "KG", "customs")
    attend(event, make_person("Азамат Беков", "KG", "M", agency=customs, position="Старший инспектор",
                              email="bekov@example.kg"), days_attended=2)
    attend(event, make_person("Aigul Bekova", "KG", "F"), role="trainer")
    attend(event, make_person("Dana Nurlanova", "KZ", None, agency=make_agency("+Agency", "KZ", "police"),
                              position="-Head of unit"))  # exported as '+Agency, '-Head of unit
    attend(event, make_person("Timur Saidov", "TJ", "M"), role="observer")
    return event


def export(client, event, kind: str, headers=None, query="") -> bytes:
    response = client.get(f"/events/{event.id}/export.{kind}{query}", headers=headers or {})
    assert response.status_code == 200
    return response.data


def counts():
    return [select(func.count()).select_from(model) for model in (Event, Person, Attendance)]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_an_export_comes_back_unchanged_through_import_and_the_event_upload(
        db, coordinator_client, held_event, kind, language):
    data = export(coordinator_client, held_event, kind, RUSSIAN if language == "ru" else None)
    plan = prepare(data)
    assert [str(e) for e in plan.errors] == []
    assert plan.counts == UNCHANGED
    db.session.rollback()
    plan = prepare(data, event=held_event)
    assert [str(e) for e in plan.errors] == []
    assert plan.counts["attendances_on_record"] == 4 and not plan.changes_anything
    db.session.rollback()


def test_the_semicolon_csv_for_russian_excel_comes_back_too(db, coordinator_client, held_event):
    response = coordinator_client.get(f"/events/{held_event.id}/export.csv?separator=semicolon",
                                      headers=RUSSIAN)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    text = response.data.decode("utf-8-sig")
    assert text.startswith("Ф.И.О.;Пол;Страна;Ведомство;Тип ведомства;Должность;Эл. почта;Роль;"
                           "Дней участия;Код мероприятия;Мероприятие;Дата начала;Дата окончания\r\n")
    assert "\r\nАзамат Беков;М;KG;Таможенная служба;" in text
    assert prepare(response.data).counts == UNCHANGED


def test_the_command_line_takes_an_export_back(app, db, coordinator_client, held_event, tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(export(coordinator_client, held_event, "xlsx"))
    before = [db.session.scalar(query) for query in counts()]
    db.session.commit()  # the command's transaction must not wait for the test's
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["import-register", str(path)])
    assert result.exit_code == 0, result.output
    assert "Nothing to change: everything in the file is already on record." in result.output
    assert [db.session.scalar(query) for query in counts()] == before


def test_the_web_pages_take_an_export_back(db, coordinator_client, held_event):
    data = export(coordinator_client, held_event, "csv")
    page = coordinator_client.post("/import", data={"file": (io.BytesIO(data), "roster.csv")},
                                   content_type="multipart/form-data").get_data(as_text=True)
    assert "Nothing can be imported yet" not in page
    assert '<div class="card-figure">4</div>matched to people on record' in page
    page = coordinator_client.post(f"/events/{held_event.id}/attendance-list",
                                   data={"file": (io.BytesIO(data), "roster.csv")},
                                   content_type="multipart/form-data").get_data(as_text=True)
    assert "Nothing can be imported yet" not in page and "already on record" in page


def test_an_export_of_another_event_is_refused_on_this_events_page(db, coordinator_client, held_event,
                                                                    make_event):
    other = make_event(title="Another Workshop", code="B9-KG-002")
    plan = prepare(export(coordinator_client, held_event, "csv"), event=other)
    assert str(plan.errors[0]) == (
        "row 2, event_code: this row is of another event than “Another Workshop” (14.03.2016); "
        "upload it on that event's page, or at Import")
