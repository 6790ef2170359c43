"""Who may do what: SPEC's role table, once, and the country scope of queries.

The table below is the only place that names roles against abilities: `role_required` (on
every route), `User.may_*` (in templates and views) and the menu (templating.navigation) all
read it. It imports no model, so that models/user.py can read it too.
"""
from collections.abc import Callable
from enum import IntEnum
from functools import wraps
from typing import NoReturn

from flask import abort, g, request
from flask_login import current_user
from sqlalchemy import Select, exists, or_, select

from ..codes import Role

# SPEC "Roles": an ability and the roles that have it.
VIEW_TOTALS = (Role.STAFF, Role.COORDINATOR, Role.MANAGER, Role.ADMIN)  # totals, reports, events
SEE_NAMES = (Role.STAFF, Role.COORDINATOR, Role.ADMIN)  # people's names and contacts
EDIT_EVENTS = (Role.STAFF, Role.COORDINATOR, Role.ADMIN)  # events, rosters, imports
PRINT_AND_EXPORT = (Role.COORDINATOR, Role.ADMIN)  # printed reports, lists of people
MERGE_AND_DELETE = (Role.COORDINATOR, Role.ADMIN)  # duplicates, deleting events
ADMINISTER = (Role.ADMIN,)  # users, phases, reference lists, the audit log


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
    """Answer 403. The refused attempt is written to the audit log and nothing else is: the
    request's end (tracker/database.py) rolls back the rest and keeps this entry."""
    from .. import audit  # here, not above: models/user.py reads this module's table

    audit.record_despite_error("access_refused", summary=f"{request.method} {request.path}")
    abort(403, description=description)


# --- Country scope (SPEC "Roles"): one helper for every query ------------------------------

class EventAccess(IntEnum):
    """What a user may do with one event."""

    NONE = 0  # not theirs to see: 404
    ABROAD = 1  # hosted elsewhere, attended by their officials: facts, counts, their officials
    HOME = 2  # hosted in their country, or the user is not limited: the whole event


def country_limit() -> str | None:
    """The country the signed-in user is limited to, or None: admins never are (SPEC)."""
    if not current_user.is_authenticated or current_user.role == Role.ADMIN:
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
        from ..extensions import db
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
