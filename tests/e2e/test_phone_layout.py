"""At phone width (390 px, staff at a border post) no page scrolls sideways: wide tables
scroll inside their .table-responsive box, the roster becomes a card per attendee, and the
menu and the events list's filters fold behind their buttons."""
import pytest

from tests.e2e.conftest import PHONE, wider_than_screen
from tests.e2e.test_accessibility import main_pages

pytestmark = pytest.mark.e2e


def test_no_main_page_scrolls_sideways_on_a_phone(browser_page, signed_in_page, programme,
                                                  live_server):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(live_server + "/login")
    too_wide = {"login": wider_than_screen(browser_page)}
    page = signed_in_page("coordinator")
    for name, path in main_pages(programme).items():
        page.open(path)
        too_wide[name] = wider_than_screen(page)
    report = [f"{name}: {', '.join(found[:6])}" for name, found in too_wide.items() if found]
    assert not report, "\n".join(report)


def test_the_menu_folds_behind_a_button_on_a_phone(browser_page, signed_in_page):
    browser_page.set_viewport_size(PHONE)
    page = signed_in_page("staff")
    events = page.get_by_role("navigation", name="Main").get_by_role("link", name="Events")
    assert not events.is_visible()
    page.get_by_role("button", name="Toggle navigation").click()
    events.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Events"


def within_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1


def test_on_a_phone_each_attendee_is_a_card_with_its_buttons_in_reach(signed_in_page, programme):
    page = signed_in_page("staff")
    page.set_viewport_size(PHONE)
    page.open(f"/events/{programme.events['workshop'].id}")
    card = page.locator("#roster tbody tr").filter(has_text="Aigul Bekova")
    for control in (card.get_by_label("Role of Aigul Bekova"),
                    card.get_by_label("Days attended by Aigul Bekova"),
                    card.get_by_role("button", name="Save"),
                    card.get_by_role("link", name="Remove Aigul Bekova")):
        control.scroll_into_view_if_needed()
        assert control.is_visible() and within_screen(control)
    # Fields are labelled inside the card, the table's header row being hidden.
    labels = card.locator("td[data-label]").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert '"Country: "' in labels
    box = page.evaluate("() => document.querySelector('.table-roster-box').scrollWidth "
                        "<= document.querySelector('.table-roster-box').clientWidth")
    assert box, "the roster still scrolls sideways"


def test_on_a_phone_the_event_filters_fold_behind_a_button(signed_in_page, programme):
    page = signed_in_page("staff")
    page.set_viewport_size(PHONE)
    page.open("/events")
    search = page.get_by_label("Search title, code or city")
    assert not search.is_visible()
    first_event = page.get_by_role("link", name="Profiling study visit")
    assert first_event.bounding_box()["y"] < 844  # the newest event on the first screen
    page.get_by_role("button", name="Filters").click()
    search.fill("Document")
    page.get_by_role("button", name="Filter", exact=True).click()
    assert page.get_by_role("button", name="Filters (1)").is_visible()
    assert page.get_by_role("link", name="Document security workshop").is_visible()
