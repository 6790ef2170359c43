"""An event's sessions (one per day unless staff add more) and each attendee's mark per session."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..codes import MarkStatus, SessionPart, check_in
from ..extensions import db
from ._base import utcnow
from .event import Attendance, Event
from .person import NEVER_REUSE_IDS


class EventSession(db.Model):
    __tablename__ = "event_session"
    __table_args__ = (
        UniqueConstraint("event_id", "day", "part", name="uq_event_session_day_part"),
        CheckConstraint(check_in("part", SessionPart), name="part"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    day: Mapped[date]
    part: Mapped[str] = mapped_column(String(10), default=SessionPart.DAY)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship()

    def __repr__(self) -> str:
        return f"<EventSession {self.id} {self.day} {self.part}>"

    @property
    def sort_key(self) -> tuple:
        return self.day, list(SessionPart).index(SessionPart(self.part))


class AttendanceMark(db.Model):
    __tablename__ = "attendance_mark"
    __table_args__ = (
        UniqueConstraint("session_id", "attendance_id", name="uq_attendance_mark_session_attendance"),
        CheckConstraint(check_in("status", MarkStatus), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("event_session.id", ondelete="CASCADE"))
    attendance_id: Mapped[int] = mapped_column(ForeignKey("attendance.id", ondelete="CASCADE"),
                                               index=True)
    status: Mapped[str] = mapped_column(String(8))
    marked_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    session: Mapped[EventSession] = relationship()
    attendance: Mapped[Attendance] = relationship()

    def __repr__(self) -> str:
        return f"<AttendanceMark session={self.session_id} attendance={self.attendance_id} {self.status}>"
