"""Signing API callers in with a personal token sent as `Authorization: Bearer <token>`."""
from datetime import timedelta

from flask import Request
from sqlalchemy import select

from .. import audit
from ..database import keep_despite_error
from ..extensions import db
from ..models import ApiToken, User
from ..models._base import utcnow
from ..models.token import hash_token

# A busy script calling every second need not write a row each time.
LAST_USED_PRECISION = timedelta(minutes=1)


def user_from_token(request: Request) -> User | None:
    """Flask-Login's request loader: the user of a valid token, on API paths only.

    Tokens open the API and nothing else, so a leaked token cannot browse the site.
    """
    if request.blueprint != "api":
        return None
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    record = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == hash_token(token.strip()))
    )
    if record is None or record.revoked_at is not None or not record.user.is_active:
        return None
    now = utcnow()
    last_used = record.last_used_at
    if last_used is not None and last_used.tzinfo is None:
        last_used = last_used.replace(tzinfo=now.tzinfo)  # SQLite hands back naive UTC
    if last_used is None or now - last_used >= LAST_USED_PRECISION:
        # Set at the request's end: a GET takes SQLite's write lock only then.
        keep_despite_error(lambda: setattr(record, "last_used_at", now))
    return record.user


def revoke_all(user: User, reason: str) -> int:
    """End every active token of the user with their sessions (a new password, deactivation):
    a token copied by whoever had the old password must not outlive it. Returns how many."""
    tokens = db.session.scalars(select(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))).all()
    now = utcnow()
    for token in tokens:
        token.revoked_at = now
        audit.record("token_revoked", token, summary=f"{token.name} ({token.hint}…): {reason}")
    return len(tokens)
