"""Personal data on request: everything held on one official (people/queries.py), and erasure
that keeps the counts (people/erasure.py). Admins only."""
import json

from flask import Response, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from ..auth.permissions import ADMINISTER, role_required
from . import erasure, queries, services
from .blueprint import bp


@bp.route("/people/<int:person_id>/data.json")
@role_required(*ADMINISTER)
def export_person(person_id: int):
    person = queries.get_person(person_id)
    body = json.dumps(queries.person_data(person), ensure_ascii=False, indent=2)
    services.record_person_export(person)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f"attachment; filename=person-{person.id}.json"})


@bp.route("/people/<int:person_id>/erase", methods=["POST"])
@role_required(*ADMINISTER)
def erase_person(person_id: int):
    person = queries.get_person(person_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if person.erased_at:
        flash(_("This person was erased already."), "info")
    else:
        erasure.erase(person)
        flash(_("The name, contacts and comments were erased; the attendance counts are kept."), "success")
    return redirect(url_for(".show", person_id=person.id))
