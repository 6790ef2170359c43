"""Remembered totals: found again until this database's figures change, never older than
the data, shared by every worker through Redis, untouched by anyone else's commits."""
import os
import uuid
from datetime import date

import pytest
import redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, delete, event, select, text

from tests.conftest import PER_TEST_TABLES
from tracker import create_app
from tracker.extensions import db as _db
from tracker.models import Attendance, AuditEntry
from tracker.register import apply_plan, prepare
from tracker.totals import cache, find_phase, queries


def api(client, phase=9):
    response = client.get(f"/api/v1/totals?phase={phase}")
    assert response.status_code == 200
    return response.get_json()


def plain(phase=9):
    """The aggregates over the raw tables, as before the figures were kept."""
    return queries.totals(_db.session, find_phase(phase), None, date.today())


class Statements:
    """The SQL statements the app runs while this is open."""

    def __init__(self, engine):
        self.engine, self.seen = engine, []

    def _count(self, _conn, _cursor, statement, *_args):
        self.seen.append(statement)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self.seen

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._count)


def figures_read(statements) -> list[str]:
    return [s for s in statements if "totals_count" in s or "attendance" in s]


def test_a_repeated_request_reads_only_the_token(db, manager_client, make_event, make_person,
                                                 attend):
    attend(make_event(), make_person())
    first = api(manager_client)
    with Statements(db.engine) as statements:
        second = api(manager_client)
    assert second == first == plain()
    assert not figures_read(statements)
    assert any("totals_state" in s for s in statements)


def test_commits_that_change_no_figure_keep_the_result(app, db, manager_client, make_event,
                                                       make_person, attend, database):
    attend(make_event(), make_person())
    api(manager_client)
    db.session.add(AuditEntry(action="sign_in", summary="a sign-in's audit row"))
    db.session.commit()
    url, options = database  # another database on the same server or disk commits too
    other = create_engine(url, **options) if url.startswith("postgresql") else None
    if other is not None:
        with other.begin() as connection:
            connection.execute(text("CREATE TEMPORARY TABLE elsewhere (n int)"))
            connection.execute(text("INSERT INTO elsewhere VALUES (1)"))
        other.dispose()
    with Statements(db.engine) as statements:
        again = api(manager_client)
    assert not figures_read(statements)
    assert again == plain()


def test_writes_through_the_orm_and_the_bulk_import_are_seen(
        db, manager_client, make_event, make_person, attend):
    workshop = make_event()
    attend(workshop, make_person())
    assert api(manager_client)["officials_trained"] == 1

    attend(workshop, make_person("Nurlan Asanov", sex="M"))  # the ORM
    assert api(manager_client) == plain() and plain()["officials_trained"] == 2

    plan = prepare(("event_title,start_date,full_name,country\n"
                    f"{workshop.title},{workshop.start_date.isoformat()},Dana Ospanova,KZ\n").encode())
    apply_plan(plan, source="test")  # Core bulk inserts
    assert api(manager_client) == plain() and plain()["by_country"] == {"KG": 2, "KZ": 1}

    workshop.status = "cancelled"
    db.session.commit()
    assert api(manager_client) == plain() and plain()["events_held"] == 0


def test_a_write_rolled_back_leaves_no_figures_behind(app, db, make_event, make_person, attend):
    workshop, aigul = make_event(), make_person()
    with app.test_request_context("/api/v1/totals?phase=9"):
        attend_later = Attendance(event=workshop, person=aigul, role="participant")
        db.session.add(attend_later)
        db.session.flush()
        assert find_and_count() == 1  # the writer sees its own write, remembered under its token
        db.session.rollback()
        assert find_and_count() == 0 == plain()["participations"]


def find_and_count():
    from tracker.totals import phase_totals
    return phase_totals(9)["participations"]


@pytest.fixture
def second_worker(app_config):
    """Another app (a second gunicorn worker) on the same database and Redis, under a key
    prefix of this test's own, removed afterwards (Redis keeps what runs leave)."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("Redis tests need TEST_REDIS_URL, e.g. redis://127.0.0.1:6379/15")

    class Config(app_config):
        REDIS_URL = url
        TOTALS_REDIS_PREFIX = f"test-totals-{uuid.uuid4().hex[:12]}:"

    worker = create_app(Config)
    yield worker
    with worker.app_context():
        _db.session.remove()
    store = redis.Redis.from_url(url)
    try:
        for key in store.scan_iter(match=Config.TOTALS_REDIS_PREFIX + "*"):
            store.delete(key)
    finally:
        store.close()


def test_workers_share_results_through_redis(app, db, second_worker, make_event, make_person,
                                             attend, make_user):
    from tests.conftest import sign_in
    attend(make_event(), make_person())
    manager = make_user("manager")
    app.config["REDIS_URL"] = second_worker.config["REDIS_URL"]
    app.config["TOTALS_REDIS_PREFIX"] = second_worker.config["TOTALS_REDIS_PREFIX"]
    try:
        first = sign_in(app.test_client(), manager)
        assert api(first) == plain()
        second = sign_in(second_worker.test_client(), manager)
        with second_worker.app_context():
            engine = _db.engine
        with Statements(engine) as statements:
            shared = api(second)
        assert not figures_read(statements)
        assert shared == plain()
        kept = redis.Redis.from_url(app.config["REDIS_URL"])
        assert list(kept.scan_iter(match=app.config["TOTALS_REDIS_PREFIX"] + "*"))  # where they were shared
        kept.close()
    finally:
        app.config.pop("REDIS_URL")
        app.config.pop("TOTALS_REDIS_PREFIX")
        app.extensions.pop("totals_cache", None)


def test_without_redis_each_process_keeps_its_own(app, db):
    with app.app_context():
        assert isinstance(cache.store(), cache._InProcess)


# A write is (what, argument): the property below runs random sequences of them.
WRITES = st.lists(st.tuples(
    st.sampled_from(["attend", "trainer", "cancel", "hold", "days", "sex", "unattend", "move"]),
    st.integers(min_value=0, max_value=7)), min_size=1, max_size=12)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writes=WRITES)
def test_remembered_totals_equal_the_aggregates_after_any_sequence_of_writes(
        app, db, manager_client, make_event, make_person, writes):
    events = [make_event(title=f"Event {n}", start_date=date(2016, 1 + n, 4),
                         end_date=date(2016, 1 + n, 5 + n)) for n in range(3)]
    people = [make_person(f"Person {n}", ("KG", "KZ")[n % 2], ("F", "M", None)[n % 3])
              for n in range(4)]
    try:
        api(manager_client)
        for what, n in writes:
            event_, person = events[n % 3], people[n % 4]
            found = db.session.scalar(select(Attendance).where(
                Attendance.event_id == event_.id, Attendance.person_id == person.id))
            if what in ("attend", "trainer") and found is None:
                db.session.add(Attendance(event=event_, person=person, agency=person.agency,
                                          role="participant" if what == "attend" else "trainer",
                                          rating=1 + n % 5))
            elif what == "unattend" and found is not None:
                db.session.delete(found)
            elif what == "days" and found is not None:
                found.days_attended = 1
            elif what in ("cancel", "hold"):
                event_.status = "cancelled" if what == "cancel" else "held"
            elif what == "sex":
                person.sex = None if person.sex else "F"
            elif what == "move":
                event_.start_date = date(2017, 1 + n, 1)
                event_.end_date = None
            db.session.commit()
            assert api(manager_client) == plain(), (what, n)
    finally:
        db.session.rollback()
        for table in PER_TEST_TABLES:
            if table.name not in ("user", "login_attempt", "audit_entry"):
                db.session.execute(delete(table))
        db.session.commit()


def test_renaming_a_topic_shows_at_once(db, manager_client, make_event, make_person, attend):
    from tracker.models import Topic
    attend(make_event(topics=["Anti-corruption"]), make_person())
    assert api(manager_client)["by_topic"] == {"Anti-corruption": 1}
    topic = db.session.scalar(select(Topic).where(Topic.name_en == "Anti-corruption"))
    topic.name_en = "Anti-corruption and integrity"
    db.session.commit()
    try:
        assert api(manager_client)["by_topic"] == {"Anti-corruption and integrity": 1}
    finally:
        topic.name_en = "Anti-corruption"
        db.session.commit()
