"""Signing in and out, the anonymous redirect, and the role decorator."""
import pytest
from flask import Blueprint
from sqlalchemy import select

from tests.conftest import PASSWORD, Client, sign_in
from tracker import create_app
from tracker.auth.permissions import role_required
from tracker.models import AuditEntry, Role


def login(client, email, password=PASSWORD, next_=None):
    url = "/login" + (f"?next={next_}" if next_ else "")
    return client.post(url, data={"email": email, "password": password})


def test_sign_in_with_the_right_password_lands_on_the_home_page(client, make_user, db):
    user = make_user("coordinator", email="ana@example.org")
    response = login(client, "ANA@example.org")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    home = client.get("/").get_data(as_text=True)
    assert "Welcome, " + user.name in home
    assert "Print attendance reports" in home
    assert "Manage users" not in home
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert actions == ["login"]


def test_wrong_password_says_so_next_to_the_field_and_does_not_sign_in(client, make_user, db):
    make_user("staff", email="ana@example.org")
    response = login(client, "ana@example.org", "not the password")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Email or password is not right." in page
    assert 'class="invalid-feedback"' in page
    assert client.get("/").status_code == 302
    assert db.session.scalars(select(AuditEntry.action)).all() == ["login_failed"]


def test_unknown_email_and_inactive_user_are_refused_alike(client, make_user):
    make_user("staff", email="gone@example.org", is_active=False)
    for email in ("nobody@example.org", "gone@example.org"):
        assert "Email or password is not right." in login(client, email).get_data(as_text=True)


def test_blank_form_shows_a_message_per_field(client, db):
    page = client.post("/login", data={}).get_data(as_text=True)
    assert page.count("This field is required.") == 2


@pytest.mark.parametrize("target,expected", [
    ("/events", "/events"),
    ("https://evil.example/", "/"),
    ("//evil.example/", "/"),
    ("/\\evil.example", "/"),
])
def test_next_only_points_inside_the_app(client, make_user, target, expected):
    make_user("staff", email="ana@example.org")
    assert login(client, "ana@example.org", next_=target).headers["Location"] == expected


def test_every_page_but_login_redirects_anonymous_users(app, client):
    # The sign-in page and its language switch are open to everybody, and the workshop's
    # public pages (self check-in, certificate verification), which answer for themselves.
    rules = [r for r in app.url_map.iter_rules()
             if r.endpoint not in ("static", "auth.login", "i18n.switch", "workshop.self_check_in",
                                   "workshop.verify_start", "workshop.verify")]
    assert rules, "no routes registered"
    for rule in rules:
        url = rule.build({arg: 1 for arg in rule.arguments})[1]
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS"})[0]
        response = client.open(url, method=method)
        if url.startswith("/api/"):
            assert response.status_code == 401, url
        else:
            assert response.status_code == 302, url
            assert response.headers["Location"].startswith("/login"), url


def test_logout_ends_the_session_even_for_a_copied_cookie(app, client, make_user):
    make_user("staff", email="ana@example.org")
    login(client, "ana@example.org")
    copied = app.test_client()
    with client.session_transaction() as original, copied.session_transaction() as copy:
        copy.update(original)
    assert copied.get("/").status_code == 200
    client.post("/logout")
    assert client.get("/").status_code == 302
    assert copied.get("/").status_code == 302


def test_role_decorator_admits_listed_roles_and_refuses_others(app_config, make_user):
    app = create_app(app_config)
    app.test_client_class = Client  # commits the test's reads before each request
    bp = Blueprint("sample", __name__)

    @bp.route("/sample-merge")
    @role_required(Role.COORDINATOR, Role.ADMIN)
    def sample():
        return "merged"

    app.register_blueprint(bp)

    def signed_in(role):
        return sign_in(app.test_client(), make_user(role))

    assert signed_in("coordinator").get("/sample-merge").get_data(as_text=True) == "merged"
    assert signed_in("admin").get("/sample-merge").status_code == 200
    refused = signed_in("staff").get("/sample-merge")
    assert refused.status_code == 403
    assert "Your account may not open this page" in refused.get_data(as_text=True)
    assert signed_in("manager").get("/sample-merge").status_code == 403


def test_unknown_page_is_a_friendly_404(staff_client):
    response = staff_client.get("/no/such/page")
    assert response.status_code == 404
    assert "There is nothing at this address" in response.get_data(as_text=True)


def test_signed_in_user_sees_their_abilities_by_role(signed_in):
    manager = signed_in("manager").get("/").get_data(as_text=True)
    assert "phase totals" in manager
    assert "names and contact details" not in manager
    staff = signed_in("staff", country_code="KG").get("/").get_data(as_text=True)
    assert "limited to Kyrgyzstan" in staff, staff[staff.find("<main"):]
    assert "Log events" in staff
