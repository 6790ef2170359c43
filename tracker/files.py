"""Files kept under UPLOAD_FOLDER (attachments, logos, imports waiting for confirmation).

A file stored beside a row goes with it: `keep_with_row` removes the file if the request
does not commit, `remove_with_row` removes it only once the row's deletion is committed
(tracker/database.py ends the request's transaction).
"""
from pathlib import Path

from flask import current_app

from .database import after_commit, after_rollback


def upload_folder(name: str) -> Path:
    """UPLOAD_FOLDER/name, made if missing."""
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep_with_row(path: Path, data: bytes) -> None:
    """Write the file of a row being added; it is removed again if the request does not commit."""
    path.write_bytes(data)
    after_rollback(lambda: path.unlink(missing_ok=True))


def remove_with_row(path: Path) -> None:
    """Remove the file of a row being deleted (or replaced), once the request commits."""
    after_commit(lambda: path.unlink(missing_ok=True))
