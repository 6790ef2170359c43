"""Sign-in attempts, counted in the database when no Redis is configured."""
from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._base import utcnow


class LoginAttempt(db.Model):
    __table_args__ = (Index("ix_login_attempt_key_at", "key", "attempted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300))  # "account:<email>" or "address:<ip>"
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)
