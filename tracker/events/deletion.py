"""Deleting an event moves it to Deleted events for RESTORE_DAYS days; restoring brings it
back whole; purging removes the expired ones for good, with their files on disk.

While deleted an event keeps its roster, topics, testimonies and attachments untouched,
so a restore is exact; it simply counts nowhere (every query leaves out deleted_at).
"""
from datetime import datetime, timedelta
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..models import RESTORE_DAYS, Attachment, Event
from ..models._base import utcnow
from ..services import Refusal, snapshot

AUDIT_FIELDS = ("title", "code", "status", "start_date", "end_date", "country_code", "phase_id")


def delete_event(event: Event, user) -> None:
    event.deleted_at = utcnow()
    event.deleted_by = user
    audit.record("delete", event, summary=event.title, before=snapshot(event, AUDIT_FIELDS),
                 after={"deleted_at": event.deleted_at.isoformat(timespec="seconds"),
                        "attendances": len(event.attendances)})


def restore_event(event: Event, now: datetime | None = None) -> None:
    """Bring a deleted event back, if it was deleted less than RESTORE_DAYS days ago."""
    if event.deleted_at is None:
        raise Refusal(None, _("This event is not deleted."))
    if (now or utcnow()) > event.restorable_until:
        raise Refusal(None, _("This event was deleted more than %(days)s days ago and can no "
                              "longer be restored.", days=RESTORE_DAYS))
    before = {"deleted_at": event.deleted_at.isoformat(timespec="seconds")}
    event.deleted_at = None
    event.deleted_by = None
    audit.record("restore", event, summary=event.title, before=before,
                 after=snapshot(event, AUDIT_FIELDS))


def expired(now: datetime | None = None) -> list[Event]:
    """Deleted events whose time to be restored has run out, oldest first."""
    cutoff = (now or utcnow()) - timedelta(days=RESTORE_DAYS)
    return list(db.session.scalars(select(Event).where(Event.deleted_at < cutoff)
                                   .order_by(Event.deleted_at, Event.id)))


def purge(events: list[Event], user=None) -> list[str]:
    """Remove the events for good with their roster, testimonies and attachments; returns the
    attachments' stored names, whose files the caller unlinks once this is committed."""
    stored_names = []
    for event in events:
        files = list(db.session.scalars(select(Attachment.stored_name)
                                        .where(Attachment.event_id == event.id)))
        audit.record("purge", event, summary=event.title, user=user, before={
            **snapshot(event, AUDIT_FIELDS), "attendances": len(event.attendances),
            "attachments": len(files),
            "deleted_at": event.deleted_at.isoformat(timespec="seconds")})
        stored_names += files
        db.session.delete(event)
    db.session.flush()
    return stored_names


def unlink_files(folder: Path, stored_names: list[str]) -> None:
    for name in stored_names:
        (folder / name).unlink(missing_ok=True)
