"""SPEC's role table on every route: each registered URL rule, with each method it accepts,
walked by an anonymous visitor, staff, coordinators (also limited to Kyrgyzstan, against
Kazakh records), a manager and an admin. A refused request changes nothing but the audit
log's note of the refusal. (Unknown ids and CSRF: tests/test_ids_and_csrf.py.)

A route added without an entry in EXPECTED (tests/support/access.py) fails the first test:
say who may use it.
"""
import pytest
from sqlalchemy import select

from tests.support import world as w
from tests.support.access import (
    BODY_BOUND,
    COUNTRY_BOUND,
    EXPECTED,
    PUBLIC,
    REFUSED_ACCESS,
    SIGNED_IN,
    URL_IDS,
    WALKERS,
    form_data,
    methods,
    rules,
    url,
)
from tracker.models import AuditEntry, Event


def expectation(rule, who: str | None) -> str:
    """'public', 'login', 'forbidden', 'hidden' (another country's record) or 'allowed'."""
    allowed = EXPECTED[rule.endpoint]
    if allowed == PUBLIC:
        return "public"
    if who is None:
        return "login"
    role, country = w.USERS[who]
    if role not in allowed:
        return "forbidden"
    names_foreign = bool(COUNTRY_BOUND & set(rule.arguments)) or rule.endpoint in BODY_BOUND
    if country and names_foreign:
        return "hidden"
    return "allowed"


def judge(expected: str, rule, response) -> str | None:
    """What is wrong with the answer, or None."""
    status, location = response.status_code, response.headers.get("Location", "")
    api = rule.rule.startswith("/api/")
    if status >= 500:
        return f"{status}"
    if expected == "login":
        if api:
            return None if status == 401 else f"{status}, not 401"
        return None if status == 302 and location.startswith("/login") else \
            f"{status} {location}, not a redirect to /login"
    if expected == "forbidden":
        return None if status == 403 else f"{status}, not 403"
    if expected == "hidden":
        if rule.endpoint in BODY_BOUND:
            return None if status == 302 and "/login" not in location else f"{status}, not 302"
        return None if status == 404 else f"{status}, not 404"
    if rule.endpoint == "auth.logout":
        return None if status == 302 and location.startswith("/login") else f"{status}"
    if status in (400, 401, 403, 404, 405) or "/login" in location and expected != "public":
        return f"{status} {location}"
    return None


def names_shown(who: str | None, endpoint: str, response) -> list[str]:
    """Kazakh names a manager or a Kyrgyz-limited user must not see, found in a text answer
    (and, to show the check can see them, the names missing from the people list of a user
    who may see them all)."""
    if who is None or response.status_code != 200:
        return []
    role, country = w.USERS[who]
    if role != "manager" and not country:
        if endpoint != "people.index":
            return []
        body = response.get_data(as_text=True)
        return ["(missing) " + name for name in w.KZ_PERSON_NAMES[:2] if name not in body]
    if not (response.mimetype.startswith("text/") or response.is_json):
        return []  # XLSX is checked by its own tests; the walk reads text
    body = response.get_data(as_text=True)
    forbidden = list(w.KZ_PERSON_NAMES)
    # A public page (the check-in form names its event and lists agencies) is the same for
    # everyone: the country scope is not its business, people's names are.
    if country and EXPECTED[endpoint] != PUBLIC:
        forbidden += [w.KZ_EVENT_TITLE, w.KZ_AGENCY]
    return [text for text in forbidden if text in body]


# --- The table covers the app ---------------------------------------------------------------

def test_every_route_has_an_entry_in_the_role_table(app):
    registered = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert sorted(registered - set(EXPECTED)) == [], "say in EXPECTED who may use these routes"
    assert sorted(set(EXPECTED) - registered) == [], "these routes are gone: drop their entries"


def test_each_route_states_its_roles_in_the_code_as_the_table_does(app):
    """The decorator on each view names the same roles as SPEC's table (sign-in-only and
    public routes have none)."""
    differences = []
    for endpoint, view in app.view_functions.items():
        declared = getattr(view, "required_roles", None)
        expected = EXPECTED.get(endpoint)
        if declared is None:
            if expected not in (PUBLIC, SIGNED_IN):
                differences.append(f"{endpoint}: no role_required, table says {expected}")
        elif frozenset(declared) != expected:
            differences.append(f"{endpoint}: code {sorted(declared)}, table {sorted(expected)}")
    assert not differences, "\n".join(differences)


# --- The walk -------------------------------------------------------------------------------

@pytest.mark.parametrize("who", WALKERS, ids=[who or "anonymous" for who in WALKERS])
def test_every_route_answers_each_role_as_the_role_table_says(app, db, who):
    world = w.build(app)
    client = world.client(app, who)
    problems = []
    before = w.snapshot(REFUSED_ACCESS)
    for rule in rules(app):
        for method in methods(rule):
            expected = expectation(rule, who)
            target = url(app, rule, world, who)
            response = client.open(target, method=method,
                                   data=form_data(rule.endpoint, world, method))
            after = w.snapshot(REFUSED_ACCESS)
            where = f"{method} {target} ({rule.endpoint}), {expected}"
            if problem := judge(expected, rule, response):
                problems.append(f"{where}: {problem}")
            if shown := names_shown(who, rule.endpoint, response):
                problems.append(f"{where}: shows {shown}")
            changed = w.changed_tables(before, after)
            if expected in ("login", "forbidden", "hidden"):
                # A 403 is written to the audit log, and nothing else is.
                logged = "access_refused" in changed and \
                    after["access_refused"] - before["access_refused"]
                if logged != (expected == "forbidden"):
                    problems.append(f"{where}: {int(logged)} access_refused entries logged")
                if written := [name for name in changed if name != "access_refused"]:
                    problems.append(f"{where}: refused, yet wrote to {written}")
            elif set(changed) - {"audit_entry"}:
                world = w.rebuild(app)  # an allowed write: start again from the same world
                client = world.client(app, who)
                after = w.snapshot(REFUSED_ACCESS)
            before = after
    assert not problems, "\n".join(problems)


def test_a_refusal_is_in_the_audit_log_with_who_and_what(app, db):
    world = w.build(app)
    manager = world.client(app, "manager")
    assert manager.post(f"/events/{world.ids['event_id']}/delete").status_code == 403
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "access_refused"))
    assert (entry.user_id, entry.summary) == (
        world.users["manager"].id, f"POST /events/{world.ids['event_id']}/delete")
    assert db.session.get(Event, world.ids["event_id"]) is not None


# --- A country-limited user at home and abroad (SPEC "Roles") ---------------------------------

LIMITED = [who for who, (_role, country) in w.USERS.items() if country]
# Which of the world's records an event route names, at the event hosted at home (a Kazakh
# official's attendance, whose record is out of reach but whose row they run) and abroad (the
# Kyrgyz official's own lines).
AT = {
    "home": {"event_id": "home_event_id", "attendance_id": "home_attendance_id",
             "attachment_id": "home_attachment_id", "testimony_id": "home_testimony_id",
             "person_id": "home_person_id", "session_id": "home_session_id",
             "link_id": "home_link_id", "certificate_id": "home_certificate_id"},
    "abroad": {"event_id": "abroad_event_id", "attendance_id": "abroad_own_attendance_id",
               "attachment_id": "abroad_attachment_id", "testimony_id": "abroad_testimony_id",
               "person_id": "kg_person_id", "session_id": "abroad_session_id",
               "link_id": "abroad_link_id", "certificate_id": "abroad_certificate_id"},
}
# GETs that run the event no less than its forms do, so not abroad: a signed sign-in sheet is
# other countries' names, and the projector page shows the check-in link, through which anyone
# adds check-ins to the event (SPEC "Roles": abroad they change nothing of it).
NOT_ABROAD = {"events.download_attachment", "workshop.projector"}


def scoped_expectation(rule, who: str, where: str) -> str:
    role, _country = w.USERS[who]
    if role not in EXPECTED[rule.endpoint]:
        return "forbidden"
    # A rule that takes a POST changes the event (its GET is the form): not abroad.
    if where == "abroad" and ("POST" in rule.methods or rule.endpoint in NOT_ABROAD):
        return "forbidden"
    return "allowed"


def event_rules(app) -> list:
    # The restore page takes a deleted event only (walked above through URL_IDS).
    return [rule for rule in rules(app) if "event_id" in rule.arguments
            and rule.endpoint not in URL_IDS]


@pytest.mark.parametrize("where", ["home", "abroad"])
@pytest.mark.parametrize("who", LIMITED)
def test_a_limited_user_runs_events_at_home_and_reads_their_own_officials_abroad(
        app, db, who, where):
    world = w.build(app)
    client = world.client(app, who)
    problems = []
    before = w.snapshot(REFUSED_ACCESS)
    for rule in event_rules(app):
        for method in methods(rule):
            expected = scoped_expectation(rule, who, where)
            override = {arg: world.ids[AT[where][arg]] for arg in rule.arguments if arg in AT[where]}
            target = url(app, rule, world, who, **override)
            data = {"person_id": world.ids["kg_person_id"], "role": "participant"} \
                if rule.endpoint == "events.add_attendee" else form_data(rule.endpoint, world, method)
            response = client.open(target, method=method, data=data)
            after = w.snapshot(REFUSED_ACCESS)
            here = f"{method} {target} ({rule.endpoint}) {where}, {expected}"
            if problem := judge(expected, rule, response):
                problems.append(f"{here}: {problem}")
            body = response.get_data(as_text=True) if response.mimetype.startswith("text/") else ""
            hidden = [w.HOME_FOREIGN_EMAIL] + (
                [*w.KZ_PERSON_NAMES, w.KZ_AGENCY] if where == "abroad" else [])
            if shown := [text for text in hidden if text in body]:
                problems.append(f"{here}: shows {shown}")
            changed = w.changed_tables(before, after)
            if expected == "forbidden":
                if written := [name for name in changed if name != "access_refused"]:
                    problems.append(f"{here}: refused, yet wrote to {written}")
            elif set(changed) - {"audit_entry"}:
                world = w.rebuild(app)
                client = world.client(app, who)
                after = w.snapshot(REFUSED_ACCESS)
            before = after
    assert not problems, "\n".join(problems)


def test_at_home_the_whole_roster_shows_but_not_other_countries_contacts_or_records(app, db):
    world = w.build(app)
    coordinator = world.client(app, "coordinator_kg")
    home, dana = world.ids["home_event_id"], world.ids["home_person_id"]
    page = coordinator.get(f"/events/{home}").get_data(as_text=True)
    assert w.HOME_FOREIGN_NAME in page and w.KG_OFFICIAL in page
    assert f'href="/people/{dana}"' not in page  # her record is out of reach…
    assert coordinator.get(f"/people/{dana}").status_code == 404
    roster = coordinator.get(f"/events/{home}/export.csv").get_data(as_text=True)
    assert w.HOME_FOREIGN_NAME in roster and w.HOME_FOREIGN_EMAIL not in roster  # …her email too
    assert w.KG_OFFICIAL_EMAIL in roster
    # An admin (never limited) sees every email.
    everything = world.client(app, "admin").get(f"/events/{home}/export.csv").get_data(as_text=True)
    assert w.HOME_FOREIGN_EMAIL in everything


def test_abroad_only_their_own_officials_show_and_nothing_changes(app, db):
    world = w.build(app)
    coordinator = world.client(app, "coordinator_kg")
    abroad = world.ids["abroad_event_id"]
    page = coordinator.get(f"/events/{abroad}").get_data(as_text=True)
    assert w.ABROAD_EVENT_TITLE in page and w.KG_OFFICIAL in page
    assert "Zarina Kazakhova" not in page
    assert '<div class="card-figure">2</div>participants' in page  # the event's own count
    for path in ("export.csv", "attendance-report", "sign-in-sheet", "certificates"):
        text = coordinator.get(f"/events/{abroad}/{path}").get_data(as_text=True)
        assert w.KG_OFFICIAL in text and "Zarina Kazakhova" not in text, path
    assert coordinator.get(f"/events/{abroad}/certificates/{world.ids['person_id']}"
                           ).status_code == 404
    before = w.snapshot(REFUSED_ACCESS)
    assert coordinator.post(f"/events/{abroad}/delete").status_code == 403
    assert w.changed_tables(before, w.snapshot(REFUSED_ACCESS)) == ["access_refused"]


def test_a_limited_users_dashboard_and_event_list_agree(app, db):
    """The dashboard said 60 events held while the list showed 19: events abroad that the
    country's officials attended were counted but hidden."""
    world = w.build(app)
    for who in ("staff_kg", "coordinator_kg", "staff", "admin"):
        client = world.client(app, who)
        held = client.get("/api/v1/totals?phase=9").get_json()["events_held"]
        listed = client.get("/events?status=held&phase=9").get_data(as_text=True)
        titles = [t for t in (w.KZ_EVENT_TITLE, "Bishkek profiling seminar",
                              w.HOME_EVENT_TITLE, w.ABROAD_EVENT_TITLE) if t in listed]
        assert held == len(titles), (who, held, titles)
    assert sorted(titles) == sorted([w.KZ_EVENT_TITLE, "Bishkek profiling seminar",
                                     w.HOME_EVENT_TITLE, w.ABROAD_EVENT_TITLE])
