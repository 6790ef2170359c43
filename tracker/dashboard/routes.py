"""The dashboard: a phase's or a period's totals, against targets, for every role (there are
no names on it)."""
from flask import Blueprint, render_template, request

from ..auth.permissions import VIEW_TOTALS, role_required
from ..reports import figures
from ..reports.drilldown import Drill
from ..reports.period import asked_period, period_menu
from ..reports.scope import requested_country, requested_phase, totals_for
from ..totals import latest_phase_with_events, phase_rows
from ..totals.evidence import evidence
from . import queries

bp = Blueprint("dashboard", __name__)


@bp.route("/")
@role_required(*VIEW_TOTALS)
def home():
    latest = latest_phase_with_events()
    asked = asked_period(request.args, latest.number if latest else None, requested_phase)
    country = requested_country(request.args.get("country"))
    phases = queries.phases()
    countries = queries.countries()
    page = dict(asked=asked, period=asked.period, phases=phases, countries=countries,
                country=country, choices=period_menu(asked, phases=phases))
    if asked.errors:  # bad custom dates: the form says why, and there is nothing to count
        return render_template("dashboard/home.html", phase=None, totals=None, **page), 400
    totals = totals_for(asked, country)
    phase = next((p for p in phases if p.number == asked.phase), None) if not asked.period else None
    period = asked.period
    return render_template(
        "dashboard/home.html", phase=phase, **page,
        chart=figures.running_totals_chart(totals, phase, country),
        rows=phase_rows(country) if phase is None and period is None else None,
        evidence=evidence(asked.phase, period and period.start, period and period.end, country),
        drill=Drill(asked.args if (period or asked.phase is not None) else {}, country,
                    period and period.start, period and period.end),
        **figures.for_page(totals, phase, country),
    )
