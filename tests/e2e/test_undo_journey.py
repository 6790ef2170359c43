"""Nothing is lost in one click: a staff member removes an attendee after a confirm step and
takes it back from the message; a coordinator deletes an event, finds it in Deleted events
and restores it."""
import pytest

pytestmark = pytest.mark.e2e


def test_removing_an_attendee_asks_first_and_the_message_takes_it_back(signed_in_page, programme):
    page = signed_in_page("staff")
    page.open("/events")
    page.get_by_role("link", name="Document security workshop").click()
    roster = page.locator("#roster")
    before = roster.get_by_role("link", name="Aigul Bekova", exact=True).count()
    assert before == 1

    roster.get_by_role("link", name="Remove Aigul Bekova").click()
    assert page.get_by_role("heading", name="Remove Aigul Bekova from the roster?").is_visible()
    page.get_by_role("button", name="Remove from the roster").click()
    message = page.locator("#undo-message")
    assert "Aigul Bekova removed from the roster." in message.inner_text()
    assert page.locator("#roster").get_by_role("link", name="Aigul Bekova", exact=True).count() == 0

    message.get_by_role("button", name="Undo").click()
    assert "Aigul Bekova is back on the roster." in page.get_by_role("alert").first.inner_text()
    assert page.locator("#roster").get_by_role("link", name="Aigul Bekova", exact=True).count() == 1


def test_a_deleted_event_waits_in_deleted_events_and_comes_back(signed_in_page, programme):
    page = signed_in_page("coordinator")
    page.open("/events")
    page.get_by_role("link", name="Document security workshop").click()
    event_url = page.url
    page.get_by_role("button", name="Delete event").click()
    assert "moved to Deleted events" in page.locator("#undo-message").inner_text()
    assert page.get_by_role("link", name="Document security workshop").count() == 0
    assert page.goto(event_url).status == 404

    page.open("/events")
    page.get_by_role("link", name="Deleted events").click()
    table = page.locator("#deleted-events")
    assert "Document security workshop" in table.inner_text()
    table.get_by_role("button", name="Restore Document security workshop").click()
    assert "restored, with its roster" in page.get_by_role("alert").first.inner_text()
    assert page.url == event_url
    assert page.locator("#roster").get_by_role("link", name="Aigul Bekova", exact=True).count() == 1
