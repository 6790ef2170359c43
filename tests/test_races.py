"""Six people pressing the same button at the same moment: real parallel requests (threads,
each with its own connection) against the app. On PostgreSQL they run side by side, and each
race once ended in 500s (unique violations, a deadlock), two Person rows with one email or
two merge records of one pair. Each must end with one record, no 500, and a message for
the five who lost. (SQLite queues writers, so there the same stories simply pass.)"""
import threading
import traceback

import pytest
from sqlalchemy import func, select

from tests.conftest import sign_in
from tracker.extensions import db as _db
from tracker.models import (
    Agency,
    Attendance,
    AuditEntry,
    DistinctPair,
    Event,
    Person,
    PersonMerge,
    User,
)

RUNNERS = 6


def race(app, users, send) -> list:
    """send(client, n) from RUNNERS signed-in clients at once; their responses, in order."""
    clients = [sign_in(app.test_client(), users[n % len(users)]) for n in range(RUNNERS)]
    _db.session.commit()  # the test holds no transaction (on SQLite, no lock) during the race
    start = threading.Barrier(RUNNERS)
    responses: list = [None] * RUNNERS

    def run(n):
        start.wait()
        try:
            responses[n] = send(clients[n], n)
        except Exception:  # noqa: BLE001  (a crash is a finding, shown below)
            responses[n] = RuntimeError(traceback.format_exc())

    threads = [threading.Thread(target=run, args=(n,)) for n in range(RUNNERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for response in responses:
        assert not isinstance(response, Exception), repr(response)
        assert response.status_code < 500, response.get_data(as_text=True)[:2000]
        assert "Something went wrong" not in response.get_data(as_text=True)
    return responses


def count(db, column, *where) -> int:
    db.session.commit()  # see what the requests committed
    return db.session.scalar(select(func.count(column)).where(*where))


def pages(responses) -> list[str]:
    return [r.get_data(as_text=True) for r in responses]


@pytest.fixture
def users(make_user):
    def make(role, n=RUNNERS):
        return [make_user(role) for _ in range(n)]

    return make


def test_six_add_the_same_agency_one_is_added_the_others_are_told(app, db, users):
    responses = race(app, users("staff"), lambda client, n: client.post("/agencies", data={
        "name": "Border Guard Academy", "country_code": "KG", "agency_type_id": ""}))
    assert count(db, Agency.id, Agency.name == "Border Guard Academy") == 1
    assert sorted(r.status_code for r in responses) == [200] * 5 + [302]
    refused = [p for p in pages(responses) if "is already on the list for KG" in p]
    assert len(refused) == 5


def test_six_add_the_same_person_to_one_event_one_row_and_a_message(
        app, db, users, make_event, make_person):
    event, person = make_event().id, make_person().id
    responses = race(app, users("staff"), lambda client, n: client.post(
        f"/events/{event}/attendees", data={"person_id": person, "role": "participant"},
        follow_redirects=True))
    assert count(db, Attendance.id, Attendance.event_id == event) == 1
    texts = pages(responses)
    assert sum("Aigul Bekova added to the roster." in t for t in texts) == 1
    assert sum("Aigul Bekova is already on this event" in t for t in texts) == 5


def test_six_mark_the_same_pair_not_the_same_person_one_mark(app, db, users, make_person):
    a, b = make_person("Aigul Bekova").id, make_person("Aigul Bekovna").id
    responses = race(app, users("coordinator"), lambda client, n: client.post(
        "/people/duplicates/distinct", data={"a": a, "b": b}, follow_redirects=True))
    assert count(db, DistinctPair.person_a_id) == 1
    assert count(db, AuditEntry.id, AuditEntry.action == "mark_distinct") == 1
    assert all("are two people" in page for page in pages(responses))


def test_six_admins_create_the_same_user_one_account(app, db, users):
    responses = race(app, users("admin"), lambda client, n: client.post("/admin/users/new", data={
        "email": "new.user@example.org", "name": f"New user {n}", "role": "staff",
        "country_code": "", "password": "a river of slow green light"}))
    assert count(db, User.id, User.email == "new.user@example.org") == 1
    refused = [p for p in pages(responses) if "A user with this email already exists." in p]
    assert len(refused) == 5


def test_six_events_with_one_code_one_event_keeps_it(app, db, users):
    responses = race(app, users("staff"), lambda client, n: client.post("/events/new", data={
        "title": f"Workshop {n}", "code": "B9-KG-001", "kind_id": "1", "status": "held",
        "start_date": "2016-03-14", "end_date": "2016-03-15", "country_code": "KG",
        "phase": "9"}))
    assert count(db, Event.id, Event.code == "B9-KG-001") == 1
    assert count(db, Event.id) == 1
    refused = [p for p in pages(responses) if "Another event already has the code B9-KG-001" in p]
    assert len(refused) == 5


def test_one_new_person_added_to_six_events_at_once_is_one_person(app, db, users, make_event):
    events = [make_event(title=f"Workshop {n}").id for n in range(RUNNERS)]
    responses = race(app, users("staff"), lambda client, n: client.post(
        f"/events/{events[n]}/attendees/new", data={
            "full_name": "Dana Nurlanova", "sex": "F", "country_code": "KG",
            "email": "dana@customs.kg", "role": "participant", "is_confirmed_new": "yes"}))
    assert count(db, Person.id, Person.email_key == "dana@customs.kg") == 1
    assert count(db, Attendance.id) == 1
    held_back = [p for p in pages(responses) if "looks like someone already on record" in p]
    assert len(held_back) == 5  # each offered the record just made, to pick


def test_six_merges_of_one_pair_make_one_merge_that_undoes(app, db, users, make_person,
                                                          make_event, attend):
    a, b = make_person("Aigul Bekova"), make_person("Айгуль Бекова")
    attend(make_event(title="Workshop A"), a)
    attend(make_event(title="Workshop B"), b)
    a, b = a.id, b.id
    choices = {"survivor": "a", "full_name": "a", "sex": "a", "agency": "a", "position": "a",
               "email": "a"}
    responses = race(app, users("coordinator"), lambda client, n: client.post(
        f"/people/duplicates/merge?a={a}&b={b}", data=choices, follow_redirects=True))
    assert count(db, PersonMerge.id) == 1
    assert count(db, Person.id) == 1 and count(db, Attendance.id) == 2
    texts = pages(responses)
    assert sum("Merged #" in t for t in texts) == 1
    assert all("Merged #" in t or "is not on record" in t or "was merged" in t for t in texts)
    record = db.session.scalar(select(PersonMerge))
    coordinator = sign_in(app.test_client(), users("coordinator", 1)[0])
    coordinator.post(f"/people/merges/{record.id}/undo")
    assert count(db, Person.id) == 2 and count(db, Attendance.id) == 2
