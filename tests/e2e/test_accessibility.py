"""Accessibility of the main pages: axe-core finds nothing serious, every field has a label,
and the keyboard alone signs in and logs an event."""
import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e

UNLABELLED_FIELDS = """() => [...document.querySelectorAll('input, select, textarea')]
    .filter(el => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type))
    .filter(el => !el.labels.length && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map(el => el.outerHTML.slice(0, 120))"""


def main_pages(programme) -> dict[str, str]:
    event = programme.events["workshop"]
    return {
        "dashboard": "/?phase=9",
        "events list": "/events",
        "event page": f"/events/{event.id}",
        "event page, searching": f"/events/{event.id}?find=Бекова#add-attendee",
        "event form": "/events/new",
        "event edit form": f"/events/{event.id}/edit",
        "attendance list upload": f"/events/{event.id}/attendance-list",
        "attendance report": f"/events/{event.id}/attendance-report",
        "people list": "/people",
        "person": f"/people/{programme.people['bekova'].id}",
        "import": "/import",
        "duplicates queue": "/people/duplicates",
        "phase report": "/reports/phase/9",
        "account": "/account",
        "dashboard of a year": "/?from=2017-01-01&to=2017-12-31",
        "cross-table": "/reports/crosstab?from=2017-01-01&to=2017-12-31&rows=topic&cols=quarter",
        "events behind a cell": "/events?status=held&from=2017-01-01&to=2017-12-31"
                                "&official_country=KZ&sex=F",
        "period report": "/reports/period?from=2017-01-01&to=2017-12-31",
        "targets by country": f"/admin/phases/{programme.events['seminar'].phase_id}/targets",
    }


def test_axe_finds_nothing_serious_and_every_field_has_a_label(browser_page, signed_in_page,
                                                               programme, live_server):
    problems = {}
    browser_page.goto(live_server + "/login")
    problems["login"] = axe_violations(browser_page) + browser_page.evaluate(UNLABELLED_FIELDS)
    page = signed_in_page("coordinator")
    for name, path in main_pages(programme).items():
        page.open(path)
        problems[name] = axe_violations(page) + page.evaluate(UNLABELLED_FIELDS)
    report = [f"{name}: {line}" for name, found in problems.items() for line in found]
    assert not report, "\n".join(report)


FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {id: el.id, name: el.getAttribute('name'), tag: el.tagName.toLowerCase(),
            text: (el.innerText || el.value || '').trim().slice(0, 40),
            visible: style.outlineStyle !== 'none' || style.boxShadow !== 'none'};
}"""


def tab_to(page, test, limit: int = 40) -> list[dict]:
    """Press Tab until `test(focused)` holds; the elements focused on the way, in order."""
    path = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        path.append(focused)
        if test(focused):
            return path
    raise AssertionError(f"Tab never reached the element; focus went {[f['id'] or f['text'] for f in path]}")


def test_the_keyboard_alone_signs_in(browser_page, live_server, make_user, db):
    user = make_user("staff")
    email = user.email
    db.session.commit()
    page = browser_page
    page.goto(live_server + "/login")

    path = tab_to(page, lambda f: f["name"] == "email")
    assert path[0]["text"] == "Skip to content"
    assert all(f["visible"] for f in path), "a focused element shows no focus ring"
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["name"] == "password"
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("You are signed in as staff").is_visible()


def test_the_keyboard_alone_logs_an_event(signed_in_page):
    page = signed_in_page("staff")
    page.open("/events/new")

    # "Skip to content" first, which lands on the form's first field.
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "Skip to content"
    page.keyboard.press("Enter")
    path = tab_to(page, lambda f: f["id"] == "title")
    assert len(path) == 1, f"after skipping to the content, Tab went to {path[0]}"

    # Every field in the order the form shows them, each with a visible focus ring.
    actions = {
        "title": lambda: page.keyboard.type("Keyboard-only workshop"),
        "kind_id": lambda: page.keyboard.type("Workshop"),
        "start_date": lambda: page.keyboard.type("10102017"),  # 10 October, whichever order
        "country_code": lambda: page.keyboard.type("Kyrgyzstan"),
    }
    order = ["title"]
    actions["title"]()
    while True:
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if order[-1] == focused["id"]:
            # A date field's calendar button is a stop of its own, ringed by Chromium itself.
            continue
        assert focused["visible"], f"no focus ring on {focused}"
        if focused["tag"] == "input" and focused["name"] == "topic_ids":
            label = page.evaluate("document.activeElement.labels[0].innerText")
            if label in ("Border Control Procedures", "Document Security"):
                page.keyboard.press("Space")
            order.append("topic")
            continue
        order.append(focused["id"] or focused["text"])
        if focused["id"] in actions:
            actions[focused["id"]]()
        if focused["id"] == "submit":
            break
        assert len(order) < 60, order
    assert [f for f in order if f != "topic"] == [
        "title", "code", "kind_id", "scope", "status", "phase", "start_date", "end_date",
        "country_code", "city", "notes", "submit"], order
    assert order.count("topic") == 15

    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Keyboard-only workshop"
    facts = page.locator("main").inner_text()
    assert "Workshop" in facts and "10.10.2017" in facts and "Kyrgyzstan" in facts
    assert page.locator("main .badge.border").all_inner_texts() == ["Border Control Procedures",
                                                                    "Document Security"]
