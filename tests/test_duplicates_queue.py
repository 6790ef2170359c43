"""The duplicates queue as a coordinator works it: search a name in either script, filter by
country and phase, read why each pair is suspected, see pairs who attended one event last,
undo "not the same person" from the queue or the person's page, and the dashboard's count."""
from datetime import date

import pytest
from sqlalchemy import select

from tracker.models import AuditEntry, DistinctPair


@pytest.fixture
def queue(make_event, make_person, attend):
    """Three pairs: a Kyrgyz one with a patronymic in one record who attended one workshop
    together (two people, most likely), a Kazakh typo, and a Tajik surname ending who came to
    a phase-10 course."""
    workshop = make_event(title="Document security workshop")
    course = make_event(title="Risk analysis course", start_date=date(2022, 5, 10),
                        end_date=date(2022, 5, 12), country_code="TJ")
    kg = (make_person("Rayimberdi Duishenbiev Asanovich", "KG", "M"),
          make_person("Rayimberdi Duishenbiev", "KG", "M"))
    attend(workshop, kg[0]), attend(workshop, kg[1])
    kz = (make_person("Dana Amanova", "KZ"), make_person("Dana Amanovaa", "KZ"))
    tj = (make_person("Шарифзода Фаррух", "TJ", "M"), make_person("Sharifzade Farrukh", "TJ", "M"))
    attend(course, tj[1])
    return {"KG": kg, "KZ": kz, "TJ": tj}


def pairs_shown(client, **args) -> list[str]:
    page = client.get("/people/duplicates", query_string=args).get_data(as_text=True)
    return [line.split('">', 1)[1].split("</h2>")[0] for line in page.split('<h2 class="h6')[1:]]


def test_pairs_are_searched_by_name_in_either_script(queue, coordinator_client):
    assert pairs_shown(coordinator_client, q="Аманова") == ["Dana Amanova · Dana Amanovaa"]
    assert pairs_shown(coordinator_client, q="sharifzoda") == ["Шарифзода Фаррух · Sharifzade Farrukh"]
    assert pairs_shown(coordinator_client, q="Дуйшенбиев райымберди") == [
        "Rayimberdi Duishenbiev Asanovich · Rayimberdi Duishenbiev"]
    page = coordinator_client.get("/people/duplicates", query_string={"q": "Petrov"})
    assert "No suspected duplicates match." in page.get_data(as_text=True)


def test_pairs_are_filtered_by_country_and_phase(queue, coordinator_client):
    assert pairs_shown(coordinator_client, country="TJ") == ["Шарифзода Фаррух · Sharifzade Farrukh"]
    assert pairs_shown(coordinator_client, phase="10") == ["Шарифзода Фаррух · Sharifzade Farrukh"]
    assert pairs_shown(coordinator_client, phase="9") == [
        "Rayimberdi Duishenbiev Asanovich · Rayimberdi Duishenbiev"]


def test_each_pair_says_why_and_pairs_of_one_event_come_last_marked(queue, coordinator_client):
    page = coordinator_client.get("/people/duplicates").get_data(as_text=True)
    cards = {name: card for card in page.split('<section class="card')[1:]
             for name in ("Dana Amanova", "Шарифзода", "Rayimberdi")
             if name in card.split("</h2>")[0]}
    assert "typo" in cards["Dana Amanova"]
    assert "other form of the surname" in cards["Шарифзода"]
    assert "patronymic in one record" in cards["Rayimberdi"]
    assert "attended the same event" in cards["Rayimberdi"]
    assert "attended the same event" not in cards["Dana Amanova"]
    # The Kyrgyz pair is the most alike but is listed last.
    assert pairs_shown(coordinator_client)[-1].startswith("Rayimberdi")


def test_not_the_same_person_is_undone_from_the_queue(queue, coordinator_client, db):
    a, b = queue["KZ"]
    marked = coordinator_client.post("/people/duplicates/distinct", data={
        "a": a.id, "b": b.id, "page": "/people/duplicates"}, follow_redirects=True)
    page = marked.get_data(as_text=True)
    assert "Dana Amanova · Dana Amanovaa" not in page
    recent = page[page.index("Recently marked not the same person"):]
    assert "Dana Amanova" in recent and "Undo: may be the same person" in recent
    undone = coordinator_client.post("/people/duplicates/distinct/undo", data={
        "a": a.id, "b": b.id, "page": "/people/duplicates"}, follow_redirects=True)
    page = undone.get_data(as_text=True)
    assert "may be one person again; the pair is back in the queue" in page
    assert "Dana Amanova · Dana Amanovaa" in page
    assert db.session.scalar(select(DistinctPair)) is None
    actions = list(db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.action.in_(("mark_distinct", "unmark_distinct"))).order_by(AuditEntry.id)))
    assert actions == ["mark_distinct", "unmark_distinct"]


def test_not_the_same_person_is_undone_from_the_persons_page(queue, coordinator_client, db,
                                                            staff_client):
    a, b = queue["TJ"]
    coordinator_client.post("/people/duplicates/distinct", data={"a": a.id, "b": b.id})
    page = coordinator_client.get(f"/people/{b.id}").get_data(as_text=True)
    marks = page[page.index("Marked not the same person as"):]
    assert "Шарифзода Фаррух" in marks and "Undo: may be the same person" in marks
    assert "Marked not the same person as" not in staff_client.get(f"/people/{b.id}").get_data(as_text=True)
    response = coordinator_client.post("/people/duplicates/distinct/undo", data={
        "a": a.id, "b": b.id, "page": f"/people/{b.id}"})
    assert response.headers["Location"] == f"/people/{b.id}"
    assert db.session.scalar(select(DistinctPair)) is None
    again = coordinator_client.post("/people/duplicates/distinct/undo", data={
        "a": a.id, "b": b.id, "page": f"/people/{b.id}"}, follow_redirects=True)
    assert "are not marked as two people" in again.get_data(as_text=True)


def test_the_dashboard_tells_coordinators_how_many_pairs_wait(queue, coordinator_client,
                                                               staff_client, signed_in):
    page = coordinator_client.get("/").get_data(as_text=True)
    assert "3 suspected duplicate pairs wait for review." in page
    assert 'href="/people/duplicates"' in page
    kyrgyz = signed_in("coordinator", country_code="KG")
    assert "1 suspected duplicate pair waits for review." in kyrgyz.get("/").get_data(as_text=True)
    assert "wait for review" not in staff_client.get("/").get_data(as_text=True)
