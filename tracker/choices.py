"""Select-box choices from the reference lists, shared by the forms of every feature."""
from sqlalchemy import select

from .extensions import db
from .models import Agency, AgencyType, Country, EventKind, Phase, Topic


def countries(blank: str | None = None, only: str | None = None) -> list[tuple[str, str]]:
    query = select(Country).order_by(Country.is_beneficiary.desc(), Country.name_en)
    if only:
        query = query.where(Country.code == only)
    rows = [(c.code, c.name_en) for c in db.session.scalars(query)]
    return ([("", blank)] if blank is not None else []) + rows


def event_kinds(blank: str | None = None) -> list[tuple[str, str]]:
    rows = [(str(k.id), k.name_en) for k in db.session.scalars(select(EventKind).order_by(EventKind.id))]
    return ([("", blank)] if blank is not None else []) + rows


def topics() -> list[tuple[str, str]]:
    return [(str(t.id), t.name_en) for t in db.session.scalars(select(Topic).order_by(Topic.name_en))]


def phases(blank: str | None = None) -> list[tuple[str, str]]:
    rows = [(str(p.number), f"{p.name} ({p.start_date:%d.%m.%Y} – {p.end_date:%d.%m.%Y})")
            for p in db.session.scalars(select(Phase).order_by(Phase.start_date))]
    return ([("", blank)] if blank is not None else []) + rows


def agency_types(blank: str | None = None) -> list[tuple[str, str]]:
    rows = [(str(t.id), t.name_en) for t in db.session.scalars(select(AgencyType).order_by(AgencyType.id))]
    return ([("", blank)] if blank is not None else []) + rows


def agencies(country_code: str | None = None, blank: str | None = None) -> list[tuple[str, str]]:
    query = select(Agency).order_by(Agency.country_code, Agency.name)
    if country_code:
        query = query.where(Agency.country_code == country_code)
    rows = [(str(a.id), f"{a.name} ({a.country_code})") for a in db.session.scalars(query)]
    return ([("", blank)] if blank is not None else []) + rows
