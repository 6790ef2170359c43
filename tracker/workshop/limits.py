"""How often the public pages may be tried, counted by the sign-in throttle's counters."""
from flask import current_app, request

from ..auth import throttle
from ..database import keep_despite_error
from .check_in import is_token

# A venue's wifi puts a whole room behind one address: per address is generous, per token
# bounds a session's check-ins, per certificate code bounds guessing its holder's surname.
DEFAULTS = {"CHECK_IN_LIMIT_PER_ADDRESS": 60, "CHECK_IN_LIMIT_PER_TOKEN": 300,
            "VERIFY_LIMIT_PER_ADDRESS": 30, "VERIFY_LIMIT_PER_CODE": 10}


def _limit(name: str) -> int:
    return current_app.config.get(name, DEFAULTS[name])


def address_key(kind: str) -> str:
    return f"{kind}-address:{request.remote_addr or 'unknown'}"


def check_in_keys(token: str) -> dict[str, int]:
    """Per address, and per token (whatever cannot be a token counts under one key: it is
    looked up nowhere, and PostgreSQL refuses a NUL in text)."""
    return {address_key("check-in"): _limit("CHECK_IN_LIMIT_PER_ADDRESS"),
            f"check-in-token:{token if is_token(token) else '?'}": _limit("CHECK_IN_LIMIT_PER_TOKEN")}


def verify_keys(code: str | None = None) -> dict[str, int]:
    keys = {address_key("verify"): _limit("VERIFY_LIMIT_PER_ADDRESS")}
    if code:
        keys[f"verify-code:{code}"] = _limit("VERIFY_LIMIT_PER_CODE")
    return keys


def is_over(keys: dict[str, int]) -> bool:
    return throttle.over_limit(keys)


def count(keys: dict[str, int]) -> None:
    """Count an attempt against each key, whatever the answer (a refused check-in, an
    unknown code's 404): written at the request's end, after any rollback."""
    keep_despite_error(lambda: throttle.record_attempt(list(keys)))
