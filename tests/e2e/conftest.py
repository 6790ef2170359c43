"""Browser fixtures: the test app served on a free port, a headless Chromium, signed-in pages.

The live server serves the suite's own `app` (a temporary SQLite file, or PostgreSQL when
TEST_DATABASE_URL is set), so the factories of tests/conftest.py fill what the browser sees:
a test writes with `make_event(...)` (which commits), then opens the page.

Chromium comes from TEST_CHROMIUM (CI sets /usr/bin/chromium); without it these tests skip,
unless E2E_REQUIRED is set, when they fail instead.
"""
import os
import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import PASSWORD

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _missing(reason: str):
    if os.environ.get("E2E_REQUIRED"):
        pytest.fail(f"{reason} (E2E_REQUIRED is set)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("TEST_CHROMIUM")
    if not path:
        _missing("browser tests need TEST_CHROMIUM, e.g. TEST_CHROMIUM=/usr/bin/chromium")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        _missing(f"TEST_CHROMIUM={path} is not an executable Chromium (apt-get install chromium)")
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
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser):
    """A fresh browser tab with its own cookies."""
    context = browser.new_context()
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
        browser_page.click("[type=submit]")
        browser_page.wait_for_load_state()
        assert "/login" not in browser_page.url, "sign-in through the form failed"
        browser_page.user = user
        browser_page.open = open_path
        return browser_page

    return sign_in
