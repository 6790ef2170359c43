"""Friendly error pages: a person sees what happened and what to do, never a stack trace."""
from flask import Flask, jsonify, render_template, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from .extensions import db

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    403: (_l("Not allowed"), _l("Your account may not open this page or do this action.")),
    404: (_l("Not found"), _l("There is nothing at this address. It may have been deleted.")),
    405: (_l("Not allowed"), _l("This page cannot be used that way.")),
    413: (_l("File too large"), _l("The file is larger than the upload limit. Split it and try again.")),
    429: (_l("Too many attempts"), _l("Too many attempts in a short time. Wait a minute and try again.")),
    500: (_l("Something went wrong"), _l("The error has been logged. Nothing was saved; try again.")),
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(code: int, description: str | None = None):
    title, message = MESSAGES.get(code, (_l("Error %(code)s", code=code), description or ""))
    if wants_json():
        with force_locale("en"):  # the API answers in English, whatever the browser asks
            return jsonify(error=str(title), message=description or str(message)), code
    return render_template("errors/error.html", code=code, title=title, message=message), code


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        if error.code and error.code >= 500:
            db.session.rollback()
        description = error.description if wants_json() else None
        return render_error(error.code or 500, description)

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(500)
