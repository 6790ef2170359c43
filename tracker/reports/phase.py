"""The phase report: a phase's figures and budget facts on an A4 page, and as an XLSX file."""
from datetime import date

from flask import render_template, request

from ..auth.permissions import VIEW_TOTALS, role_required
from ..exports import xlsx_response
from ..totals import find_phase
from . import bp, figures
from .phase_xlsx import phase_workbook
from .scope import requested_country, totals_or_404


def _report(number: int) -> tuple:
    country = requested_country(request.args.get("country"))
    totals = totals_or_404(number, country)
    return find_phase(number), country, totals


@bp.route("/phase/<int:number>")
@role_required(*VIEW_TOTALS)
def phase_report(number: int):
    phase, country, totals = _report(number)
    return render_template("reports/phase.html", phase=phase, country=country,
                           today=date.today(), **figures.for_page(totals, phase))


@bp.route("/phase/<int:number>.xlsx")
@role_required(*VIEW_TOTALS)
def phase_report_xlsx(number: int):
    phase, country, totals = _report(number)
    suffix = f"-{country}" if country else ""
    return xlsx_response(phase_workbook(phase, country, totals),
                         f"phase-{phase.number}{suffix}-totals.xlsx")
