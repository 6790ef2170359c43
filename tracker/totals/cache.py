"""Totals remembered until this database's figures change, shared by every worker.

Every flush that changes a counter or a name the figures show writes a new random token
into totals_state, in its own transaction (tracking.py). A result is remembered under the
token read in the same snapshot as the counters it came from, so it is found again only
while the data is exactly what it was computed from: never stale, and untouched by commits
that do not change this database's figures (a sign-in's audit row, another database's work).
A rolled-back write's token is never seen by anyone else, and never comes back.

Where: Redis when REDIS_URL is set (every gunicorn worker shares the results), otherwise a
small dictionary in the process. TOTALS_CACHE=False computes every time.
"""
import copy
import json
import threading
from collections.abc import Callable, Hashable

import redis
from flask import current_app, has_app_context
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..extensions import db
from ..models import TotalsState

MAX_ENTRIES = 256  # phases x periods x countries x days: a few dozen in practice
REDIS_PREFIX = "tracker:totals:"
REDIS_SECONDS = 24 * 3600  # a token is replaced by the next write; old entries just expire


class _InProcess:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: dict[str, object] = {}

    def get(self, key: str):
        with self.lock:
            value = self.entries.get(key)
        return copy.deepcopy(value)  # callers may change what they get; the kept copy stays

    def put(self, key: str, value: object) -> None:
        with self.lock:
            while len(self.entries) >= MAX_ENTRIES:
                self.entries.pop(next(iter(self.entries)))  # the oldest
            self.entries[key] = copy.deepcopy(value)


class _Redis:
    def __init__(self, url: str, prefix: str) -> None:
        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.prefix = prefix

    def get(self, key: str):
        try:
            value = self.client.get(self.prefix + key)
        except redis.RedisError:
            return None  # Redis away: compute, as without a cache
        return json.loads(value) if value is not None else None

    def put(self, key: str, value: object) -> None:
        try:
            self.client.set(self.prefix + key, json.dumps(value), ex=REDIS_SECONDS)
        except redis.RedisError:
            pass


def store():
    """This app's store, or None when results are not remembered."""
    if not has_app_context() or not current_app.config.get("TOTALS_CACHE", True):
        return None
    url = current_app.config.get("REDIS_URL")
    stores = current_app.extensions.setdefault("totals_cache", {})
    if (url or "") not in stores:
        stores[url or ""] = (_Redis(url, current_app.config.get("TOTALS_REDIS_PREFIX", REDIS_PREFIX))
                             if url else _InProcess())
    return stores[url or ""]


def token(session: Session) -> str | None:
    return session.scalar(select(TotalsState.token).where(TotalsState.id == 1))


def remember(key: Hashable, compute: Callable[[Session], object]):
    """compute(session)'s result, computed again only when the figures changed since."""
    session = db.session
    where = store()
    current = token(session) if where is not None else None
    if current is None:  # not remembering, or a database nobody has written figures to yet
        return compute(session)
    name = f"{current}:{json.dumps(key, default=str)}"
    value = where.get(name)
    if value is None:
        value = compute(session)
        where.put(name, value)
    return value
