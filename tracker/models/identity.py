"""Decisions about who is the same official: merges (undoable) and "not the same person"."""
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._base import utcnow
from .person import Person
from .user import User


class DistinctPair(db.Model):
    """Two people a coordinator marked as not the same: never suggested again."""

    __table_args__ = (CheckConstraint("person_a_id < person_b_id", name="ordered"),)

    person_a_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    person_b_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True)
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PersonMerge(db.Model):
    """One merge: the absorbed record's full state, kept so the merge can be undone."""

    id: Mapped[int] = mapped_column(primary_key=True)
    survivor_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    absorbed_person_id: Mapped[int]  # the id the absorbed record had; restored on undo
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    merged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    merged_at: Mapped[datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[datetime | None]
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    survivor: Mapped[Person] = relationship()
    merged_by: Mapped[User | None] = relationship(foreign_keys=[merged_by_id])
