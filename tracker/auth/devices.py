"""Device cookies (OWASP's defence against lock-out by strangers): a browser that has signed in
to an account before carries a signed cookie naming that account, and its sign-ins are limited
per device instead of per account. Whoever fails five times with someone's email locks that
account for strangers only; its owner's own browser still gets in."""
import secrets
from datetime import timedelta

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..models import User

COOKIE = "tracker_device"
LIFETIME = timedelta(days=180)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="device-cookie")


def trusted_device(user: User | None) -> str | None:
    """The device's id, if this request carries a valid device cookie of this user's."""
    value = request.cookies.get(COOKIE)
    if user is None or not value:
        return None
    try:
        data = _serializer().loads(value, max_age=int(LIFETIME.total_seconds()))
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("user") != user.id:
        return None
    device = data.get("device")
    return device if isinstance(device, str) and device else None


def remember_device(response: Response, user: User) -> Response:
    """Give the browser a fresh device cookie for this account (after a successful sign-in)."""
    value = _serializer().dumps({"user": user.id, "device": secrets.token_urlsafe(16)})
    response.set_cookie(COOKIE, value, max_age=int(LIFETIME.total_seconds()), httponly=True,
                        samesite="Lax", secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
    return response
