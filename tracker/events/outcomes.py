"""Learning outcomes of one event: the quick grid of test scores, ratings and comments for
the whole roster, and what participants said (testimonies)."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm

from ..auth.permissions import EDIT_EVENTS, role_required
from ..extensions import db
from ..models import AttendanceRole, Testimony
from ..security import whole_number
from ..services import Refusal
from ..validators import text_problem
from . import queries, services
from .blueprint import bp
from .forms import DeleteForm, TestimonyForm

GRID_FIELDS = ("pre_score", "post_score", "rating")
LIMITS = {"pre_score": (0, 100), "post_score": (0, 100), "rating": (1, 5)}
LABELS = {"pre_score": _l("Pre-test"), "post_score": _l("Post-test"), "rating": _l("Rating")}


def read_grid(form_data, roster) -> tuple[dict[int, dict], dict[tuple[int, str], str]]:
    """Values per attendance id from the posted grid, and an error per bad cell."""
    values, errors = {}, {}
    for attendance in roster:
        row = {}
        for name in GRID_FIELDS:
            text = (form_data.get(f"{name}-{attendance.id}") or "").strip()
            low, high = LIMITS[name]
            if not text:
                row[name] = None
            elif (number := whole_number(text, max_digits=3)) is None or not low <= number <= high:
                errors[(attendance.id, name)] = _("%(what)s: a whole number from %(low)s to %(high)s",
                                                  what=LABELS[name], low=low, high=high)
            else:
                row[name] = number
        comment = (form_data.get(f"comment-{attendance.id}") or "").strip()
        if len(comment) > 2000:
            errors[(attendance.id, "comment")] = _("Comment: at most 2,000 characters")
        elif problem := text_problem(comment):
            errors[(attendance.id, "comment")] = _("Comment: %(problem)s", problem=problem)
        row["comment"] = comment or None
        values[attendance.id] = row
    return values, errors


@bp.route("/<int:event_id>/outcomes", methods=["GET", "POST"])
@role_required(*EDIT_EVENTS)
def outcomes(event_id: int):
    event = queries.event_to_change(event_id)
    roster = [a for a in queries.roster(event) if a.role == AttendanceRole.PARTICIPANT]
    form = FlaskForm()
    errors: dict = {}
    posted = None
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        posted, errors = read_grid(request.form, roster)
        if not errors:
            changed = services.save_outcomes(roster, posted)
            flash(_("Test scores, ratings and comments saved (%(n)s participant(s) changed).", n=changed),
                  "success")
            return redirect(url_for(".show", event_id=event.id) + "#feedback")
        flash(_("Nothing was saved: %(n)s value(s) to correct, marked in red.", n=len(errors)), "danger")
    return render_template("events/outcomes.html", event=event, roster=roster, form=form,
                           errors=errors, posted=posted), 422 if errors else 200


@bp.route("/<int:event_id>/testimonies", methods=["POST"])
@role_required(*EDIT_EVENTS)
def add_testimony(event_id: int):
    event = queries.get_event(event_id)
    form = TestimonyForm()
    if form.validate_on_submit():
        services.add_testimony(event, form.data, current_user)
        flash(_("Testimony saved."), "success")
        return redirect(url_for(".show", event_id=event.id) + "#testimonies")
    from .routes import render_event_page

    return render_event_page(event, testimony_form=form), 422


def _testimony(event_id: int, testimony_id: int) -> Testimony:
    event = queries.get_event(event_id)
    testimony = db.session.get(Testimony, testimony_id)
    if testimony is None or testimony.event_id != event.id:
        abort(404)
    return testimony


@bp.route("/<int:event_id>/testimonies/<int:testimony_id>/report", methods=["POST"])
@role_required(*EDIT_EVENTS)
def toggle_testimony(event_id: int, testimony_id: int):
    testimony = _testimony(event_id, testimony_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    try:
        services.toggle_testimony(testimony)
    except Refusal as refusal:
        flash(refusal.message, "danger")
    else:
        flash(_("Chosen for the phase report.") if testimony.is_in_phase_report
              else _("No longer in the phase report."), "success")
    return redirect(url_for(".show", event_id=event_id) + "#testimonies")


@bp.route("/<int:event_id>/testimonies/<int:testimony_id>/delete", methods=["POST"])
@role_required(*EDIT_EVENTS)
def delete_testimony(event_id: int, testimony_id: int):
    testimony = _testimony(event_id, testimony_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    services.delete_testimony(testimony)
    flash(_("Testimony deleted."), "success")
    return redirect(url_for(".show", event_id=event_id) + "#testimonies")
