"""`flask backup FILE`: an online copy of the SQLite database while the app writes."""
import sqlite3
import threading
import time

import pytest
from sqlalchemy import insert

from tracker import create_app
from tracker.models import AuditEntry


@pytest.fixture
def sqlite_file(db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("flask backup copies SQLite; PostgreSQL uses pg_dump (tested below)")
    return db.engine.url.database


class Writer(threading.Thread):
    """Another process's writes: one audit row per transaction until stopped."""

    def __init__(self, path: str):
        super().__init__(daemon=True)
        self.path, self.committed, self.stop = path, 0, threading.Event()

    def run(self):
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        connection.execute("PRAGMA busy_timeout=10000")
        while not self.stop.is_set():
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "INSERT INTO audit_entry (created_at, action, summary) "
                "VALUES (CURRENT_TIMESTAMP, 'writer', ?)", (f"row {self.committed}",))
            connection.execute("COMMIT")
            self.committed += 1
        connection.close()

    def wait_for(self, rows: int):
        deadline = time.monotonic() + 30
        while self.committed < rows and time.monotonic() < deadline:
            time.sleep(0.01)


def test_backup_while_another_process_writes_gives_a_whole_consistent_copy(
        app, db, sqlite_file, tmp_path):
    db.session.execute(insert(AuditEntry), [
        {"action": "seeded", "summary": f"entry {n}"} for n in range(5000)])
    db.session.commit()
    writer = Writer(sqlite_file)
    writer.start()
    try:
        writer.wait_for(50)
        target = tmp_path / "copy.db"
        result = app.test_cli_runner().invoke(args=["backup", str(target)])
        during = writer.committed
        writer.wait_for(during + 50)  # the writer went on while and after the copy was made
    finally:
        writer.stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    assert "integrity check ok" in result.output
    assert writer.committed > during

    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert copy.execute(
        "SELECT count(*) FROM audit_entry WHERE action = 'seeded'").fetchone()[0] == 5000
    # The writer's rows in the copy are exactly its first n: the copy is one moment's state.
    rows = [r[0] for r in copy.execute(
        "SELECT summary FROM audit_entry WHERE action = 'writer' ORDER BY id")]
    assert 50 <= len(rows) <= writer.committed
    assert rows == [f"row {n}" for n in range(len(rows))]
    copy.close()
    assert not list(tmp_path.glob(".*partial"))


def test_backup_refuses_to_overwrite_or_write_into_a_missing_folder(app, sqlite_file, tmp_path):
    runner = app.test_cli_runner()
    existing = tmp_path / "old.db"
    existing.write_bytes(b"yesterday's backup")
    result = runner.invoke(args=["backup", str(existing)])
    assert result.exit_code == 1 and "exists; choose another name or add --force" in result.output
    assert existing.read_bytes() == b"yesterday's backup"

    missing = tmp_path / "no-such-folder" / "copy.db"
    result = runner.invoke(args=["backup", str(missing)])
    assert result.exit_code == 1 and "does not exist" in result.output
    assert list(tmp_path.iterdir()) == [existing]

    result = runner.invoke(args=["backup", "--force", str(existing)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(existing) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_points_postgresql_users_to_pg_dump(app_config, tmp_path):
    class PostgresConfig(app_config):
        # Never connected to: the command refuses before touching the database.
        SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://tracker@127.0.0.1:1/tracker"
        SQLALCHEMY_ENGINE_OPTIONS = {}

    postgres_app = create_app(PostgresConfig)
    result = postgres_app.test_cli_runner().invoke(args=["backup", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "pg_dump --format=custom" in result.output and "pg_restore" in result.output
    assert list(tmp_path.iterdir()) == []


def test_backup_refuses_the_live_database_and_its_wal_and_shm_files_even_with_force(
        app, db, sqlite_file, tmp_path):
    """Copying onto the running database's -wal or -shm file corrupted it."""
    import os

    from tracker.models import Event

    runner = app.test_cli_runner()
    db.session.execute(insert(AuditEntry).values(action="seeded", summary="before"))
    db.session.commit()
    live = os.path.abspath(sqlite_file)
    linked = tmp_path / "link.db-wal"
    linked.symlink_to(live + "-wal")
    relative = os.path.relpath(live + "-shm")
    for target in (live, live + "-wal", live + "-shm", live + "-journal", linked, relative):
        result = runner.invoke(args=["backup", "--force", str(target)])
        assert result.exit_code == 1, target
        assert "is the live database or one of its files" in result.output
    assert not os.path.exists(live + "-journal")
    db.session.execute(insert(AuditEntry).values(action="seeded", summary="after"))
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(Event.id))) == 0
    with sqlite3.connect(live) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
