"""The programme's and the donor's logos: admins upload them (PNG or SVG), every printed page
of the programme shows them. Files are kept like attachments, under a random name.

An SVG is a document that may carry script: one with script, event handlers, embedded
HTML, entity declarations or links to other files is refused, and every logo is served
under a Content-Security-Policy that runs nothing, should anyone open it on its own.
"""
import secrets
from pathlib import Path
from xml.etree import ElementTree

from flask import Blueprint, abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from wtforms import SelectField, SubmitField

from .. import audit
from ..auth.permissions import ADMINISTER, VIEW_TOTALS, role_required
from ..database import after_commit, after_rollback, discard
from ..extensions import db
from ..models import Logo, Programme
from ..services import Refusal, snapshot
from .routes import bp

MAX_LOGO_BYTES = 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n"
KIND_LABELS = {"programme": _l("Programme's logo"), "donor": _l("Donor's logo")}
SVG_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video"}
LOGO_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
LOGO_FIELDS = ("programme_id", "kind", "filename", "size_bytes")


class LogoForm(FlaskForm):
    kind = SelectField(_l("Which logo"), choices=list(KIND_LABELS.items()))
    file = FileField(_l("Image (PNG or SVG, at most 1 MB)"),
                     validators=[FileRequired(message=_l("Choose a file."))])
    submit = SubmitField(_l("Upload"))


def logo_folder() -> Path:
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "logos"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _svg_problem(data: bytes) -> str | None:
    """Why an SVG may not be shown, or None when it holds only drawing."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        return _("The SVG declares a document type or entities; save it as plain SVG.")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return _("This is not a readable SVG file.")
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return _("This is not an SVG image.")
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1].lower() in SVG_FORBIDDEN_TAGS:
            return _("The SVG contains script or embedded content; export it again as a plain "
                     "drawing.")
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            if name.startswith("on") or (name == "href" and not value.startswith("#")) \
                    or "javascript:" in value.lower().replace(" ", ""):
                return _("The SVG contains script or links to other files; export it again as "
                         "a plain drawing.")
    return None


def check_logo(data: bytes) -> str:
    """The content type of an acceptable logo; Refusal (next to the file field) otherwise."""
    if len(data) > MAX_LOGO_BYTES:
        raise Refusal("file", _("The file is larger than 1 MB."))
    if data.startswith(PNG):
        return "image/png"
    if b"<svg" in data[:4096].lower():
        if problem := _svg_problem(data):
            raise Refusal("file", problem)
        return "image/svg+xml"
    raise Refusal("file", _("Only PNG and SVG images can be logos; this file is neither."))


def save_logo(programme: Programme, kind: str, data: bytes, filename: str, user) -> tuple[Logo, str | None]:
    """Keep the file and its record (replacing the programme's logo of that kind); returns the
    logo and the stored name of the file it replaced, to unlink once committed."""
    content_type = check_logo(data)
    stored_name = secrets.token_hex(16) + (".png" if content_type == "image/png" else ".svg")
    logo = db.session.scalar(select(Logo).where(Logo.programme_id == programme.id,
                                                Logo.kind == kind))
    before = snapshot(logo, LOGO_FIELDS) if logo else None
    replaced = logo.stored_name if logo else None
    if logo is None:
        logo = Logo(programme=programme, kind=kind)
        db.session.add(logo)
    logo.filename = Path(filename or "logo").name[:200] or "logo"
    logo.stored_name, logo.content_type, logo.size_bytes = stored_name, content_type, len(data)
    logo.uploaded_by = user
    path = logo_folder() / stored_name
    path.write_bytes(data)
    after_rollback(lambda: path.unlink(missing_ok=True))
    db.session.flush()
    audit.record("update" if before else "create", logo, summary=f"{kind} logo: {logo.filename}",
                 before=before, after=snapshot(logo, LOGO_FIELDS))
    return logo, replaced


def logos_of(programme: Programme | None) -> dict[str, Logo]:
    """The programme's logos by kind (what printed pages show)."""
    if programme is None:
        return {}
    return {logo.kind: logo for logo in db.session.scalars(
        select(Logo).where(Logo.programme_id == programme.id))}


@bp.route("/logos", methods=["GET", "POST"])
@role_required(*ADMINISTER)
def logos():
    programme = db.session.scalar(select(Programme).order_by(Programme.id))
    if programme is None:
        abort(404)
    form = LogoForm()
    if form.validate_on_submit():
        data = form.file.data.read(MAX_LOGO_BYTES + 1)
        try:
            _logo, replaced = save_logo(programme, form.kind.data, data, form.file.data.filename,
                                        current_user._get_current_object())
        except Refusal as refusal:
            discard()
            form.file.errors = [refusal.message]
        else:
            if replaced:
                old = logo_folder() / replaced
                after_commit(lambda: old.unlink(missing_ok=True))
            flash(_("%(which)s saved; it is printed on certificates, sign-in sheets and the "
                    "phase report.", which=KIND_LABELS[form.kind.data]), "success")
            return redirect(url_for(".logos"))
    return render_template("admin/logos.html", section="logos", form=form, programme=programme,
                           logos=logos_of(programme), kinds=KIND_LABELS, remove_form=FlaskForm())


@bp.route("/logos/<int:logo_id>/delete", methods=["POST"])
@role_required(*ADMINISTER)
def delete_logo(logo_id: int):
    logo = db.session.get(Logo, logo_id)
    if logo is None:
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    audit.record("delete", logo, summary=f"{logo.kind} logo: {logo.filename}",
                 before=snapshot(logo, LOGO_FIELDS))
    stored, kind = logo.stored_name, logo.kind
    db.session.delete(logo)
    path = logo_folder() / stored
    after_commit(lambda: path.unlink(missing_ok=True))
    flash(_("%(which)s removed.", which=KIND_LABELS[kind]), "success")
    return redirect(url_for(".logos"))


# Outside /admin: every reader of a printed page loads the logos.
images_bp = Blueprint("logos", __name__, url_prefix="/logos")


@images_bp.route("/<int:logo_id>")
@role_required(*VIEW_TOTALS)
def image(logo_id: int):
    logo = db.session.get(Logo, logo_id)
    path = logo_folder() / logo.stored_name if logo else None
    if path is None or not path.is_file():
        abort(404)
    response = send_file(path, mimetype=logo.content_type, max_age=0)
    response.headers["Content-Security-Policy"] = LOGO_CSP
    return response
