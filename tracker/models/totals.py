"""Figures kept with the data: the counters every total is read from (tracker/totals/facts.py)."""
from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class TotalsCount(db.Model):
    """One counter of one figure in one bucket (a phase, a year, a half, a quarter, or all).

    People's counters (dim first, completed, topic, participations...) are kept per country
    and sex of the person, so a country's figures are a filter and the programme's a sum.
    Events' counters (dim events, kind) are kept per country the event counts for — its host
    and its participants' countries — and once more under country "*". Sums and events'
    counters are kept in the phase and quarter buckets only (facts.ADDITIVE).
    """

    bucket: Mapped[str] = mapped_column(String(16), primary_key=True)
    country: Mapped[str] = mapped_column(String(2), primary_key=True)
    sex: Mapped[str] = mapped_column(String(1), primary_key=True)  # "" when unknown or an event
    dim: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(16), primary_key=True)  # a month, an id, or ""
    n: Mapped[int] = mapped_column(BigInteger, default=0)

    def __repr__(self) -> str:
        return f"<TotalsCount {self.bucket} {self.country} {self.sex} {self.dim} {self.key}={self.n}>"


class TotalsState(db.Model):
    """A single row whose token changes, in the same transaction, with every change of the
    counters or of the names the figures show: remembered results are keyed by it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
