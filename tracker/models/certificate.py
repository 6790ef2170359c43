"""Certificates of attendance as issued: a code anyone can verify at /verify/<code>."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._base import utcnow
from .event import Attendance, Event
from .person import NEVER_REUSE_IDS


class Certificate(db.Model):
    __table_args__ = (NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    # Kept when the attendance goes (a merge, a wrong row removed): the code still answers.
    attendance_id: Mapped[int | None] = mapped_column(
        ForeignKey("attendance.id", ondelete="SET NULL"), index=True)
    holder_name: Mapped[str] = mapped_column(String(200))  # as printed on the certificate
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(String(300))

    event: Mapped[Event] = relationship()
    attendance: Mapped[Attendance | None] = relationship()

    def __repr__(self) -> str:
        return f"<Certificate {self.code}>"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
