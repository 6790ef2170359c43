"""Who may do what: SPEC's role table in one place, and the country scope of queries."""
from collections.abc import Callable
from enum import IntEnum
from functools import wraps
from typing import NoReturn

from flask import abort, g, request
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user
from sqlalchemy import Select, exists, or_, select

from .. import audit
from ..database import write_after_reading
from ..extensions import db
from ..models import ADMIN, COORDINATOR, MANAGER, STAFF, User

# SPEC "Roles": an ability and the roles that have it.
VIEW_TOTALS = (STAFF, COORDINATOR, MANAGER, ADMIN)
SEE_NAMES = (STAFF, COORDINATOR, ADMIN)
EDIT_EVENTS = (STAFF, COORDINATOR, ADMIN)
PRINT_AND_EXPORT = (COORDINATOR, ADMIN)
MERGE_AND_DELETE = (COORDINATOR, ADMIN)
ADMINISTER = (ADMIN,)


def init_login(login_manager: LoginManager) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)


def load_user(user_id: str) -> User | None:
    # The id carries the user's session token, so ending sessions invalidates old cookies.
    uid, _, token = user_id.partition(":")
    if not uid.isdigit() or not token:
        return None
    user = db.session.get(User, int(uid))
    if user is None or not user.is_active or user.session_token != token:
        return None
    return user


def role_required(*roles: str) -> Callable:
    """Let through signed-in users holding one of the roles; others get 403 (anonymous: login)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                from ..extensions import login_manager

                return login_manager.unauthorized()
            if current_user.role not in roles:
                refuse()
            return view(*args, **kwargs)

        wrapped.required_roles = roles
        return wrapped

    return decorator


def refuse(description: str | None = None) -> NoReturn:
    """Answer 403, and write the refused attempt to the audit log (nothing else is written)."""
    db.session.rollback()
    write_after_reading()
    audit.record("access_refused", summary=f"{request.method} {request.path}"[:300])
    db.session.commit()
    abort(403, description=description)


# --- Country scope (SPEC "Roles"): one helper for every query ------------------------------

class EventAccess(IntEnum):
    """What a user may do with one event."""

    NONE = 0  # not theirs to see: 404
    ABROAD = 1  # hosted elsewhere, attended by their officials: facts, counts, their officials
    HOME = 2  # hosted in their country, or the user is not limited: the whole event


def country_limit() -> str | None:
    """The country the signed-in user is limited to, or None: admins never are (SPEC)."""
    if not current_user.is_authenticated or current_user.role == ADMIN:
        return None
    return current_user.country_code


def taking_part(country: str):
    """Events hosted in the country or with a participant of it: the events a user limited to
    it sees, and the events the totals count for it (tracker/totals: events_held)."""
    from ..models import Attendance, Event, Person

    theirs = select(Person.id).where(Person.country_code == country)
    return or_(Event.country_code == country, exists().where(
        Attendance.event_id == Event.id, Attendance.role == "participant",
        Attendance.person_id.in_(theirs)))


def scope_events(query: Select) -> Select:
    """Limit a query of events to those the user may see."""
    country = country_limit()
    return query.where(taking_part(country)) if country else query


def event_access(event) -> EventAccess:
    """HOME for an unlimited user or an event hosted in the user's country; ABROAD for one
    their country's officials took part in; NONE otherwise. Asked once per request and event."""
    country = country_limit()
    if country is None or event.country_code == country:
        return EventAccess.HOME
    known = g.setdefault("event_access", {})
    if event.id not in known:
        from ..models import Event

        seen = db.session.scalar(select(Event.id).where(Event.id == event.id, taking_part(country)))
        known[event.id] = EventAccess.ABROAD if seen else EventAccess.NONE
    return known[event.id]


def runs_event(event) -> bool:
    """Whether the user may change the event and its rows (their role permitting): at home."""
    return event_access(event) is EventAccess.HOME


def scope_roster(query: Select, event) -> Select:
    """Limit a query of an event's attendances (joined to Person) to what the user may see:
    abroad, their own country's officials only."""
    from ..models import Person

    country = country_limit()
    if country and event_access(event) is EventAccess.ABROAD:
        return query.where(Person.country_code == country)
    return query


def scope_to_country(query: Select, country_column) -> Select:
    """Limit a query of people, agencies or merges to the user's country (if limited)."""
    country = country_limit()
    return query.where(country_column == country) if country else query


def may_access_country(country_code: str | None) -> bool:
    """Whether a person, agency or merge of that country is the user's to open."""
    country = country_limit()
    return not country or country == country_code


def may_see_contacts(person) -> bool:
    """Emails (and phone numbers) of other countries' officials stay hidden from a limited user."""
    return may_access_country(person.country_code)
