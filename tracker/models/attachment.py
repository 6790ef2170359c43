"""Files kept with an event: the signed sign-in sheet scan, the agenda."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._base import utcnow
from .event import Event
from .user import User

ATTACHMENT_KINDS = ("sign_in_sheet", "agenda", "other")


class Attachment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="other")
    filename: Mapped[str] = mapped_column(String(255))  # as uploaded, shown to people
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)  # random, on disk
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship(
        backref=db.backref("attachments", cascade="all, delete-orphan", order_by="Attachment.id")
    )
    uploaded_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Attachment {self.filename!r} of event {self.event_id}>"
