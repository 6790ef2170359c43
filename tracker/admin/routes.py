"""Admin pages: users, phases and targets, reference lists, the audit log. Admins only."""
from decimal import Decimal

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm

from .. import choices
from ..auth.permissions import ADMINISTER, VIEW_TOTALS, role_required
from ..database import discard
from ..extensions import db
from ..i18n import local_name
from ..models import Country, Logo, Phase, User
from ..pagination import MAX_PAGE
from ..security import parse_id
from ..services import Refusal, write_or_refuse
from . import audit_display, logos, queries, reference, services
from .forms import (
    AuditFilterForm,
    CountryTargetForm,
    EditUserForm,
    LogoForm,
    NewUserForm,
    PhaseForm,
    reference_form,
)

bp = Blueprint("admin", __name__, url_prefix="/admin")
AUDIT_PER_PAGE = 50
CENTS = Decimal("0.01")
PHASE_FIELDS = ("number", "name", "start_date", "end_date", "total_cost", "eu_contribution",
                "currency", "implementing_organisation", "funding_instrument",
                "target_events_held", "target_officials_trained", "target_women_trained")


@bp.route("/")
@role_required(*ADMINISTER)
def index():
    return redirect(url_for(".users"))


# --- Users ----------------------------------------------------------------------------------

@bp.route("/users")
@role_required(*ADMINISTER)
def users():
    return render_template("admin/users.html", users=queries.users())


@bp.route("/users/new", methods=["GET", "POST"])
@role_required(*ADMINISTER)
def new_user():
    form = NewUserForm()
    form.country_code.choices = choices.countries(blank=_("All countries"))
    if form.validate_on_submit():
        saved, user = write_or_refuse(form, services.create_user, form.email.data,
                                       form.name.data, form.role.data, form.country_code.data,
                                       form.password.data)
        if saved:
            flash(_("%(name)s (%(email)s) can now sign in. Give them the password by another "
                    "channel than the email address.", name=user.name, email=user.email),
                  "success")
            return redirect(url_for(".users"))
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@role_required(*ADMINISTER)
def edit_user(user_id: int):
    user = db.get_or_404(User, user_id)
    form = EditUserForm(obj=user)
    form.country_code.choices = choices.countries(blank=_("All countries"))
    if request.method == "GET":
        form.country_code.data = user.country_code or ""
    if form.validate_on_submit():
        saved, _result = write_or_refuse(form, services.update_user, current_user, user,
                                          form.name.data, form.role.data, form.country_code.data,
                                          form.new_password.data)
        if saved:
            flash(_("Saved %(name)s.", name=user.email), "success")
            return redirect(url_for(".users"))
    return render_template("admin/user_form.html", form=form, user=user)


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
@role_required(*ADMINISTER)
def reset_password(user_id: int):
    """A new random password, shown once on the page this answers (never put in a cookie)."""
    user = db.get_or_404(User, user_id)
    if user.id == current_user.id:
        flash(_("Change your own password on your account page."), "danger")
        return redirect(url_for(".edit_user", user_id=user_id))
    password = services.reset_password(user, current_user._get_current_object())
    return render_template("admin/password_reset.html", user=user, password=password)


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@role_required(*ADMINISTER)
def deactivate_user(user_id: int):
    return _set_active(user_id, False)


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@role_required(*ADMINISTER)
def reactivate_user(user_id: int):
    return _set_active(user_id, True)


def _set_active(user_id: int, active: bool):
    user = db.get_or_404(User, user_id)
    try:
        services.set_active(current_user, user, active)
    except Refusal as refusal:
        discard()
        flash(refusal.message, "danger")
    else:
        message = (_("%(email)s is active again.", email=user.email) if active
                   else _("%(email)s is deactivated and signed out.", email=user.email))
        flash(message, "success")
    return redirect(url_for(".edit_user", user_id=user_id))


# --- Phases ---------------------------------------------------------------------------------

@bp.route("/phases")
@role_required(*ADMINISTER)
def phases():
    return render_template("admin/phases.html", phases=queries.phases())


@bp.route("/phases/new", methods=["GET", "POST"], endpoint="new_phase")
@bp.route("/phases/<int:phase_id>", methods=["GET", "POST"])
@role_required(*ADMINISTER)
def edit_phase(phase_id: int | None = None):
    phase = db.get_or_404(Phase, phase_id) if phase_id is not None else None
    form = PhaseForm(obj=phase)
    if request.method == "GET" and phase is not None:
        form.completion_percent.data = int(phase.completion_share * 100)
    if form.validate_on_submit():
        values = {name: form[name].data for name in PHASE_FIELDS}
        for money in ("total_cost", "eu_contribution"):
            if values[money] is not None:
                values[money] = values[money].quantize(CENTS)
        values["completion_share"] = (Decimal(form.completion_percent.data) / 100).quantize(CENTS)
        saved, saved_phase = write_or_refuse(form, services.save_phase, phase, values)
        if saved:
            flash(_("Saved %(name)s.", name=saved_phase.name), "success")
            if outside := services.events_outside(saved_phase):
                flash(ngettext("%(num)s event(s) of %(phase)s start outside its dates; they stay "
                               "in this phase until someone edits them.",
                               "%(num)s event(s) of %(phase)s start outside its dates; they stay "
                               "in this phase until someone edits them.",
                               outside, phase=saved_phase.name), "warning")
            return redirect(url_for(".phases"))
    return render_template("admin/phase_form.html", form=form, phase=phase)


@bp.route("/phases/<int:phase_id>/targets", methods=["GET", "POST"])
@role_required(*ADMINISTER)
def country_targets(phase_id: int):
    """Each beneficiary country's targets and baseline for the phase; ?country=CC to edit one."""
    phase = db.get_or_404(Phase, phase_id)
    countries = queries.beneficiary_countries()
    form = CountryTargetForm()
    form.country_code.choices = [(c.code, local_name(c)) for c in countries]
    if request.method == "GET":
        chosen = (request.args.get("country") or "").upper()
        existing = next((t for t in phase.country_targets if t.country_code == chosen), None)
        form = CountryTargetForm(formdata=None, obj=existing)
        form.country_code.choices = [(c.code, local_name(c)) for c in countries]
        form.country_code.data = chosen if chosen in dict(form.country_code.choices) else None
    elif form.validate_on_submit():
        values = {name: form[name].data for name in services.COUNTRY_TARGET_FACTS}
        saved, target = write_or_refuse(form, services.save_country_target, phase,
                                         form.country_code.data, values)
        if saved:
            name = local_name(db.session.get(Country, form.country_code.data))
            flash(_("Saved the targets of %(country)s for %(phase)s.", country=name,
                    phase=phase.name) if target else
                  _("%(country)s has no targets of its own for %(phase)s.", country=name,
                    phase=phase.name), "success")
            return redirect(url_for(".country_targets", phase_id=phase.id))
    names = {c.code: local_name(c) for c in countries}
    return render_template("admin/country_targets.html", phase=phase, form=form, names=names,
                           targets=sorted(phase.country_targets,
                                          key=lambda t: names.get(t.country_code, t.country_code)))


# --- Reference lists ------------------------------------------------------------------------

@bp.route("/reference")
@role_required(*ADMINISTER)
def reference_lists():
    return redirect(url_for(".reference_list", slug=next(iter(reference.LISTS))))


@bp.route("/reference/<slug>", methods=["GET", "POST"])
@role_required(*ADMINISTER)
def reference_list(slug: str):
    ref = reference.LISTS.get(slug) or abort(404)
    form = reference_form(ref.model, adding=True)()
    if form.validate_on_submit():
        values = {name: field.data for name, field in form._fields.items()
                  if name not in ("submit", "csrf_token")}
        saved, entry = write_or_refuse(form, reference.add_entry, ref, values)
        if saved:
            flash(_("Added “%(name)s” to %(list)s.", name=local_name(entry),
                    list=ref.label.lower()), "success")
            return redirect(url_for(".reference_list", slug=slug))
    return render_template("admin/reference.html", lists=reference.LISTS, ref=ref, form=form,
                           entries=reference.entries(ref), key_of=reference.key_of)


@bp.route("/reference/<slug>/<key>", methods=["GET", "POST"])
@role_required(*ADMINISTER)
def rename_reference(slug: str, key: str):
    ref = reference.LISTS.get(slug) or abort(404)
    entry = reference.find(ref, key) or abort(404)
    form = reference_form(ref.model, adding=False)(obj=entry)
    if form.validate_on_submit():
        saved, _result = write_or_refuse(form, reference.rename_entry, ref, entry,
                                          form.name_en.data, form.name_ru.data)
        if saved:
            flash(_("Saved “%(name)s”.", name=local_name(entry)), "success")
            return redirect(url_for(".reference_list", slug=slug))
    return render_template("admin/reference_rename.html", ref=ref, entry=entry, form=form,
                           key=reference.key_of(entry))


# --- Audit log ------------------------------------------------------------------------------

@bp.route("/audit")
@role_required(*ADMINISTER)
def audit_log():
    form = AuditFilterForm(request.args)
    for name, options in queries.audit_choices().items():
        form[name].choices = options
    form.validate()
    # A field with an error filters nothing; the error is shown next to it.
    value = {name: None if field.errors else field.data for name, field in form._fields.items()}
    query = queries.audit_search(
        user_id=parse_id(value["user"]),
        action=value["action"] or None, object_type=value["object_type"] or None,
        object_id=value["object_id"], date_from=value["date_from"], date_to=value["date_to"])
    # A page past the end (even one too large to count) shows "no entries", not the first page.
    number = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    page = db.paginate(query, page=number, per_page=AUDIT_PER_PAGE, error_out=False)
    return render_template("admin/audit.html", form=form, page=page, changes=audit_display.changes)


# --- Logos (checked and kept by logos.py) -----------------------------------------------------

@bp.route("/logos", methods=["GET", "POST"], endpoint="logos")
@role_required(*ADMINISTER)
def logo_page():
    programme = queries.programme()
    if programme is None:
        abort(404)
    form = LogoForm()
    if form.validate_on_submit():
        data = form.file.data.read(logos.MAX_LOGO_BYTES + 1)
        try:
            logos.save_logo(programme, form.kind.data, data, form.file.data.filename,
                            current_user._get_current_object())
        except Refusal as refusal:
            discard()
            form.file.errors = [refusal.message]
        else:
            flash(_("%(which)s saved; it is printed on certificates, sign-in sheets and the "
                    "phase report.", which=logos.KIND_LABELS[form.kind.data]), "success")
            return redirect(url_for(".logos"))
    return render_template("admin/logos.html", section="logos", form=form, programme=programme,
                           logos=logos.logos_of(programme), kinds=logos.KIND_LABELS, remove_form=FlaskForm())


@bp.route("/logos/<int:logo_id>/delete", methods=["POST"])
@role_required(*ADMINISTER)
def delete_logo(logo_id: int):
    logo = db.session.get(Logo, logo_id)
    if logo is None:
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    kind = logo.kind
    logos.remove_logo(logo)
    flash(_("%(which)s removed.", which=logos.KIND_LABELS[kind]), "success")
    return redirect(url_for(".logos"))


# Outside /admin: every reader of a printed page loads the logos.
images_bp = Blueprint("logos", __name__, url_prefix="/logos")


@images_bp.route("/<int:logo_id>")
@role_required(*VIEW_TOTALS)
def image(logo_id: int):
    logo = db.session.get(Logo, logo_id)
    path = logos.logo_folder() / logo.stored_name if logo else None
    if path is None or not path.is_file():
        abort(404)
    response = send_file(path, mimetype=logo.content_type, max_age=0)
    response.headers["Content-Security-Policy"] = logos.LOGO_CSP
    return response
