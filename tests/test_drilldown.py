"""From a figure to the events behind it, and the evidence behind the events: the dashboard's
links, the event list's drill-down filters, and the signed sign-in sheets."""
import re
from datetime import date

import pytest

from tracker.models import Attachment


def events_listed(page: str) -> dict[str, str]:
    """{event title: participants shown} on an event list page."""
    rows = re.findall(r'<a href="/events/\d+">([^<]+)</a>.*?<td class="text-end">(\d+)</td>',
                      page, re.S)
    return dict(rows)


def link(page: str, pattern: str) -> str:
    found = re.search(pattern, page, re.S)
    assert found, pattern
    return found.group(1).replace("&amp;", "&")


@pytest.fixture
def programme(db, make_event, make_person, make_agency, attend):
    """Phase 9: a Kyrgyz workshop (signed sheet attached) and a Kazakh seminar (none)."""
    customs_kz = make_agency("State Revenue Committee", "KZ", "customs")
    border_kg = make_agency("Border Service", "KG", "border_guard")
    workshop = make_event(title="Bishkek workshop", topics=["Document Security"],
                          start_date=date(2016, 3, 14), end_date=date(2016, 3, 18))
    seminar = make_event(title="Almaty seminar", kind="seminar", country_code="KZ",
                         topics=["Identification and Profiling"],
                         start_date=date(2017, 1, 10), end_date=date(2017, 1, 11))
    aigul = make_person("Aigul Bekova", "KG", "F", agency=border_kg)
    nurlan = make_person("Nurlan Asanov", "KG", "M", agency=border_kg)
    dana = make_person("Dana Ospanova", "KZ", "F", agency=customs_kz)
    attend(workshop, aigul)
    attend(workshop, nurlan)
    attend(seminar, aigul)
    attend(seminar, dana)
    db.session.add(Attachment(event=workshop, kind="sign_in_sheet", filename="signed.pdf",
                              stored_name="a" * 32 + ".pdf", content_type="application/pdf",
                              size_bytes=10))
    db.session.commit()
    return {"workshop": workshop, "seminar": seminar}


def test_every_head_count_and_breakdown_row_leads_to_its_events(db, programme, manager_client):
    page = manager_client.get("/?phase=9").get_data(as_text=True)
    women = link(page, r'href="([^"]+)" aria-label="Women trained: the events behind it"')
    assert "sex=F" in women and "phase=9" in women and "status=held" in women
    listed = manager_client.get(women).get_data(as_text=True)
    assert events_listed(listed) == {"Bishkek workshop": "1", "Almaty seminar": "2"}
    assert "“Participants” counts only those officials." in listed
    assert "Aigul" not in listed and "Dana" not in listed  # a manager sees counts, never names

    kazakhstan = link(page, r'data-code="KZ"><a href="([^"]+)">')
    assert events_listed(manager_client.get(kazakhstan).get_data(as_text=True)) == {
        "Almaty seminar": "1"}
    customs = link(page, r'data-code="customs"><a href="([^"]+)">')
    assert events_listed(manager_client.get(customs).get_data(as_text=True)) == {
        "Almaty seminar": "1"}
    topic = link(page, r'data-code="Document Security"><a href="([^"]+)">')
    assert events_listed(manager_client.get(topic).get_data(as_text=True)) == {
        "Bishkek workshop": "2"}
    seminars = link(page, r'data-code="seminar"><a href="([^"]+)">')
    assert events_listed(manager_client.get(seminars).get_data(as_text=True)) == {
        "Almaty seminar": "2"}


def test_a_country_filtered_dashboard_leads_to_that_countrys_events(db, programme, manager_client):
    page = manager_client.get("/?phase=9&country=KZ").get_data(as_text=True)
    held = link(page, r'href="([^"]+)" aria-label="Events held: the events behind it"')
    assert "taking_part=KZ" in held
    listed = manager_client.get(held).get_data(as_text=True)
    assert set(events_listed(listed)) == {"Almaty seminar"}
    assert "hosted in Kazakhstan or attended by its officials" in listed
    trained = link(page, r'href="([^"]+)" aria-label="Officials trained: the events behind it"')
    assert events_listed(manager_client.get(trained).get_data(as_text=True)) == {
        "Almaty seminar": "1"}


def test_the_dashboard_says_how_many_events_have_a_signed_sheet(db, programme, manager_client):
    page = manager_client.get("/?phase=9").get_data(as_text=True)
    assert "Signed sign-in sheets are attached for 1 of 2 events held." in page
    missing = link(page, r'<a class="d-print-none" href="([^"]+)">The events without one</a>')
    assert set(events_listed(manager_client.get(missing).get_data(as_text=True))) == {"Almaty seminar"}
    with_sheet = manager_client.get("/events?evidence=with").get_data(as_text=True)
    assert set(events_listed(with_sheet)) == {"Bishkek workshop"}
    kyrgyz = manager_client.get("/?phase=9&country=KG").get_data(as_text=True)
    assert "Signed sign-in sheets are attached for 1 of 2 events held." in kyrgyz
    kazakh = manager_client.get("/?phase=9&country=KZ").get_data(as_text=True)
    assert "A signed sign-in sheet is attached for 0 of 1 event held." in kazakh, re.search(r"evidence-summary.{0,400}", kazakh, re.S).group(0)


def test_each_event_says_whether_its_signed_sheet_is_attached(db, programme, manager_client):
    listing = manager_client.get("/events").get_data(as_text=True)
    assert re.search(r'Bishkek workshop</a>.*?data-evidence="yes">attached<', listing, re.S)
    assert re.search(r'Almaty seminar</a>.*?data-evidence="no">.*?missing', listing, re.S)
    shown = manager_client.get(f"/events/{programme['workshop'].id}").get_data(as_text=True)
    assert 'id="evidence" data-evidence="yes"' in shown and "A signed sign-in sheet is attached." in shown
    other = manager_client.get(f"/events/{programme['seminar'].id}").get_data(as_text=True)
    assert "No signed sign-in sheet is attached" in other


def test_drill_down_filters_keep_through_the_list_form_and_can_be_cleared(db, programme, manager_client):
    page = manager_client.get("/events?official_country=KG&sex=M").get_data(as_text=True)
    assert events_listed(page) == {"Bishkek workshop": "1"}
    assert '<input type="hidden" name="official_country" value="KG">' in page
    assert "officials of Kyrgyzstan, sex: male" in page
    cleared = link(page, r'<a href="([^"]+)">Show all the events of these filters</a>')
    assert "official_country" not in cleared and "sex" not in cleared
    nonsense = manager_client.get("/events?sex=X&agency_type=%3Cb%3E&topic=none&kind=none")
    assert nonsense.status_code == 200 and "No events match these filters." in nonsense.get_data(as_text=True)
