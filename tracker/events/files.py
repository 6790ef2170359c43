"""Where an event's attachments live on disk (UPLOAD_FOLDER/attachments)."""
from pathlib import Path

from flask import current_app


def attachment_folder() -> Path:
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
