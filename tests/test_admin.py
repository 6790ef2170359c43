"""The admin area: users, phases and targets, reference lists, the audit log."""
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import delete, func, select, update

from tests.conftest import PASSWORD, sign_in
from tests.support.html import error_next_to
from tracker.models import AgencyType, AuditEntry, Country, EventKind, Phase, Topic, User

NEW_PASSWORD = "a river of slow green light"
SEEDED = [Country, Topic, AgencyType, EventKind, Phase]


@pytest.fixture(autouse=True)
def restore_seeded(db):
    """Reference lists and phases stay seeded between tests: put back whatever a test changed."""
    saved = {m.__table__: db.session.execute(select(m.__table__)).mappings().all() for m in SEEDED}
    yield
    db.session.rollback()
    for table, rows in saved.items():
        key = list(table.primary_key.columns)[0]
        db.session.execute(delete(table).where(key.not_in([row[key.name] for row in rows])))
        for row in rows:
            db.session.execute(update(table).where(key == row[key.name]).values(**row))
    db.session.commit()


def audit_actions(db):
    return db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()


def count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


# --- Who may enter ------------------------------------------------------------------------

def admin_urls(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/admin"):
            values = {arg: {"slug": "topics", "key": "1"}.get(arg, 1) for arg in rule.arguments}
            url = rule.build(values)[1]
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, url


@pytest.mark.parametrize("role", ["staff", "coordinator", "manager"])
def test_only_admins_may_open_any_admin_page(app, signed_in, db, role):
    client = signed_in(role)
    urls = list(admin_urls(app))
    assert len(urls) >= 12
    for method, url in urls:
        response = client.open(url, method=method, data={
            "email": "x@example.org", "name": "X", "role": "admin", "password": NEW_PASSWORD,
            "name_en": "X", "name_ru": "Х"})
        assert response.status_code == 403, (method, url)
    # Only the refusals are written, to the audit log.
    assert count(db, User) == 1 and audit_actions(db) == ["access_refused"] * len(urls)
    anonymous = app.test_client()
    assert anonymous.get("/admin/users").headers["Location"].startswith("/login")


def test_the_admin_menu_entry_shows_for_admins_only(signed_in):
    def menu(role):
        return signed_in(role).get("/account").get_data(as_text=True)

    assert 'href="/admin/users"' in menu("admin")
    assert 'href="/admin/users"' not in menu("coordinator")


# --- Users --------------------------------------------------------------------------------

def test_the_user_list_shows_role_country_and_status(admin_client, make_user):
    make_user("staff", country_code="KG", name="Aibek Staff")
    make_user("manager", name="Gone Manager", is_active=False)
    page = admin_client.get("/admin/users").get_data(as_text=True)
    assert "Aibek Staff" in page and "Kyrgyzstan" in page
    assert "Gone Manager" in page and "deactivated" in page


def test_an_admin_creates_a_user_who_can_then_sign_in(app, admin_client, db):
    response = admin_client.post("/admin/users/new", data={
        "email": "Nurlan@Example.org", "name": "Nurlan K.", "role": "coordinator",
        "country_code": "KG", "password": NEW_PASSWORD})
    assert response.headers["Location"] == "/admin/users"
    assert "Nurlan K. (nurlan@example.org) can now sign in" in admin_client.get(
        "/admin/users").get_data(as_text=True)
    user = db.session.scalar(select(User).where(User.email == "nurlan@example.org"))
    assert (user.role, user.country_code, user.is_active) == ("coordinator", "KG", True)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user_created"))
    assert entry.object_id == user.id and entry.after["role"] == "coordinator"
    assert entry.user_id == admin_client.user.id
    newcomer = app.test_client()
    newcomer.post("/login", data={"email": "nurlan@example.org", "password": NEW_PASSWORD})
    assert "nurlan@example.org" in newcomer.get("/account").get_data(as_text=True)


@pytest.mark.parametrize("changes,field,message", [
    ({"password": "short"}, "password", "Use at least 12 characters."),
    ({"password": "password1234"}, "password", "too common"),
    ({"email": "TAKEN@example.org"}, "email", "A user with this email already exists."),
    ({"email": "not an email"}, "email", "Invalid email address."),
    ({"name": ""}, "name", "This field is required."),
    ({"role": "superuser"}, "role", "Not a valid choice."),
    ({"country_code": "XX"}, "country_code", "Not a valid choice."),
])
def test_a_refused_new_user_says_why_next_to_the_field_and_writes_nothing(
        admin_client, make_user, db, changes, field, message):
    make_user("staff", email="taken@example.org")
    data = {"email": "new@example.org", "name": "New", "role": "staff", "country_code": "",
            "password": NEW_PASSWORD, **changes}
    page = admin_client.post("/admin/users/new", data=data).get_data(as_text=True)
    assert message in error_next_to(page, field)
    assert count(db, User) == 2 and audit_actions(db) == []


def test_a_role_change_applies_at_once_and_is_audited(app, admin_client, make_user, db):
    user = make_user("staff", name="Dina")
    dina = sign_in(app.test_client(), user)
    assert dina.get("/admin/users").status_code == 403
    response = admin_client.post(f"/admin/users/{user.id}", data={
        "name": "Dina", "role": "coordinator", "country_code": "TJ", "new_password": ""})
    assert response.headers["Location"] == "/admin/users"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "role_changed"))
    assert entry.before == {"role": "staff", "country_code": None}
    assert entry.after == {"role": "coordinator", "country_code": "TJ"}
    page = admin_client.get("/admin/audit?action=role_changed").get_data(as_text=True)
    assert "staff → coordinator" in page and "None → TJ" not in page and "– → TJ" in page
    admin_client.post(f"/admin/users/{user.id}", data={
        "name": "Dina", "role": "admin", "country_code": "", "new_password": ""})
    assert dina.get("/admin/users").status_code == 200  # same session, new role


def test_an_admin_is_never_limited_to_a_country(app, admin_client, make_user, db):
    """A limited admin could lift their own limit, and read every country's audit log."""
    user = make_user("coordinator", country_code="KG")
    page = admin_client.post(f"/admin/users/{user.id}", data={
        "name": user.name, "role": "admin", "country_code": "KG", "new_password": ""}
    ).get_data(as_text=True)
    assert "An admin sees every country" in error_next_to(page, "country_code")
    page = admin_client.post("/admin/users/new", data={
        "email": "new@example.org", "name": "New", "role": "admin", "country_code": "KG",
        "password": NEW_PASSWORD}).get_data(as_text=True)
    assert "An admin sees every country" in error_next_to(page, "country_code")
    db.session.expire_all()
    assert db.session.get(User, user.id).role == "coordinator" and count(db, User) == 2
    refused = app.test_cli_runner().invoke(args=["users", "create", "kg-admin@example.org",
                                                 "--role", "admin", "--country", "KG"],
                                           input="a long enough passphrase\n")
    assert refused.exit_code == 1
    assert "Admins are never limited to a country" in refused.output
    assert count(db, User) == 2 and audit_actions(db) == []


def test_an_admin_cannot_change_their_own_role_or_reset_their_own_password(admin_client, db):
    me = admin_client.user
    page = admin_client.post(f"/admin/users/{me.id}", data={
        "name": me.name, "role": "staff", "country_code": ""}).get_data(as_text=True)
    assert "You cannot change your own role" in error_next_to(page, "role")
    page = admin_client.post(f"/admin/users/{me.id}", data={
        "name": me.name, "role": "admin", "country_code": "", "new_password": NEW_PASSWORD}
    ).get_data(as_text=True)
    assert "on your account page" in error_next_to(page, "new_password")
    db.session.expire_all()
    assert db.session.get(User, me.id).role == "admin" and audit_actions(db) == []
    assert admin_client.get("/admin/users").status_code == 200  # still signed in


def test_an_admin_sets_a_new_password_which_ends_the_users_sessions(app, admin_client,
                                                                   make_user, db):
    user = make_user("staff", email="dina@example.org")
    dina = sign_in(app.test_client(), user)
    page = admin_client.post(f"/admin/users/{user.id}", data={
        "name": user.name, "role": "staff", "country_code": "", "new_password": "123456789012"}
    ).get_data(as_text=True)
    assert "too common" in error_next_to(page, "new_password")
    assert dina.get("/").status_code == 200 and audit_actions(db) == []
    admin_client.post(f"/admin/users/{user.id}", data={
        "name": user.name, "role": "staff", "country_code": "", "new_password": NEW_PASSWORD})
    assert dina.get("/").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).check_password(NEW_PASSWORD)
    assert audit_actions(db) == ["password_reset"]


def test_deactivation_ends_the_users_session_and_reactivation_lets_them_back(
        app, admin_client, make_user, db):
    user = make_user("coordinator", email="dina@example.org")
    dina = sign_in(app.test_client(), user)
    assert dina.get("/").status_code == 200
    response = admin_client.post(f"/admin/users/{user.id}/deactivate")
    assert response.headers["Location"] == f"/admin/users/{user.id}"
    assert "deactivated and signed out" in admin_client.get(
        f"/admin/users/{user.id}").get_data(as_text=True)
    assert dina.get("/").status_code == 302  # the copied cookie is worthless now
    again = app.test_client()
    refused = again.post("/login", data={"email": "dina@example.org", "password": PASSWORD})
    assert "Email or password is not right." in refused.get_data(as_text=True)
    admin_client.post(f"/admin/users/{user.id}/reactivate")
    db.session.expire_all()
    assert db.session.get(User, user.id).is_active
    assert again.post("/login", data={"email": "dina@example.org",
                                      "password": PASSWORD}).status_code == 302
    assert audit_actions(db) == ["user_deactivated", "login_failed", "user_reactivated", "login"]


def test_an_admin_cannot_deactivate_themselves(admin_client, db):
    me = admin_client.user
    admin_client.post(f"/admin/users/{me.id}/deactivate")
    page = admin_client.get(f"/admin/users/{me.id}").get_data(as_text=True)
    assert "You cannot deactivate your own account." in page
    db.session.expire_all()
    assert db.session.get(User, me.id).is_active and audit_actions(db) == []


def test_unknown_users_are_404(admin_client):
    assert admin_client.get("/admin/users/999999").status_code == 404
    assert admin_client.post("/admin/users/999999/deactivate").status_code == 404
    huge = "9" * 25  # beyond any database integer: still an unknown id, not an error
    assert admin_client.get(f"/admin/users/{huge}").status_code == 404
    assert admin_client.post(f"/account/tokens/{huge}/revoke").status_code == 404


# --- Phases and targets ---------------------------------------------------------------------

PHASE_8 = {"number": "8", "name": "BOMCA 8", "start_date": "2011-01-01",
           "end_date": "2015-05-31", "total_cost": "6000000.00", "eu_contribution": "5000000",
           "currency": "eur", "implementing_organisation": "UNDP", "funding_instrument": "DCI",
           "target_events_held": "50", "target_officials_trained": "800",
           "target_women_trained": "120", "completion_percent": "80"}


def test_the_phase_list_shows_dates_budget_and_targets(admin_client):
    page = admin_client.get("/admin/phases").get_data(as_text=True)
    assert "BOMCA 9" in page and "01.06.2015 – 30.06.2018" in page
    assert "EUR 4,954,784.93" in page and "80 %" in page


def test_an_admin_adds_a_phase_with_budget_and_targets(admin_client, db):
    response = admin_client.post("/admin/phases/new", data=PHASE_8)
    assert response.headers["Location"] == "/admin/phases"
    phase = db.session.scalar(select(Phase).where(Phase.number == 8))
    assert (phase.start_date, phase.end_date) == (date(2011, 1, 1), date(2015, 5, 31))
    assert phase.total_cost == Decimal("6000000.00") and phase.currency == "EUR"
    assert (phase.target_events_held, phase.target_officials_trained,
            phase.target_women_trained) == (50, 800, 120)
    assert phase.completion_share == Decimal("0.80") and phase.programme.name == "BOMCA"
    assert audit_actions(db) == ["phase_created"]


def test_editing_a_phase_changes_its_targets_and_audits_only_the_change(admin_client, phase9, db):
    form = admin_client.get(f"/admin/phases/{phase9.id}").get_data(as_text=True)
    assert 'value="2015-06-01"' in form and 'value="80"' in form
    data = {**PHASE_8, "number": "9", "name": "BOMCA 9", "start_date": "2015-06-01",
            "end_date": "2018-06-30", "total_cost": "4954784.93", "eu_contribution": "4503899.50",
            "currency": "EUR", "implementing_organisation": "State Border Guard of Latvia",
            "funding_instrument": phase9.funding_instrument,
            "target_events_held": "70", "target_officials_trained": "1000",
            "target_women_trained": "150", "completion_percent": "75"}
    admin_client.post(f"/admin/phases/{phase9.id}", data=data)
    db.session.expire_all()
    phase = db.session.get(Phase, phase9.id)
    assert (phase.target_events_held, phase.completion_share) == (70, Decimal("0.75"))
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "phase_changed"))
    assert entry.after == {"target_events_held": 70, "target_officials_trained": 1000,
                           "target_women_trained": 150, "completion_share": "0.75"}
    assert entry.before == {"target_events_held": None, "target_officials_trained": None,
                            "target_women_trained": None, "completion_share": "0.80"}


def test_moving_a_phases_dates_past_its_events_warns(admin_client, phase9, make_event, db):
    make_event(start_date=date(2016, 3, 14))
    data = {**PHASE_8, "number": "9", "name": "BOMCA 9", "start_date": "2016-04-01",
            "end_date": "2018-06-30"}
    admin_client.post(f"/admin/phases/{phase9.id}", data=data)
    page = admin_client.get("/admin/phases").get_data(as_text=True)
    assert "1 event(s) of BOMCA 9 start outside its dates" in page


@pytest.mark.parametrize("changes,field,message", [
    ({"start_date": "2015-01-01", "end_date": "2015-12-31"}, "start_date", "overlap phase 9"),
    ({"end_date": "2010-12-31"}, "end_date", "The end date is before the start date."),
    ({"number": "9"}, "number", "BOMCA already has a phase 9."),
    ({"completion_percent": "0"}, "completion_percent", "Number must be between 1 and 100."),
    ({"completion_percent": "101"}, "completion_percent", "Number must be between 1 and 100."),
    ({"eu_contribution": "7000000"}, "eu_contribution", "larger than the total cost"),
    ({"target_women_trained": "-5"}, "target_women_trained", "Number must be between"),
    ({"start_date": "31.12.2011"}, "start_date", "Not a valid date value."),
    ({"currency": "euro"}, "currency", "Three letters"),
])
def test_a_refused_phase_says_why_next_to_the_field_and_writes_nothing(
        admin_client, db, changes, field, message):
    before = db.session.execute(select(Phase.__table__)).all()
    page = admin_client.post("/admin/phases/new", data={**PHASE_8, **changes}).get_data(
        as_text=True)
    assert message in error_next_to(page, field)
    assert db.session.execute(select(Phase.__table__)).all() == before
    assert audit_actions(db) == []


def test_a_refused_phase_edit_keeps_the_phase_as_it_was(admin_client, phase9, db):
    before = db.session.execute(select(Phase.__table__)).all()
    page = admin_client.post(f"/admin/phases/{phase9.id}", data={
        **PHASE_8, "number": "9", "start_date": "2015-06-01", "end_date": "2022-01-01"}
    ).get_data(as_text=True)
    assert "overlap phase 10" in error_next_to(page, "start_date")
    assert "BOMCA 9</h2>" in page  # still the phase's own form
    assert db.session.execute(select(Phase.__table__)).all() == before
    assert audit_actions(db) == []


@pytest.mark.parametrize("amount", ["NaN", "sNaN", "Infinity", "-1", "1000000000000"])
def test_amounts_that_are_no_money_are_refused_not_crashed_on(admin_client, db, amount):
    response = admin_client.post("/admin/phases/new", data={**PHASE_8, "total_cost": amount})
    assert response.status_code == 200
    assert error_next_to(response.get_data(as_text=True), "total_cost")
    assert db.session.scalar(select(Phase).where(Phase.number == 8)) is None


def test_unknown_phases_are_404(admin_client):
    assert admin_client.get("/admin/phases/999999").status_code == 404


# --- Reference lists --------------------------------------------------------------------------

def test_reference_lists_show_both_languages(admin_client):
    assert admin_client.get("/admin/reference").headers["Location"] == "/admin/reference/countries"
    page = admin_client.get("/admin/reference/countries").get_data(as_text=True)
    assert "Kyrgyzstan" in page and "Кыргызстан" in page
    topics = admin_client.get("/admin/reference/topics").get_data(as_text=True)
    assert "Document Security" in topics and "Безопасность документов" in topics


def test_an_admin_adds_a_country_and_a_topic(admin_client, db):
    admin_client.post("/admin/reference/countries", data={
        "code": "ge", "name_en": "Georgia", "name_ru": "Грузия", "is_beneficiary": "y"})
    georgia = db.session.get(Country, "GE")
    assert (georgia.name_en, georgia.name_ru, georgia.is_beneficiary) == ("Georgia", "Грузия", True)
    response = admin_client.post("/admin/reference/topics", data={
        "name_en": "Cyber Security", "name_ru": "Кибербезопасность"})
    assert response.headers["Location"] == "/admin/reference/topics"
    assert db.session.scalar(select(Topic).where(Topic.name_en == "Cyber Security"))
    admin_client.post("/admin/reference/event-kinds", data={
        "code": "Round_Table", "name_en": "Round table", "name_ru": "Круглый стол"})
    assert db.session.scalar(select(EventKind).where(EventKind.code == "round_table"))
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == ["reference_added"] * 3
    assert entries[0].summary == "Countries: GE Georgia"


def test_renaming_keeps_the_entry_and_audits_old_and_new_names(admin_client, db):
    topic = db.session.scalar(select(Topic).where(Topic.name_en == "Anti-corruption"))
    form = admin_client.get(f"/admin/reference/topics/{topic.id}").get_data(as_text=True)
    assert 'value="Anti-corruption"' in form
    admin_client.post(f"/admin/reference/topics/{topic.id}", data={
        "name_en": "Anti-Corruption", "name_ru": topic.name_ru})
    db.session.expire_all()
    assert db.session.get(Topic, topic.id).name_en == "Anti-Corruption"
    entry = db.session.scalar(select(AuditEntry))
    assert (entry.action, entry.before, entry.after) == (
        "reference_renamed", {"name_en": "Anti-corruption"}, {"name_en": "Anti-Corruption"})
    admin_client.post("/admin/reference/countries/kg", data={
        "name_en": "Kyrgyz Republic", "name_ru": "Кыргызская Республика"})
    assert db.session.get(Country, "KG").name_en == "Kyrgyz Republic"


@pytest.mark.parametrize("url,data,field,message", [
    ("/admin/reference/countries", {"code": "kg", "name_en": "Kirghizia", "name_ru": "Киргизия"},
     "code", "“KG” is already in the list."),
    ("/admin/reference/countries", {"code": "K1", "name_en": "Nowhere", "name_ru": "Нигде"},
     "code", "Two letters"),
    ("/admin/reference/countries", {"code": "GE", "name_en": "kyrgyzstan", "name_ru": "Грузия"},
     "name_en", "is already in the list."),
    ("/admin/reference/topics", {"name_en": "document security", "name_ru": "Другое"},
     "name_en", "is already in the list."),
    ("/admin/reference/topics", {"name_en": "", "name_ru": "Другое"},
     "name_en", "This field is required."),
    ("/admin/reference/agency-types", {"code": "border guard!", "name_en": "X", "name_ru": "Х"},
     "code", "Lower-case letters"),
    ("/admin/reference/event-kinds", {"code": "other", "name_en": "Seminar", "name_ru": "Иное"},
     "name_en", "“Seminar” is already in the list."),
    ("/admin/reference/topics/1", {"name_en": "Customs Valuation", "name_ru": "Таможенная оценка"},
     "name_en", "is already in the list."),
    ("/admin/reference/countries/KG", {"name_en": "Kyrgyzstan", "name_ru": "x" * 101},
     "name_ru", "Field cannot be longer than 100 characters."),
])
def test_a_refused_reference_entry_says_why_and_writes_nothing(admin_client, db, url, data,
                                                               field, message):
    if url == "/admin/reference/topics/1":
        topic = db.session.scalar(select(Topic).where(Topic.name_en == "Document Security"))
        url = f"/admin/reference/topics/{topic.id}"
    before = {m: db.session.execute(select(m.__table__)).all() for m in SEEDED[:4]}
    page = admin_client.post(url, data=data).get_data(as_text=True)
    assert message in error_next_to(page, field)
    db.session.expire_all()
    assert {m: db.session.execute(select(m.__table__)).all() for m in SEEDED[:4]} == before
    assert audit_actions(db) == []


def test_unknown_lists_and_entries_are_404(admin_client):
    assert admin_client.get("/admin/reference/planets").status_code == 404
    assert admin_client.get("/admin/reference/topics/999999").status_code == 404
    assert admin_client.get("/admin/reference/topics/abc").status_code == 404
    assert admin_client.get("/admin/reference/topics/" + "9" * 25).status_code == 404
    assert admin_client.get("/admin/reference/countries/ZZ").status_code == 404


# --- Audit log --------------------------------------------------------------------------------

@pytest.fixture
def log(db, make_user):
    """Entries by two users over three days."""
    ana, bob = make_user("staff", name="Ana"), make_user("coordinator", name="Bob")
    rows = [(ana, "login", None, None, datetime(2024, 5, 1, 9)),
            (ana, "event_created", "event", 7, datetime(2024, 5, 1, 10)),
            (bob, "event_changed", "event", 7, datetime(2024, 5, 2, 23, 59)),
            (bob, "event_changed", "event", 8, datetime(2024, 5, 3, 8)),
            (bob, "export", None, None, datetime(2024, 5, 3, 9))]
    for user, action, object_type, object_id, at in rows:
        db.session.add(AuditEntry(user_id=user.id, action=action, object_type=object_type,
                                  object_id=object_id, created_at=at,
                                  summary=f"{action} by {user.name}"))
    db.session.commit()
    return ana, bob


def summaries(page: str) -> list[str]:
    return re.findall(r"<td>([a-z_]+ by \w+)</td>", page)


def test_the_audit_log_lists_newest_first_and_filters(admin_client, log):
    ana, bob = log
    page = admin_client.get("/admin/audit").get_data(as_text=True)
    assert summaries(page) == ["export by Bob", "event_changed by Bob", "event_changed by Bob",
                               "event_created by Ana", "login by Ana"]
    assert summaries(admin_client.get(f"/admin/audit?user={ana.id}").get_data(as_text=True)) == [
        "event_created by Ana", "login by Ana"]
    assert len(summaries(admin_client.get("/admin/audit?action=event_changed").get_data(
        as_text=True))) == 2
    by_object = admin_client.get("/admin/audit?object_type=event&object_id=7").get_data(
        as_text=True)
    assert summaries(by_object) == ["event_changed by Bob", "event_created by Ana"]
    day_two = admin_client.get("/admin/audit?date_from=2024-05-02&date_to=2024-05-02")
    assert summaries(day_two.get_data(as_text=True)) == ["event_changed by Bob"]


def test_a_wrong_date_range_is_shown_next_to_the_field(admin_client, log):
    page = admin_client.get("/admin/audit?date_from=2024-05-03&date_to=2024-05-01").get_data(
        as_text=True)
    assert "before the “From” date" in error_next_to(page, "date_to")
    assert summaries(page) == ["export by Bob", "event_changed by Bob"]  # "from" still applies
    page = admin_client.get("/admin/audit?date_from=yesterday&object_id=x").get_data(as_text=True)
    assert "Not a valid date value." in error_next_to(page, "date_from")
    assert len(summaries(page)) == 5


def test_the_audit_log_is_paginated(admin_client, db, make_user):
    user = make_user("staff", name="Ana")
    db.session.add_all(AuditEntry(user_id=user.id, action="login", summary="login by Ana",
                                  created_at=datetime(2024, 1, 1, 0, n)) for n in range(55))
    db.session.commit()
    first = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "55 entries" in first and len(summaries(first)) == 50
    assert 'href="/admin/audit?page=2"' in first
    assert len(summaries(admin_client.get("/admin/audit?page=2").get_data(as_text=True))) == 5
    assert admin_client.get("/admin/audit?page=abc").status_code == 200
    assert "No entries match" in admin_client.get("/admin/audit?page=" + "9" * 25).get_data(
        as_text=True)


def test_extreme_search_values_are_answered_not_crashed_on(admin_client, log):
    latest = admin_client.get("/admin/audit?date_from=2024-05-03&date_to=9999-12-31")
    assert summaries(latest.get_data(as_text=True)) == ["export by Bob", "event_changed by Bob"]
    page = admin_client.get("/admin/audit?object_id=" + "9" * 25).get_data(as_text=True)
    assert "Number must be between" in error_next_to(page, "object_id")


def test_an_admin_resets_a_password_shown_once_and_the_user_is_signed_out(
        app, admin_client, make_user, db):
    user = make_user("staff")
    colleague = app.test_client()
    sign_in(colleague, user)
    assert colleague.get("/events").status_code == 200
    page = admin_client.get(f"/admin/users/{user.id}").get_data(as_text=True)
    assert f'action="/admin/users/{user.id}/reset-password"' in page
    response = admin_client.post(f"/admin/users/{user.id}/reset-password")
    page = response.get_data(as_text=True)
    password = page.split('id="new-password">')[1].split("<")[0]
    assert response.status_code == 200 and len(password) >= 16
    assert "it is shown only now" in page
    db.session.expire_all()
    assert db.session.get(User, user.id).check_password(password)
    assert colleague.get("/events").status_code == 302  # signed out
    assert "password_reset" in audit_actions(db)
    own = admin_client.post(f"/admin/users/{admin_client.user.id}/reset-password",
                            follow_redirects=True)
    assert "Change your own password on your account page." in own.get_data(as_text=True)
