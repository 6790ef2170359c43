"""Where a request's transaction ends, and the engine settings the ORM cannot express.

One request, one transaction. Views and services only add, change and flush; `end_request`
(run after every request) ends the transaction once:
- an answer below 400 commits;
- an error answer (400 and above, including a refused form's 422 and an unexpected 500)
  rolls back, so a refused or failed request leaves nothing half-written;
- writes registered with `keep_despite_error` (a refused or throttled attempt's audit entry,
  an API token's last use) are made after that rollback and committed, whatever the answer.
A view that shows a refused form again first calls `discard()`, so the page it renders does
not show the refused change. Files stored beside rows (attachments) are removed with
`after_commit` / `after_rollback`, so that file and row go together. Command-line commands
commit once, at their end.

SQLite: a transaction that only reads must not take the write lock, or GET pages could not
run side by side; one that writes takes it when it begins, or it fails with "database is
locked" instead of waiting its turn. So POSTs begin with BEGIN IMMEDIATE and GETs with BEGIN;
a GET that writes after all (an export's audit entry) swaps its read transaction for a write
transaction at its end, here, before anything is flushed (or earlier, with write_now, when the
page it renders shows what it wrote).
"""
from collections.abc import Callable

from flask import Flask, Response, g, has_request_context, request
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from .extensions import db

SQLITE_BUSY_TIMEOUT_MS = 10_000
PEOPLE_LOCK = 727001  # PostgreSQL advisory lock: who may add people right now
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def register(app: Flask) -> None:
    configure_engine(app)
    app.after_request(end_request)


def configure_engine(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)


def keep_despite_error(write: Callable[[], object]) -> None:
    """Have `write` made at the request's end even if the answer is an error (after the
    rollback that the error brings)."""
    g.setdefault("kept_writes", []).append(write)


def after_commit(action: Callable[[], object]) -> None:
    """Run `action` (say, removing a deleted attachment's file) once the request commits."""
    g.setdefault("after_commit", []).append(action)


def after_rollback(action: Callable[[], object]) -> None:
    """Run `action` (say, removing a file stored for a row) if the request does not commit."""
    g.setdefault("after_rollback", []).append(action)


def discard() -> None:
    """Forget what this request has written so far (a write a service refused, a preview);
    the request goes on and may read and write again."""
    db.session.rollback()


def end_request(response: Response) -> Response:
    session = db.session()  # the request's Session itself, not its scoped proxy
    if response.status_code >= 400:
        session.rollback()
        _run(g.pop("after_rollback", []))
        g.pop("after_commit", None)
    kept = g.pop("kept_writes", [])
    if kept or _has_changes(session):
        _take_write_lock(session)
        for write in kept:
            write()
    session.commit()  # if this raises, the error answer comes back here and rolls back
    _run(g.pop("after_commit", []))
    g.pop("after_rollback", None)
    return response


def _run(actions: list[Callable[[], object]]) -> None:
    for action in actions:
        action()


def _has_changes(session) -> bool:
    return bool(session.new or session.dirty or session.deleted)


def write_now() -> None:
    """A read-only request (GET) that must write before its end, because the page it renders
    shows what it wrote (a printed certificate's new code), takes the write lock here, before
    its first write."""
    _take_write_lock(db.session())


def _take_write_lock(session) -> None:
    """On SQLite, a read-only request about to write: end its read transaction and begin a
    writing one. (A transaction that has read cannot start writing once another connection
    has written since it began: "database is locked" at once, whatever the busy timeout.)"""
    if session.get_bind().dialect.name != "sqlite" or request.method not in READ_ONLY_METHODS \
            or g.get("writing"):
        return
    if session.in_transaction():
        connection = session.connection()
        connection.exec_driver_sql("COMMIT")
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    g.writing = True  # and a transaction begun after this one takes the lock too (on_begin below)


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
        if has_request_context() and request.method in READ_ONLY_METHODS and not g.get("writing"):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def lock_people() -> None:
    """Take, until the transaction ends, the right to add people: two requests (or imports)
    adding the same new official must not both find them absent and both add them.

    SQLite already holds its write lock from the first statement of a writing request;
    PostgreSQL takes a transaction-level advisory lock, and the "same person" check made after
    it sees what the previous holder committed (READ COMMITTED)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PEOPLE_LOCK})
