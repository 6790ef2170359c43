"""An event on paper: the attendance report, the sign-in sheet (a signature column per
session) and certificates of attendance (each with its code to verify it, tracker/workshop).

Coordinators and admins only (they hold names); each view is written to the audit log.
"""
from datetime import date

from flask import render_template

from ..auth.permissions import PRINT_AND_EXPORT, role_required
from ..database import write_now
from ..exports import record_export
from ..models import Event
from ..reports import attendance
from ..workshop import certificates as codes
from ..workshop.labels import PART_BILINGUAL
from .blueprint import bp
from .queries import get_event, roster, roster_counts


@bp.route("/<int:event_id>/attendance-report")
@role_required(*PRINT_AND_EXPORT)
def attendance_report(event_id: int):
    event = get_event(event_id)
    attendances = roster(event)
    countries = attendance.country_names()
    page = render_template(
        "reports/attendance.html", event=event, counts=roster_counts(event),
        country_names=countries, agency_types=attendance.agency_types_by_english_name(),
        groups=attendance.by_country_and_agency(attendances, countries),
        others=attendance.others(attendances), sex_initial=attendance.sex_initial, today=date.today())
    record_export(event, f"Attendance report of event {event.id}: {len(attendances)} people")
    return page


@bp.route("/<int:event_id>/sign-in-sheet")
@role_required(*PRINT_AND_EXPORT)
def sign_in_sheet(event_id: int):
    event = get_event(event_id)
    attendances = roster(event)
    page = render_template(
        "reports/sign_in_sheet.html", event=event,
        attendances=attendance.sign_in_order(attendances, attendance.country_names()),
        runs=attendance.session_runs(event), part_names=PART_BILINGUAL,
        blank_rows=attendance.BLANK_ROWS)
    record_export(event, f"Sign-in sheet of event {event.id}: {len(attendances)} names")
    return page


@bp.route("/<int:event_id>/certificates")
@role_required(*PRINT_AND_EXPORT)
def certificates(event_id: int):
    event = get_event(event_id)
    recipients = attendance.certificate_recipients(roster(event))
    return _certificates(event, recipients, f"Certificates of event {event.id}: {len(recipients)}")


@bp.route("/<int:event_id>/certificates/<int:person_id>")
@role_required(*PRINT_AND_EXPORT)
def certificate(event_id: int, person_id: int):
    event = get_event(event_id)
    recipient = attendance.certificate_recipient(roster(event), person_id)
    return _certificates(event, [recipient],
                         f"Certificate of event {event.id} for person {person_id}: 1")


def _certificates(event: Event, recipients: list, summary: str) -> str:
    write_now()  # each certificate gets its code, printed on the page, the first time it is printed
    issued = codes.issue(event, recipients)
    page = render_template("reports/certificates.html", event=event, recipients=recipients,
                           country_names=attendance.country_names(),
                           russian_days=attendance.russian_days, issued=issued,
                           verification=codes.verification)
    record_export(event, summary)
    return page
