"""Self check-in: staff open a link for one session; participants type their name, country
and agency on a phone; staff confirm each check-in as the person on record, a suggested
match or a new person, which adds the attendance and marks the session present.

The participant's page learns nothing about anyone: matching happens here and only staff
see its result. Services flush; the request commits.
"""
import secrets
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .. import audit
from ..auth.permissions import may_access_country
from ..events.services import add_attendance
from ..extensions import db
from ..i18n import local_name
from ..identity import name_key
from ..models import (
    ATTENDED_MARKS,
    Agency,
    Attendance,
    AttendanceRole,
    CheckIn,
    CheckInLink,
    CheckInStatus,
    Country,
    Event,
    EventSession,
    MarkStatus,
    Person,
)
from ..people.queries import find_people
from ..people.services import SIMILAR_ENOUGH, LooksLikeExisting, create_person, same_person_on_record
from ..security import parse_id
from ..services import Refusal, snapshot
from . import clock, marks

# Ten characters of the certificate codes' alphabet: 29^10, about 4 * 10^14 tokens.
TOKEN_ALPHABET = "23456789abcdefghjkmnpqrstwxyz"
TOKEN_LENGTH = 10
TOKEN_COLUMN_LENGTH = CheckInLink.__table__.c.token.type.length
SUGGESTIONS = 3


class LinkGone(Exception):
    """The link expired with its session's day, or staff closed it (410)."""


def open_link(event: Event, session: EventSession, user) -> CheckInLink:
    """The session's open link, or a new one valid until the end of the session's day."""
    expires = clock.end_of_day(session.day, event.country_code)
    if expires <= clock.now():
        raise Refusal("session", _("That session's day is over: check-in can no longer open for it."))
    link = open_link_of(session)
    if link is None:
        token = "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))
        link = CheckInLink(session=session, token=token, opened_by=user,
                           expires_at=expires.replace(tzinfo=None))
        db.session.add(link)
        db.session.flush()
        audit.record("open_check_in", event, summary=f"Check-in opened for {marks.session_key(session)}",
                     after={"link": link.id, "expires_at": link.expires_at.isoformat()})
    return link


def is_open(link: CheckInLink) -> bool:
    return link.closed_at is None and clock.as_utc(link.expires_at) > clock.now()


def open_link_of(session: EventSession) -> CheckInLink | None:
    links = db.session.scalars(select(CheckInLink).where(CheckInLink.session_id == session.id,
                                                         CheckInLink.closed_at.is_(None)))
    return next((link for link in links if is_open(link)), None)


def open_links(event: Event) -> list[CheckInLink]:
    links = db.session.scalars(select(CheckInLink).join(CheckInLink.session)
                               .where(EventSession.event_id == event.id, CheckInLink.closed_at.is_(None))
                               .options(joinedload(CheckInLink.session)).order_by(CheckInLink.id))
    return [link for link in links if is_open(link)]


def close_link(event: Event, link: CheckInLink) -> None:
    link.closed_at = clock.now().replace(tzinfo=None)
    audit.record("close_check_in", event, summary=f"Check-in closed for {marks.session_key(link.session)}",
                 after={"link": link.id})


def is_token(text: str) -> bool:
    """Whether the text may be a link's token (and so be looked up, or counted under)."""
    return 0 < len(text) <= TOKEN_COLUMN_LENGTH and text.isascii() and text.isalnum()


def link_for(token: str) -> CheckInLink | None:
    """The link of a token (None when no link has it, or its event was deleted); LinkGone
    when it no longer takes check-ins."""
    if not is_token(token):
        return None  # nothing to look up (PostgreSQL refuses a NUL in text, for one)
    link = db.session.scalar(select(CheckInLink).where(CheckInLink.token == token)
                             .options(joinedload(CheckInLink.session).joinedload(EventSession.event)))
    if link is None or link.session.event.deleted_at is not None:
        return None
    if not is_open(link):
        raise LinkGone()
    return link


def agency_groups() -> list[tuple[str, str, list[tuple[int, str]]]]:
    """(country code, country name, [(agency id, name)]) for the check-in form's agency list."""
    names = {c.code: local_name(c) for c in db.session.scalars(select(Country))}
    groups: dict[str, list] = {}
    for agency in db.session.scalars(select(Agency).order_by(Agency.country_code, Agency.name)):
        groups.setdefault(agency.country_code, []).append((agency.id, agency.name))
    return sorted(((code, names.get(code, code), rows) for code, rows in groups.items()),
                  key=lambda group: group[1])


def submit(link: CheckInLink, values: dict) -> CheckIn:
    """A participant's check-in, pending until staff confirm it (one per name and session)."""
    full_name = " ".join(values["full_name"].split())
    key = name_key(full_name)
    if not any(ch.isalpha() for ch in key):
        raise Refusal("full_name", _("Enter your name in letters."))
    country = db.session.get(Country, values["country_code"] or "")
    if country is None:
        raise Refusal("country_code", _("Choose your country from the list."))
    agency = None
    if values.get("agency_id"):
        agency = db.session.get(Agency, parse_id(values["agency_id"]) or 0)
        if agency is None or agency.country_code != country.code:
            raise Refusal("agency_id", _("Choose an agency of the country you chose, or leave it blank."))
    already = db.session.scalar(select(CheckIn).where(
        CheckIn.session_id == link.session_id, CheckIn.name_key == key,
        CheckIn.country_code == country.code, CheckIn.status != CheckInStatus.REJECTED))
    if already is not None:
        return already
    # The identity rule on what the participant typed: no email, so none conflicts.
    matched = same_person_on_record(full_name, country.code, None)
    check_in = CheckIn(link=link, session_id=link.session_id, full_name=full_name, name_key=key,
                       country_code=country.code, agency=agency, sex=values.get("sex") or None,
                       matched_person_id=matched.id if matched else None)
    db.session.add(check_in)
    db.session.flush()
    return check_in


@dataclass
class Pending:
    check_in: CheckIn
    match: Person | None  # the person on record by the identity rule
    suggestions: list[Person]  # people who merely look alike
    # False for another country's official under a user limited to theirs: nobody on record
    # is shown to them, and the check-in can only be rejected (SPEC "Roles").
    is_reachable: bool = True

    @property
    def is_decidable_in_bulk(self) -> bool:
        """Bulk confirmation takes the identity rule's match, or makes a new person when
        nobody on record looks alike; anything in between needs a person's choice."""
        return self.is_reachable and (self.match is not None or not self.suggestions)


def pending(event: Event) -> list[Pending]:
    check_ins = db.session.scalars(
        select(CheckIn).join(CheckIn.session)
        .where(EventSession.event_id == event.id, CheckIn.status == CheckInStatus.PENDING)
        .options(joinedload(CheckIn.session), joinedload(CheckIn.agency),
                 joinedload(CheckIn.matched_person)).order_by(CheckIn.created_at, CheckIn.id))
    rows = []
    for check_in in check_ins:
        if not may_access_country(check_in.country_code):
            rows.append(Pending(check_in, None, [], is_reachable=False))
            continue
        match = check_in.matched_person if check_in.matched_person and \
            check_in.matched_person.erased_at is None else None
        suggestions = [] if match else [
            person for person, score in find_people(check_in.full_name, country_code=check_in.country_code,
                                                    limit=SUGGESTIONS) if score >= SIMILAR_ENOUGH]
        rows.append(Pending(check_in, match, suggestions))
    return rows


def get_pending(event: Event, check_in_id: int) -> CheckIn | None:
    """A pending check-in of this event; None for another event's (its token confirms nothing here)."""
    check_in = db.session.get(CheckIn, check_in_id)
    if check_in is None or check_in.session.event_id != event.id or check_in.status != CheckInStatus.PENDING:
        return None
    return check_in


def confirm(event: Event, check_in: CheckIn, person: Person | None, user) -> Attendance:
    """Confirm a check-in as `person`, or as a new person (None): the attendance is added if
    missing and the session marked present."""
    country = person.country_code if person is not None else check_in.country_code
    if not may_access_country(country):
        raise Refusal(None, _("Your account may not add officials of %(country)s.", country=country))
    if person is None:
        try:
            person = create_person({"full_name": check_in.full_name, "country_code": check_in.country_code,
                                    "sex": check_in.sex, "agency_id": check_in.agency_id},
                                   is_confirmed_new=True)
        except LooksLikeExisting as same:  # the identity rule says they are on record
            raise Refusal(None, _("%(name)s is already on record: confirm the check-in as them.",
                                  name=same.matches[0][0].full_name)) from None
    elif person.erased_at is not None:
        raise Refusal(None, _("That person is no longer on record. Reload the page."))
    attendance = db.session.scalar(select(Attendance).where(Attendance.event_id == event.id,
                                                            Attendance.person_id == person.id))
    if attendance is None:
        attendance = add_attendance(event, person, AttendanceRole.PARTICIPANT, None)
        if check_in.agency_id:
            attendance.agency_id = check_in.agency_id
    key = marks.session_key(check_in.session)
    current = marks.marks_of(event).get((attendance.id, key))
    if current not in ATTENDED_MARKS:
        marks.save_marks(event, {(attendance.id, key): MarkStatus.PRESENT}, summary="Check-in")
    check_in.status, check_in.person = CheckInStatus.CONFIRMED, person
    check_in.decided_at, check_in.decided_by_id = clock.now().replace(tzinfo=None), user.id
    db.session.flush()
    audit.record("confirm_check_in", check_in, summary=f"{check_in.full_name} as {person.full_name} "
                 f"(#{person.id}) at {event.title}",
                 after={**snapshot(check_in, ("full_name", "country_code", "agency_id", "session_id")),
                        "person_id": person.id, "matched_person_id": check_in.matched_person_id})
    return attendance


def reject(event: Event, check_in: CheckIn, user) -> None:
    check_in.status = CheckInStatus.REJECTED
    check_in.decided_at, check_in.decided_by_id = clock.now().replace(tzinfo=None), user.id
    audit.record("reject_check_in", check_in, summary=f"{check_in.full_name} at {event.title}",
                 after=snapshot(check_in, ("full_name", "country_code", "session_id")))


def confirm_in_bulk(event: Event, rows: list[Pending], user) -> tuple[int, int]:
    """Confirm the decidable ones; returns (confirmed, left for a person to decide)."""
    done = left = 0
    for row in rows:
        if row.is_decidable_in_bulk:
            confirm(event, row.check_in, row.match, user)
            done += 1
        else:
            left += 1
    return done, left
