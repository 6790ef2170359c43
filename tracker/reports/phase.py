"""The phase report: a phase's figures and budget facts on an A4 page, and as an XLSX file."""
from datetime import date
from io import BytesIO

from flask import render_template, request, send_file

from ..auth.permissions import VIEW_TOTALS, role_required
from ..totals import find_phase
from . import bp, figures
from .phase_xlsx import phase_workbook
from .scope import requested_country, totals_or_404

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    workbook = phase_workbook(phase, country, totals)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    suffix = f"-{country}" if country else ""
    return send_file(buffer, mimetype=XLSX_MIMETYPE, as_attachment=True,
                     download_name=f"phase-{phase.number}{suffix}-totals.xlsx")
