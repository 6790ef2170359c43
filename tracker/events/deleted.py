"""Deleted events: the list, each one's restore page, and restoring it."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..auth.permissions import EDIT_EVENTS, role_required
from ..database import discard
from ..models import RESTORE_DAYS
from ..pagination import paginate_rows
from ..services import Refusal
from . import deletion, queries
from .blueprint import bp
from .forms import DeleteForm


@bp.route("/deleted")
@role_required(*EDIT_EVENTS)
def deleted():
    page = paginate_rows(queries.event_list(queries.EventFilters(), deleted=True))
    return render_template("events/deleted.html", page=page, restore_days=RESTORE_DAYS,
                           form=DeleteForm())


@bp.route("/<int:event_id>/restore", methods=["GET", "POST"])
@role_required(*EDIT_EVENTS)
def restore(event_id: int):
    event = queries.get_event(event_id, deleted=True)
    form = DeleteForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            deletion.restore_event(event)
        except Refusal as refusal:
            discard()
            flash(refusal.message, "danger")
            return redirect(url_for(".restore", event_id=event_id))
        flash(_("Event “%(title)s” restored, with its roster.", title=event.title), "success")
        return redirect(url_for(".show", event_id=event.id))
    return render_template("events/restore.html", event=event, form=form,
                           counts=queries.roster_counts(event))
