"""The cross-table page and its XLSX: officials trained by two dimensions for a phase or a
period, each cell linking to the events behind it. The counting is totals/crosstab.py's."""
from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from ..auth.permissions import VIEW_TOTALS, role_required
from ..exports import Sheet, workbook, xlsx_response
from ..extensions import db
from ..i18n import label, local_name
from ..models import AgencyType, Country, EventKind, Sex, Topic
from ..totals import UnknownPhase, latest_phase_with_events
from ..totals.crosstab import DIMENSIONS, UNKNOWN, officials_crosstab
from .blueprint import bp
from .drilldown import Drill
from .period import Asked, asked_period, period_menu
from .scope import requested_country, requested_phase

DIMENSION_NAMES = {
    "sex": _l("Sex"), "country": _l("Country"), "agency_type": _l("Agency type"),
    "topic": _l("Topic"), "event_kind": _l("Event kind"), "month": _l("Month"),
    "quarter": _l("Quarter"),
}
WIDTHS = (30, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14)


def key_names(dimension: str) -> dict[str, str]:
    """The names a dimension's keys are shown by, in the page's language."""
    names: dict[str, str] = {UNKNOWN: _("Not recorded")}
    if dimension == "sex":
        names |= {Sex.FEMALE: label("sex", Sex.FEMALE), Sex.MALE: label("sex", Sex.MALE),
                  UNKNOWN: label("sex", None)}
    elif dimension == "country":
        names |= {c.code: local_name(c) for c in db.session.scalars(select(Country))}
    elif dimension == "agency_type":
        names |= {t.code: local_name(t) for t in db.session.scalars(select(AgencyType))}
    elif dimension == "event_kind":
        names |= {k.code: local_name(k) for k in db.session.scalars(select(EventKind))}
    elif dimension == "topic":
        names |= {t.name_en: local_name(t) for t in db.session.scalars(select(Topic))}
    return names


def explanation(rows: str, cols: str) -> str:
    """Why the totals may not add up, for the two dimensions shown."""
    per_participation = [str(DIMENSION_NAMES[d]).lower() for d in (rows, cols)
                         if d not in ("sex", "country")]
    if not per_participation:
        return _("Each official has one sex and one country, so every official is in exactly one "
                 "cell, and the totals add up to the grand total.")
    return _("Each cell counts an official once, however many times they took part. An official "
             "can be in several cells by %(what)s (two topics, two events in different months, "
             "an agency type at each event), so the cells of a row or column may add up to more "
             "than its total, and the totals may add up to more than the grand total, which "
             "counts each official once.", what=_(" and ").join(per_participation))


def _asked() -> tuple[Asked, str, str, str | None]:
    rows = request.args.get("rows", "country")
    cols = request.args.get("cols", "sex")
    if rows not in DIMENSIONS or cols not in DIMENSIONS:
        abort(400, description="rows and cols must be dimensions.")
    latest = latest_phase_with_events()
    asked = asked_period(request.args, latest.number if latest else None, requested_phase)
    return asked, rows, cols, requested_country(request.args.get("country"))


def _table(asked: Asked, rows: str, cols: str, country: str | None) -> dict | None:
    if asked.errors or rows == cols:
        return None
    period = asked.period
    try:
        return officials_crosstab(rows, cols, phase_number=asked.phase,
                                  start=period and period.start, end=period and period.end,
                                  country=country)
    except UnknownPhase as error:
        abort(404, description=str(error))


@bp.route("/crosstab")
@role_required(*VIEW_TOTALS)
def crosstab():
    asked, rows, cols, country = _asked()
    table = _table(asked, rows, cols, country)
    countries = sorted(db.session.scalars(select(Country)),
                       key=lambda c: (not c.is_beneficiary, local_name(c)))
    period = asked.period
    return render_template(
        "reports/crosstab.html", asked=asked, rows=rows, cols=cols, country=country,
        table=table, dimensions={d: str(n) for d, n in DIMENSION_NAMES.items()},
        row_names=key_names(rows), col_names=key_names(cols), choices=period_menu(asked),
        countries=countries, explanation=explanation(rows, cols),
        same_dimension=rows == cols,
        drill=Drill(asked.args, country, period and period.start, period and period.end),
        limited=bool(current_user.country_code)), 400 if asked.errors else 200


def crosstab_sheet(table: dict, title: str | None = None) -> Sheet:
    """A cross-table as a sheet: a row per row key with its total, then the column totals."""
    rows, cols = table["rows"], table["cols"]
    row_names, col_names = key_names(rows), key_names(cols)
    header = [f"{DIMENSION_NAMES[rows]} \\ {DIMENSION_NAMES[cols]}"]
    header += [col_names.get(c, c) for c in table["col_totals"]] + [_("Total")]
    body = [[row_names.get(r, r), *cells.values(), table["row_totals"][r]]
            for r, cells in table["cells"].items()]
    body.append([_("Total"), *table["col_totals"].values(), table["total"]])
    return Sheet(title or _("Cross-table"), header, body, WIDTHS)


@bp.route("/crosstab.xlsx")
@role_required(*VIEW_TOTALS)
def crosstab_xlsx():
    asked, rows, cols, country = _asked()
    table = _table(asked, rows, cols, country)
    if table is None:
        abort(400, description="Ask for two different dimensions and a valid period.")
    what = asked.period.label if asked.period else (
        _("phase %(number)s", number=asked.phase) if asked.phase else _("all phases"))
    notes = Sheet(_("About"), [_("Figure"), _("Value")], [
        [_("Officials trained (distinct) by %(rows)s and %(cols)s",
           rows=str(DIMENSION_NAMES[rows]).lower(), cols=str(DIMENSION_NAMES[cols]).lower()), what],
        [_("Countries"), country or _("all")],
        [_("How to read it"), explanation(rows, cols)],
    ], (40, 100))
    suffix = asked.period.slug if asked.period else (asked.phase or "all")
    return xlsx_response(workbook([crosstab_sheet(table), notes]),
                         f"officials-{rows}-by-{cols}-{suffix}{'-' + country if country else ''}.xlsx")
