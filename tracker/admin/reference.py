"""The reference lists admins keep: countries, topics, agency types and event kinds."""
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, inspect, select

from .. import audit
from ..extensions import db
from ..models import AgencyType, Country, EventKind, Topic
from ..services import Refusal
from .services import changes


@dataclass(frozen=True)
class ReferenceList:
    slug: str
    name: str  # in English, for the audit log
    label: str  # in the page's language
    model: type
    unique: tuple[str, ...]  # values two rows may not share (compared without case)


LISTS = {entry.slug: entry for entry in (
    ReferenceList("countries", "Countries", _l("Countries"), Country,
                  ("code", "name_en", "name_ru")),
    ReferenceList("topics", "Topics", _l("Topics"), Topic, ("name_en", "name_ru")),
    ReferenceList("agency-types", "Agency types", _l("Agency types"), AgencyType,
                  ("code", "name_en", "name_ru")),
    ReferenceList("event-kinds", "Event kinds", _l("Event kinds"), EventKind,
                  ("code", "name_en", "name_ru")),
)}


def key_of(obj) -> str:
    """The row's key as it appears in URLs: a country's code, otherwise the id."""
    return str(inspect(obj).identity[0])


def entries(ref: ReferenceList) -> list:
    query = select(ref.model).order_by(ref.model.name_en)
    if ref.model is Country:
        query = select(Country).order_by(Country.is_beneficiary.desc(), Country.name_en)
    return db.session.scalars(query).all()


def find(ref: ReferenceList, key: str):
    if ref.model is Country:
        return db.session.get(Country, key.upper())
    return db.session.get(ref.model, int(key)) if key.isdigit() and len(key) < 10 else None


def _check_unique(ref: ReferenceList, values: dict, obj=None) -> None:
    primary_key = inspect(ref.model).primary_key[0]
    for name in ref.unique:
        if not values.get(name):
            continue
        column = getattr(ref.model, name)
        query = select(ref.model).where(func.lower(column) == func.lower(values[name]))
        if obj is not None:
            query = query.where(primary_key != inspect(obj).identity[0])
        if db.session.scalar(query) is not None:
            raise Refusal(name, _("“%(value)s” is already in the list.", value=values[name]))


def add_entry(ref: ReferenceList, values: dict):
    _check_unique(ref, values)
    obj = ref.model(**values)
    db.session.add(obj)
    db.session.flush()
    audit.record("reference_added", obj, summary=f"{ref.name}: {key_of(obj)} {obj.name_en}",
                 after=values)
    return obj


def rename_entry(ref: ReferenceList, obj, name_en: str, name_ru: str) -> None:
    names = {"name_en": name_en, "name_ru": name_ru}
    _check_unique(ref, names, obj)
    before = {"name_en": obj.name_en, "name_ru": obj.name_ru}
    obj.name_en, obj.name_ru = name_en, name_ru
    old, new = changes(before, names)
    if new:
        audit.record("reference_renamed", obj, summary=f"{ref.name}: {key_of(obj)} {name_en}",
                     before=old, after=new)
