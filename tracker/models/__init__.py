"""The data model, one module per aggregate; importing this package registers every table.
The codes the tables store (roles, statuses, ...) are tracker/codes.py's StrEnums, re-exported
here."""
from ..codes import (
    ATTENDED_MARKS,
    AttendanceRole,
    CheckInStatus,
    EventStatus,
    MarkStatus,
    Role,
    Scope,
    SessionPart,
    Sex,
)
from .attachment import ATTACHMENT_KINDS, Attachment
from .audit import AuditEntry
from .certificate import Certificate
from .check_in import CheckIn, CheckInLink
from .event import RESTORE_DAYS, Attendance, Event, event_topic
from .identity import DistinctPair, PersonMerge
from .logo import LOGO_KINDS, Logo
from .outcome import Testimony
from .person import Agency, Person
from .programme import CountryTarget, Phase, Programme
from .reference import AgencyType, Country, EventKind, Topic
from .register import ColumnMapping
from .security import LoginAttempt
from .session import AttendanceMark, EventSession
from .token import ApiToken
from .totals import TotalsCount, TotalsState
from .user import User

__all__ = [
    "ATTACHMENT_KINDS", "ATTENDED_MARKS", "LOGO_KINDS", "RESTORE_DAYS", "Agency", "AgencyType",
    "ApiToken", "Attachment", "Attendance", "AttendanceMark", "AttendanceRole", "AuditEntry",
    "Certificate", "CheckIn", "CheckInLink", "CheckInStatus", "ColumnMapping", "Country",
    "CountryTarget", "DistinctPair", "Event", "EventKind", "EventSession", "EventStatus",
    "LoginAttempt", "Logo", "MarkStatus", "Person", "PersonMerge", "Phase", "Programme", "Role",
    "Scope", "SessionPart", "Sex", "Testimony", "Topic", "TotalsCount", "TotalsState", "User",
    "event_topic",
]
