"""Officials and the agencies they serve in."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..codes import Sex, check_in
from ..extensions import db
from ..identity import name_key
from ._base import utcnow
from .reference import AgencyType, Country


class Agency(db.Model):
    __table_args__ = (UniqueConstraint("country_code", "name", name="uq_agency_country_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"))
    agency_type_id: Mapped[int | None] = mapped_column(ForeignKey("agency_type.id"))

    country: Mapped[Country] = relationship()
    agency_type: Mapped[AgencyType | None] = relationship()

    def __repr__(self) -> str:
        return f"<Agency {self.name} ({self.country_code})>"


# SQLite would otherwise hand a deleted row's id to the next row, and the audit log and
# undoable merges name records by id.
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


class Person(db.Model):
    __table_args__ = (CheckConstraint(check_in("sex", Sex), name="sex"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))  # as written, Latin or Cyrillic
    # identity.name_key(full_name): equal keys in one country are the same official.
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    sex: Mapped[str | None] = mapped_column(String(1))
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    position: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    # Lower-cased email, so the "same person" rule can look it up through an index.
    email_key: Mapped[str | None] = mapped_column(String(254), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Set when the person's name and contacts were erased on request; counts are kept.
    erased_at: Mapped[datetime | None]

    country: Mapped[Country] = relationship()
    agency: Mapped[Agency | None] = relationship()
    attendances: Mapped[list["Attendance"]] = relationship(back_populates="person")  # noqa: F821

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.full_name!r}>"

    @validates("full_name")
    def _keep_name_key(self, _key: str, value: str) -> str:
        value = " ".join(value.split())
        self.name_key = name_key(value)
        return value

    @validates("email")
    def _keep_email_key(self, _key: str, value: str | None) -> str | None:
        value = (value or "").strip() or None
        self.email_key = value.lower() if value else None
        return value
