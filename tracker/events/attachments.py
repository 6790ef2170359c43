"""Files kept with an event (signed sign-in sheet, agenda): stored under instance/, with a
random name; the type is read from the content, never trusted from the file name."""
import re
from pathlib import Path

from flask import abort, flash, redirect, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.permissions import EDIT_EVENTS, SEE_NAMES, role_required
from ..extensions import db
from ..models import Attachment
from . import queries, services
from .blueprint import bp
from .files import attachment_folder
from .forms import AttachmentForm, DeleteForm

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)


def sniff(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a PDF, PNG or JPEG file, judged by its first bytes."""
    for magic, content_type, extension in SIGNATURES:
        if data.startswith(magic):
            return content_type, extension
    return None


def download_name(attachment: Attachment) -> str:
    """The uploader's name, cleaned to letters, digits, - and _, with the extension of the
    type the content was found to be: never `.html` or `.exe`, whatever the upload was called."""
    stem = Path(attachment.filename.replace("\\", "/")).stem
    stem = re.sub(r"[^\w-]+", "_", stem).strip("_")[:100] or "attachment"
    extension = next((ext for _magic, content_type, ext in SIGNATURES
                      if content_type == attachment.content_type), ".bin")
    return stem + extension


@bp.route("/<int:event_id>/attachments", methods=["POST"])
@role_required(*EDIT_EVENTS)
def add_attachment(event_id: int):
    event = queries.get_event(event_id)
    form = AttachmentForm()
    if not form.validate_on_submit():
        flash(_("Choose a file to attach."), "danger")
        return redirect(url_for(".show", event_id=event.id) + "#attachments")
    data = form.file.data.read(MAX_ATTACHMENT_BYTES + 1)
    kind = sniff(data)
    if len(data) > MAX_ATTACHMENT_BYTES:
        flash(_("The file is larger than %(mb)s MB; scan at a lower resolution.",
                mb=MAX_ATTACHMENT_BYTES // (1024 * 1024)), "danger")
    elif kind is None:
        flash(_("Only PDF, JPG and PNG files can be attached; this file is none of them."), "danger")
    else:
        filename = Path(form.file.data.filename or "file").name[:200] or "file"
        services.attach_file(event, form.kind.data, filename, data, *kind,
                             current_user._get_current_object())
        flash(_("%(file)s attached.", file=filename), "success")
    return redirect(url_for(".show", event_id=event.id) + "#attachments")


def _attachment(event_id: int, attachment_id: int) -> Attachment:
    # A signed sign-in sheet holds every country's names: only for who runs the event.
    event = queries.event_to_change(event_id)
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.event_id != event.id:
        abort(404)
    return attachment


@bp.route("/<int:event_id>/attachments/<int:attachment_id>")
@role_required(*SEE_NAMES)
def download_attachment(event_id: int, attachment_id: int):
    attachment = _attachment(event_id, attachment_id)
    path = attachment_folder() / attachment.stored_name
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype=attachment.content_type, as_attachment=True,
                     download_name=download_name(attachment))


@bp.route("/<int:event_id>/attachments/<int:attachment_id>/delete", methods=["POST"])
@role_required(*EDIT_EVENTS)
def delete_attachment(event_id: int, attachment_id: int):
    attachment = _attachment(event_id, attachment_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    services.delete_attachment(attachment)
    flash(_("%(file)s removed.", file=attachment.filename), "success")
    return redirect(url_for(".show", event_id=event_id) + "#attachments")
