"""Security headers, CSRF, upload size, sign-in limits, password hashes and cookies."""
import io
import os
import re
import uuid
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
import redis
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from config import ProductionConfig
from tests.conftest import PASSWORD, Client, sign_in
from tracker import ROOT, create_app
from tracker.auth import throttle
from tracker.extensions import db as _db
from tracker.models import AuditEntry, LoginAttempt, User
from tracker.security import CONTENT_SECURITY_POLICY

# A deliberately weak hash so tests can fail many sign-ins without 0.6 s of scrypt each.
CHEAP_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
REDIS_SKIP = "Redis tests need TEST_REDIS_URL, e.g. redis://127.0.0.1:6379/15 (.ci/run sets it)"


def login(client, email, password=PASSWORD, address="127.0.0.1", **fields):
    return client.post("/login", data={"email": email, "password": password, **fields},
                       environ_base={"REMOTE_ADDR": address})


def audit_actions(db):
    return db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()


def attempts_in_database(db):
    return db.session.scalar(select(func.count(LoginAttempt.id)))


@pytest.fixture
def fresh_app(app_config, db):
    """fresh_app(SETTING=value, ...) -> an app of its own on the test database."""
    made = []

    def make(**settings):
        config = type("Config", (app_config,), settings)
        new_app = create_app(config)
        new_app.test_client_class = Client
        made.append(new_app)
        return new_app

    yield make
    for made_app in made:
        with made_app.app_context():
            _db.engine.dispose()


@pytest.fixture
def cheap_user(make_user, db):
    def make(email, role="staff"):
        user = make_user(role, email=email)
        user.password_hash = CHEAP_HASH
        db.session.commit()
        return user

    return make


# --- Headers --------------------------------------------------------------------------------

def test_every_answer_carries_the_security_headers(client, staff_client):
    for response in (client.get("/login"), staff_client.get("/"), staff_client.get("/nowhere")):
        headers = response.headers
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"
        assert "Strict-Transport-Security" not in headers  # tests run over plain HTTP


def test_pages_of_signed_in_users_are_never_stored_but_static_files_may_be(staff_client):
    page = staff_client.get("/")
    assert "Welcome" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    stylesheet = staff_client.get("/static/css/app.css")
    assert stylesheet.status_code == 200
    assert "no-store" not in stylesheet.headers.get("Cache-Control", "")


def test_hsts_in_production_or_when_configured(fresh_app):
    production_like = fresh_app(TESTING=False, DEBUG=False).test_client()
    assert production_like.get("/login").headers["Strict-Transport-Security"].startswith(
        "max-age=31536000")
    switched_off = fresh_app(TESTING=False, DEBUG=False, HSTS=False).test_client()
    assert "Strict-Transport-Security" not in switched_off.get("/login").headers
    switched_on = fresh_app(HSTS=True).test_client()
    assert "Strict-Transport-Security" in switched_on.get("/login").headers


INLINE_CODE = [
    # A JSON data block (type="application/json") is never run, so CSP allows it.
    (re.compile(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>", re.I),
     "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style= attribute"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "an on...= handler"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def test_no_template_has_inline_script_or_style_the_csp_would_block():
    problems = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE_CODE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{template.relative_to(ROOT)}:{line}: {what}")
    assert problems == []


# --- CSRF and upload size -------------------------------------------------------------------

def test_without_a_csrf_token_sign_in_and_sign_out_are_refused(fresh_app, make_user, db):
    user = make_user("staff", email="ana@example.org")
    token_before = user.session_token
    app = fresh_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()

    refused = login(client, "ana@example.org")
    assert refused.status_code == 400
    assert "The request could not be understood" in refused.get_data(as_text=True)
    assert audit_actions(db) == [] and attempts_in_database(db) == 0

    sign_in(client, user)
    assert client.post("/logout").status_code == 400
    db.session.expire_all()
    assert db.session.get(User, user.id).session_token == token_before
    assert client.get("/").status_code == 200  # still signed in
    assert audit_actions(db) == []

    # With the token from the form, the same request goes through.
    client = app.test_client()
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    assert login(client, "ana@example.org", csrf_token=token).status_code == 302
    assert audit_actions(db) == ["login"]


def test_an_upload_over_the_limit_gets_a_friendly_413_and_writes_nothing(fresh_app, db, app):
    assert app.config["MAX_CONTENT_LENGTH"] == 16 * 1024 * 1024  # the default
    small_limit = fresh_app(MAX_CONTENT_LENGTH=1024).test_client()
    response = small_limit.post("/login", data={
        "email": "ana@example.org", "password": PASSWORD,
        "file": (io.BytesIO(b"x" * 4096), "register.xlsx"),
    }, content_type="multipart/form-data")
    assert response.status_code == 413
    assert "The file is larger than the upload limit" in response.get_data(as_text=True)
    assert audit_actions(db) == [] and attempts_in_database(db) == 0


# --- Sign-in limits, on both counters -------------------------------------------------------

@pytest.fixture
def redis_counter(app, db, monkeypatch):
    """Count sign-ins in the test Redis, under a key prefix of this test's own."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip(REDIS_SKIP)
    prefix = f"test-login-{uuid.uuid4().hex[:12]}:"
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    monkeypatch.setitem(app.config, "LOGIN_REDIS_PREFIX", prefix)
    store = redis.Redis.from_url(url)
    try:
        yield store
    finally:
        for key in store.scan_iter(match=prefix + "*"):
            store.delete(key)
        store.close()


@pytest.fixture(params=["database", "redis"])
def counter(request, db):
    """Each sign-in limit test runs against both counters."""
    if request.param == "redis":
        request.getfixturevalue("redis_counter")
    return request.param


def test_the_limits_are_five_per_account_and_twenty_per_address_in_fifteen_minutes():
    assert (throttle.ACCOUNT_LIMIT, throttle.ADDRESS_LIMIT) == (5, 20)
    assert throttle.WINDOW == timedelta(minutes=15)


def test_five_failures_lock_the_account_even_for_the_right_password(
        counter, app, client, cheap_user, db):
    cheap_user("ana@example.org")
    for _ in range(5):
        page = login(client, "ana@example.org", "not the password").get_data(as_text=True)
        assert "Email or password is not right." in page
    refused = login(client, "ana@example.org")
    assert refused.status_code == 429
    assert "Too many attempts" in refused.get_data(as_text=True)
    assert client.get("/").status_code == 302  # not signed in
    assert audit_actions(db) == ["login_failed"] * 5 + ["login_throttled"]
    # Another account, from another address, is not affected.
    cheap_user("bob@example.org")
    other = app.test_client()
    assert login(other, "bob@example.org",
                 address="10.0.0.2").status_code == 302
    expected_rows = 10 if counter == "database" else 0  # 5 per account + 5 per address
    assert attempts_in_database(db) == expected_rows


def test_a_successful_sign_in_clears_the_accounts_failures(counter, app, cheap_user, db):
    user = cheap_user("ana@example.org")
    for _ in range(4):
        login(app.test_client(), "ana@example.org", "not the password")
    assert login(app.test_client(), "ana@example.org").status_code == 302
    user = db.session.get(User, user.id)
    user.password_hash = CHEAP_HASH  # the sign-in upgraded it to (slow) scrypt
    db.session.commit()
    for _ in range(4):
        login(app.test_client(), "ana@example.org", "not the password")
    # 8 failures in 15 minutes, but only 4 since the last success: still let in.
    assert login(app.test_client(), "ana@example.org").status_code == 302


def test_a_locked_account_still_lets_its_owner_in_from_a_device_that_signed_in_before(
        counter, app, cheap_user, db):
    """Five wrong passwords typed by anyone with Ana's email locked Ana out for fifteen
    minutes. Her own browser carries a device cookie from her last sign-in: it is limited per
    device, so the stranger's failures do not lock it (OWASP's device cookies)."""
    ana = cheap_user("ana@example.org")
    own_browser = app.test_client()
    assert login(own_browser, "ana@example.org").status_code == 302
    assert own_browser.get_cookie("tracker_device") is not None
    own_browser.post("/logout")
    ana = db.session.get(User, ana.id)
    ana.password_hash = CHEAP_HASH  # the sign-in upgraded it to (slow) scrypt
    db.session.commit()

    stranger = app.test_client()
    for _ in range(5):
        login(stranger, "ana@example.org", "guess", address="10.0.0.66")
    assert login(stranger, "ana@example.org", address="10.0.0.66").status_code == 429
    assert login(app.test_client(), "ana@example.org").status_code == 429  # any new browser
    assert login(own_browser, "ana@example.org").status_code == 302  # but hers gets in

    # Another account's device cookie does not open Ana's lock.
    cheap_user("bob@example.org")
    bobs_browser = app.test_client()
    assert login(bobs_browser, "bob@example.org", address="10.0.0.7").status_code == 302
    for _ in range(5):
        login(stranger, "ana@example.org", "guess", address="10.0.0.66")
    bobs_browser.post("/logout")
    assert login(bobs_browser, "ana@example.org", address="10.0.0.7").status_code == 429

    # The device has a limit of its own: five failures from it lock that device too.
    ana = db.session.get(User, ana.id)
    ana.password_hash = CHEAP_HASH
    db.session.commit()
    own_browser.post("/logout")
    for _ in range(5):
        login(own_browser, "ana@example.org", "typo")
    assert login(own_browser, "ana@example.org").status_code == 429
    # A forged cookie is no device cookie.
    forged = app.test_client()
    forged.set_cookie("tracker_device", "eyJ1c2VyIjoxfQ.forged.signature")
    assert login(forged, "ana@example.org").status_code == 429


def test_twenty_failures_from_one_address_block_that_address(counter, app, cheap_user, db):
    for n in range(4):
        cheap_user(f"user{n}@example.org")
        for _ in range(5):
            login(app.test_client(), f"user{n}@example.org", "not the password")
    cheap_user("fresh@example.org")
    refused = login(app.test_client(), "fresh@example.org")
    assert refused.status_code == 429
    elsewhere = login(app.test_client(), "fresh@example.org",
                      address="10.0.0.9")
    assert elsewhere.status_code == 302


def test_redis_keys_expire_with_the_window(redis_counter, app, client, cheap_user, db):
    login(client, "ana@example.org", "not the password")
    name = app.config["LOGIN_REDIS_PREFIX"] + throttle.account_key("ana@example.org")
    assert redis_counter.zcard(name) == 1
    assert 0 < redis_counter.ttl(name) <= 15 * 60 + 1
    assert attempts_in_database(db) == 0


def test_an_unreachable_redis_falls_back_to_the_database(app, client, cheap_user, db,
                                                         monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    cheap_user("ana@example.org")
    assert "not right" in login(client, "ana@example.org", "wrong").get_data(as_text=True)
    assert attempts_in_database(db) == 2
    assert login(client, "ana@example.org").status_code == 302


def test_old_attempts_stop_counting_and_are_pruned(app, client, cheap_user, db):
    cheap_user("ana@example.org")
    long_ago = datetime.now(UTC) - timedelta(minutes=16)
    db.session.add_all(LoginAttempt(key=throttle.account_key("ana@example.org"),
                                    attempted_at=long_ago) for _ in range(10))
    db.session.commit()
    login(client, "ana@example.org", "wrong password")
    assert attempts_in_database(db) == 2  # the 10 old rows were deleted
    assert login(client, "ana@example.org").status_code == 302


def test_behind_a_trusted_proxy_the_clients_address_is_counted(fresh_app, cheap_user, db):
    cheap_user("ana@example.org")
    forwarded = {"X-Forwarded-For": "203.0.113.7"}
    direct = fresh_app().test_client()
    direct.post("/login", data={"email": "ana@example.org", "password": "wrong"},
                headers=forwarded)
    behind_nginx = fresh_app(TRUSTED_PROXIES=1).test_client()
    behind_nginx.post("/login", data={"email": "ana@example.org", "password": "wrong"},
                      headers=forwarded)
    addresses = db.session.scalars(select(AuditEntry.ip_address).order_by(AuditEntry.id)).all()
    assert addresses == ["127.0.0.1", "203.0.113.7"]  # the header is believed only when trusted
    keys = set(db.session.scalars(select(LoginAttempt.key)))
    assert {"address:127.0.0.1", "address:203.0.113.7"} <= keys


# --- Passwords and cookies ------------------------------------------------------------------

def test_an_old_pbkdf2_hash_becomes_scrypt_at_sign_in(app, client, make_user, db):
    user = make_user("staff", email="ana@example.org")
    user.password_hash = generate_password_hash(PASSWORD, method="pbkdf2:sha256:600000")
    db.session.commit()
    assert login(client, "ana@example.org").status_code == 302
    db.session.expire_all()
    upgraded = db.session.get(User, user.id)
    assert upgraded.password_hash.startswith(app.config["PASSWORD_HASH_METHOD"] + "$")
    assert upgraded.password_hash.startswith("scrypt:")
    assert upgraded.check_password(PASSWORD)


def test_the_remember_me_cookie_is_http_only_same_site_and_lasts_fourteen_days(client, make_user):
    make_user("staff", email="ana@example.org")
    response = login(client, "ana@example.org", remember="y")
    cookie = next(c for c in response.headers.getlist("Set-Cookie")
                  if c.startswith("remember_token="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))
    lifetime = expires - datetime.now(UTC)
    assert timedelta(days=13, hours=23) < lifetime <= timedelta(days=14)


def test_production_cookies_are_secure():
    assert ProductionConfig.SESSION_COOKIE_SECURE and ProductionConfig.REMEMBER_COOKIE_SECURE
    assert ProductionConfig.REMEMBER_COOKIE_DURATION == timedelta(days=14)


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        ProductionConfig.check()
