"""Totals remembered between writes: the aggregates run again only after the data changed.

SQLite counts commits for us: `PRAGMA data_version`, asked on a connection that never
writes, changes whenever any other connection — of this process or another — commits. A
remembered result is served while that number stands still, so every write, whichever
code or program made it, makes the next reader recompute. Nothing has to be kept in step by
the write paths, and a result can never be older than the data.

The computation runs on read-only connections of its own, in a transaction that starts
after the number was read: the request's session may hold an older snapshot (it loaded the
user first), and a result computed from it would be remembered under a newer number than
its data. Being read-only, they never take the write lock, whatever the request does.

Other databases, in-memory SQLite, work outside a request (the CLI) and TOTALS_CACHE=False
compute every time.
"""
import copy
import os
import sqlite3
import threading
from collections.abc import Callable, Hashable

from flask import current_app, has_request_context
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ..database import SQLITE_BUSY_TIMEOUT_MS
from ..extensions import db

MAX_ENTRIES = 256  # phases x countries x days: a few dozen in practice


class _Watcher:
    """One process's read-only view of the SQLite file, and the results it vouches for."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.pid: int | None = None
        self.version_connection: sqlite3.Connection | None = None
        self.engine: Engine | None = None
        self.entries: dict[Hashable, tuple[int, object]] = {}

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA query_only=ON")
        return connection

    def _open(self) -> None:
        # Versions are per connection, and a forked worker must not share its parent's.
        self.version_connection = self._connect()
        self.engine = create_engine("sqlite://", creator=self._connect)

        @event.listens_for(self.engine, "begin")
        def begin_deferred(connection) -> None:
            connection.exec_driver_sql("BEGIN")  # a snapshot for the whole computation

        self.pid = os.getpid()
        self.entries.clear()

    def version(self) -> int:
        with self.lock:
            if self.pid != os.getpid():
                self._open()
            return self.version_connection.execute("PRAGMA data_version").fetchone()[0]

    def get(self, key: Hashable, version: int):
        with self.lock:
            entry = self.entries.get(key)
        return entry[1] if entry and entry[0] == version else None

    def put(self, key: Hashable, version: int, value: object) -> None:
        with self.lock:
            self.entries.pop(key, None)
            while len(self.entries) >= MAX_ENTRIES:
                self.entries.pop(next(iter(self.entries)))  # the oldest
            self.entries[key] = (version, value)


def _watcher() -> _Watcher | None:
    if not has_request_context() or not current_app.config.get("TOTALS_CACHE", True):
        return None
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    watchers = current_app.extensions.setdefault("totals_cache", {})
    if url.database not in watchers:
        watchers[url.database] = _Watcher(url.database)
    return watchers[url.database]


def remember(key: Hashable, compute: Callable[[Session], object]):
    """compute(session)'s result, computed again only when the database changed since."""
    watcher = _watcher()
    if watcher is None:
        return compute(db.session)
    version = watcher.version()
    value = watcher.get(key, version)
    if value is None:
        with Session(watcher.engine) as session:  # its transaction starts after `version`
            value = compute(session)
        watcher.put(key, version, value)
    return copy.deepcopy(value)  # callers may change what they get; the kept copy stays
