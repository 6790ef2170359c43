"""Failures found by the no-500 and load tests and an adversarial test, each pinned down: a
GET that writes while another request writes (SQLite's "database is locked"), a save that
loses the race to another (PostgreSQL), a NUL character, a select field's value outside its
choices, numbers past 4,300 digits, query arguments named like url_for()'s own."""
import pytest
from sqlalchemy import insert, select, update

from tests.support import world as w
from tests.support.html import error_next_to
from tracker.events import services as events_services
from tracker.extensions import db as _db
from tracker.models import AuditEntry, Event, LoginAttempt
from tracker.reports import lists


def test_a_download_while_another_request_writes_is_no_database_is_locked(app, db, monkeypatch):
    """An export reads, then writes its audit entry. On SQLite a read transaction cannot
    become a write once another connection has committed since it began; the export must
    start its write afresh instead of failing with "database is locked"."""
    world = w.build(app)
    original = lists.roster_rows

    def roster_rows_while_someone_writes(roster):
        with _db.engine.connect() as other:  # another request, committing meanwhile
            other.execute(insert(LoginAttempt).values(key="address:10.0.0.1"))
            other.commit()
        return original(roster)

    monkeypatch.setattr(lists, "roster_rows", roster_rows_while_someone_writes)
    response = world.client(app, "coordinator").get(f"/events/{world.ids['event_id']}/export.csv")
    assert response.status_code == 200
    assert "Zarina Kazakhova" in response.get_data(as_text=True)
    exports = select(AuditEntry.summary).where(AuditEntry.action == "export")
    assert db.session.scalars(exports).all() == [
        f"Roster of event {world.ids['event_id']} as CSV: 2 rows"]


def test_a_nul_character_anywhere_is_a_bad_request_and_writes_nothing(app, db):
    world = w.build(app)
    before = w.snapshot()
    client = world.client(app, "staff")
    person = f"/people/{world.ids['person_id']}/edit"
    response = client.post(person, data={"full_name": "Zarina\x00", "country_code": "KZ"})
    assert response.status_code == 400
    assert "The request could not be understood" in response.get_data(as_text=True)
    assert client.get("/people?q=Zar%00ina").status_code == 400
    assert w.snapshot() == before


def test_a_select_fields_value_must_be_one_of_its_choices(app, db):
    """" " once passed Optional() unchecked into the database's check constraint."""
    world = w.build(app)
    before = w.snapshot()
    page = world.client(app, "staff").post(f"/people/{world.ids['person_id']}/edit", data={
        "full_name": "Zarina Kazakhova", "country_code": "KZ", "sex": " "}).get_data(as_text=True)
    assert "Not a valid choice" in page
    assert w.snapshot() == before


def test_an_edit_that_loses_the_race_to_another_save_is_a_stale_edit(app, db, monkeypatch):
    """PostgreSQL lets two saves of one event run side by side (SQLite queues them): the
    one whose UPDATE finds the version already raised says so; it is not a 500."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite runs one writer at a time: no such race")
    world = w.build(app)
    event_id = world.ids["event_id"]
    client = world.client(app, "admin")
    form = client.get(f"/events/{event_id}/edit").get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in form
    original = events_services._phase_for

    def phase_while_someone_saves(values):
        with _db.engine.connect() as other:  # another request saves after our version check
            other.execute(update(Event).where(Event.id == event_id)
                          .values(notes="Saved by someone else", version=Event.version + 1))
            other.commit()
        return original(values)

    monkeypatch.setattr(events_services, "_phase_for", phase_while_someone_saves)
    response = client.post(f"/events/{event_id}/edit", data={
        "title": "Astana customs workshop", "kind_id": "1", "status": "held",
        "start_date": "2016-04-11", "end_date": "2016-04-13", "country_code": "KZ",
        "phase": "9", "notes": "Mine", "version": "1"})
    assert response.status_code == 200
    assert "Someone else saved this event" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Event, event_id).notes == "Saved by someone else"


LONG_NUMBER = "9" * 5000  # past Python's 4,300-digit limit for int() of a string


def test_numbers_past_any_integer_anywhere_are_a_bad_value_not_a_crash(app, db):
    """int() of a string longer than 4,300 digits raises ValueError: every query or form
    field that reads a whole number must treat it as a bad value."""
    world = w.build(app)
    client = world.client(app, "admin")
    event, attendance = world.ids["event_id"], world.ids["attendance_id"]
    for path in (f"/events?kind={LONG_NUMBER}", f"/events?phase={LONG_NUMBER}",
                 f"/events?page={LONG_NUMBER}", f"/people?agency={LONG_NUMBER}",
                 f"/people/duplicates?page={LONG_NUMBER}", f"/admin/audit?page={LONG_NUMBER}",
                 f"/?phase={LONG_NUMBER}"):
        response = client.get(path)
        assert response.status_code in (200, 400, 404), path
        assert "Something went wrong" not in response.get_data(as_text=True), path
    before = w.snapshot()
    added = client.post(f"/events/{event}/attendees",
                        data={"person_id": LONG_NUMBER, "role": "participant"})
    assert added.status_code == 404
    grid = client.post(f"/events/{event}/outcomes", data={f"pre_score-{attendance}": LONG_NUMBER})
    assert "Pre-test: a whole number from 0 to 100" in grid.get_data(as_text=True)
    assert w.snapshot() == before


def test_a_register_row_with_a_number_past_any_integer_is_a_bad_row(app, db):
    import io

    from tests.support.register_files import register_rows, to_csv

    world = w.build(app)
    before = w.snapshot()
    rows = register_rows({"full_name": "Dana Nurlanova", "country": "KZ",
                          "days_attended": LONG_NUMBER}, phase=LONG_NUMBER)
    response = world.client(app, "staff").post(
        "/import", data={"file": (io.BytesIO(to_csv(rows)), "register.csv")},
        content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nothing can be imported yet" in page and "is not a whole number" in page
    assert w.snapshot() == before


def test_an_endpoint_argument_in_the_address_is_an_ordinary_filter(app, db, monkeypatch):
    """url_for() was handed the query arguments as keywords: ?endpoint=x collided with its
    own first parameter (a 500 on every page with pagination or filter links)."""
    monkeypatch.setitem(app.config, "EVENTS_PER_PAGE", 1)
    world = w.build(app)
    client = world.client(app, "admin")
    for path in ("/events", "/people", "/people/duplicates", "/admin/audit", "/?phase=all",
                 "/events?_external=1", "/people?_anchor=x&_method=POST"):
        joined = "&" if "?" in path else "?"
        response = client.get(f"{path}{joined}endpoint=x&sort=title")
        assert response.status_code == 200, path
        assert "Something went wrong" not in response.get_data(as_text=True)
    page = client.get("/events?endpoint=x&sort=title").get_data(as_text=True)
    assert "page=2" in page and "endpoint=x" in page  # the next page keeps the arguments


def test_with_the_database_down_pages_answer_a_static_error_page(tmp_path):
    """The error page itself needed the database (the signed-in user, their language), so
    gunicorn answered its bare "Internal Server Error". A page that needs nothing answers."""
    from config import ProductionConfig
    from tests.conftest import Client, sign_in
    from tracker import create_app
    from tracker.models import User

    class DatabaseDown(ProductionConfig):
        SECRET_KEY = "database-down-test"
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'no-such-folder' / 'tracker.db'}"
        SQLALCHEMY_ENGINE_OPTIONS = {}
        SESSION_COOKIE_SECURE = False
        WTF_CSRF_ENABLED = False

    down = create_app(DatabaseDown)
    down.test_client_class = Client
    client = down.test_client()
    sign_in(client, User(id=1, session_token="x"))  # a signed-in visitor's cookie
    for path in ("/", "/events", "/people/1"):
        response = client.get(path)
        page = response.get_data(as_text=True)
        assert response.status_code == 503, path
        assert "The tracker cannot reach its database" in page
        assert "Трекер не может связаться с базой данных" in page
        assert "Traceback" not in page and "sqlite" not in page.lower()
    anonymous = down.test_client().post("/login", data={"email": "a@b.kz", "password": "x"})
    assert anonymous.status_code == 503
    api = down.test_client().get("/api/v1/totals", headers={"Authorization": "Bearer bt_x"})
    assert api.status_code == 503
    assert api.get_json()["error"] == "The tracker cannot reach its database"


ESCAPE = "Astana\x1b[31m workshop\x01"
CONTROL_MESSAGE = "invisible control character"


def test_control_characters_are_refused_at_every_entry_and_nothing_is_written(app, db):
    """ESC and U+0001 stored in a name or title once broke the XLSX exports (a 500). Every
    form that stores text says so next to the field; an import names the cell."""
    import io

    from tests.support.register_files import register_rows, to_csv

    world = w.build(app)
    restore = w.seeded_rows()
    ids = world.ids
    event, attendance = ids["event_id"], ids["attendance_id"]
    event_form = {"title": "Astana customs workshop", "kind_id": "1", "status": "held",
                  "start_date": "2016-04-11", "end_date": "2016-04-13", "country_code": "KZ",
                  "phase": "9", "version": "1"}
    person_form = {"full_name": "Zarina Kazakhova", "sex": "F", "country_code": "KZ"}
    phase_form = {"number": "11", "name": "Phase 11", "start_date": "2030-01-01",
                  "end_date": "2030-12-31", "currency": "EUR", "completion_percent": "80"}
    entries = [
        ("staff", f"/events/{event}/edit", event_form, ("title", "city", "code", "notes")),
        ("staff", "/events/new", event_form, ("title",)),
        ("staff", f"/people/{ids['person_id']}/edit", person_form,
         ("position", "email", "new_agency")),
        ("staff", f"/events/{event}/attendees/new",
         {**person_form, "full_name": "Dana Nurlanova", "role": "participant"}, ("position",)),
        ("staff", "/agencies", {"name": "Agency", "country_code": "KZ"}, ("name",)),
        ("staff", f"/agencies/{ids['agency_id']}", {"name": "Agency"}, ("name",)),
        ("staff", f"/events/{event}/testimonies",
         {"quote": "Useful.", "attribution": "An officer", "language": "en"},
         ("quote", "attribution")),
        ("staff", "/account/tokens", {"name": "script"}, ("name",)),
        ("admin", "/admin/users/new", {"email": "x@example.org", "name": "X", "role": "staff",
                                        "country_code": "", "password": "a river of slow green light"},
         ("name",)),
        ("admin", "/admin/phases/new", phase_form,
         ("name", "implementing_organisation", "funding_instrument")),
        ("admin", "/admin/reference/topics", {"code": "new_topic", "name_en": "New",
                                               "name_ru": "Новая"}, ("name_en", "name_ru")),
    ]
    before = w.snapshot(ignore_actions=("access_refused",))
    for who, url, data, fields in entries:
        client = world.client(app, who)
        for field in fields:
            page = client.post(url, data={**data, field: ESCAPE}).get_data(as_text=True)
            assert CONTROL_MESSAGE in page, (url, field)
            assert "U+001B" in error_next_to(page, field) or "U+001B" in page, (url, field)
    grid = world.client(app, "staff").post(f"/events/{event}/outcomes",
                                           data={f"comment-{attendance}": "Good\x01"})
    assert CONTROL_MESSAGE in grid.get_data(as_text=True)
    rows = register_rows({"full_name": "Dana Nurlanova", "country": "KZ", "position": ESCAPE},
                         event_title="Workshop\x01")
    page = world.client(app, "staff").post(
        "/import", data={"file": (io.BytesIO(to_csv(rows)), "register.csv")},
        content_type="multipart/form-data").get_data(as_text=True)
    assert "Nothing can be imported yet" in page and page.count(CONTROL_MESSAGE) == 2
    assert w.snapshot(ignore_actions=("access_refused",)) == before
    w.wipe()
    w.restore_seeded(restore)
