"""Fixtures: an app per database backend, a clean database per test, signed-in clients.

Every test that uses `app` runs on SQLite and, when TEST_DATABASE_URL points at a
PostgreSQL server, again on PostgreSQL in a schema of its own that is dropped afterwards.
"""
import os
import uuid
from collections import Counter
from datetime import date

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, delete, text

from config import TestingConfig
from tracker import MIGRATIONS_DIR, create_app
from tracker.extensions import db as _db
from tracker.models import (
    Agency,
    AgencyType,
    Attendance,
    Event,
    EventKind,
    Person,
    Phase,
    Topic,
    User,
)
from tracker.seed import seed

PASSWORD = "correct horse battery staple"
POSTGRES_SKIP = (
    "PostgreSQL tests need TEST_DATABASE_URL, e.g. "
    "postgresql://postgres@127.0.0.1:5432/test (.ci/run sets it)"
)
# Reference lists and phases are seeded once per backend; every other table is emptied
# after each test, children first.
SEEDED_TABLES = {"country", "agency_type", "topic", "event_kind", "programme", "phase"}
PER_TEST_TABLES = [t for t in reversed(_db.metadata.sorted_tables) if t.name not in SEEDED_TABLES]


def _postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if url and url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database(request, tmp_path_factory):
    """(url, engine options) of an empty database for one backend; dropped at the end."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("sqlite") / "tracker-test.db"
        yield f"sqlite:///{path}", {}
        return
    url = _postgres_url()
    if not url:
        pytest.skip(POSTGRES_SKIP)
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield url, {"connect_args": {"options": f"-csearch_path={schema}"}}
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def app_config(database, tmp_path_factory):
    url, engine_options = database

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = url
        SQLALCHEMY_ENGINE_OPTIONS = {**TestingConfig.SQLALCHEMY_ENGINE_OPTIONS, **engine_options}
        UPLOAD_FOLDER = str(tmp_path_factory.mktemp("uploads"))

    return Config


class Client(FlaskClient):
    """A test client whose every request runs in its own app context, as in production.

    The test's own session commits first, so the request sees what the test wrote and no
    transaction of the test holds a lock the request needs.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            _db.session.commit()
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(app_config):
    app = create_app(app_config)
    app.test_client_class = Client
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        seed()
        _db.session.commit()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def db(app):
    """The database inside an app context; whatever the test wrote is removed afterwards."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        for table in PER_TEST_TABLES:
            _db.session.execute(delete(table))
        _db.session.commit()
        _db.session.remove()


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def cli(tmp_path):
    """cli("seed") -> click's Result: a `flask` command run in-process, as a user types it,
    on an app of its own over a fresh SQLite file (`cli("db", "upgrade")` makes the schema).

    The one end-to-end run of the real command line is tests/test_wheel.py.
    """
    path = tmp_path / "cli.db"

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{path}"
        SQLALCHEMY_ENGINE_OPTIONS = dict(TestingConfig.SQLALCHEMY_ENGINE_OPTIONS)
        UPLOAD_FOLDER = str(tmp_path / "uploads")

    cli_app = create_app(Config)
    runner = cli_app.test_cli_runner()

    def run(*args, input=None):
        # `flask` pushes an app context around every command; the test runner does not.
        with cli_app.app_context():
            return runner.invoke(args=[str(arg) for arg in args], input=input)

    run.app, run.path = cli_app, path
    yield run
    with cli_app.app_context():
        _db.engine.dispose()


@pytest.fixture(scope="session")
def password_hash(app):
    with app.app_context():
        user = User()
        user.set_password(PASSWORD)
        return user.password_hash


@pytest.fixture
def make_user(db, password_hash):
    counter = iter(range(1, 10_000))

    def make(role="staff", country_code=None, **overrides):
        n = next(counter)
        user = User(
            email=overrides.pop("email", f"{role}{n}@example.org"),
            name=overrides.pop("name", f"{role.title()} {n}"),
            role=role,
            country_code=country_code,
            password_hash=password_hash,
            **overrides,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return make


def sign_in(client, user):
    """Sign a test client in without the (deliberately slow) password hash."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


@pytest.fixture
def signed_in(app, make_user):
    """signed_in("coordinator", country_code="KG") -> a test client signed in with that role."""

    def make(role="staff", country_code=None):
        user = make_user(role, country_code)
        client = app.test_client()
        client.user = user
        return sign_in(client, user)

    return make


@pytest.fixture
def staff_client(signed_in):
    return signed_in("staff")


@pytest.fixture
def coordinator_client(signed_in):
    return signed_in("coordinator")


@pytest.fixture
def manager_client(signed_in):
    return signed_in("manager")


@pytest.fixture
def admin_client(signed_in):
    return signed_in("admin")


@pytest.fixture
def phase9(db):
    return db.session.scalar(db.select(Phase).where(Phase.number == 9))


@pytest.fixture
def targets(db, phase9):
    """Set phase 9's targets for one test; the seeded phase gets its own back afterwards."""
    names = ("target_events_held", "target_officials_trained", "target_women_trained")
    saved = {name: getattr(phase9, name) for name in names}

    def set_targets(**values):
        for name, value in values.items():
            setattr(phase9, f"target_{name}", value)
        db.session.commit()

    yield set_targets
    db.session.rollback()
    for name, value in saved.items():
        setattr(phase9, name, value)
    db.session.commit()


@pytest.fixture
def make_event(db, phase9):
    def make(**overrides):
        topics = overrides.pop("topics", [])
        kind = overrides.pop("kind", "workshop")
        values = dict(
            title="Document security workshop",
            start_date=date(2016, 3, 14),
            end_date=date(2016, 3, 16),
            status="held",
            scope="regional",
            country_code="KG",
            city="Bishkek",
        )
        values.update(overrides)
        if "phase" not in values and "phase_id" not in values:
            values["phase"] = Phase.covering(values["start_date"]) or phase9
        event = Event(**values)
        event.kind = db.session.scalar(db.select(EventKind).where(EventKind.code == kind))
        event.topics = [db.session.scalar(db.select(Topic).where(Topic.name_en == t)) for t in topics]
        db.session.add(event)
        db.session.commit()
        return event

    return make


@pytest.fixture
def make_agency(db):
    def make(name="State Border Service", country_code="KG", agency_type="border_guard"):
        agency = db.session.scalar(
            db.select(Agency).where(Agency.name == name, Agency.country_code == country_code)
        )
        if agency is None:
            type_ = db.session.scalar(db.select(AgencyType).where(AgencyType.code == agency_type))
            agency = Agency(name=name, country_code=country_code, agency_type=type_)
            db.session.add(agency)
            db.session.commit()
        return agency

    return make


@pytest.fixture
def make_person(db, make_agency):
    def make(full_name="Aigul Bekova", country_code="KG", sex="F", agency=None, **overrides):
        if agency is None:
            agency = make_agency(country_code=country_code)
        person = Person(full_name=full_name, country_code=country_code, sex=sex, agency=agency,
                        **overrides)
        db.session.add(person)
        db.session.commit()
        return person

    return make


@pytest.fixture
def attend(db):
    def make(event, person, role="participant", **overrides):
        attendance = Attendance(event=event, person=person, role=role,
                                agency=overrides.pop("agency", person.agency), **overrides)
        db.session.add(attendance)
        db.session.commit()
        return attendance

    return make


def pytest_terminal_summary(terminalreporter):
    """One line per skip reason (the PostgreSQL and browser tests skip in bulk without
    their services), instead of a line per skipped test."""
    reasons = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reasons[reason.removeprefix("Skipped: ")] += 1
    if reasons:
        terminalreporter.section("skipped tests, by reason")
        for reason, count in reasons.most_common():
            terminalreporter.write_line(f"{count:>5} skipped: {reason}")
