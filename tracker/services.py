"""What every write service shares: refusals a person can act on, and audit snapshots.

Services only add, change and flush; the request's end commits (tracker/database.py)."""
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.exc import IntegrityError

from .database import discard
from .extensions import db


class Refusal(Exception):
    """A write refused for a reason the user can fix; `field` names the form field."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def is_unique_violation(error: IntegrityError) -> bool:
    """Whether the database refused a row because another holds its unique value."""
    return "unique" in str(error.orig).lower() or "duplicate key" in str(error.orig).lower()


@contextmanager
def first_wins(field: str | None, message: str):
    """Flush inside the block; if another request committed the same unique value since this
    one checked for it (PostgreSQL runs requests side by side), refuse as the check would
    have. The caller rolls the request back, as after any refusal."""
    try:
        yield
        db.session.flush()
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        raise Refusal(field, message) from None


@contextmanager
def unless_taken():
    """Flush inside a savepoint; yields a list that holds True afterwards if another request
    had just committed the same unique value (the savepoint is then rolled back and the
    caller carries on with the row on record)."""
    taken = []
    try:
        with db.session.begin_nested():
            yield taken
            db.session.flush()
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        taken.append(True)


def snapshot(obj, fields: tuple[str, ...]) -> dict:
    """JSON-ready values of some attributes, for the audit log's before/after."""
    values = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, (date, datetime)):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, (list, tuple, set, frozenset)):
            value = sorted(str(getattr(v, "name_en", v)) for v in value)
        values[name] = value
    return values


def show_refusal(form, refusal: Refusal) -> None:
    """Put a service's refusal next to its field, or at the top of the form."""
    field = getattr(form, refusal.field, None) if refusal.field else None
    if field is not None:
        field.errors = list(field.errors) + [refusal.message]
    else:
        form.form_errors.append(refusal.message)


def write_or_refuse(form, write, *args) -> tuple[bool, object]:
    """Run a form's service write: (True, its result), which the request's end commits, or
    (False, None) after discarding it and showing the refusal next to its field."""
    try:
        result = write(*args)
    except Refusal as refusal:
        discard()
        show_refusal(form, refusal)
        return False, None
    return True, result
