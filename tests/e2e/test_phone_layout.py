"""At phone width (390 px, staff at a border post) no page scrolls sideways: wide tables
scroll inside their .table-responsive box, and the menu folds behind its button."""
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
