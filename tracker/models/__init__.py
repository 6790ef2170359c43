"""The data model, one module per aggregate; importing this package registers every table.
The codes the tables store (roles, statuses, ...) are tracker/codes.py's StrEnums, re-exported
here."""
from ..codes import AttendanceRole, EventStatus, Role, Scope, Sex
from .attachment import ATTACHMENT_KINDS, Attachment
from .audit import AuditEntry
from .event import Attendance, Event, event_topic
from .identity import DistinctPair, PersonMerge
from .outcome import Testimony
from .person import Agency, Person
from .programme import CountryTarget, Phase, Programme
from .reference import AgencyType, Country, EventKind, Topic
from .register import ColumnMapping
from .security import LoginAttempt
from .token import ApiToken
from .user import User

__all__ = [
    "ATTACHMENT_KINDS", "Agency", "AgencyType", "ApiToken", "Attachment", "Attendance",
    "AttendanceRole", "AuditEntry", "ColumnMapping", "Country", "CountryTarget", "DistinctPair", "Event", "EventKind",
    "EventStatus", "LoginAttempt", "Person", "PersonMerge", "Phase", "Programme", "Role",
    "Scope", "Sex", "Testimony", "Topic", "User", "event_topic",
]
