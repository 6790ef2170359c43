"""The programme's and the donor's logos: admins upload them (PNG or SVG), every printed page
of the programme shows them. Files are kept like attachments, under a random name.

An SVG is a document that may carry script: one with script, event handlers, embedded
HTML, entity declarations or links to other files is refused, and every logo is served
under a Content-Security-Policy that runs nothing, should anyone open it on its own.

This module checks, keeps and reads them; the pages are in routes.py.
"""
import secrets
from pathlib import Path
from xml.etree import ElementTree

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..files import keep_with_row, remove_with_row, upload_folder
from ..models import Logo, Programme
from ..services import Refusal, snapshot

MAX_LOGO_BYTES = 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n"
KIND_LABELS = {"programme": _l("Programme's logo"), "donor": _l("Donor's logo")}
SVG_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video"}
LOGO_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
LOGO_FIELDS = ("programme_id", "kind", "filename", "size_bytes")


def logo_folder() -> Path:
    return upload_folder("logos")


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


def save_logo(programme: Programme, kind: str, data: bytes, filename: str, user) -> Logo:
    """Keep the file and its record, replacing the programme's logo of that kind (the old file
    goes once the request commits; the new one if it does not)."""
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
    keep_with_row(logo_folder() / stored_name, data)
    if replaced:
        remove_with_row(logo_folder() / replaced)
    db.session.flush()
    audit.record("update" if before else "create", logo, summary=f"{kind} logo: {logo.filename}",
                 before=before, after=snapshot(logo, LOGO_FIELDS))
    return logo


def remove_logo(logo: Logo) -> None:
    """Delete the record; its file goes once the request commits."""
    audit.record("delete", logo, summary=f"{logo.kind} logo: {logo.filename}",
                 before=snapshot(logo, LOGO_FIELDS))
    remove_with_row(logo_folder() / logo.stored_name)
    db.session.delete(logo)


def logos_of(programme: Programme | None) -> dict[str, Logo]:
    """The programme's logos by kind (what printed pages show)."""
    if programme is None:
        return {}
    return {logo.kind: logo for logo in db.session.scalars(
        select(Logo).where(Logo.programme_id == programme.id))}
