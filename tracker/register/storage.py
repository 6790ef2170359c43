"""Uploaded files waiting between preview and confirmation, kept under instance/."""
import secrets
import time
from pathlib import Path

from ..files import upload_folder

MAX_AGE_SECONDS = 24 * 3600


def _folder() -> Path:
    return upload_folder("pending-imports")


def keep(data: bytes) -> str:
    """Store the upload; returns the token that names it."""
    folder = _folder()
    cutoff = time.time() - MAX_AGE_SECONDS
    for old in folder.glob("*.upload"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.upload").write_bytes(data)
    return token


def load(token: str) -> bytes | None:
    path = _folder() / f"{token}.upload"  # the form validated the token's characters
    return path.read_bytes() if path.is_file() else None


def discard(token: str) -> None:
    (_folder() / f"{token}.upload").unlink(missing_ok=True)
