"""Certificate codes: issued when certificates are printed, verified by anyone, revoked by
coordinators. The verify page learns only the event and the holder's initials."""
import secrets

from flask_babel import gettext as _
from sqlalchemy import select

from .. import audit
from ..auth.permissions import scope_roster
from ..extensions import db
from ..identity import name_tokens
from ..models import Attendance, Certificate, Event
from ..models._base import utcnow
from ..services import Refusal
from .qr import public_url, qr_svg

# No 0/O, 1/I/L, U/V: a code read aloud or typed from paper cannot be misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
CODE_LENGTH = 8
# Letters people type for the ones the alphabet leaves out.
_READ_AS = str.maketrans({"0": "", "O": "", "1": "", "I": "", "L": "", "U": "", "V": "W"})


def new_code() -> str:
    """A code no certificate has (29^8, about 5 * 10^11 codes: guessing one is hopeless)."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.session.scalar(select(Certificate.id).where(Certificate.code == code)) is None:
            return code


def normalise(typed: str) -> str | None:
    """A code as typed ("abcd-2345 ") in its stored form, or None when it cannot be one."""
    code = "".join(ch for ch in typed.upper() if ch.isalnum())
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def grouped(code: str) -> str:
    """"ABCD-2345": easier to read off paper."""
    return f"{code[:4]}-{code[4:]}"


def issue(event: Event, recipients: list[Attendance]) -> dict[int, Certificate]:
    """The valid certificate of each recipient (by attendance id), issuing those missing."""
    held = {c.attendance_id: c for c in db.session.scalars(
        select(Certificate).where(Certificate.event_id == event.id, Certificate.revoked_at.is_(None))
        .order_by(Certificate.id))}
    issued = False
    for attendance in recipients:
        certificate = held.get(attendance.id)
        if certificate is None or certificate.holder_name != attendance.person.full_name:
            if certificate is not None:  # the name was corrected: the old paper is wrong
                _revoke(certificate, "Holder's name changed; reissued")
            certificate = Certificate(code=new_code(), event=event, attendance=attendance,
                                      holder_name=attendance.person.full_name)
            db.session.add(certificate)
            held[attendance.id] = certificate
            issued = True
    if issued:  # the print itself is in the audit log (exports.record_export)
        db.session.flush()
    return held


def _revoke(certificate: Certificate, reason: str) -> None:
    certificate.revoked_at = utcnow()
    certificate.revoked_reason = reason[:300]
    audit.record("revoke", certificate, summary=f"Certificate {certificate.code}: {reason}"[:300],
                 after={"code": certificate.code, "reason": reason})


def revoke(certificate: Certificate, reason: str) -> None:
    if certificate.revoked_at is not None:
        raise Refusal(None, _("Certificate %(code)s was already revoked.", code=grouped(certificate.code)))
    reason = " ".join((reason or "").split())
    if not reason:
        raise Refusal("reason", _("Say why the certificate is revoked."))
    _revoke(certificate, reason)
    db.session.flush()


def _of_event(event: Event):
    """The event's certificates the user may see: abroad, their own officials' only."""
    return scope_roster(select(Certificate).outerjoin(Certificate.attendance)
                        .outerjoin(Attendance.person).where(Certificate.event_id == event.id), event)


def of_event(event: Event) -> list[Certificate]:
    return list(db.session.scalars(_of_event(event).order_by(Certificate.holder_name,
                                                             Certificate.issued_at)))


def get_of_event(event: Event, certificate_id: int) -> Certificate | None:
    """One of the certificates of_event() lists; None for another event's or one out of reach."""
    return db.session.scalar(_of_event(event).where(Certificate.id == certificate_id))


def find(code: str) -> Certificate | None:
    """The certificate with that code, unless its event is deleted: a deleted event counts
    nowhere and its certificates certify nothing (they answer as unknown codes)."""
    return db.session.scalar(select(Certificate).join(Certificate.event)
                             .where(Certificate.code == code, Event.deleted_at.is_(None)))


def initials(full_name: str) -> str:
    """"Aigul Bekova" -> "A. B.", "Бекова Айгуль" -> "Б. А.": all the verify page shows."""
    return " ".join(f"{word[0].upper()}." for word in full_name.split() if word[0].isalpha())


def is_holder(certificate: Certificate, typed: str) -> bool:
    """Whether the typed surname (in either script, any case) is one of the holder's names."""
    typed_tokens = name_tokens(typed)
    return bool(typed_tokens) and set(typed_tokens) <= set(name_tokens(certificate.holder_name))


def verification(certificate: Certificate) -> dict:
    """What a printed certificate carries to be verified: the address, its QR code, the code."""
    url = public_url("workshop.verify", code=certificate.code)
    return {"url": url, "code": grouped(certificate.code),
            "qr": qr_svg(url, label=f"QR code: {url}", css_class="certificate-qr")}
