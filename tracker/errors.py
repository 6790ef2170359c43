"""Friendly error pages: a person sees what happened and what to do, never a stack trace.
When even that page cannot be drawn (the database is down, and with it the signed-in user
and their language), a static page that needs nothing answers instead."""
import json

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from .database import discard

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    403: (_l("Not allowed"), _l("Your account may not open this page or do this action.")),
    404: (_l("Not found"), _l("There is nothing at this address. It may have been deleted.")),
    405: (_l("Not allowed"), _l("This page cannot be used that way.")),
    413: (_l("File too large"), _l("The file is larger than the upload limit. Split it and try again.")),
    429: (_l("Too many attempts"), _l("Too many attempts in a short time. Wait a minute and try again.")),
    500: (_l("Something went wrong"), _l("The error has been logged. Nothing was saved; try again.")),
}


# In both languages: without the database there is no knowing the user's.
STATIC_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tracker unavailable · Трекер недоступен</title>
<link rel="stylesheet" href="/static/vendor/bootstrap/bootstrap.min.css"></head>
<body><main class="container py-5">
<h1 class="h3">{title_en}</h1><p class="lead">{message_en}</p>
<h2 class="h3" lang="ru">{title_ru}</h2><p class="lead" lang="ru">{message_ru}</p>
</main></body></html>
"""
UNAVAILABLE = dict(
    title_en="The tracker cannot reach its database",
    message_en="Nothing was saved. Try again in a few minutes; if it lasts, tell the administrator.",
    title_ru="Трекер не может связаться с базой данных",
    message_ru="Ничего не сохранено. Повторите через несколько минут; если не пройдёт, "
               "сообщите администратору.")
BROKEN = dict(
    title_en="Something went wrong",
    message_en="The error has been logged. Nothing was saved; try again.",
    title_ru="Что-то пошло не так",
    message_ru="Ошибка записана в журнал. Ничего не сохранено; попробуйте ещё раз.")


def static_error(code: int, texts: dict) -> Response:
    """An error answer built from constants: no template, session, user or database."""
    if request.path.startswith("/api/"):
        body = json.dumps({"error": texts["title_en"], "message": texts["message_en"]})
        return Response(body, code, mimetype="application/json")
    return Response(STATIC_PAGE.format(**texts), code, mimetype="text/html")


def _rollback() -> None:
    """Out of the error page's way, the failed transaction (tracker/database.py ends it)."""
    try:
        discard()
    except Exception:  # noqa: BLE001  (a dead connection cannot even roll back)
        pass


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
            _rollback()
        description = error.description if wants_json() else None
        return _render_or_static(error.code or 500, description)

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        _rollback()
        if isinstance(error, DBAPIError) and (error.connection_invalidated
                                             or _is_unreachable(error)):
            app.logger.error("Database unreachable on %s %s: %s", request.method, request.path,
                             error.orig)
            return static_error(503, UNAVAILABLE)
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return _render_or_static(500)

    def _render_or_static(code: int, description: str | None = None):
        try:
            return render_error(code, description)
        except DBAPIError as error:  # the page needed the database (the user, their language)
            _rollback()
            app.logger.error("Database unreachable drawing a %s page: %s", code, error.orig)
            return static_error(503, UNAVAILABLE)
        except Exception:  # noqa: BLE001
            _rollback()
            app.logger.exception("The error page itself failed on %s", request.path)
            return static_error(500, BROKEN)


def _is_unreachable(error: DBAPIError) -> bool:
    """A failure to connect or a lost connection, as opposed to a bad statement."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    if isinstance(error, InterfaceError):
        return True
    text = str(error.orig).lower()
    return isinstance(error, OperationalError) and any(sign in text for sign in (
        "unable to open database", "connection", "could not connect", "server closed",
        "terminating", "no such host", "timeout expired"))
