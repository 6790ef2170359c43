"""Testimonies: what participants said, in words that do not identify them."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._base import utcnow
from .event import Event


class Testimony(db.Model):
    __test__ = False  # not a pytest test class, whatever its name says

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    quote: Mapped[str] = mapped_column(Text)
    attribution: Mapped[str] = mapped_column(String(200))  # "Officer from a Kyrgyz border post"
    language: Mapped[str] = mapped_column(String(2), default="en")
    has_consent: Mapped[bool] = mapped_column(default=False)
    is_in_phase_report: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship(
        backref=db.backref("testimonies", cascade="all, delete-orphan")
    )
