"""The data model, one module per aggregate; importing this package registers every table.
The codes the tables store (roles, statuses, ...) are tracker/codes.py's StrEnums, re-exported
here."""
from ..codes import AttendanceRole, EventStatus, Role, Scope, Sex
from .attachment import ATTACHMENT_KINDS, Attachment
from .audit import AuditEntry
from .event import RESTORE_DAYS, Attendance, Event, event_topic
from .identity import DistinctPair, PersonMerge
from .logo import LOGO_KINDS, Logo
from .outcome import Testimony
from .person import Agency, Person
from .programme import CountryTarget, Phase, Programme
from .reference import AgencyType, Country, EventKind, Topic
from .register import ColumnMapping
from .security import LoginAttempt
from .token import ApiToken
from .totals import TotalsCount, TotalsState
from .user import User

__all__ = [
    "ATTACHMENT_KINDS", "LOGO_KINDS", "RESTORE_DAYS", "Agency", "AgencyType", "ApiToken",
    "Attachment", "Attendance", "AttendanceRole", "AuditEntry", "ColumnMapping", "Country",
    "CountryTarget", "DistinctPair", "Event", "EventKind", "EventStatus", "LoginAttempt", "Logo",
    "Person", "PersonMerge", "Phase", "Programme", "Role", "Scope", "Sex", "Testimony", "Topic",
    "TotalsCount", "TotalsState", "User", "event_topic",
]
