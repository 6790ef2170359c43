"""Reading for the admin pages: users, phases, the programme, and the audit log's search (newest first)."""
from datetime import date, datetime, time

from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..i18n import local_name
from ..models import AuditEntry, Country, Phase, Programme, User


def users() -> list[User]:
    """Active users first, then by name."""
    return list(db.session.scalars(select(User).order_by(User.is_active.desc(), User.name)))


def programme() -> Programme | None:
    """The programme (the app records one)."""
    return db.session.scalar(select(Programme).order_by(Programme.id))


def phases() -> list[Phase]:
    return list(db.session.scalars(select(Phase).order_by(Phase.programme_id, Phase.number)))


def beneficiary_countries() -> list[Country]:
    """The countries that have targets, in the page's alphabet."""
    return sorted(db.session.scalars(select(Country).where(Country.is_beneficiary.is_(True))),
                  key=local_name)


def audit_search(user_id: int | None = None, action: str | None = None,
                 object_type: str | None = None, object_id: int | None = None,
                 date_from: date | None = None, date_to: date | None = None) -> Select:
    query = (select(AuditEntry).options(joinedload(AuditEntry.user))
             .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()))
    if user_id:
        query = query.where(AuditEntry.user_id == user_id)
    if action:
        query = query.where(AuditEntry.action == action)
    if object_type:
        query = query.where(AuditEntry.object_type == object_type)
    if object_id:
        query = query.where(AuditEntry.object_id == object_id)
    if date_from:
        query = query.where(AuditEntry.created_at >= datetime.combine(date_from, time.min))
    if date_to:  # the whole "to" day is included
        query = query.where(AuditEntry.created_at <= datetime.combine(date_to, time.max))
    return query


def audit_choices() -> dict[str, list[tuple[str, str]]]:
    """Select options for the search: users, and the actions and object types in the log."""
    users = db.session.execute(select(User.id, User.name, User.email).order_by(User.name)).all()
    actions = db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
    types = db.session.scalars(select(AuditEntry.object_type).distinct()
                               .where(AuditEntry.object_type.is_not(None))
                               .order_by(AuditEntry.object_type))
    return {
        "user": [("", _("Anyone"))] + [(str(u.id), f"{u.name} <{u.email}>") for u in users],
        "action": [("", _("Any action"))] + [(a, a.replace("_", " ")) for a in actions],
        "object_type": [("", _("Any object"))] + [(t, t) for t in types],
    }
