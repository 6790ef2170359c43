"""Browser fixtures: the test app served on a free port, a headless Chromium, signed-in pages.

The live server serves the suite's own `app` on its temporary SQLite file (migrated and
seeded), so the factories of tests/conftest.py fill what the browser sees: a test writes
with `make_event(...)` (which commits), or takes the small known programme of
`programme` (tests/e2e/dataset.py), then opens the page. The browser tests run on SQLite
only: one live server per session, and the backends are the rest of the suite's business.

Chromium is TEST_CHROMIUM (CI sets /usr/bin/chromium), else `chromium` on the PATH; without
one these tests skip, unless E2E_REQUIRED is set (CI sets it), when they fail instead.
"""
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import PASSWORD
from tests.e2e import dataset

E2E_DIR = Path(__file__).parent
AXE = E2E_DIR / "vendor" / "axe.min.js"
SCREENSHOTS = E2E_DIR.parents[1] / "docs" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    """Keep the browser tests on SQLite: deselect their PostgreSQL variants."""
    kept, dropped = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        on_postgres = params.get("database") == "postgresql"
        (dropped if on_postgres and E2E_DIR in Path(item.path).parents else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def missing(reason: str):
    if os.environ.get("E2E_REQUIRED"):
        pytest.fail(f"{reason} (E2E_REQUIRED is set)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("TEST_CHROMIUM") or shutil.which("chromium")
    if not path:
        missing("browser tests need Chromium: apt-get install chromium, or set TEST_CHROMIUM")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        missing(f"TEST_CHROMIUM={path} is not an executable Chromium (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def live_server(app):
    """The base URL of `app` served by a real HTTP server in a thread, on a free port."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(chromium_path):
    """A headless Chromium (Playwright driving the system's binary; nothing is downloaded)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("browser tests need Playwright: .venv/bin/pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser):
    """A fresh browser tab with its own cookies, 1280 px wide, asking for English pages.
    Reduced motion turns Bootstrap's transitions off: no screenshot or focus ring mid-fade."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", reduced_motion="reduce")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def signed_in_page(db, browser_page, live_server, make_user):
    """signed_in_page("coordinator", country_code=None) -> a tab signed in through the login form;
    page.user is the User, page.open(path) goes to a path of the live server."""

    def open_path(path: str):
        # End the test's transaction first, as the test client does: on SQLite the server's
        # request would otherwise wait for the test's lock and fail with "database is locked".
        db.session.commit()
        return browser_page.goto(live_server + path)

    def sign_in(role: str = "staff", country_code: str | None = None):
        user = make_user(role, country_code)
        email = user.email
        open_path("/login")
        browser_page.fill("input[name=email]", email)
        browser_page.fill("input[name=password]", PASSWORD)
        with browser_page.expect_navigation():
            browser_page.press("input[name=password]", "Enter")
        assert "/login" not in browser_page.url, "sign-in through the form failed"
        browser_page.user = user
        browser_page.open = open_path
        return browser_page

    return sign_in


@pytest.fixture
def programme(db, make_event, make_person, make_agency, attend):
    """The small known programme of tests/e2e/dataset.py, written to the test database."""
    return dataset.build(make_event, make_person, make_agency, attend)


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    """docs/screenshots when UPDATE_SCREENSHOTS is set (`make screenshots`), else a temporary
    folder, so that a test run leaves the committed pictures alone."""
    if os.environ.get("UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def screenshot(screenshot_dir):
    """screenshot(page, "staff-event") saves what the viewport shows as staff-event.png."""

    def take(page, name: str, **options) -> Path:
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=str(path), animations="disabled", caret="hide", **options)
        return path

    return take


def axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    """axe-core's findings of these impacts on the page as it is, one line each.

    The script goes in through the DevTools protocol (page.evaluate), which the page's
    Content-Security-Policy does not govern, so the page is checked with its real CSP."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("""() => axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
        resultTypes: ['violations']})""")
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in results["violations"] if v["impact"] in impacts]


def wider_than_screen(page) -> list[str]:
    """Elements that stick out past the right edge of the window (tables scrolling inside
    .table-responsive excepted): empty when the page needs no sideways scrolling."""
    return page.evaluate("""() => {
        if (document.documentElement.scrollWidth <= window.innerWidth) return [];
        const out = [];
        for (const el of document.body.querySelectorAll('*')) {
            if (el.closest('.table-responsive') && !el.classList.contains('table-responsive')) continue;
            const box = el.getBoundingClientRect();
            if (box.width && box.right > window.innerWidth + 1) {
                out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                         + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                         + ` (right edge ${Math.round(box.right)} px)`);
            }
        }
        return out.length ? out : ['(the page is wider than the window)'];
    }""")


def show_dashboard(page, phase_label: str) -> None:
    """From the menu to the dashboard of a phase ("BOMCA 9 (2015–2018)"), its chart drawn."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    page.get_by_label("Phase").select_option(label=phase_label)
    with page.expect_navigation():
        page.get_by_role("button", name="Show", exact=True).click()
    wait_for_chart(page)


def wait_for_chart(page) -> None:
    page.wait_for_function("window.Chart && Chart.getChart(document.getElementById('running-chart'))"
                           " && Chart.getChart(document.getElementById('running-events-chart'))")


def figure(page, key: str) -> str:
    """A head count of the dashboard or the phase report as shown, e.g. figure(page, "officials_trained")."""
    return page.locator(f'[data-figure="{key}"]').first.inner_text()
