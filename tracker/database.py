"""Engine settings that the ORM cannot express: SQLite pragmas and write locking."""
from flask import Flask, g, has_request_context, request
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from .extensions import db

SQLITE_BUSY_TIMEOUT_MS = 10_000
PEOPLE_LOCK = 727001  # PostgreSQL advisory lock: who may add people right now
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def configure_engine(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:
        # Take transaction control from the sqlite3 module so "begin" below decides the lock.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection) -> None:
        # A writer takes the write lock when its transaction starts, not half-way through:
        # a deferred transaction that later writes fails with "database is locked" instead
        # of waiting its turn. Reads (GET pages) keep deferred transactions so they run side
        # by side.
        if has_request_context() and request.method in READ_ONLY_METHODS \
                and not g.get("writes_after_reading"):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def write_after_reading() -> None:
    """Let a GET request write (an audit entry, a token's last use) after it has read.

    SQLite cannot turn a read transaction into a write once another connection has written
    since it began ("database is locked" at once, whatever the busy timeout), so the read
    transaction ends here and the request's next one takes the write lock at its start.
    Call it before changing anything: pending changes are committed with the read.
    """
    db.session.commit()
    if has_request_context():
        g.writes_after_reading = True


def lock_people() -> None:
    """Take, until the transaction ends, the right to add people: two requests (or imports)
    adding the same new official must not both find them absent and both add them.

    SQLite already holds its write lock from the first statement of a writing request;
    PostgreSQL takes a transaction-level advisory lock, and the "same person" check made after
    it sees what the previous holder committed (READ COMMITTED)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PEOPLE_LOCK})
