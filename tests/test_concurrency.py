"""Concurrent writers: four `flask import-register` processes at once against one database
all succeed, and an official who appears in several files is recorded once."""
import os
import subprocess
import sys
import uuid

import pytest
from sqlalchemy import create_engine, text

from tests.support.register_files import register_rows, to_csv
from tracker import ROOT

SHARED = [{"full_name": "Aigul Bekova", "country": "KG", "sex": "F"},
          {"full_name": "Бекова Айгуль", "country": "KG"}]


def _flask(url, *args):
    env = {"FLASK_APP": "wsgi.py", "DATABASE_URL": url, "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "SECRET_KEY": "concurrency-test"}
    return subprocess.Popen([sys.executable, "-m", "flask", *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _prepare_database(url: str) -> None:
    from flask_migrate import upgrade

    from config import TestingConfig
    from tracker import MIGRATIONS_DIR, create_app
    from tracker.extensions import db
    from tracker.seed import seed

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = url.replace("postgresql://", "postgresql+psycopg://", 1)

    app = create_app(Config)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        seed()
        db.session.commit()
        db.engine.dispose()


def _run_four_imports(url, tmp_path):
    _prepare_database(url)
    files = []
    for n in range(4):
        people = [{"full_name": f"Official{n} Number{i:03}", "country": "KZ"} for i in range(150)]
        rows = register_rows(*people, SHARED[n % 2], event_title=f"Workshop {n}",
                             start_date=f"2016-0{n + 1}-10", end_date="")
        path = tmp_path / f"register-{n}.csv"
        path.write_bytes(to_csv(rows))
        files.append(path)
    processes = [_flask(url, "import-register", str(path)) for path in files]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in processes]
    for code, out, err in results:
        assert code == 0, err
        assert "Imported register-" in out
    return results


def _counts(url, connect_args=None):
    engine = create_engine(url, connect_args=connect_args or {})
    with engine.connect() as connection:
        people = connection.execute(text("SELECT COUNT(*) FROM person")).scalar()
        attendances = connection.execute(text("SELECT COUNT(*) FROM attendance")).scalar()
        aigul = connection.execute(text("SELECT COUNT(*) FROM person WHERE name_key = 'aigul bekova'")).scalar()
    engine.dispose()
    return people, attendances, aigul


def test_four_imports_at_once_on_one_sqlite_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    _run_four_imports(url, tmp_path)
    assert _counts(url) == (4 * 150 + 1, 4 * 151, 1)


def test_four_imports_at_once_on_postgresql(tmp_path):
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (.ci/run sets it)")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = f"{base}?options=-csearch_path%3D{schema}"
        _run_four_imports(url, tmp_path)
        assert _counts(url.replace("postgresql://", "postgresql+psycopg://", 1)) == (4 * 150 + 1, 4 * 151, 1)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
