"""Where an event's attachments live on disk (UPLOAD_FOLDER/attachments)."""
from pathlib import Path

from ..files import upload_folder


def attachment_folder() -> Path:
    return upload_folder("attachments")
