"""Rate limits per account and per address, shared by every gunicorn worker: sign-in
failures, and the attempts at the public forms (over_limit / record_attempt).

Failed attempts are counted in Redis when REDIS_URL is set, otherwise in the login_attempt
table; either way every worker sees the same counts. The window slides: an attempt counts
for LOGIN_WINDOW after it was made.
"""
import secrets
import time
from datetime import timedelta

import redis
from flask import current_app
from sqlalchemy import delete, func, select

from ..extensions import db
from ..models import LoginAttempt
from ..models._base import utcnow

ACCOUNT_LIMIT = 5  # failures per account in the window (OWASP: slow guessing of one password)
ADDRESS_LIMIT = 20  # failures per address: one machine trying many accounts
WINDOW = timedelta(minutes=15)
REDIS_PREFIX = "tracker:login:"


def account_key(email: str) -> str:
    return f"account:{email.strip().lower()}"


def address_key(address: str | None) -> str:
    return f"address:{address or 'unknown'}"


def device_key(device: str) -> str:
    return f"device:{device}"


class DatabaseCounter:
    """Attempts as rows of login_attempt; old rows are pruned as new failures arrive."""

    def count(self, key: str, window: timedelta) -> int:
        since = utcnow() - window
        return db.session.scalar(
            select(func.count(LoginAttempt.id))
            .where(LoginAttempt.key == key, LoginAttempt.attempted_at > since)
        )

    def add(self, keys: list[str], window: timedelta) -> None:
        expired = LoginAttempt.attempted_at <= utcnow() - window
        db.session.execute(delete(LoginAttempt).where(expired))
        db.session.add_all(LoginAttempt(key=key) for key in keys)

    def clear(self, key: str) -> None:
        db.session.execute(delete(LoginAttempt).where(LoginAttempt.key == key))


class RedisCounter:
    """Attempts as members of a sorted set per key, scored by time; keys expire with the window."""

    def __init__(self, client, prefix: str):
        self.client, self.prefix = client, prefix

    def count(self, key: str, window: timedelta) -> int:
        name = self.prefix + key
        pipe = self.client.pipeline()
        pipe.zremrangebyscore(name, 0, time.time() - window.total_seconds())
        pipe.zcard(name)
        return pipe.execute()[1]

    def add(self, keys: list[str], window: timedelta) -> None:
        now = time.time()
        pipe = self.client.pipeline()
        for key in keys:
            name = self.prefix + key
            pipe.zadd(name, {f"{now:.6f}:{secrets.token_hex(4)}": now})
            pipe.expire(name, int(window.total_seconds()) + 1)
        pipe.execute()

    def clear(self, key: str) -> None:
        self.client.delete(self.prefix + key)


def _redis_client(app) -> redis.Redis:
    # One client (and so one connection pool) per URL and app; redis-py is thread-safe and
    # opens fresh connections in a forked gunicorn worker.
    clients = app.extensions.setdefault("login_throttle_redis", {})
    url = app.config["REDIS_URL"]
    if url not in clients:
        clients[url] = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    return clients[url]


def counter() -> DatabaseCounter | RedisCounter:
    app = current_app._get_current_object()
    if app.config.get("REDIS_URL"):
        return RedisCounter(_redis_client(app), app.config.get("LOGIN_REDIS_PREFIX", REDIS_PREFIX))
    return DatabaseCounter()


def _settings() -> tuple[int, int, timedelta]:
    config = current_app.config
    return (
        config.get("LOGIN_LIMIT_PER_ACCOUNT", ACCOUNT_LIMIT),
        config.get("LOGIN_LIMIT_PER_ADDRESS", ADDRESS_LIMIT),
        config.get("LOGIN_LIMIT_WINDOW", WINDOW),
    )


def _with_fallback(action):
    """Run action(counter); if Redis is unreachable, count in the database rather than fail."""
    try:
        return action(counter())
    except redis.RedisError as error:
        current_app.logger.error("Redis unavailable for sign-in limits, counting in the "
                                 "database: %s", error)
        return action(DatabaseCounter())


def _own_key(email: str, device: str | None) -> str:
    # From a device the account signed in from before, failures count against that device:
    # a stranger's failures (counted against the account) do not lock its owner out.
    return device_key(device) if device else account_key(email)


def is_blocked(email: str, address: str | None, device: str | None = None) -> bool:
    """True when the address, or the account (the device, for a trusted device), has used up
    its failures in the window."""
    per_account, per_address, window = _settings()
    return _with_fallback(
        lambda c: c.count(_own_key(email, device), window) >= per_account
        or c.count(address_key(address), window) >= per_address
    )


def record_failure(email: str, address: str | None, device: str | None = None) -> None:
    """Count a failed sign-in; with the database counter it is written with the caller's commit."""
    window = _settings()[2]
    _with_fallback(lambda c: c.add([_own_key(email, device), address_key(address)], window))


def over_limit(limits: dict[str, int]) -> bool:
    """True when any of the keys has used up its limit in the window (the public forms:
    self check-in and certificate verification count per address, token or code)."""
    window = _settings()[2]
    return _with_fallback(lambda c: any(c.count(key, window) >= limit for key, limit in limits.items()))


def record_attempt(keys: list[str]) -> None:
    """Count one attempt against each key (the database counter's rows go with the request's
    commit: the public pages register it with keep_despite_error, so that it counts whatever
    the answer)."""
    window = _settings()[2]
    _with_fallback(lambda c: c.add(keys, window))


def clear_account(email: str, device: str | None = None) -> None:
    """Forget an account's (and the device's) failures after it signs in successfully."""
    _with_fallback(lambda c: c.clear(account_key(email)))
    if device:
        _with_fallback(lambda c: c.clear(device_key(device)))
