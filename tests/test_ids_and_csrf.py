"""Unknown ids answer 404 on every route with an id (also another event's child under an
event's URL), and without a CSRF token every POST answers 400 and writes nothing; the walk
of every rule with the URLs and form data of tests/support/access.py."""
import re

import pytest

from tests.conftest import Client
from tests.support import world as w
from tests.support.access import form_data, methods, rules, url
from tracker import create_app
from tracker.extensions import db as _db

# --- Unknown ids ----------------------------------------------------------------------------

def int_arguments(rule) -> list[str]:
    return [arg for arg, converter in rule._converters.items()
            if converter.__class__.__name__ in ("IntegerConverter", "IdConverter")]


UNKNOWN_IDS = [999_999, 2**31, 10**30]  # unknown; past PostgreSQL's integer; past any
# Children of the Kyrgyz event, asked for under the Kazakh event's URL.
OTHER_EVENTS = {"attendance_id": "kg_attendance_id", "attachment_id": "kg_attachment_id",
                "testimony_id": "kg_testimony_id", "person_id": "kg_person_id"}


def test_unknown_ids_answer_404_on_every_route_with_an_id(app, db):
    world = w.build(app)
    client = world.client(app, "admin")
    problems, walked = [], 0
    before = w.snapshot()
    for rule in rules(app):
        for arg in int_arguments(rule):
            wrong = [(value, str(value)) for value in UNKNOWN_IDS]
            if arg in OTHER_EVENTS and "event_id" in rule.arguments:
                wrong.append((world.ids[OTHER_EVENTS[arg]], "the Kyrgyz event's"))
            for method in methods(rule):
                for value, label in wrong:
                    target = url(app, rule, world, "admin", **{arg: value})
                    response = client.open(target, method=method,
                                           data=form_data(rule.endpoint, world, method))
                    walked += 1
                    if response.status_code != 404:
                        problems.append(f"{method} {target} ({arg} {label}): "
                                        f"{response.status_code}")
                    after = w.snapshot()
                    if changed := w.changed_tables(before, after):
                        problems.append(f"{method} {target}: wrote to {changed}")
                    before = after
    assert walked > 100 and not problems, "\n".join(problems)


# --- CSRF -----------------------------------------------------------------------------------

@pytest.fixture
def csrf_app(app_config, db):
    """The app as in production: CSRF checked on every form."""
    config = type("CsrfConfig", (app_config,), {"WTF_CSRF_ENABLED": True})
    csrf_app = create_app(config)
    csrf_app.test_client_class = Client
    yield csrf_app
    with csrf_app.app_context():
        _db.engine.dispose()


@pytest.mark.parametrize("who", [None, "admin"], ids=["anonymous", "admin"])
def test_every_post_without_a_csrf_token_is_refused_and_writes_nothing(csrf_app, app, db, who):
    world = w.build(app)
    client = world.client(csrf_app, who)
    problems, posts = [], 0
    before = w.snapshot()
    for rule in rules(csrf_app):
        if "POST" not in rule.methods:
            continue
        posts += 1
        target = url(csrf_app, rule, world, who)
        response = client.post(target, data=form_data(rule.endpoint, world, "POST"))
        if response.status_code != 400:
            problems.append(f"POST {target}: {response.status_code}")
        elif "The request could not be understood" not in response.get_data(as_text=True):
            problems.append(f"POST {target}: 400 without the friendly page")
        after = w.snapshot()
        if changed := w.changed_tables(before, after):
            problems.append(f"POST {target}: wrote to {changed}")
        before = after
    assert posts >= 30 and not problems, "\n".join(problems)


def test_with_the_token_from_the_page_the_same_form_goes_through(csrf_app, app, db):
    world = w.build(app)
    client = world.client(csrf_app, "staff")
    page = client.get(f"/events/{world.ids['event_id']}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(f"/events/{world.ids['event_id']}/testimonies", data={
        "csrf_token": token, "quote": "Clear and practical.", "attribution": "A customs officer",
        "language": "en"})
    assert response.status_code == 302
    assert "Clear and practical." in client.get(response.headers["Location"]).get_data(
        as_text=True)
