"""The phase report: a phase's figures, budget facts and chosen testimonies on an A4 page, and
its figures as an XLSX file."""
from datetime import date

from flask import render_template, request
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from ..auth.permissions import VIEW_TOTALS, role_required
from ..exports import xlsx_response
from ..extensions import db
from ..models import Event, Phase, Testimony
from ..totals import find_phase
from . import bp, figures
from .phase_xlsx import phase_workbook
from .scope import requested_country, totals_or_404


def _report(number: int) -> tuple:
    country = requested_country(request.args.get("country"))
    totals = totals_or_404(number, country)
    return find_phase(number), country, totals


def quoted_testimonies(phase: Phase, country: str | None) -> list[Testimony]:
    """The testimonies chosen for the report from the phase's held events (hosted in `country`
    when given, as the event pages limit a country's users). Never one given without consent,
    whatever its choice flag says."""
    query = (
        select(Testimony).join(Testimony.event).options(contains_eager(Testimony.event))
        .where(Event.phase_id == phase.id, Event.status == "held",
               Testimony.has_consent.is_(True), Testimony.is_in_phase_report.is_(True))
        .order_by(Event.start_date, Event.id, Testimony.id)
    )
    if country:
        query = query.where(Event.country_code == country)
    return list(db.session.scalars(query))


@bp.route("/phase/<int:number>")
@role_required(*VIEW_TOTALS)
def phase_report(number: int):
    phase, country, totals = _report(number)
    return render_template("reports/phase.html", phase=phase, country=country, today=date.today(),
                           testimonies=quoted_testimonies(phase, country),
                           **figures.for_page(totals, phase, country))


@bp.route("/phase/<int:number>.xlsx")
@role_required(*VIEW_TOTALS)
def phase_report_xlsx(number: int):
    phase, country, totals = _report(number)
    suffix = f"-{country}" if country else ""
    return xlsx_response(phase_workbook(phase, country, totals),
                         f"phase-{phase.number}{suffix}-totals.xlsx")
