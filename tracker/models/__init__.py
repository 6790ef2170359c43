"""The data model, one module per aggregate; importing this package registers every table."""
from .attachment import ATTACHMENT_KINDS, Attachment
from .audit import AuditEntry
from .event import RESTORE_DAYS, SCOPES, STATUSES, Attendance, Event, event_topic
from .event import ROLES as ATTENDANCE_ROLES
from .identity import DistinctPair, PersonMerge
from .logo import LOGO_KINDS, Logo
from .outcome import Testimony
from .person import SEXES, Agency, Person
from .programme import CountryTarget, Phase, Programme
from .reference import AgencyType, Country, EventKind, Topic
from .register import ColumnMapping
from .security import LoginAttempt
from .token import ApiToken
from .totals import TotalsCount, TotalsState
from .user import ADMIN, COORDINATOR, MANAGER, ROLES, STAFF, User

__all__ = [
    "ATTACHMENT_KINDS", "ApiToken", "Attachment", "DistinctPair", "LOGO_KINDS", "LoginAttempt", "Logo",
    "PersonMerge",
    "Testimony", "ADMIN", "ATTENDANCE_ROLES", "COORDINATOR", "MANAGER", "ROLES", "SCOPES", "SEXES",
    "STAFF", "STATUSES", "TotalsCount", "TotalsState", "Agency", "AgencyType", "Attendance", "AuditEntry", "ColumnMapping", "Country", "CountryTarget",
    "Event", "EventKind", "RESTORE_DAYS", "Person", "Phase", "Programme", "Topic", "User", "event_topic",
]
