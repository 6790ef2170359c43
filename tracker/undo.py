"""Undo in the message that follows a step someone may regret (removing an attendee,
deleting an event): the next page shows the message with an Undo button, a small form that
posts to the undoing URL with a CSRF token — no script, so the CSP stays strict."""
from flask import session

KEY = "undo"


def offer_undo(message: str, action: str, fields: dict[str, str | int] | None = None) -> None:
    """Show `message` on the next page with an Undo button posting `fields` to `action`."""
    session[KEY] = {"message": message, "action": action,
                    "fields": {name: str(value) for name, value in (fields or {}).items()}}


def pending_undo() -> dict | None:
    """The offer to show on this page, once (base.html asks)."""
    # Looking before popping: a pop marks the session changed and resends its cookie.
    return session.pop(KEY, None) if KEY in session else None

