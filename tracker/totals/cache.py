"""Totals remembered between writes: the aggregates run again only after the data changed.

The database itself says whether anything was committed since a result was computed, so
every write, whichever code or program made it, makes the next reader recompute. Nothing
has to be kept in step by the write paths, and a result is never older than the data.

- SQLite: `PRAGMA data_version`, asked on a connection that never writes, changes whenever
  any other connection — of this process or another — commits. The computation then runs
  on read-only connections of its own, in a transaction that starts after the number was
  read: the request's session may hold an older snapshot (it loaded the user first), and a
  result computed from it would be remembered under a newer number than its data.
- PostgreSQL: the computation runs in a REPEATABLE READ transaction and is remembered under
  that transaction's snapshot (`pg_current_snapshot()`); a reader whose current snapshot is
  the same sees the same committed transactions, hence the same data. Any commit in the
  cluster changes the snapshot: recomputing more often than needed, never serving stale.

In-memory SQLite, work outside a request (the CLI) and TOTALS_CACHE=False compute every time.
"""
import copy
import os
import sqlite3
import threading
from collections.abc import Callable, Hashable
from contextlib import contextmanager

from flask import current_app, has_request_context
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ..database import SQLITE_BUSY_TIMEOUT_MS
from ..extensions import db

MAX_ENTRIES = 256  # phases x countries x days: a few dozen in practice
PG_SNAPSHOT = text("SELECT pg_current_snapshot()::text")


class _Remembered:
    """Results, each with the database version it was computed at."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: dict[Hashable, tuple[Hashable, object]] = {}

    def get(self, key: Hashable, version: Hashable):
        with self.lock:
            entry = self.entries.get(key)
        return entry[1] if entry and entry[0] == version else None

    def put(self, key: Hashable, version: Hashable, value: object) -> None:
        with self.lock:
            self.entries.pop(key, None)
            while len(self.entries) >= MAX_ENTRIES:
                self.entries.pop(next(iter(self.entries)))  # the oldest
            self.entries[key] = (version, value)


class _SQLiteWatcher(_Remembered):
    """One process's read-only view of the SQLite file."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.pid: int | None = None
        self.version_connection: sqlite3.Connection | None = None
        self.engine: Engine | None = None

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA query_only=ON")  # never the write lock, whatever the request does
        return connection

    def _open(self) -> None:
        # Versions are per connection, and a forked worker must not share its parent's.
        self.version_connection = self._connect()
        self.engine = create_engine("sqlite://", creator=self._connect)

        @event.listens_for(self.engine, "begin")
        def begin_deferred(connection) -> None:
            connection.exec_driver_sql("BEGIN")  # one snapshot for the whole computation

        self.pid = os.getpid()
        self.entries.clear()

    def current(self) -> int:
        with self.lock:
            if self.pid != os.getpid():
                self._open()
            return self.version_connection.execute("PRAGMA data_version").fetchone()[0]

    @contextmanager
    def computing(self):
        """(version, session): the version is read before the session's snapshot is taken."""
        version = self.current()
        with Session(self.engine) as session:
            yield version, session


class _PostgresWatcher(_Remembered):
    def current(self) -> str:
        with db.engine.connect() as connection:
            return connection.execute(PG_SNAPSHOT).scalar_one()

    @contextmanager
    def computing(self):
        """(version, session): the version is the snapshot every query of the session reads."""
        engine = db.engine.execution_options(isolation_level="REPEATABLE READ")
        with Session(engine) as session:
            yield session.execute(PG_SNAPSHOT).scalar_one(), session


def _watcher() -> _Remembered | None:
    if not has_request_context() or not current_app.config.get("TOTALS_CACHE", True):
        return None
    url = db.engine.url
    backend = url.get_backend_name()
    if backend == "sqlite" and url.database not in (None, "", ":memory:"):
        make = lambda: _SQLiteWatcher(url.database)  # noqa: E731
    elif backend == "postgresql":
        make = _PostgresWatcher
    else:
        return None
    watchers = current_app.extensions.setdefault("totals_cache", {})
    key = url.render_as_string(hide_password=True)
    if key not in watchers:
        watchers[key] = make()
    return watchers[key]


def remember(key: Hashable, compute: Callable[[Session], object]):
    """compute(session)'s result, computed again only when the database changed since."""
    watcher = _watcher()
    if watcher is None:
        return compute(db.session)
    value = watcher.get(key, watcher.current())
    if value is None:
        with watcher.computing() as (version, session):
            value = compute(session)
        watcher.put(key, version, value)
    return copy.deepcopy(value)  # callers may change what they get; the kept copy stays
