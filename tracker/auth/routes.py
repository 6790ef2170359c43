"""Sign-in and sign-out pages."""
import secrets
from functools import cache
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from .. import audit
from ..extensions import db
from ..models import User
from ..models._base import utcnow
from ..models.user import password_method
from . import devices, throttle
from .forms import LoginForm

bp = Blueprint("auth", __name__)

# Endpoints reachable without signing in; every other page needs a signed-in user.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static", "i18n.switch",
                              # anyone holding a certificate may have it verified
                              "workshop.verify_start", "workshop.verify",
                              # participants check in from their phones without an account
                              "workshop.self_check_in"})


@bp.before_app_request
def require_sign_in():
    if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
        return None
    if request.endpoint is None:
        return None  # unknown URL: let it answer 404
    if request.blueprint == "api":
        return None  # tracker/api checks its callers itself and answers 401 JSON, not a redirect
    from ..extensions import login_manager

    return login_manager.unauthorized()


def safe_next(target: str | None) -> str | None:
    """A `next` value only if it stays inside this app (no scheme, no host, no //)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


@cache
def _dummy_hash(method: str) -> str:
    return generate_password_hash(secrets.token_hex(16), method=method)


def password_matches(user: User | None, password: str) -> bool:
    """Check the password; unknown and inactive accounts cost the same hashing time,
    so the answer's timing does not tell which emails have accounts."""
    if user is None or not user.is_active:
        check_password_hash(_dummy_hash(password_method()), password)
        return False
    return user.check_password(password)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.home"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        device = devices.trusted_device(user)
        if throttle.is_blocked(email, request.remote_addr, device):
            # Refused before the password is checked, so a locked account leaks nothing.
            audit.record_despite_error("login_throttled", user, summary=email, user=user)
            abort(429)
        if not password_matches(user, form.password.data):
            throttle.record_failure(email, request.remote_addr, device)
            audit.record("login_failed", user, summary=email, user=user)
            form.password.errors.append(_("Email or password is not right."))
            return render_template("auth/login.html", form=form), 200
        if user.password_needs_rehash:
            user.set_password(form.password.data)
        user.last_login_at = utcnow()
        throttle.clear_account(email, device)
        audit.record("login", user, user=user)
        session.clear()  # a fresh session at sign-in: nothing of the anonymous one carries over
        login_user(user, remember=form.remember.data)
        return devices.remember_device(
            redirect(safe_next(request.args.get("next")) or url_for("dashboard.home")), user)
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    # Rotating the token makes any copy of this session's cookie worthless on the server.
    current_user.end_sessions()
    audit.record("logout", current_user._get_current_object())
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))
