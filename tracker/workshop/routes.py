"""The workshop's pages, on its one blueprint: staff's, on an event's page (the marks grid and
its sessions, self check-in, the issued certificates), and the two that a participant or a
certificate holder opens without an account (/check-in/<token>, /verify/<code>).

Views parse, call the services of this package and render; the request's end commits, and a
refused write is discarded before the answer.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import choices
from ..auth.permissions import EDIT_EVENTS, PRINT_AND_EXPORT, role_required
from ..database import discard
from ..events.queries import event_to_change, get_event
from ..extensions import db
from ..models import CheckInLink, EventSession, Person
from ..security import parse_id
from ..services import Refusal, write_or_refuse
from . import certificates, check_in, grid, limits, marks
from .forms import CheckInForm, CsrfForm, OpenCheckInForm, RevokeForm, SessionForm, SurnameForm
from .labels import session_label
from .page import link_view, session_choices

bp = Blueprint("workshop", __name__)


def _back(event_id: int, anchor: str):
    return redirect(url_for("events.show", event_id=event_id) + f"#{anchor}")


def _refused(refusal: Refusal, event_id: int, anchor: str):
    """Back to the event page with the reason; nothing of the refused write is kept."""
    discard()
    flash(refusal.message, "danger")
    return _back(event_id, anchor)


def _check_csrf() -> None:
    if not CsrfForm().validate_on_submit():
        abort(400)


# --- Sessions and marks ---------------------------------------------------------------------

@bp.route("/events/<int:event_id>/marks", methods=["POST"])
@role_required(*EDIT_EVENTS)
def save_marks(event_id: int):
    event = get_event(event_id)
    _check_csrf()
    cells = grid.cells_from_form(request.form)
    if cells is None:
        flash(_("The marks could not be read. Reload the page and mark again."), "danger")
        return _back(event.id, "marks")
    try:
        changed = marks.save_marks(event, cells, everyone_present=request.form.get("all_present"))
    except Refusal as refusal:
        return _refused(refusal, event.id, "marks")
    flash(_("Marks saved: %(n)s changed.", n=changed) if changed else _("No marks changed."), "success")
    return _back(event.id, "marks")


@bp.route("/events/<int:event_id>/sessions", methods=["POST"])
@role_required(*EDIT_EVENTS)
def add_session(event_id: int):
    event = get_event(event_id)
    form = SessionForm()
    if not form.validate_on_submit():
        flash(_("Choose a day of the event and a part of the day."), "danger")
        return _back(event.id, "marks")
    try:
        session = marks.add_session(event, form.day.data, form.part.data)
    except Refusal as refusal:
        return _refused(refusal, event.id, "marks")
    flash(_("Session added: %(session)s.", session=session_label(session)), "success")
    return _back(event.id, "marks")


@bp.route("/events/<int:event_id>/sessions/<int:session_id>/remove", methods=["POST"])
@role_required(*EDIT_EVENTS)
def remove_session(event_id: int, session_id: int):
    event = get_event(event_id)
    session = db.session.get(EventSession, session_id)
    if session is None or session.event_id != event.id:
        abort(404)
    _check_csrf()
    label = session_label(session)
    try:
        marks.remove_session(event, session)
    except Refusal as refusal:
        return _refused(refusal, event.id, "marks")
    flash(_("Session removed: %(session)s.", session=label), "success")
    return _back(event.id, "marks")


# --- Self check-in: staff's side ------------------------------------------------------------

def _link(event, link_id: int) -> CheckInLink:
    link = db.session.get(CheckInLink, link_id)
    if link is None or link.session.event_id != event.id:
        abort(404)
    return link


@bp.route("/events/<int:event_id>/check-in", methods=["POST"])
@role_required(*EDIT_EVENTS)
def open_check_in(event_id: int):
    event = get_event(event_id)
    form = OpenCheckInForm()
    form.session.choices = session_choices(event)
    if not form.validate_on_submit():
        flash(_("Choose one of the event's sessions."), "danger")
        return _back(event.id, "check-in")
    try:
        session = next((s for s in marks.ensure_sessions(event) if marks.session_key(s) == form.session.data),
                       None)
        if session is None:
            raise Refusal("session", _("Choose one of the event's sessions."))
        link = check_in.open_link(event, session, current_user)
    except Refusal as refusal:
        return _refused(refusal, event.id, "check-in")
    flash(_("Check-in is open for %(session)s until the end of that day.", session=session_label(link.session)),
          "success")
    return _back(event.id, "check-in")


@bp.route("/events/<int:event_id>/check-in/<int:link_id>/close", methods=["POST"])
@role_required(*EDIT_EVENTS)
def close_check_in(event_id: int, link_id: int):
    event = get_event(event_id)
    link = _link(event, link_id)
    _check_csrf()
    if link.closed_at is None:
        check_in.close_link(event, link)
    flash(_("Check-in closed for %(session)s.", session=session_label(link.session)), "success")
    return _back(event.id, "check-in")


@bp.route("/events/<int:event_id>/check-in/<int:link_id>/projector")
@role_required(*EDIT_EVENTS)
def projector(event_id: int, link_id: int):
    # The link lets anyone add check-ins to the event: showing it is running the event, which
    # a country-limited user does at home only (SPEC "Roles"), as with every form changing it.
    event = event_to_change(event_id)
    link = _link(event, link_id)
    if not check_in.is_open(link):
        return render_template("workshop/check_in_gone.html"), 410
    return render_template("workshop/projector.html", event=event, **link_view(link))


def _person(value: str) -> Person:
    person = db.session.get(Person, parse_id(value) or 0)
    if person is None:
        raise Refusal(None, _("That person is no longer on record. Reload the page."))
    return person


@bp.route("/events/<int:event_id>/check-ins", methods=["POST"])
@role_required(*EDIT_EVENTS)
def decide_check_ins(event_id: int):
    """One button per choice ("confirm:<check-in>:<person id or new>", "reject:<check-in>"),
    or "confirm selected" over the ticked check-ins."""
    event = get_event(event_id)
    _check_csrf()
    action = request.form.get("action", "")
    try:
        if action == "bulk":
            selected = set(request.form.getlist("selected"))
            rows = [row for row in check_in.pending(event) if str(row.check_in.id) in selected]
            done, left = check_in.confirm_in_bulk(event, rows, current_user)
            message = _("%(done)s check-in(s) confirmed.", done=done)
            if left:
                message += " " + _("%(left)s look like people on record: choose for each below.", left=left)
        else:
            verb, _sep, rest = action.partition(":")
            check_in_id, _sep, choice = rest.partition(":")
            pending = check_in.get_pending(event, parse_id(check_in_id) or 0)
            if pending is None or verb not in ("confirm", "reject"):
                raise Refusal(None, _("That check-in is no longer waiting here. Reload the page."))
            if verb == "reject":
                check_in.reject(event, pending, current_user)
                message = _("Check-in of %(name)s rejected.", name=pending.full_name)
            else:
                person = None if choice == "new" else _person(choice)
                attendance = check_in.confirm(event, pending, person, current_user)
                message = _("%(name)s confirmed and marked present.", name=attendance.person.full_name)
    except Refusal as refusal:
        return _refused(refusal, event.id, "check-in")
    flash(message, "success")
    return _back(event.id, "check-in")


# --- Issued certificates --------------------------------------------------------------------

def _issued_page(event, form: RevokeForm | None = None, failed: int | None = None) -> str:
    return render_template("workshop/certificates_issued.html", event=event,
                           certificates=certificates.of_event(event), grouped=certificates.grouped,
                           form=form or RevokeForm(formdata=None), failed=failed)


@bp.route("/events/<int:event_id>/certificates/issued")
@role_required(*PRINT_AND_EXPORT)
def issued_certificates(event_id: int):
    return _issued_page(get_event(event_id))


@bp.route("/events/<int:event_id>/certificates/issued/<int:certificate_id>/revoke", methods=["POST"])
@role_required(*PRINT_AND_EXPORT)
def revoke_certificate(event_id: int, certificate_id: int):
    event = get_event(event_id)
    certificate = certificates.get_of_event(event, certificate_id)
    if certificate is None:
        abort(404)
    form = RevokeForm()
    if form.validate_on_submit():
        revoked, _result = write_or_refuse(form, certificates.revoke, certificate, form.reason.data)
        if revoked:
            flash(_("Certificate %(code)s revoked.", code=certificates.grouped(certificate.code)), "success")
            return redirect(url_for(".issued_certificates", event_id=event.id))
    return _issued_page(event, form=form, failed=certificate.id), 422


# --- The public pages -----------------------------------------------------------------------

def _has_errors(form) -> bool:
    return bool(form.form_errors or any(field.errors for field in form))


@bp.route("/check-in/<token>", methods=["GET", "POST"])
def self_check_in(token: str):
    """A participant checks in from a phone, in the phone's language; the page names the
    event and the session, and nothing about anyone."""
    keys = limits.check_in_keys(token)
    if limits.is_over(keys):
        abort(429)
    try:
        link = check_in.link_for(token)
    except check_in.LinkGone:
        return render_template("workshop/check_in_gone.html"), 410
    if link is None:
        limits.count({limits.address_key("check-in"): 0})  # guessing tokens costs the address
        abort(404)
    session = link.session
    form = CheckInForm()
    form.country_code.choices = choices.countries(blank="")
    if form.validate_on_submit():
        limits.count(keys)  # refused or not, the attempt counts
        values = {"full_name": form.full_name.data, "country_code": form.country_code.data,
                  "agency_id": form.agency_id.data or None, "sex": form.sex.data}
        saved, _check_in = write_or_refuse(form, check_in.submit, link, values)
        if saved:
            return render_template("workshop/check_in_done.html", event=session.event, session=session,
                                   session_label=session_label, name=" ".join(form.full_name.data.split()))
    return render_template("workshop/check_in_form.html", form=form, event=session.event, session=session,
                           session_label=session_label, agency_groups=check_in.agency_groups(),
                           chosen_agency=form.agency_id.data), 422 if _has_errors(form) else 200


@bp.route("/verify")
def verify_start():
    typed = request.args.get("code")
    error = None
    if typed is not None:
        code = certificates.normalise(typed)
        if code:
            return redirect(url_for(".verify", code=code))
        error = _("A certificate code has eight letters and digits, such as ABCD-2345.")
    return render_template("workshop/verify_start.html", typed=typed or "", error=error), 422 if error else 200


@bp.route("/verify/<code>", methods=["GET", "POST"])
def verify(code: str):
    """Whether a certificate is valid, its event and its holder's initials; typing the
    holder's surname confirms or denies the match. Unknown codes and surname checks count per
    address (and per code), so neither codes nor surnames can be guessed at speed."""
    if limits.is_over(limits.verify_keys()):
        abort(429)
    certificate = certificates.find(certificates.normalise(code) or "")
    if certificate is None:
        limits.count(limits.verify_keys())
        abort(404)
    form = SurnameForm()
    matches = None
    if form.validate_on_submit():
        keys = limits.verify_keys(certificate.code)
        if limits.is_over(keys):
            abort(429)
        limits.count(keys)
        matches = certificates.is_holder(certificate, form.surname.data)
    return render_template("workshop/verify.html", certificate=certificate, event=certificate.event,
                           initials=certificates.initials(certificate.holder_name),
                           code=certificates.grouped(certificate.code), form=form,
                           matches=matches), 422 if _has_errors(form) else 200
