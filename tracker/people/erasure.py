"""Erasure on request: the person's name and contacts go, from their record, their
attendances' comments, the audit log, merge snapshots, certificates and check-ins; sex,
country and agency stay, so the phase figures do not move."""
import json

from sqlalchemy import Text, cast, or_, select, update

from .. import audit
from ..extensions import db
from ..models import Attendance, AuditEntry, Person, PersonMerge
from ..models._base import utcnow
from ..workshop.erasure import erase_workshop_traces


def _traces(person: Person) -> set[str]:
    """Every name and email the person was recorded under: now, before an edit, and on the
    records merged into theirs."""
    traces = {person.full_name, person.email}
    for entry in db.session.scalars(select(AuditEntry).where(
            AuditEntry.object_type == "person", AuditEntry.object_id == person.id)):
        for values in (entry.before, entry.after):
            if isinstance(values, dict):
                traces.update((values.get("full_name"), values.get("email")))
    for record in db.session.scalars(select(PersonMerge).where(PersonMerge.survivor_id == person.id)):
        for side in ("survivor", "absorbed"):
            values = (record.snapshot or {}).get(side) or {}
            traces.update((values.get("full_name"), values.get("email")))
    # Short strings ("Li") would rewrite unrelated text; longer traces go first.
    return {t for t in traces if isinstance(t, str) and len(t.strip()) >= 3}


def _scrubbed(value, traces: list[str], replacement: str):
    if isinstance(value, str):
        for trace in traces:
            value = value.replace(trace, replacement)
        return value
    if isinstance(value, dict):
        return {k: _scrubbed(v, traces, replacement) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(v, traces, replacement) for v in value]
    return value


def scrub_audit_log(person: Person) -> int:
    """Rewrite every audit entry that names the person (in its summary, or its before and
    after values), whatever record it is about: a "not the same person" mark, a removed
    attendance, a merge. Returns how many entries were rewritten."""
    traces = sorted(_traces(person), key=len, reverse=True)
    if not traces:
        return 0
    replacement = f"person {person.id}"
    mentions = []
    for trace in traces:
        stored = json.dumps(trace)[1:-1]  # as the JSON columns hold it (non-ASCII escaped)
        mentions += [AuditEntry.summary.contains(trace, autoescape=True),
                     cast(AuditEntry.before, Text).contains(stored, autoescape=True),
                     cast(AuditEntry.after, Text).contains(stored, autoescape=True)]
    entries = db.session.scalars(select(AuditEntry).where(or_(*mentions))).all()
    for entry in entries:
        entry.summary = _scrubbed(entry.summary, traces, replacement)
        entry.before = _scrubbed(entry.before, traces, replacement)
        entry.after = _scrubbed(entry.after, traces, replacement)
    return len(entries)


def erase(person: Person) -> None:
    """Replace the name and contacts; scrub them from the audit log and merge snapshots."""
    scrub_audit_log(person)
    person.full_name = f"Erased person {person.id}"
    person.name_key = f"erased {person.id}"  # never matches a real name
    person.email = None
    person.position = None
    person.erased_at = utcnow()
    db.session.execute(update(Attendance).where(Attendance.person_id == person.id).values(comment=None))
    db.session.execute(update(AuditEntry).where(
        AuditEntry.object_type == "person", AuditEntry.object_id == person.id)
        .values(before=None, after=None, summary="(erased)"))
    db.session.execute(update(AuditEntry).where(
        AuditEntry.object_type == "attendance",
        AuditEntry.object_id.in_(select(Attendance.id).where(Attendance.person_id == person.id)))
        .values(before=None, after=None, summary="(erased)"))
    db.session.execute(update(PersonMerge).where(
        or_(PersonMerge.survivor_id == person.id, PersonMerge.absorbed_person_id == person.id))
        .values(snapshot={"erased": True}))
    erase_workshop_traces(person)  # their certificates revoked, their check-ins nameless
    audit.record("erase", person, summary=f"person {person.id} erased on request")
