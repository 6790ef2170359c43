"""The dashboard: phase totals against targets, for every role (there are no names on it)."""
from flask import Blueprint, render_template, request
from sqlalchemy import select

from ..auth.permissions import VIEW_TOTALS, role_required
from ..extensions import db
from ..i18n import local_name
from ..models import Country, Phase
from ..reports import figures
from ..reports.drilldown import Drill
from ..reports.scope import requested_country, requested_phase, totals_or_404
from ..totals import latest_phase_with_events, phase_rows
from ..totals.evidence import evidence

bp = Blueprint("main", __name__)


@bp.route("/")
@role_required(*VIEW_TOTALS)
def home():
    if "phase" in request.args:
        number = requested_phase(request.args["phase"])
    else:
        latest = latest_phase_with_events()
        number = latest.number if latest else None
    country = requested_country(request.args.get("country"))
    totals = totals_or_404(number, country)
    phases = db.session.scalars(select(Phase).order_by(Phase.start_date, Phase.number)).all()
    phase = next((p for p in phases if p.number == number), None)
    countries = sorted(db.session.scalars(select(Country)),  # in the page's alphabet
                       key=lambda c: (not c.is_beneficiary, local_name(c)))
    return render_template(
        "main/home.html",
        phase=phase,
        phases=phases,
        countries=countries,
        country=country,
        chart=figures.running_totals_chart(totals, phase, country),
        rows=phase_rows(country) if phase is None else None,
        evidence=evidence(number, country=country),
        drill=Drill({"phase": str(number)} if number is not None else {}, country),
        **figures.for_page(totals, phase, country),
    )
