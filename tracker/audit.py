"""Writing the audit log; entries commit with the change they describe (or, for a refused
attempt, on their own: `record_despite_error`)."""
from typing import Any

from flask import has_request_context, request
from flask_login import current_user

from .database import keep_despite_error
from .extensions import db
from .models import AuditEntry

SUMMARY_LENGTH = AuditEntry.__table__.c.summary.type.length


def record(
    action: str,
    obj: Any = None,
    *,
    summary: str | None = None,
    before: dict | None = None,
    after: dict | None = None,
    user: Any = None,
) -> AuditEntry:
    """Add an audit entry to the current transaction (it is written when the caller commits)."""
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user
    entry = AuditEntry(
        action=action,
        object_type=type(obj).__name__.lower() if obj is not None else None,
        object_id=getattr(obj, "id", None),
        # Summaries quote what people typed (a search, a name): keep them to the column.
        summary=summary[:SUMMARY_LENGTH] if summary else summary,
        before=before,
        after=after,
        user_id=getattr(user, "id", None),
        ip_address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(entry)
    return entry


def record_despite_error(action: str, obj: Any = None, **fields) -> None:
    """An entry that is written even though the request answers with an error (a refused or
    throttled attempt): made at the request's end, after the rollback of everything else."""
    keep_despite_error(lambda: record(action, obj, **fields))
