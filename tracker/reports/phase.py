"""The phase report: a phase's figures, budget facts and chosen testimonies on an A4 page, and
its figures as an XLSX file; the same for any reporting period (its figures only)."""
from datetime import date

from flask import abort, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from ..auth.permissions import VIEW_TOTALS, role_required, taking_part
from ..exports import xlsx_response
from ..extensions import db
from ..models import Event, EventStatus, Phase, Testimony
from ..totals import find_phase
from ..totals.evidence import evidence
from . import figures
from .blueprint import bp
from .period import Asked, Period, asked_period, period_menu
from .phase_xlsx import period_workbook, phase_workbook
from .scope import requested_country, requested_phase, totals_for, totals_or_404


def _report(number: int) -> tuple:
    country = requested_country(request.args.get("country"))
    totals = totals_or_404(number, country)
    return find_phase(number), country, totals


def quoted_testimonies(phase: Phase, country: str | None) -> list[Testimony]:
    """The testimonies chosen for the report from the phase's held events (those `country` took
    part in when given, as the totals count them). Never one given without consent, whatever
    its choice flag says."""
    query = (
        select(Testimony).join(Testimony.event).options(contains_eager(Testimony.event))
        .where(Event.phase_id == phase.id, Event.status == EventStatus.HELD, Event.deleted_at.is_(None),
               Testimony.has_consent.is_(True), Testimony.is_in_phase_report.is_(True))
        .order_by(Event.start_date, Event.id, Testimony.id)
    )
    if country:
        query = query.where(taking_part(country))
    return list(db.session.scalars(query))


@bp.route("/phase/<int:number>")
@role_required(*VIEW_TOTALS)
def phase_report(number: int):
    phase, country, totals = _report(number)
    return render_template("reports/phase.html", phase=phase, country=country, today=date.today(),
                           testimonies=quoted_testimonies(phase, country),
                           evidence=evidence(number, country=country),
                           **figures.for_page(totals, phase, country))


@bp.route("/phase/<int:number>.xlsx")
@role_required(*VIEW_TOTALS)
def phase_report_xlsx(number: int):
    phase, country, totals = _report(number)
    suffix = f"-{country}" if country else ""
    return xlsx_response(phase_workbook(phase, country, totals),
                         f"phase-{phase.number}{suffix}-totals.xlsx")


def _period_report() -> tuple:
    asked = asked_period(request.args, None, requested_phase)
    if asked.period is None and asked.phase is None and not asked.errors:
        asked = Asked(errors={})  # nothing asked yet, or all phases: the form only
    return asked, requested_country(request.args.get("country"))


@bp.route("/period")
@role_required(*VIEW_TOTALS)
def period_report():
    asked, country = _period_report()
    if asked.period is None and asked.phase is not None:  # a phase chosen from the menu
        return redirect(url_for(".phase_report", number=asked.phase, country=country))
    if asked.period is None:
        return render_template("reports/period.html", asked=asked, country=country,
                               choices=period_menu(asked), totals=None), 400 if asked.errors else 200
    totals = totals_for(asked, country)
    period = asked.period
    return render_template("reports/period.html", asked=asked, period=period,
                           evidence=evidence(None, period.start, period.end, country),
                           country=country, today=date.today(), choices=period_menu(asked),
                           **figures.for_page(totals, None, country))


@bp.route("/period.xlsx")
@role_required(*VIEW_TOTALS)
def period_report_xlsx():
    asked, country = _period_report()
    if asked.period is None:
        abort(400, description="Give the period's first and last day: ?from=…&to=….")
    period: Period = asked.period
    suffix = f"-{country}" if country else ""
    return xlsx_response(period_workbook(period, country, totals_for(asked, country)),
                         f"report-{period.slug}{suffix}-totals.xlsx")
