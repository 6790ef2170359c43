"""Who may do what: SPEC's role table, once, and the country scope of queries.

The table below is the only place that names roles against abilities: `role_required` (on
every route), `User.may_*` (in templates and views) and the menu (templating.navigation) all
read it. It imports no model, so that models/user.py can read it too.
"""
from collections.abc import Callable
from functools import wraps
from typing import NoReturn

from flask import abort, request
from flask_login import current_user
from sqlalchemy import Select

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


def scope_to_country(query: Select, country_column) -> Select:
    """Limit a query to the signed-in user's country, if the user is limited to one."""
    if current_user.is_authenticated and current_user.country_code:
        return query.where(country_column == current_user.country_code)
    return query


def may_access_country(country_code: str | None) -> bool:
    return not current_user.country_code or current_user.country_code == country_code
