"""Training events, their topics and who attended."""
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..codes import AttendanceRole, EventStatus, Scope, check_in
from ..extensions import db
from ._base import utcnow
from .person import NEVER_REUSE_IDS, Agency, Person
from .programme import Phase
from .reference import Country, EventKind, Topic
from .user import User

# A deleted event waits this long in Deleted events, restorable, before `flask purge-deleted`.
RESTORE_DAYS = 30

event_topic = Table(
    "event_topic",
    db.metadata,
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topic.id"), primary_key=True, index=True),
)


class Event(db.Model):
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_ordered"),
        CheckConstraint(check_in("status", EventStatus), name="status"),
        CheckConstraint(check_in("scope", Scope, nullable=True), name="scope"),
        CheckConstraint("duration_days >= 1", name="duration_days"),
        Index("ix_event_phase_status", "phase_id", "status"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(50), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    kind_id: Mapped[int | None] = mapped_column(ForeignKey("event_kind.id"), index=True)
    scope: Mapped[str | None] = mapped_column(String(10))
    start_date: Mapped[date] = mapped_column(index=True)
    end_date: Mapped[date | None]
    # end - start + 1 (1 without an end date), kept by the model so SQL can sum person-days.
    duration_days: Mapped[int] = mapped_column(default=1)
    country_code: Mapped[str | None] = mapped_column(ForeignKey("country.code"), index=True)
    city: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10), default=EventStatus.HELD)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id"))
    notes: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    # Set while the event is in Deleted events: it counts nowhere and its pages answer 404.
    deleted_at: Mapped[datetime | None] = mapped_column(index=True)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    kind: Mapped[EventKind | None] = relationship()
    country: Mapped[Country | None] = relationship()
    phase: Mapped[Phase] = relationship()
    deleted_by: Mapped[User | None] = relationship()
    topics: Mapped[list[Topic]] = relationship(secondary=event_topic, order_by=Topic.name_en)
    attendances: Mapped[list["Attendance"]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.title!r}>"

    @property
    def restorable_until(self) -> datetime | None:
        """When a deleted event stops being restorable (UTC, aware: SQLite hands back naive)."""
        if self.deleted_at is None:
            return None
        deleted_at = self.deleted_at if self.deleted_at.tzinfo else \
            self.deleted_at.replace(tzinfo=UTC)
        return deleted_at + timedelta(days=RESTORE_DAYS)

    @validates("start_date", "end_date")
    def _keep_duration(self, key: str, value: date | None) -> date | None:
        start = value if key == "start_date" else self.start_date
        end = value if key == "end_date" else self.end_date
        self.duration_days = (end - start).days + 1 if start and end and end >= start else 1
        return value


class Attendance(db.Model):
    __table_args__ = (
        UniqueConstraint("event_id", "person_id", name="uq_attendance_event_person"),
        CheckConstraint(check_in("role", AttendanceRole), name="role"),
        # 0 only when derived from marks: on the roster, absent from every session.
        CheckConstraint("days_attended IS NULL OR days_attended >= 0", name="days_attended"),
        CheckConstraint("pre_score IS NULL OR pre_score BETWEEN 0 AND 100", name="pre_score"),
        CheckConstraint("post_score IS NULL OR post_score BETWEEN 0 AND 100", name="post_score"),
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating"),
        Index("ix_attendance_event_role", "event_id", "role"),
        Index("ix_attendance_person_role", "person_id", "role"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    role: Mapped[str] = mapped_column(String(12), default=AttendanceRole.PARTICIPANT)
    # NULL means the whole event (counting rule 6 reads Event.duration_days instead). When the
    # attendee has session marks it is derived from them (workshop/marks.py), else typed.
    days_attended: Mapped[int | None]
    # The agency the person represented on the day: people move, the record must not.
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    pre_score: Mapped[int | None]
    post_score: Mapped[int | None]
    rating: Mapped[int | None]
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship(back_populates="attendances")
    person: Mapped[Person] = relationship(back_populates="attendances")
    agency: Mapped[Agency | None] = relationship()

    def __repr__(self) -> str:
        return f"<Attendance event={self.event_id} person={self.person_id} {self.role}>"

    @property
    def effective_days(self) -> int:
        return self.days_attended if self.days_attended is not None else self.event.duration_days
