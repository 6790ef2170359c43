"""GET /api/v1/totals: who may call it (session or personal token), and its answers."""
import json
from datetime import date

from sqlalchemy import select

from tracker.models import ApiToken, AuditEntry
from tracker.models._base import utcnow
from tracker.models.token import hash_token
from tracker.totals import phase_totals


def issue_token(app, email):
    result = app.test_cli_runner().invoke(args=["users", "token", email])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_an_anonymous_caller_gets_401_json_not_a_login_page(client):
    response = client.get("/api/v1/totals?phase=9")
    assert response.status_code == 401
    assert response.is_json and "API token" in response.get_json()["message"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Location" not in response.headers


def test_a_signed_in_user_gets_spec_totals_object(db, manager_client, make_event, make_person, attend):
    attend(make_event(topics=["Document Security"]), make_person(), rating=5)
    response = manager_client.get("/api/v1/totals?phase=9")
    assert response.status_code == 200
    body = response.get_json()
    assert body == phase_totals(9)
    assert (body["phase"], body["events_held"], body["officials_trained"]) == (9, 1, 1)
    assert list(json.loads(response.get_data(as_text=True))) == list(phase_totals(9))  # SPEC order


def test_without_a_phase_the_api_answers_for_all_phases(db, staff_client):
    body = staff_client.get("/api/v1/totals").get_json()
    assert body["phase"] is None and body["cumulative"][0]["month"] == "2015-06"


def test_a_bad_phase_is_400_and_an_unknown_phase_404_both_json(db, staff_client):
    bad = staff_client.get("/api/v1/totals?phase=nine")
    assert bad.status_code == 400 and "whole number" in bad.get_json()["message"]
    unknown = staff_client.get("/api/v1/totals?phase=99")
    assert unknown.status_code == 404 and unknown.get_json()["message"] == "There is no phase 99."
    country = staff_client.get("/api/v1/totals?phase=9&country=XX")
    assert country.status_code == 400 and "country" in country.get_json()["message"]


def test_a_personal_token_opens_the_api_and_is_stored_hashed(app, db, make_user):
    user = make_user("manager", email="mira@example.org")
    token = issue_token(app, "mira@example.org")
    record = db.session.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
    assert record.token_hash == hash_token(token) and token not in record.token_hash
    assert record.last_used_at is None
    assert db.session.scalars(select(AuditEntry.action)).all() == ["api_token_issued"]

    response = app.test_client().get("/api/v1/totals?phase=9", headers=bearer(token))
    assert response.status_code == 200 and response.get_json()["phase"] == 9
    assert "Set-Cookie" not in response.headers  # a token call starts no session
    db.session.expire_all()
    assert db.session.get(ApiToken, record.id).last_used_at is not None


def test_a_token_does_not_open_the_web_pages(app, db, make_user):
    make_user("admin", email="ada@example.org")
    token = issue_token(app, "ada@example.org")
    response = app.test_client().get("/", headers=bearer(token))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_revoked_unknown_and_deactivated_users_tokens_are_refused(app, db, make_user):
    user = make_user("manager", email="mira@example.org")
    token = issue_token(app, "mira@example.org")
    client = app.test_client()
    assert client.get("/api/v1/totals", headers=bearer(token + "x")).status_code == 401
    assert client.get("/api/v1/totals", headers={"Authorization": token}).status_code == 401

    record = db.session.scalar(select(ApiToken))
    record.revoked_at = utcnow()
    db.session.commit()
    assert client.get("/api/v1/totals", headers=bearer(token)).status_code == 401

    record.revoked_at = None
    user.is_active = False
    db.session.commit()
    assert client.get("/api/v1/totals", headers=bearer(token)).status_code == 401


def test_a_token_for_an_unknown_email_is_refused_and_nothing_is_written(app, db):
    result = app.test_cli_runner().invoke(args=["users", "token", "nobody@example.org"])
    assert result.exit_code == 1 and "No user has the email" in result.output
    assert db.session.scalars(select(ApiToken)).all() == []


def test_a_country_limited_user_gets_only_their_country(
        db, signed_in, make_event, make_person, make_agency, attend):
    kz_agency = make_agency("Customs", "KZ", "customs")
    event = make_event(country_code="KZ")
    attend(event, make_person("Aigul Bekova", "KG"))
    attend(event, make_person("Dana Ospanova", "KZ", agency=kz_agency))
    attend(make_event(title="Astana only", country_code="KZ", start_date=date(2016, 4, 1),
                      end_date=None), make_person("Arman Ospanov", "KZ", agency=kz_agency))
    kg_user = signed_in("manager", country_code="KG")

    body = kg_user.get("/api/v1/totals?phase=9").get_json()
    assert body == phase_totals(9, "KG")
    assert (body["events_held"], body["officials_trained"], body["by_country"]) == (1, 1, {"KG": 1})
    assert kg_user.get("/api/v1/totals?phase=9&country=kg").get_json() == body
    refused = kg_user.get("/api/v1/totals?phase=9&country=KZ")
    assert refused.status_code == 403 and "KG" in refused.get_json()["message"]


def test_tokens_end_with_the_sessions_new_password_reset_and_deactivation(app, db, make_user,
                                                                          signed_in):
    """A token copied by whoever knew the old password, or made before an account was
    stopped, must not keep opening the API afterwards."""
    from tests.conftest import PASSWORD, sign_in

    admin = signed_in("admin")
    script = app.test_client()

    def works(token):
        return script.get("/api/v1/totals?phase=9", headers=bearer(token)).status_code == 200

    changer = make_user("manager", email="changer@example.org")
    token = issue_token(app, "changer@example.org")
    assert works(token)
    sign_in(app.test_client(), changer).post("/account/password", data={
        "current_password": PASSWORD, "new_password": "a river of slow green light",
        "confirm": "a river of slow green light"})
    assert not works(token)

    reset = make_user("manager", email="reset@example.org")
    token = issue_token(app, "reset@example.org")
    admin.post(f"/admin/users/{reset.id}", data={"name": reset.name, "role": "manager",
                                                 "country_code": "",
                                                 "new_password": "a river of slow green light"})
    assert not works(token)

    stopped = make_user("manager", email="stopped@example.org")
    token = issue_token(app, "stopped@example.org")
    admin.post(f"/admin/users/{stopped.id}/deactivate")
    admin.post(f"/admin/users/{stopped.id}/reactivate")
    assert not works(token)
    summaries = db.session.scalars(select(AuditEntry.summary).where(
        AuditEntry.action == "token_revoked").order_by(AuditEntry.id)).all()
    assert [s.split(": ", 1)[1] for s in summaries] == [
        "password changed", "password reset by an admin", "account deactivated"]
