"""Select-box choices from the reference lists, shared by the forms of every feature.
Built per request, so reference names follow the page's language."""
from sqlalchemy import select

from .extensions import db
from .i18n import language
from .models import Agency, AgencyType, Country, EventKind, Phase, Topic


def _name(column_owner):
    """The name column to show and sort by in the page's language."""
    return column_owner.name_ru if language() == "ru" else column_owner.name_en


def countries(blank: str | None = None, only: str | None = None) -> list[tuple[str, str]]:
    query = select(Country.code, _name(Country)).order_by(Country.is_beneficiary.desc(), _name(Country))
    if only:
        query = query.where(Country.code == only)
    rows = [(code, name) for code, name in db.session.execute(query)]
    return ([("", blank)] if blank is not None else []) + rows


def event_kinds(blank: str | None = None) -> list[tuple[str, str]]:
    rows = [(str(id_), name) for id_, name in
            db.session.execute(select(EventKind.id, _name(EventKind)).order_by(EventKind.id))]
    return ([("", blank)] if blank is not None else []) + rows


def topics() -> list[tuple[str, str]]:
    return [(str(id_), name) for id_, name in
            db.session.execute(select(Topic.id, _name(Topic)).order_by(_name(Topic)))]


def phases(blank: str | None = None) -> list[tuple[str, str]]:
    rows = [(str(p.number), f"{p.name} ({p.start_date:%d.%m.%Y} – {p.end_date:%d.%m.%Y})")
            for p in db.session.scalars(select(Phase).order_by(Phase.start_date))]
    return ([("", blank)] if blank is not None else []) + rows


def agency_types(blank: str | None = None) -> list[tuple[str, str]]:
    rows = [(str(id_), name) for id_, name in
            db.session.execute(select(AgencyType.id, _name(AgencyType)).order_by(AgencyType.id))]
    return ([("", blank)] if blank is not None else []) + rows


def agencies(country_code: str | None = None, blank: str | None = None) -> list[tuple[str, str]]:
    query = select(Agency).order_by(Agency.country_code, Agency.name)
    if country_code:
        query = query.where(Agency.country_code == country_code)
    rows = [(str(a.id), f"{a.name} ({a.country_code})") for a in db.session.scalars(query)]
    return ([("", blank)] if blank is not None else []) + rows
