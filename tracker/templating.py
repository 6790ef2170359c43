"""Template filters and globals shared by every page."""
from datetime import date, datetime
from urllib.parse import urlencode

from flask import Flask, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from .auth.permissions import ADMINISTER, EDIT_EVENTS, MERGE_AND_DELETE, SEE_NAMES, VIEW_TOTALS
from .undo import pending_undo


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%d.%m.%Y")


def format_number(value: int | float | None) -> str:
    """Grouped the way the page's language groups digits: 12,345 or 12 345."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return format_decimal(value, format="#,##0.0")
    return format_decimal(int(value))


def format_decimal_one(value: float | None, signed: bool = False, places: int = 1) -> str:
    """One decimal (or `places`), written the page language's way: 4.3 or 4,3 (+1.5 with
    signed=True, 4.25 with places=2)."""
    if value is None:
        return "–"
    digits = "#,##0." + "0" * places
    return format_decimal(value, format=f"+{digits};-{digits}" if signed else digits)


def format_money(value) -> str:
    """An amount with its cents, grouped the page's way: 4,954,784.93 or 4 954 784,93."""
    if value is None:
        return "–"
    return format_decimal(value, format="#,##0.00")


# Pages filed under another menu item than the first one of their blueprint.
MENU_ITEM_OF = {"people.agencies": "people.agencies", "people.rename_agency": "people.agencies"}


def navigation() -> list[tuple[str, str, bool]]:
    """(label, endpoint, is_current) of the menu items the signed-in user may open, in menu
    order (each entry names the ability of auth/permissions.py's table that its page
    requires); one item at most is the current page's."""
    if not current_user.is_authenticated:
        return []
    items = [(_("Dashboard"), "dashboard.home", VIEW_TOTALS),
             (_("Events"), "events.index", VIEW_TOTALS),
             (_("People"), "people.index", SEE_NAMES),
             (_("Duplicates"), "duplicates.queue", MERGE_AND_DELETE),
             (_("Agencies"), "people.agencies", EDIT_EVENTS),
             (_("Import"), "register.upload", EDIT_EVENTS),
             (_("Admin"), "admin.users", ADMINISTER)]
    shown = [(label, endpoint) for label, endpoint, roles in items if current_user.role in roles]
    here = request.endpoint or ""
    current = MENU_ITEM_OF.get(here) or next(
        (endpoint for _label, endpoint in shown if endpoint.split(".")[0] == here.split(".")[0]), None)
    return [(label, endpoint, endpoint == current) for label, endpoint in shown]


def programme_logos(programme) -> dict:
    """The programme's logos by kind, for the head of a printed page."""
    from .admin.logos import logos_of

    return logos_of(programme)


def url_with(**changes) -> str:
    """The current page's URL with some query arguments changed (None drops one)."""
    return link_with_args(request.endpoint, request.view_args, **changes)


def link_with_args(endpoint: str, view_args: dict | None = None, /, **changes) -> str:
    """A URL of `endpoint` carrying the current request's query arguments, some changed.

    The arguments are appended as a query string, never passed to url_for() as keywords:
    a visitor's ?endpoint=, ?_external= or ?_anchor= would be taken for url_for()'s own."""
    args = MultiDict(request.args)
    for key, value in changes.items():
        args.pop(key, None)
        if value is not None:
            args[key] = value
    query = urlencode(list(args.items(multi=True)))
    return url_for(endpoint, **(view_args or {})) + (f"?{query}" if query else "")


def may_open_person(person) -> bool:
    """Whether a person's name may link to their record (another country's official's, for a
    user limited to one country, does not)."""
    from .auth.permissions import may_access_country

    return may_access_country(person.country_code)


def register(app: Flask) -> None:
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_number, "number")
    app.add_template_filter(format_money, "money")
    app.add_template_filter(format_decimal_one, "decimal")
    app.add_template_global(navigation)
    app.add_template_global(url_with)
    app.add_template_global(link_with_args)
    app.add_template_global(may_open_person)
    app.add_template_global(pending_undo)
    app.add_template_global(programme_logos)
