"""Column mappings the register import remembers: how the user read the columns of a header
that the import did not know, applied again to the next file with the same header."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._base import utcnow


class ColumnMapping(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    # SHA-256 of the header's cells as the import compares them (register.header.normalize).
    header_key: Mapped[str] = mapped_column(String(64), unique=True)
    columns: Mapped[dict[str, str]] = mapped_column(JSON)  # header cell -> field ("" = ignored)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    def __repr__(self) -> str:
        return f"<ColumnMapping {self.header_key[:8]}>"
