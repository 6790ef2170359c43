"""The account page: details, changing one's password, personal API tokens."""
import re

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD, sign_in
from tracker.models import ApiToken, AuditEntry, User
from tracker.models.token import hash_token

NEW_PASSWORD = "a river of slow green light"


def audit_actions(db):
    return db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()


def change_password(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    return client.post("/account/password", data={
        "current_password": current, "new_password": new,
        "confirm": new if confirm is None else confirm})


@pytest.mark.parametrize("role", ["staff", "coordinator", "manager", "admin"])
def test_every_role_sees_its_own_details_and_an_account_link(signed_in, role):
    client = signed_in(role, country_code="TJ")
    page = client.get("/account").get_data(as_text=True)
    assert client.user.email in page and client.user.name in page
    assert "only Tajikistan" in page
    assert 'href="/account"' in client.get("/").get_data(as_text=True)


def test_changing_the_password_signs_out_other_sessions_but_not_this_one(app, staff_client, db):
    user = staff_client.user
    elsewhere = sign_in(app.test_client(), user)  # the same user on another computer
    response = change_password(staff_client)
    assert response.headers["Location"] == "/account"
    assert "Your password is changed" in staff_client.get("/account").get_data(as_text=True)
    assert elsewhere.get("/").status_code == 302  # sent to the sign-in page
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD)
    assert user.password_changed_at is not None
    assert audit_actions(db) == ["password_changed"]


@pytest.mark.parametrize("current,new,confirm,field,message", [
    ("not my password at all", NEW_PASSWORD, None, "current_password",
     "This is not your current password."),
    (PASSWORD, "short", None, "new_password", "Use at least 12 characters."),
    (PASSWORD, "password1234", None, "new_password", "too common"),
    (PASSWORD, PASSWORD, None, "new_password", "different from the current one"),
    (PASSWORD, NEW_PASSWORD, "something else entirely", "confirm", "The two new passwords differ."),
    ("", NEW_PASSWORD, None, "current_password", "This field is required."),
])
def test_a_refused_password_change_says_why_next_to_the_field_and_changes_nothing(
        staff_client, db, current, new, confirm, field, message):
    user = staff_client.user
    hash_before, token_before = user.password_hash, user.session_token
    page = change_password(staff_client, current, new, confirm).get_data(as_text=True)
    field_html = page[page.index(f'id="{field}"'):]
    assert message in field_html[:field_html.index("</div>") + 200]
    assert 'is-invalid' in page
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert (user.password_hash, user.session_token) == (hash_before, token_before)
    assert user.password_changed_at is None
    assert "password_changed" not in audit_actions(db)
    assert staff_client.get("/").status_code == 200


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(staff_client, db):
    response = staff_client.post("/account/tokens", data={"name": "totals script"})
    page = response.get_data(as_text=True)
    token = re.search(r'id="new-token">(bt_[^<]+)<', page).group(1)
    record = db.session.scalar(select(ApiToken))
    assert record.user_id == staff_client.user.id and record.name == "totals script"
    assert record.token_hash == hash_token(token) and token not in record.token_hash
    assert record.hint == token[:10]
    later = staff_client.get("/account").get_data(as_text=True)
    assert token not in later
    assert "totals script" in later and record.hint + "…" in later and "never" in later
    assert audit_actions(db) == ["token_created"]


def test_a_token_needs_a_name_and_a_refused_one_writes_nothing(staff_client, db):
    page = staff_client.post("/account/tokens", data={"name": "  "}).get_data(as_text=True)
    assert "This field is required." in page or "Give the token a name" in page
    assert db.session.scalars(select(ApiToken)).all() == []
    assert audit_actions(db) == []


def test_revoking_a_token_removes_it_from_the_list(staff_client, db):
    staff_client.post("/account/tokens", data={"name": "old laptop"})
    record = db.session.scalar(select(ApiToken))
    response = staff_client.post(f"/account/tokens/{record.id}/revoke")
    assert response.headers["Location"] == "/account"
    page = staff_client.get("/account").get_data(as_text=True)
    assert "is revoked" in page and "You have no tokens." in page
    db.session.expire_all()
    assert db.session.get(ApiToken, record.id).revoked_at is not None
    assert audit_actions(db) == ["token_created", "token_revoked"]


def test_nobody_can_revoke_someone_elses_token(signed_in, db):
    owner, other = signed_in("staff"), signed_in("admin")
    owner.post("/account/tokens", data={"name": "mine"})
    record = db.session.scalar(select(ApiToken))
    assert other.post(f"/account/tokens/{record.id}/revoke").status_code == 404
    assert other.post("/account/tokens/999999/revoke").status_code == 404
    db.session.expire_all()
    assert db.session.get(ApiToken, record.id).revoked_at is None
    assert audit_actions(db) == ["token_created"]


def test_a_token_from_the_account_page_opens_the_api_until_it_is_revoked(app, manager_client, db):
    page = manager_client.post("/account/tokens", data={"name": "report script"})
    token = re.search(r'id="new-token">(bt_[^<]+)<', page.get_data(as_text=True)).group(1)
    script = app.test_client()  # no session: the token alone
    bearer = {"Authorization": f"Bearer {token}"}
    assert script.get("/api/v1/totals?phase=9", headers=bearer).status_code == 200
    assert "report script" in manager_client.get("/account").get_data(as_text=True)
    record = db.session.scalar(select(ApiToken))
    manager_client.post(f"/account/tokens/{record.id}/revoke")
    refused = script.get("/api/v1/totals?phase=9", headers=bearer)
    assert refused.status_code == 401 and refused.is_json
