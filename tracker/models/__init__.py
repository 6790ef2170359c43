"""The data model, one module per aggregate; importing this package registers every table."""
from .audit import AuditEntry
from .event import ROLES as ATTENDANCE_ROLES
from .event import SCOPES, STATUSES, Attendance, Event, event_topic
from .person import SEXES, Agency, Person
from .programme import Phase, Programme
from .reference import AgencyType, Country, EventKind, Topic
from .user import ADMIN, COORDINATOR, MANAGER, ROLES, STAFF, User

__all__ = [
    "ADMIN", "ATTENDANCE_ROLES", "COORDINATOR", "MANAGER", "ROLES", "SCOPES", "SEXES",
    "STAFF", "STATUSES", "Agency", "AgencyType", "Attendance", "AuditEntry", "Country",
    "Event", "EventKind", "Person", "Phase", "Programme", "Topic", "User", "event_topic",
]
