"""/import: a register file uploaded, previewed, then imported in one transaction."""
from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.permissions import EDIT_EVENTS, role_required
from ..database import discard
from . import EVENT_COLUMNS, PERSON_COLUMNS, apply_plan, lock_for_import, storage
from .cli import describe
from .forms import ColumnsForm, ConfirmForm, UploadForm
from .mappings import FIELDS
from .preview import read_upload

bp = Blueprint("register", __name__, url_prefix="/import")


@bp.route("", methods=["GET", "POST"])
@role_required(*EDIT_EVENTS)
def upload():
    form, columns = UploadForm(), ColumnsForm()
    if columns.validate_on_submit():  # the preview's column form: the stored upload read again
        data = storage.load(columns.token.data)
        if data is None:
            flash(_("That upload is no longer available. Upload the file again."), "warning")
            return redirect(url_for(".upload"))
        plan = read_upload(data, is_pasted=False, country_limit=current_user.country_code,
                           answers=request.form, user=current_user)
        # The mapping is remembered (the request's end commits it); the preview writes nothing else.
        return _preview(plan, columns.token.data, columns.filename.data)
    if form.validate_on_submit():
        data = form.file.data.read()
        plan = read_upload(data, is_pasted=False, country_limit=current_user.country_code)
        discard()  # a preview writes nothing
        return _preview(plan, storage.keep(data), form.file.data.filename)
    return render_template("register/upload.html", form=form, event_columns=EVENT_COLUMNS,
                           person_columns=PERSON_COLUMNS)


def _preview(plan, token: str, filename: str):
    slash = request.form.get("slash_dates") if plan.parsed and not plan.parsed.slash_question else None
    confirm = ConfirmForm(token=token if plan.ok else "", filename=filename, slash_dates=slash or "")
    return render_template("register/preview.html", plan=plan, confirm=confirm, filename=filename,
                           columns_action=url_for(".upload"), columns_token=token,
                           mapping_fields=FIELDS, slash_dates=slash)


@bp.route("/confirm", methods=["POST"])
@role_required(*EDIT_EVENTS)
def confirm():
    form = ConfirmForm()
    data = storage.load(form.token.data) if form.validate_on_submit() else None
    if data is None:
        flash(_("That upload is no longer available. Upload the file again."), "warning")
        return redirect(url_for(".upload"))
    lock_for_import()
    plan = read_upload(data, is_pasted=False, country_limit=current_user.country_code,
                       answers={"slash_dates": form.slash_dates.data})
    if not plan.ok:  # the database changed since the preview
        discard()
        return render_template("register/preview.html", plan=plan, confirm=None,
                               filename=form.filename.data)
    counts = apply_plan(plan, source=form.filename.data or "upload", user=current_user)
    storage.discard(form.token.data)
    flash(_("Imported %(file)s. %(counts)s.", file=form.filename.data or _("the file"),
            counts="; ".join(describe(counts))), "success")
    return redirect(url_for("events.index"))


@bp.route("/template.csv")
@role_required(*EDIT_EVENTS)
def template():
    """An empty register with every column, and one example row."""
    header = ",".join(EVENT_COLUMNS + PERSON_COLUMNS)
    example = ("Document Security Workshop,14.03.2016,16.03.2016,B9-KG-001,workshop,regional,held,"
               "KG,Bishkek,Document Security;Identification and Profiling,9,Aigul Bekova,F,KG,"
               "State Border Service,border_guard,Inspector,,participant,3,55,80,5")
    return Response("\ufeff" + header + "\r\n" + example + "\r\n", mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=register-template.csv"})
