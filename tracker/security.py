"""Security headers on every response, no caching of pages that may show personal data, and
input no database could hold (ids past its integers, NUL characters) turned away early."""
from flask import Flask, Response, abort, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # Bootstrap draws icons (select arrows, toggler) as data: SVG
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HSTS = "max-age=31536000; includeSubDomains"
STATIC_ENDPOINTS = frozenset({"static"})
MAX_ID = 2**31 - 1  # INTEGER primary keys on PostgreSQL
MAX_ID_DIGITS = len(str(MAX_ID))


class IdConverter(IntegerConverter):
    """`<int:…>` in URLs, bounded by the database's integers: a larger id is an unknown id
    (404), not an overflow error deep in the database driver (500)."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits, min, max, signed)


def whole_number(value, max_digits: int = MAX_ID_DIGITS) -> int | None:
    """A whole number of at most `max_digits` ASCII digits from a query or form field, or
    None. (str.isdigit() alone passes "²" and "١٢"; int() of a string past 4,300 digits
    raises ValueError, and of forty nines overflows the database driver.)"""
    text = str(value if value is not None else "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > max_digits:
        return None
    return int(text)


def parse_id(value) -> int | None:
    """A record's id from a query or form field: a whole number the database can hold, or
    None, which callers treat as "no such record"."""
    number = whole_number(value)
    return number if number is not None and 0 < number <= MAX_ID else None


def hsts_enabled(app: Flask) -> bool:
    """HSTS only where the app is served over HTTPS: production, or when HSTS is set."""
    setting = app.config.get("HSTS")
    if setting is not None:
        return bool(setting)
    return not app.debug and not app.testing


def register(app: Flask) -> None:
    if proxies := app.config.get("TRUSTED_PROXIES"):
        # Behind nginx every request comes from 127.0.0.1: take the client's address and
        # scheme from the headers the trusted proxies set (and only from them).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    @app.before_request
    def refuse_nul_characters():
        # Nobody types U+0000, and PostgreSQL cannot hold it in text (not even as a search
        # term): a field or query carrying one is a malformed request, not a crash.
        for values in (request.args, request.form):
            for key, value in values.items(multi=True):
                if "\x00" in (key or "") or "\x00" in (value or ""):
                    abort(400)

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        if hsts_enabled(app):
            headers.setdefault("Strict-Transport-Security", HSTS)
        if request.endpoint not in STATIC_ENDPOINTS:
            # Pages, exports and API answers may carry names of officials: no browser or
            # proxy may keep a copy (the back button after sign-out must not show them).
            headers["Cache-Control"] = "no-store"
        return response
