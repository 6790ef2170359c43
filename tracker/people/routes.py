"""People (/people) and agencies (/agencies): staff, coordinators and admins see names;
managers do not (403)."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import choices
from ..auth.permissions import EDIT_EVENTS, SEE_NAMES, role_required
from ..duplicates.forms import PairForm
from ..duplicates.queries import distinct_marks
from ..extensions import db
from ..pagination import paginate_rows
from ..services import write_or_refuse
from . import queries, services
from .blueprint import bp
from .forms import AgencyForm, PersonForm, RenameAgencyForm


@bp.route("/people")
@role_required(*SEE_NAMES)
def index():
    filters = queries.PeopleFilters.from_args(request.args)
    page = paginate_rows(queries.people_list(filters))
    return render_template(
        "people/index.html", page=page, filters=filters,
        countries=choices.countries(blank=_("All countries"), only=current_user.country_code),
        agencies=choices.agencies(filters.country or current_user.country_code, blank=_("All agencies")))


@bp.route("/people/<int:person_id>")
@role_required(*SEE_NAMES)
def show(person_id: int):
    person = queries.get_person(person_id)
    marks = distinct_marks(person.id, limit=None) if current_user.may_print else []
    return render_template("people/show.html", person=person, history=queries.history(person),
                           distinct=marks, pair_form=PairForm(formdata=None))


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@role_required(*EDIT_EVENTS)
def edit(person_id: int):
    person = queries.get_person(person_id)
    form = PersonForm(obj=person, country_limit=current_user.country_code)
    if request.method == "GET":
        form.agency_id.data = str(person.agency_id or "")
        form.sex.data = person.sex or ""
    if form.validate_on_submit():
        saved, _result = write_or_refuse(form, services.update_person, person, form.data)
        if saved:
            flash(_("Saved."), "success")
            return redirect(url_for(".show", person_id=person.id))
    return render_template("people/form.html", form=form, person=person)


@bp.route("/agencies", methods=["GET", "POST"])
@role_required(*EDIT_EVENTS)
def agencies():
    country = current_user.country_code or request.args.get("country") or None
    form = AgencyForm(country_limit=current_user.country_code, data={"country_code": country})
    if form.validate_on_submit():
        saved, _result = write_or_refuse(
            form, services.add_agency, form.name.data, form.country_code.data,
            int(form.agency_type_id.data) if form.agency_type_id.data else None)
        if saved:
            flash(_("%(name)s added.", name=form.name.data), "success")
            return redirect(url_for(".agencies", country=form.country_code.data))
    rows = db.session.execute(queries.agency_list(country)).all()
    return render_template("people/agencies.html", form=form, rows=rows, country=country,
                           countries=choices.countries(blank=_("All countries"), only=current_user.country_code),
                           rename_form=RenameAgencyForm(formdata=None))


@bp.route("/agencies/<int:agency_id>", methods=["GET", "POST"])
@role_required(*EDIT_EVENTS)
def rename_agency(agency_id: int):
    agency = queries.get_agency(agency_id)
    form = RenameAgencyForm(obj=agency)
    if request.method == "GET":
        form.agency_type_id.data = str(agency.agency_type_id or "")
    if form.validate_on_submit():
        saved, _result = write_or_refuse(
            form, services.rename_agency, agency, form.name.data,
            int(form.agency_type_id.data) if form.agency_type_id.data else None)
        if saved:
            flash(_("Agency saved."), "success")
            return redirect(url_for(".agencies", country=agency.country_code))
    return render_template("people/agency_form.html", form=form, agency=agency)
