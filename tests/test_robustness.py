"""Failures found by the no-500 and load tests, each pinned down: a GET that writes while
another request writes (SQLite's "database is locked"), a save that loses the race to
another (PostgreSQL), a NUL character, a select field's value outside its choices."""
import pytest
from sqlalchemy import insert, select, update

from tests.support import world as w
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
