"""The review queue in the browser: coordinators see suspected pairs, merge them, mark them
distinct, and undo a merge; everyone else is refused and nothing changes."""
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tracker.models import Attendance, AuditEntry, DistinctPair, Person, PersonMerge


@pytest.fixture
def kg_pair(make_event, make_person, make_agency, attend):
    """One Kyrgyz official on record twice, and a Kazakh pair, with their events."""
    workshop = make_event(title="Document security workshop")
    visit = make_event(title="Study visit to Riga", start_date=date(2016, 9, 5),
                       end_date=date(2016, 9, 9))
    a = make_person("Rayimberdi Duishenbiev Asanovich", "KG", "M")
    b = make_person("Дуйшенбиев Райымберди", "KG", None, position="Senior inspector",
                    agency=make_agency("Customs Service", "KG", "customs"))
    attend(workshop, a)
    attend(workshop, b, role="participant", rating=4)
    attend(visit, b, role="trainer")
    kz = (make_person("Dana Amanova", "KZ"), make_person("Dana Amanovaa", "KZ"))
    return a, b, kz


def state(db) -> tuple:
    return (sorted(db.session.execute(select(Person.id, Person.full_name, Person.sex))),
            sorted(db.session.execute(select(Attendance.id, Attendance.person_id, Attendance.event_id))),
            db.session.scalar(select(func.count()).select_from(DistinctPair)),
            db.session.scalar(select(func.count(PersonMerge.id))),
            db.session.scalar(select(func.count(AuditEntry.id))
                              .where(AuditEntry.action != "access_refused")))


def text(response) -> str:
    return response.get_data(as_text=True)


def test_the_queue_shows_pairs_side_by_side_with_histories_best_first(kg_pair, coordinator_client):
    a, b, _ = kg_pair
    page = text(coordinator_client.get("/people/duplicates"))
    assert "2 suspected pairs" in page
    assert 'href="/people/duplicates"' in page and ">Duplicates<" in page  # the menu entry
    kg_at = page.index("Rayimberdi Duishenbiev Asanovich · Дуйшенбиев Райымберди")
    assert page.index("Dana Amanova · Dana Amanovaa") < kg_at  # a typo (0.99) before 0.94
    card = page[kg_at:]
    for seen in ("score 0.94", "Senior inspector", "Customs Service", "State Border Service",
                 "Study visit to Riga", "05.09.2016", "trainer", "Document security workshop",
                 f"/people/duplicates/merge?a={a.id}&amp;b={b.id}", "Not the same person"):
        assert seen in card


def test_a_country_limited_coordinator_sees_and_merges_only_their_country(
        kg_pair, signed_in, db):
    _, _, (kz_a, kz_b) = kg_pair
    client = signed_in("coordinator", country_code="KG")
    page = text(client.get("/people/duplicates"))
    assert "1 suspected pair" in page and "Dana Amanova" not in page
    before = state(db)
    response = client.post(f"/people/duplicates/merge?a={kz_a.id}&b={kz_b.id}", data={
        "survivor": "a", "full_name": "a", "sex": "a", "agency": "a", "position": "a",
        "email": "a"}, follow_redirects=True)
    assert f"Person #{kz_a.id}, #{kz_b.id} is not on record" in text(response)
    assert state(db) == before


@pytest.mark.parametrize("role", ["staff", "manager"])
def test_staff_and_managers_are_refused_and_nothing_changes(kg_pair, signed_in, db, role):
    a, b, _ = kg_pair
    client = signed_in(role)
    assert ">Duplicates<" not in text(client.get("/"))
    before = state(db)
    answers = [client.get("/people/duplicates"), client.get("/people/merges"),
               client.get(f"/people/duplicates/merge?a={a.id}&b={b.id}"),
               client.post(f"/people/duplicates/merge?a={a.id}&b={b.id}", data={
                   "survivor": "a", "full_name": "a", "sex": "a", "agency": "a",
                   "position": "a", "email": "a"}),
               client.post("/people/duplicates/distinct", data={"a": a.id, "b": b.id}),
               client.post("/people/merges/1/undo")]
    assert [r.status_code for r in answers] == [403] * 6
    assert "Your account may not open this page" in text(answers[3])
    assert state(db) == before
    refusals = select(func.count(AuditEntry.id)).where(AuditEntry.action == "access_refused")
    assert db.session.scalar(refusals) == 6


def test_merging_from_the_form_keeps_the_chosen_values_and_empties_the_queue_of_the_pair(
        kg_pair, coordinator_client, db):
    a, b, _ = kg_pair
    a_id, b_id = a.id, b.id
    form = text(coordinator_client.get(f"/people/duplicates/merge?a={a.id}&b={b.id}"))
    # The record with more events is offered as the one to keep; blanks are filled.
    assert re.search(r'<input checked[^>]*name="survivor"[^>]*value="b"', form)
    assert re.search(r'<input checked[^>]*name="sex"[^>]*value="a"', form)
    response = coordinator_client.post(f"/people/duplicates/merge?a={a.id}&b={b.id}", data={
        "survivor": "b", "full_name": "a", "sex": "a", "agency": "b", "position": "b",
        "email": "b"}, follow_redirects=True)
    page = text(response)
    assert f"Merged #{a_id} Rayimberdi Duishenbiev Asanovich into #{b_id}" in page
    assert "1 suspected pair" in page
    db.session.expire_all()
    kept = db.session.get(Person, b_id)
    assert db.session.get(Person, a_id) is None
    assert (kept.full_name, kept.sex, kept.position, kept.agency.name) == (
        "Rayimberdi Duishenbiev Asanovich", "M", "Senior inspector", "Customs Service")
    assert sorted(x.event.title for x in kept.attendances) == [
        "Document security workshop", "Study visit to Riga"]
    assert db.session.scalar(select(AuditEntry.user_id).where(AuditEntry.action == "merge")) \
        == coordinator_client.user.id


@pytest.mark.parametrize("query, message", [
    ("a=999999&b={b}", "Person #999999 is not on record"),
    ("a={a}&b={a}", "Choose two different people to merge."),
    ("a=x&b={b}", "Person #x is not on record"),
])
def test_bad_merge_requests_answer_with_a_message_and_write_nothing(
        kg_pair, coordinator_client, db, query, message):
    a, b, _ = kg_pair
    before = state(db)
    url = "/people/duplicates/merge?" + query.format(a=a.id, b=b.id)
    response = coordinator_client.post(url, data={"survivor": "a", "full_name": "a", "sex": "a",
                                                  "agency": "a", "position": "a", "email": "a"},
                                       follow_redirects=True)
    assert response.status_code == 200 and message in text(response)
    assert state(db) == before


def test_a_merge_form_without_a_choice_shows_the_error_next_to_it(kg_pair, coordinator_client, db):
    a, b, _ = kg_pair
    before = state(db)
    response = coordinator_client.post(f"/people/duplicates/merge?a={a.id}&b={b.id}", data={
        "survivor": "c", "full_name": "a", "sex": "a", "agency": "a", "position": "a"})
    page = text(response)
    assert response.status_code == 200 and page.count("invalid-feedback d-block") == 2
    assert "Not a valid choice" in page
    assert state(db) == before


def test_not_the_same_person_is_remembered(kg_pair, coordinator_client, db):
    a, b, _ = kg_pair
    response = coordinator_client.post("/people/duplicates/distinct", data={
        "a": b.id, "b": a.id, "page": "/people/duplicates?page=1"}, follow_redirects=True)
    page = text(response)
    assert "are two people; the pair will not be suggested again" in page
    queue, marked = page.split("suspected pair")[1].split("Recently marked not the same person")
    assert "1 suspected pair" in page and "Rayimberdi" not in queue
    assert "Rayimberdi" in marked and "Undo: may be the same person" in marked  # undoable
    assert db.session.get(DistinctPair, (a.id, b.id)) is not None


def test_undo_from_the_list_of_merges_restores_the_record(kg_pair, coordinator_client, db):
    a, b, _ = kg_pair
    before = state(db)[:2]
    coordinator_client.post(f"/people/duplicates/merge?a={a.id}&b={b.id}", data={
        "survivor": "a", "full_name": "b", "sex": "b", "agency": "a", "position": "b",
        "email": "a"})
    record = db.session.scalar(select(PersonMerge))
    listing = text(coordinator_client.get("/people/merges"))
    assert "Дуйшенбиев Райымберди" in listing and "Undo merge" in listing

    response = coordinator_client.post(f"/people/merges/{record.id}/undo",
                                       data={"next": "/people/merges"}, follow_redirects=True)
    assert f"Merge #{record.id} undone: #{b.id} Дуйшенбиев Райымберди is a separate record" \
        in text(response)
    db.session.expire_all()
    assert state(db)[:2] == before
    again = coordinator_client.post(f"/people/merges/{record.id}/undo", follow_redirects=True)
    assert f"Merge #{record.id} cannot be undone: Merge #{record.id} was already undone" in text(again)
    assert "undone " in text(coordinator_client.get("/people/merges"))


def test_a_merge_whose_person_was_erased_is_listed_and_refuses_undo_with_a_reason(
        kg_pair, coordinator_client, db):
    """Erasure on request wipes the merge's record of what was merged (its names): the merge
    can no longer be undone, and pressing Undo says so instead of failing."""
    from tracker.people.erasure import erase

    a, b, _ = kg_pair
    a_id, b_id = a.id, b.id
    coordinator_client.post(f"/people/duplicates/merge?a={a_id}&b={b_id}", data={
        "survivor": "a", "full_name": "b", "sex": "b", "agency": "a", "position": "b",
        "email": "a"})
    record = db.session.scalar(select(PersonMerge))
    erase(db.session.get(Person, a_id))
    db.session.commit()
    listing = re.sub(r"<[^>]+>", "", text(coordinator_client.get("/people/merges")))
    assert f"#{b_id} (names erased on request)" in listing and "cannot be undone" in listing
    assert "Undo merge" not in listing
    response = coordinator_client.post(f"/people/merges/{record.id}/undo",
                                       data={"next": "/people/merges"}, follow_redirects=True)
    assert response.status_code == 200
    assert (f"Merge #{record.id} cannot be undone: #{a_id} was erased on request after the merge, "
            "and what the merge joined went with their name.") in text(response)
    db.session.expire_all()
    assert db.session.get(PersonMerge, record.id).undone_at is None
    assert db.session.get(Person, b_id) is None  # still merged


def test_another_countrys_merge_cannot_be_undone(kg_pair, coordinator_client, signed_in, db):
    _, _, (kz_a, kz_b) = kg_pair
    coordinator_client.post(f"/people/duplicates/merge?a={kz_a.id}&b={kz_b.id}", data={
        "survivor": "a", "full_name": "a", "sex": "a", "agency": "a", "position": "a",
        "email": "a"})
    record = db.session.scalar(select(PersonMerge))
    kg_coordinator = signed_in("coordinator", country_code="KG")
    assert "No merges yet" in text(kg_coordinator.get("/people/merges"))
    assert kg_coordinator.post(f"/people/merges/{record.id}/undo").status_code == 404
    db.session.expire_all()
    assert db.session.get(PersonMerge, record.id).undone_at is None
