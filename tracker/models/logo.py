"""The programme's and its donor's logos, printed on certificates, sign-in sheets and the
phase report; kept as files like attachments, one of each kind per programme."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._base import utcnow
from .programme import Programme
from .user import User

LOGO_KINDS = ("programme", "donor")


class Logo(db.Model):
    __table_args__ = (
        UniqueConstraint("programme_id", "kind", name="uq_logo_programme_kind"),
        CheckConstraint("kind IN ('programme', 'donor')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    kind: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(255))  # as uploaded
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)  # random, on disk
    content_type: Mapped[str] = mapped_column(String(40))
    size_bytes: Mapped[int]
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    programme: Mapped[Programme] = relationship()
    uploaded_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Logo {self.kind} of programme {self.programme_id}>"
