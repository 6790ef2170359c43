"""The foundation: configuration, schema, seed data and the commands that set them up."""
import os
import subprocess
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from config import ProductionConfig, get_config
from tracker.extensions import db as _db
from tracker.models import AgencyType, AuditEntry, Country, EventKind, Phase, Programme, Topic, User
from tracker.seed import seed

ROOT = Path(__file__).resolve().parents[1]


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas only apply to SQLite")
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000


def test_migrated_schema_equals_the_models(db):
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), _db.metadata)
    assert diff == []


def test_seed_loads_spec_reference_data(db):
    assert db.session.get(Country, "KG").name_ru == "Кыргызстан"
    assert db.session.get(Country, "LV").name_en == "Latvia"
    assert db.session.scalar(select(func.count()).select_from(Topic)) == 15
    assert {t.code for t in db.session.scalars(select(AgencyType))} >= {
        "border_guard", "customs", "migration", "drug_control", "veterinary_phytosanitary",
        "health", "police", "training_institution", "other"}
    assert "study visit" in set(db.session.scalars(select(EventKind.code)))
    phase9 = db.session.scalar(select(Phase).where(Phase.number == 9))
    assert phase9.programme.name == "BOMCA"
    assert (phase9.start_date.isoformat(), phase9.end_date.isoformat()) == ("2015-06-01", "2018-06-30")
    assert str(phase9.total_cost) == "4954784.93"
    assert str(phase9.eu_contribution) == "4503899.50"
    assert phase9.implementing_organisation == "State Border Guard of Latvia"
    phase10 = db.session.scalar(select(Phase).where(Phase.number == 10))
    assert str(phase10.total_cost) == "21650000.00"


def test_a_second_seed_changes_no_row(db):
    tables = [Country, Topic, AgencyType, EventKind, Programme, Phase]

    def snapshot():
        return {m.__name__: sorted(map(repr, db.session.execute(select(m.__table__)).all()))
                for m in tables}

    before = snapshot()
    added = seed()
    assert not any(added.values())
    assert snapshot() == before


def test_production_config_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        get_config("production")
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(RuntimeError, match="FLASK_DEBUG"):
        ProductionConfig.check()


def test_a_page_renders_from_the_installed_package(client):
    # Templates live beside the package; the installed app must still find them.
    response = client.get("/login")
    assert "Sign in" in response.get_data(as_text=True)
    assert b"vendor/bootstrap/bootstrap.min.css" in response.data
    assert client.get("/static/vendor/bootstrap/bootstrap.min.css").status_code == 200


@pytest.fixture
def migrated(cli):
    assert cli("db", "upgrade").exit_code == 0
    return cli


def test_cli_seed_twice_and_create_user_from_stdin(migrated):
    cli = migrated
    first = cli("seed")
    assert "Added 33 countries" in first.stdout
    second = cli("seed")
    assert "nothing changed" in second.stdout

    created = cli("users", "create", "Ana@Example.org", "--role", "coordinator",
                  "--country", "kg", "--name", "Ana Lopes", input="a long enough passphrase\n")
    assert created.exit_code == 0, created.stderr
    assert "Created coordinator ana@example.org" in created.stdout

    again = cli("users", "create", "ana@example.org", "--role", "staff", "--name", "Ana",
                input="another long passphrase\n")
    assert again.exit_code == 1
    assert "already exists" in again.stderr


def test_cli_refuses_weak_password_and_unknown_country_and_writes_nothing(migrated):
    cli = migrated
    cli("seed")
    weak = cli("users", "create", "a@example.org", "--role", "staff", "--name", "A",
               input="short\n")
    assert weak.exit_code == 1 and "at least 12 characters" in weak.stderr
    common = cli("users", "create", "a@example.org", "--role", "staff", "--name", "A",
                 input="passwordpassword\n")
    assert common.exit_code == 1 and "too common" in common.stderr
    country = cli("users", "create", "a@example.org", "--role", "staff", "--country", "Kirgizia",
                  "--name", "A", input="a long enough passphrase\n")
    assert country.exit_code == 1
    assert "Unknown country “Kirgizia”; did you mean “Kyrgyzstan”?" in country.stderr
    nameless = cli("users", "create", "a@example.org", "--role", "staff",
                   input="a long enough passphrase\n")
    assert nameless.exit_code == 1 and "Give the user's name with --name" in nameless.stderr
    role = cli("users", "create", "a@example.org", "--role", "boss", input="a long enough passphrase\n")
    assert role.exit_code == 2 and "Invalid value for '--role'" in role.stderr
    listed = cli("users", "ensure-admin")
    # No user was written by the refused commands, so the first admin is created now.
    assert listed.stdout.startswith("Admin account: admin@example.org  password: ")


def test_ensure_admin_prints_one_line_only_when_there_are_no_users(migrated):
    first = migrated("users", "ensure-admin")
    line = first.stdout.strip()
    assert line.startswith("Admin account: admin@example.org  password: ")
    assert len(line.split("password: ")[1]) >= 16
    assert migrated("users", "ensure-admin").stdout == ""


def test_passwords_are_hashed_with_scrypt_at_owasp_work_factor(db, app, monkeypatch):
    from tracker.config import Config, ProductionConfig

    assert Config.PASSWORD_HASH_METHOD == ProductionConfig.PASSWORD_HASH_METHOD == "scrypt:131072:8:1"
    # The suite hashes with cheap scrypt; here once with what a deployment uses.
    monkeypatch.setitem(app.config, "PASSWORD_HASH_METHOD", Config.PASSWORD_HASH_METHOD)
    user = User(email="x@example.org", name="X", role="staff")
    user.set_password("a long enough passphrase")
    assert user.password_hash.startswith("scrypt:131072:8:1$")
    assert not user.password_needs_rehash
    assert user.check_password("a long enough passphrase")
    assert not user.check_password("a long enough passphrasE")


def test_migrations_run_on_a_populated_sqlite_database(cli):
    """SQLite's batch migrations copy and drop tables: they must work with rows in them."""
    import sqlite3

    assert cli("db", "upgrade", "0002").exit_code == 0
    cli("seed")
    connection = sqlite3.connect(cli.path)
    connection.executescript("""
        INSERT INTO agency (name, country_code) VALUES ('Border Service', 'KG');
        INSERT INTO person (full_name, name_key, country_code, agency_id, created_at, updated_at)
            VALUES ('Aigul Bekova', 'aigul bekova', 'KG', 1, '2016-01-01', '2016-01-01');
        INSERT INTO event (title, start_date, duration_days, status, phase_id, version, created_at, updated_at)
            VALUES ('Workshop', '2016-03-14', 1, 'held', 1, 1, '2016-01-01', '2016-01-01');
        INSERT INTO attendance (event_id, person_id, role, created_at) VALUES (1, 1, 'participant', '2016-01-01');
    """)
    connection.commit()
    connection.close()
    upgraded = cli("db", "upgrade")
    assert upgraded.exit_code == 0, upgraded.output
    connection = sqlite3.connect(cli.path)
    assert connection.execute("SELECT COUNT(*) FROM attendance").fetchone() == (1,)
    assert "AUTOINCREMENT" in connection.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'person'").fetchone()[0]


def test_a_country_name_works_as_well_as_its_code(migrated):
    cli = migrated
    cli("seed")
    created = cli("users", "create", "b@example.org", "--role", "staff", "--country", "Кыргызстан",
                  "--name", "Bakyt Osmonov", input="a long enough passphrase\n")
    assert created.exit_code == 0, created.stderr
    with cli.app.app_context():
        user = _db.session.scalar(select(User).where(User.email == "b@example.org"))
        assert (user.country_code, user.name) == ("KG", "Bakyt Osmonov")


def test_reset_password_prints_a_new_one_once_and_ends_every_session(migrated):
    cli = migrated
    cli("seed")
    cli("users", "create", "c@example.org", "--role", "admin", "--name", "Chief",
        input="a long enough passphrase\n")
    with cli.app.app_context():
        token = _db.session.scalar(select(User.session_token))
    result = cli("users", "reset-password", "C@example.org")
    assert result.exit_code == 0, result.stderr
    password = result.stdout.split("New password for c@example.org: ")[1].split()[0]
    with cli.app.app_context():
        user = _db.session.scalar(select(User))
        assert user.check_password(password) and not user.check_password("a long enough passphrase")
        assert user.session_token != token
        entry = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "password_reset"))
        assert entry.object_id == user.id and password not in str(entry.before) + str(entry.after)
    unknown = cli("users", "reset-password", "nobody@example.org")
    assert unknown.exit_code == 1 and "There is no user with email nobody@example.org." in unknown.stderr


def run_steps(**env) -> str:
    """What `make run` would do (make -n), in a given environment."""
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | env
    return subprocess.run(["make", "-n", "run"], cwd=ROOT, env=environment, check=True,
                          capture_output=True, text=True).stdout


def test_make_run_serves_the_demo_from_a_database_of_its_own_unless_told_otherwise():
    demo = run_steps()
    assert f"DATABASE_URL=sqlite:///{ROOT}/instance/demo.db" in demo and "flask demo" in demo
    own = run_steps(DATABASE_URL="postgresql://tracker@db/tracker", PORT="5001")
    assert "demo.db" not in own and "flask demo" not in own  # a real database gets no fake events
    assert "--port 5001" in own
