"""An event's roster: add people on record or new ones, change role and days, remove,
and upload a whole attendance list (the register import's parse, plan and apply)."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.permissions import EDIT_EVENTS, may_access_country, role_required
from ..database import discard
from ..extensions import db
from ..models import Person
from ..people.services import LooksLikeExisting
from ..register import apply_plan, lock_for_import, storage
from ..register.cli import describe
from ..register.forms import AttendanceListForm, ColumnsForm, ConfirmForm
from ..register.mappings import FIELDS
from ..register.preview import read_upload
from ..security import parse_id
from ..services import Refusal, show_refusal
from ..undo import offer_undo
from . import queries, services
from .blueprint import bp
from .forms import AddAttendeeForm, AttendanceForm, DeleteForm, NewAttendeeForm
from .routes import render_event_page


@bp.route("/<int:event_id>/attendees", methods=["POST"])
@role_required(*EDIT_EVENTS)
def add_attendee(event_id: int):
    event = queries.get_event(event_id)
    form = AddAttendeeForm()
    if form.validate_on_submit():
        person_id = parse_id(form.person_id.data)
        person = db.session.get(Person, person_id) if person_id else None
        if person is None or not may_access_country(person.country_code):
            abort(404)
        try:
            services.add_attendance(event, person, form.role.data, form.days_attended.data)
            flash(_("%(name)s added to the roster.", name=person.full_name), "success")
        except Refusal as refusal:
            discard()
            flash(refusal.message, "danger")
    else:
        flash(_("Choose a role, and days attended as a whole number of 1 or more."), "danger")
    return redirect(url_for(".show", event_id=event.id) + "#roster")


@bp.route("/<int:event_id>/attendees/new", methods=["POST"])
@role_required(*EDIT_EVENTS)
def new_attendee(event_id: int):
    event = queries.get_event(event_id)
    form = NewAttendeeForm(country_limit=current_user.country_code)
    looks_like = None
    if form.validate_on_submit():
        try:
            services.add_new_person(event, form.data, is_confirmed_new=form.is_confirmed_new.data == "yes")
            flash(_("%(name)s created and added to the roster.", name=form.full_name.data), "success")
            return redirect(url_for(".show", event_id=event.id) + "#roster")
        except LooksLikeExisting as similar:
            discard()
            looks_like = similar.matches
            form.is_confirmed_new.data = "yes"
            show_refusal(form, similar)
        except Refusal as refusal:
            discard()
            show_refusal(form, refusal)
    return render_event_page(queries.get_event(event_id), new_form=form, looks_like=looks_like,
                             open_new_person=True), 422


@bp.route("/<int:event_id>/attendees/<int:attendance_id>", methods=["POST"])
@role_required(*EDIT_EVENTS)
def update_attendee(event_id: int, attendance_id: int):
    event = queries.get_event(event_id)
    attendance = queries.get_attendance(event, attendance_id)
    form = AttendanceForm()
    if form.validate_on_submit():
        try:
            services.update_attendance(attendance, form.role.data, form.days_attended.data)
            flash(_("%(name)s: saved.", name=attendance.person.full_name), "success")
        except Refusal as refusal:
            discard()
            flash(_("%(name)s: %(reason)s", name=attendance.person.full_name, reason=refusal.message), "danger")
    else:
        flash(_("Days attended must be a whole number of 1 or more."), "danger")
    return redirect(url_for(".show", event_id=event.id) + "#roster")


@bp.route("/<int:event_id>/attendees/<int:attendance_id>/remove", methods=["GET", "POST"])
@role_required(*EDIT_EVENTS)
def remove_attendee(event_id: int, attendance_id: int):
    """Asks first (GET), then removes (POST) and offers to undo it."""
    event = queries.event_to_change(event_id)
    attendance = queries.get_attendance(event, attendance_id)
    form = DeleteForm()
    if request.method == "GET":
        return render_template("events/remove_attendee.html", event=event, attendance=attendance,
                               form=form)
    if not form.validate_on_submit():
        abort(400)
    name = attendance.person.full_name
    entry = services.remove_attendance(attendance)
    offer_undo(_("%(name)s removed from the roster.", name=name),
               url_for(".undo_remove_attendee", event_id=event.id), {"entry": entry.id})
    return redirect(url_for(".show", event_id=event.id) + "#roster")


@bp.route("/<int:event_id>/attendees/undo-remove", methods=["POST"])
@role_required(*EDIT_EVENTS)
def undo_remove_attendee(event_id: int):
    event = queries.get_event(event_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    try:
        attendance = services.undo_removal(event, parse_id(request.form.get("entry")))
    except Refusal as refusal:
        discard()
        flash(refusal.message, "danger")
    else:
        flash(_("%(name)s is back on the roster.", name=attendance.person.full_name), "success")
    return redirect(url_for(".show", event_id=event.id) + "#roster")


def _upload(form: AttendanceListForm) -> tuple[bytes, bool]:
    """The upload's bytes, and whether they are rows pasted from a spreadsheet (read as the
    clipboard's tab-separated text, quoted cells and line breaks inside cells included)."""
    if form.file.data:
        return form.file.data.read(), False
    return form.pasted.data.strip("\r\n").encode(), True


def _list_preview(event, plan, token: str, filename: str, is_pasted: bool):
    slash = request.form.get("slash_dates") if plan.parsed and not plan.parsed.slash_question else None
    confirm = ConfirmForm(token=token if plan.ok else "", filename=filename,
                          is_pasted="yes" if is_pasted else "", slash_dates=slash or "")
    return render_template("events/list_preview.html", event=event, plan=plan, confirm=confirm,
                           filename=filename, columns_token=token, is_pasted="yes" if is_pasted else "",
                           columns_action=url_for(".upload_list", event_id=event.id),
                           mapping_fields=FIELDS, slash_dates=slash)


@bp.route("/<int:event_id>/attendance-list", methods=["GET", "POST"])
@role_required(*EDIT_EVENTS)
def upload_list(event_id: int):
    event = queries.event_to_change(event_id)
    form, columns = AttendanceListForm(), ColumnsForm()
    if columns.validate_on_submit():  # the preview's column form: the stored upload read again
        data = storage.load(columns.token.data)
        if data is None:
            flash(_("That upload is no longer available. Upload the list again."), "warning")
            return redirect(url_for(".upload_list", event_id=event.id))
        is_pasted = columns.is_pasted.data == "yes"
        plan = read_upload(data, is_pasted=is_pasted, event=event, country_limit=current_user.country_code,
                           answers=request.form, user=current_user)
        # The mapping is remembered (the request's end commits it); the preview writes nothing else.
        return _list_preview(event, plan, columns.token.data, columns.filename.data, is_pasted)
    if form.validate_on_submit():
        data, is_pasted = _upload(form)
        plan = read_upload(data, is_pasted=is_pasted, event=event, country_limit=current_user.country_code)
        discard()
        filename = form.file.data.filename if form.file.data else _("pasted rows")
        return _list_preview(event, plan, storage.keep(data), filename, is_pasted)
    return render_template("events/list_upload.html", event=event, form=form)


@bp.route("/<int:event_id>/attendance-list/confirm", methods=["POST"])
@role_required(*EDIT_EVENTS)
def confirm_list(event_id: int):
    event = queries.get_event(event_id)
    form = ConfirmForm()
    data = storage.load(form.token.data) if form.validate_on_submit() else None
    if data is None:
        flash(_("That upload is no longer available. Upload the list again."), "warning")
        return redirect(url_for(".upload_list", event_id=event.id))
    lock_for_import()
    event = queries.get_event(event_id)
    plan = read_upload(data, is_pasted=form.is_pasted.data == "yes", event=event,
                       country_limit=current_user.country_code, answers={"slash_dates": form.slash_dates.data})
    if not plan.ok:
        discard()
        return render_template("events/list_preview.html", event=event, plan=plan, confirm=None,
                               filename=form.filename.data)
    counts = apply_plan(plan, source=f"attendance list of event {event.id}", user=current_user)
    storage.discard(form.token.data)
    flash(_("Attendance list imported: %(counts)s.", counts="; ".join(describe(counts)[1:])), "success")
    return redirect(url_for(".show", event_id=event_id) + "#roster")
