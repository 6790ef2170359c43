"""The fixed codes the database stores, each defined once. A StrEnum member is the string it
stores (`AttendanceRole.PARTICIPANT == "participant"`), so SQL, JSON, forms and templates
take the members as they are. Model-free, so that any module may import it; tracker.models
re-exports them. The labels people read are in tracker/i18n.py."""
from enum import StrEnum


class Role(StrEnum):
    """A user's role (SPEC "Roles"; what each may do is auth/permissions.py's table)."""

    STAFF = "staff"
    COORDINATOR = "coordinator"
    MANAGER = "manager"
    ADMIN = "admin"


class EventStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"  # the only status that counts in the totals
    CANCELLED = "cancelled"


class Scope(StrEnum):
    REGIONAL = "regional"
    NATIONAL = "national"


class AttendanceRole(StrEnum):
    PARTICIPANT = "participant"  # the only role that counts as trained
    TRAINER = "trainer"
    ORGANISER = "organiser"
    OBSERVER = "observer"


class Sex(StrEnum):
    """A person's sex as recorded; NULL in the database is "unknown"."""

    FEMALE = "F"
    MALE = "M"


class SessionPart(StrEnum):
    """Which part of its day an event's session is; a day's sessions are listed in this order."""

    DAY = "day"
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


class MarkStatus(StrEnum):
    """An attendee's mark for one session (tracker/workshop/marks.py)."""

    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


# A day counts as attended when any of its sessions is marked one of these.
ATTENDED_MARKS = (MarkStatus.PRESENT, MarkStatus.LATE)


class CheckInStatus(StrEnum):
    """A self check-in waits as pending until staff confirm or reject it."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"

# What the people list's and the event list's filters say for a sex not recorded (NULL).
UNKNOWN_SEX = "unknown"


def check_in(column: str, codes: type[StrEnum], *, nullable: bool = False) -> str:
    """A CHECK constraint's SQL: the column holds one of the codes (or NULL)."""
    values = ", ".join(f"'{code}'" for code in codes)
    return f"{column} IS NULL OR {column} IN ({values})" if nullable else f"{column} IN ({values})"
