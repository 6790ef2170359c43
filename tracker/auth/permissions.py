"""Who may do what: SPEC's role table in one place, and the country scope of queries."""
from collections.abc import Callable
from functools import wraps
from typing import NoReturn

from flask import abort, request
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user
from sqlalchemy import Select

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


def scope_to_country(query: Select, country_column) -> Select:
    """Limit a query to the signed-in user's country, if the user is limited to one."""
    if current_user.is_authenticated and current_user.country_code:
        return query.where(country_column == current_user.country_code)
    return query


def may_access_country(country_code: str | None) -> bool:
    return not current_user.country_code or current_user.country_code == country_code
