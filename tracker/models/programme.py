"""A programme and its phases, with budget facts and targets."""
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class Programme(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str | None] = mapped_column(String(500))

    phases: Mapped[list["Phase"]] = relationship(
        back_populates="programme", order_by="Phase.number"
    )

    def __repr__(self) -> str:
        return f"<Programme {self.name}>"


class Phase(db.Model):
    __table_args__ = (
        UniqueConstraint("programme_id", "number", name="uq_phase_programme_number"),
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
        CheckConstraint("completion_share > 0 AND completion_share <= 1", name="completion_share"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(100))
    start_date: Mapped[date]
    end_date: Mapped[date]
    total_cost: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    eu_contribution: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    implementing_organisation: Mapped[str | None] = mapped_column(String(200))
    funding_instrument: Mapped[str | None] = mapped_column(String(200))
    target_events_held: Mapped[int | None]
    target_officials_trained: Mapped[int | None]
    target_women_trained: Mapped[int | None]
    # Share of an event's days a participant must attend to have "completed" it (SPEC rule 10).
    completion_share: Mapped[Decimal] = mapped_column(Numeric(3, 2), default=Decimal("0.80"))

    programme: Mapped[Programme] = relationship(back_populates="phases")
    country_targets: Mapped[list["CountryTarget"]] = relationship(
        back_populates="phase", cascade="all, delete-orphan", order_by="CountryTarget.country_code")

    def __repr__(self) -> str:
        return f"<Phase {self.number}>"

    def covers(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date

    @classmethod
    def covering(cls, day: date, phases: Iterable["Phase"] | None = None) -> "Phase | None":
        """The phase whose [start, end] contains the day (SPEC counting rule 1; the lowest
        number if phases overlap). Among `phases` when given (the import's loaded list),
        else among those on record."""
        if phases is None:
            phases = db.session.scalars(select(cls).where(cls.start_date <= day, cls.end_date >= day))
        return min((phase for phase in phases if phase.covers(day)),
                   key=lambda phase: phase.number, default=None)


class CountryTarget(db.Model):
    """One country's share of a phase's logframe: targets, and the baseline they start from
    (what had been reached before the phase), set by admins. A dashboard filtered to the
    country measures against these, never against the programme-wide targets."""

    __table_args__ = (
        UniqueConstraint("phase_id", "country_code", name="uq_country_target_phase_country"),
        CheckConstraint("target_women_trained IS NULL OR target_officials_trained IS NULL "
                        "OR target_women_trained <= target_officials_trained",
                        name="women_within_officials"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id", ondelete="CASCADE"))
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"))
    target_events_held: Mapped[int | None]
    target_officials_trained: Mapped[int | None]
    target_women_trained: Mapped[int | None]
    baseline_officials_trained: Mapped[int | None]
    baseline_women_trained: Mapped[int | None]

    phase: Mapped[Phase] = relationship(back_populates="country_targets")

    def __repr__(self) -> str:
        return f"<CountryTarget phase={self.phase_id} {self.country_code}>"
