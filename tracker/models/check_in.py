"""Self check-in: a link staff open for one session, and what participants typed into it."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..codes import CheckInStatus, Sex, check_in
from ..extensions import db
from ._base import utcnow
from .person import Agency, Person
from .session import EventSession
from .user import User


class CheckInLink(db.Model):
    """/check-in/<token>: valid until expires_at (the end of the session's day where the
    event is held) or until staff close it."""

    __tablename__ = "check_in_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("event_session.id", ondelete="CASCADE"),
                                            index=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    expires_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]

    session: Mapped[EventSession] = relationship()
    opened_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<CheckInLink {self.id} session={self.session_id}>"


class CheckIn(db.Model):
    __tablename__ = "check_in"
    __table_args__ = (
        CheckConstraint(check_in("status", CheckInStatus), name="status"),
        CheckConstraint(check_in("sex", Sex), name="sex"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("check_in_link.id", ondelete="CASCADE"),
                                         index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("event_session.id", ondelete="CASCADE"),
                                            index=True)
    full_name: Mapped[str] = mapped_column(String(200))  # as the participant typed it
    name_key: Mapped[str] = mapped_column(String(200))
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id", ondelete="SET NULL"))
    sex: Mapped[str | None] = mapped_column(String(1))
    # The person on record by the identity rule when the participant checked in.
    matched_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10), default=CheckInStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # Who the check-in was confirmed as.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))

    link: Mapped[CheckInLink] = relationship()
    session: Mapped[EventSession] = relationship()
    agency: Mapped[Agency | None] = relationship()
    matched_person: Mapped[Person | None] = relationship(foreign_keys=[matched_person_id])
    person: Mapped[Person | None] = relationship(foreign_keys=[person_id])

    def __repr__(self) -> str:
        return f"<CheckIn {self.id} {self.status}>"
