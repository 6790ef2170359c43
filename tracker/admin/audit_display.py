"""The audit log's before and after, as a reader wants them: one line per field that
changed, "label: before → after", labels in the page's language and values written the
page's way — never the raw data kept in the entry (a merge keeps whole records)."""
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..models import AuditEntry

LABELS = {
    "full_name": _l("Name"), "sex": _l("Sex"), "country_code": _l("Country"),
    "agency_id": _l("Agency"), "agency": _l("Agency"), "position": _l("Position"),
    "email": _l("Email"), "title": _l("Title"), "code": _l("Event code"), "kind_id": _l("Kind"),
    "scope": _l("Scope"), "status": _l("Status"), "start_date": _l("Start date"),
    "end_date": _l("End date"), "city": _l("City"), "phase_id": _l("Phase"), "notes": _l("Notes"),
    "topics": _l("Topics"), "event_id": _l("Event"), "person_id": _l("Person"), "role": _l("Role"),
    "days_attended": _l("Days attended"), "pre_score": _l("Pre-test score"),
    "post_score": _l("Post-test score"), "rating": _l("Rating"), "comment": _l("Comment"),
    "name": _l("Name"), "is_active": _l("Active"), "deleted_at": _l("Deleted"),
    "attendances": _l("Attendances"), "attachments": _l("Attachments"), "kind": _l("Kind"),
    "filename": _l("File"), "size_bytes": _l("Size (bytes)"), "programme_id": _l("Programme"),
    "agency_type": _l("Agency type"), "agency_type_id": _l("Agency type"),
    "name_en": _l("Name in English"), "name_ru": _l("Name in Russian"),
    # The workshop's: marks per "attendance/session", check-in links, certificates.
    "marks": _l("Marks"), "session_id": _l("Session"), "link": _l("Check-in link"),
    "expires_at": _l("Expires"), "matched_person_id": _l("Person on record"), "reason": _l("Reason"),
}
# Columns every record has, which say nothing about what changed.
QUIET = {"id", "name_key", "email_key", "created_at", "updated_at", "version"}


@dataclass
class Change:
    label: str
    before: str | None  # None: the field did not exist before (a creation)
    after: str | None  # None: the field is gone (a deletion)


def _value(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value) or "–"
    if isinstance(value, dict):
        return ", ".join(f"{_label(k)}: {_value(v)}" for k, v in value.items() if k not in QUIET)
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return moment.strftime("%d.%m.%Y" if len(value) == 10 else "%d.%m.%Y %H:%M")
    if isinstance(value, (date, datetime)):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _label(key: str) -> str:
    return str(LABELS.get(key, key.replace("_", " ")))


def _fields(before: dict, after: dict, *, changed_only: bool) -> list[Change]:
    changes = []
    for key in list(dict.fromkeys([*after, *before])):
        if key in QUIET:
            continue
        old = _value(before[key]) if key in before else None
        new = _value(after[key]) if key in after else None
        if changed_only and old == new:
            continue
        changes.append(Change(_label(key), old, new))
    return changes


def _person(state: dict) -> str:
    return f"#{state.get('id')} {state.get('full_name', '')} ({state.get('country_code') or '–'})"


def changes(entry: AuditEntry) -> list[Change]:
    """What the entry changed, field by field."""
    before, after = entry.before or {}, entry.after or {}
    if entry.action == "merge" and "survivor" in before:
        lines = [Change(_("Merged into this record"), _person(before["absorbed"]), None)]
        moved = len(before.get("moved") or []) + len(before.get("folded") or [])
        if moved:
            lines.append(Change(_("Attendances taken over"), None, str(moved)))
        return lines + _fields(before["survivor"], after, changed_only=True)
    if entry.action == "merge_undone" and "survivor" in after:
        lines = [Change(_("Separated again"), None, _person(after.get("absorbed") or {}))]
        return lines + _fields(before.get("survivor") or {}, after["survivor"], changed_only=True)
    return _fields(before, after, changed_only=bool(before and after))
