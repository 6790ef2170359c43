"""Reference lists: countries, agency types, topics and event kinds (seeded, edited by admins)."""
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class Country(db.Model):
    code: Mapped[str] = mapped_column(String(2), primary_key=True)  # ISO 3166-1 alpha-2
    name_en: Mapped[str] = mapped_column(String(100), unique=True)
    name_ru: Mapped[str] = mapped_column(String(100), unique=True)
    is_beneficiary: Mapped[bool] = mapped_column(default=False)

    def __repr__(self) -> str:
        return f"<Country {self.code}>"


class AgencyType(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_en: Mapped[str] = mapped_column(String(100))
    name_ru: Mapped[str] = mapped_column(String(100))

    def __repr__(self) -> str:
        return f"<AgencyType {self.code}>"


class Topic(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name_en: Mapped[str] = mapped_column(String(120), unique=True)
    name_ru: Mapped[str] = mapped_column(String(160))

    def __repr__(self) -> str:
        return f"<Topic {self.name_en}>"


class EventKind(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_en: Mapped[str] = mapped_column(String(100))
    name_ru: Mapped[str] = mapped_column(String(100))

    def __repr__(self) -> str:
        return f"<EventKind {self.code}>"
