"""A small world in which every URL rule of the app resolves: an event in Kazakhstan with an
attendance, attachment and testimony, its workshop records (sessions, a mark, an open
check-in link with a pending check-in, a certificate), people (two spellings of one official,
and a merge), an agency, and a user of each role with an API token; one Kyrgyz event beside it.

Used by the route-by-role walk (tests/test_access.py) and the no-500 tests
(tests/test_no_500.py), which rebuild it whenever a request changed it.
"""
import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, insert, select

from tests.conftest import PER_TEST_TABLES, SEEDED_TABLES, sign_in
from tracker.duplicates.services import merge
from tracker.extensions import db
from tracker.models import (
    Agency,
    AgencyType,
    ApiToken,
    Attachment,
    Attendance,
    AttendanceMark,
    AuditEntry,
    Certificate,
    CheckIn,
    CheckInLink,
    Event,
    EventKind,
    EventSession,
    Logo,
    MarkStatus,
    Person,
    Phase,
    SessionPart,
    Testimony,
    Topic,
    User,
)

# Who walks: a name, the role, and the country the user is limited to.
USERS = {
    "staff": ("staff", None),
    "staff_kg": ("staff", "KG"),
    "coordinator": ("coordinator", None),
    "coordinator_kg": ("coordinator", "KG"),
    "manager": ("manager", None),
    "admin": ("admin", None),
}
# Text that only pages with Kazakh names or Kazakh events show: a Kyrgyz-limited user and a
# manager (no names) must never see the names; the Kyrgyz user never the Kazakh event either.
KZ_PERSON_NAMES = ("Zarina Kazakhova", "Зарина Казахова", "Erlan Tokayev")
KZ_EVENT_TITLE = "Astana customs workshop"
KZ_AGENCY = "Kazakh Customs Committee"
# Two regional events for the Kyrgyz-limited walkers (SPEC "Roles"): one hosted at home, where a
# Kazakh official's name shows but not her email; one hosted in Kazakhstan that a Kyrgyz
# official attended, where only he shows.
HOME_EVENT_TITLE = "Osh regional seminar"
HOME_FOREIGN_NAME, HOME_FOREIGN_EMAIL = "Dana Nurlanova", "dana@border.kz"
ABROAD_EVENT_TITLE = "Almaty regional course"
KG_OFFICIAL, KG_OFFICIAL_EMAIL = "Aibek Usenov", "aibek@customs.kg"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@dataclass
class World:
    ids: dict[str, int] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    tokens: dict[str, tuple[int, str]] = field(default_factory=dict)  # user -> (id, text)

    def client(self, app, who: str | None):
        """A test client signed in as one of USERS, or anonymous for None."""
        client = app.test_client()
        if who is not None:
            sign_in(client, self.users[who])
        return client


def _one(model, **where):
    return db.session.scalar(select(model).filter_by(**where))


def build(app) -> World:
    """Write the world and commit it; returns the ids a URL may need."""
    world = World()
    phase9 = _one(Phase, number=9)
    customs = _one(AgencyType, code="customs")
    workshop = _one(EventKind, code="workshop")
    topic = db.session.scalars(select(Topic).order_by(Topic.id)).first()

    kz_agency = Agency(name=KZ_AGENCY, country_code="KZ", agency_type=customs)
    kg_agency = Agency(name="State Customs Service", country_code="KG", agency_type=customs)
    zarina = Person(full_name="Zarina Kazakhova", sex="F", country_code="KZ", agency=kz_agency,
                    email="zarina@customs.kz", position="Inspector")
    zarina_again = Person(full_name="Зарина Казахова", sex="F", country_code="KZ",
                          agency=kz_agency)
    erlan = Person(full_name="Erlan Tokayev", sex="M", country_code="KZ", agency=kz_agency)
    erlan_again = Person(full_name="Ерлан Токаев", sex="M", country_code="KZ", agency=kz_agency)
    aibek = Person(full_name=KG_OFFICIAL, sex="M", country_code="KG", agency=kg_agency,
                   email=KG_OFFICIAL_EMAIL)

    kz_event = Event(title=KZ_EVENT_TITLE, start_date=date(2016, 4, 11),
                     end_date=date(2016, 4, 13), status="held", scope="national",
                     country_code="KZ", city="Astana", phase=phase9, kind=workshop,
                     topics=[topic])
    kg_event = Event(title="Bishkek profiling seminar", start_date=date(2016, 5, 16),
                     end_date=date(2016, 5, 17), status="held", scope="national",
                     country_code="KG", city="Bishkek", phase=phase9, kind=workshop)
    # In Deleted events: answers 404 everywhere but its restore page.
    deleted_event = Event(title="Aktau seminar (deleted)", start_date=date(2016, 6, 6),
                          status="held", scope="national", country_code="KZ", city="Aktau",
                          phase=phase9, kind=workshop, deleted_at=datetime.now(UTC))
    kz_attendance = Attendance(event=kz_event, person=zarina, role="participant",
                               agency=kz_agency, pre_score=40, post_score=80, rating=5)
    erlan_attendance = Attendance(event=kz_event, person=erlan_again, role="participant",
                                  agency=kz_agency)
    kg_attendance = Attendance(event=kg_event, person=aibek, role="participant",
                               agency=kg_agency)
    kz_testimony = Testimony(event=kz_event, quote="We now check every passport page.",
                             attribution="Officer at a Kazakh checkpoint", has_consent=True)
    kg_testimony = Testimony(event=kg_event, quote="Useful.", attribution="Kyrgyz officer")
    db.session.add_all([kz_agency, kg_agency, zarina, zarina_again, erlan, erlan_again, aibek,
                        kz_event, kg_event, kz_attendance, erlan_attendance, kg_attendance,
                        kz_testimony, kg_testimony, deleted_event])

    for who, (role, country) in USERS.items():
        world.users[who] = User(email=f"{who}@example.org", name=f"Walker {who}", role=role,
                                country_code=country, password_hash="x")
    target = User(email="target@example.org", name="Target User", role="staff",
                  password_hash="x")
    db.session.add_all([*world.users.values(), target])
    db.session.flush()
    for who, user in world.users.items():
        record, text = ApiToken.issue(user, f"{who} script")
        db.session.flush()
        world.tokens[who] = (record.id, text)

    attachments = {}
    folder = Path(app.config["UPLOAD_FOLDER"]) / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    for name, event in (("kz", kz_event), ("kg", kg_event)):
        stored_name = secrets.token_hex(16) + ".pdf"
        (folder / stored_name).write_bytes(PDF)
        attachments[name] = Attachment(event=event, kind="sign_in_sheet",
                                       filename=f"{name}-sheet.pdf", stored_name=stored_name,
                                       content_type="application/pdf", size_bytes=len(PDF))
    db.session.add_all(attachments.values())
    logo_name = secrets.token_hex(16) + ".png"
    (Path(app.config["UPLOAD_FOLDER"]) / "logos").mkdir(parents=True, exist_ok=True)
    (Path(app.config["UPLOAD_FOLDER"]) / "logos" / logo_name).write_bytes(PNG)
    logo = Logo(programme=phase9.programme, kind="programme", filename="bomca.png",
                stored_name=logo_name, content_type="image/png", size_bytes=len(PNG))
    db.session.add(logo)
    db.session.flush()
    at_workshop = workshop_records(kz_event, kz_attendance, token="kzworldtok", code="ABCD2345")
    regional = _regional_events(app, phase9, workshop, customs, zarina, kz_agency, aibek, kg_agency)
    # Erlan was recorded twice; the second record was merged into the first (undoable).
    record = merge(erlan, erlan_again, None, world.users["coordinator"])
    db.session.commit()

    world.ids = {
        "event_id": kz_event.id, "attendance_id": kz_attendance.id,
        "attachment_id": attachments["kz"].id, "testimony_id": kz_testimony.id,
        "person_id": zarina.id, "person_b_id": zarina_again.id, "agency_id": kz_agency.id,
        "merge_id": record.id, "phase_id": phase9.id, "number": phase9.number,
        "user_id": target.id, "topic_id": topic.id, "logo_id": logo.id,
        "session_id": at_workshop["session"].id, "link_id": at_workshop["link"].id,
        "token": at_workshop["link"].token, "certificate_id": at_workshop["certificate"].id,
        "certificate_code": at_workshop["certificate"].code,
        "deleted_event_id": deleted_event.id, "kg_event_id": kg_event.id, "kg_attendance_id": kg_attendance.id,
        "kg_attachment_id": attachments["kg"].id, "kg_testimony_id": kg_testimony.id,
        "kg_person_id": aibek.id, "kg_agency_id": kg_agency.id,
        **{name: record.id for name, record in regional.items()},
    }
    return world


def workshop_records(event: Event, attendance: Attendance, *, token: str, code: str) -> dict:
    """The event's sessions (one per day, and an afternoon added on its first day), a mark, an
    open check-in link for the first day with a check-in waiting, and the attendee's
    certificate; the records a URL names (the afternoon: a session that may be removed)."""
    days = [EventSession(event=event, day=event.start_date + timedelta(days=n))
            for n in range(event.duration_days)]
    afternoon = EventSession(event=event, day=event.start_date, part=SessionPart.AFTERNOON)
    link = CheckInLink(session=days[0], token=token, expires_at=datetime(2099, 1, 1))
    waiting = CheckIn(link=link, session=days[0], full_name="Ерлан Токаев", name_key="erlan tokaev",
                      country_code="KZ")
    certificate = Certificate(code=code, event=event, attendance=attendance,
                              holder_name=attendance.person.full_name)
    db.session.add_all([*days, afternoon, link, waiting, certificate,
                        AttendanceMark(session=days[0], attendance=attendance, status=MarkStatus.PRESENT)])
    db.session.flush()
    return {"session": afternoon, "link": link, "certificate": certificate}


def _regional_events(app, phase, kind, customs, zarina, kz_agency, aibek, kg_agency) -> dict:
    """The home and abroad events of a Kyrgyz-limited user, each with an attendance of
    either country, an attachment and a testimony; their records by id name."""
    kz_border = Agency(name="Border Service of Kazakhstan", country_code="KZ", agency_type=customs)
    dana = Person(full_name=HOME_FOREIGN_NAME, sex="F", country_code="KZ", agency=kz_border,
                  email=HOME_FOREIGN_EMAIL)
    home = Event(title=HOME_EVENT_TITLE, start_date=date(2016, 6, 6), end_date=date(2016, 6, 8),
                 status="held", scope="regional", country_code="KG", city="Osh", phase=phase,
                 kind=kind)
    abroad = Event(title=ABROAD_EVENT_TITLE, start_date=date(2016, 7, 4),
                   end_date=date(2016, 7, 6), status="held", scope="regional",
                   country_code="KZ", city="Almaty", phase=phase, kind=kind)
    records = {
        "home_event_id": home, "home_person_id": dana, "abroad_event_id": abroad,
        "home_attendance_id": Attendance(event=home, person=dana, role="participant",
                                         agency=kz_border),
        "home_own_attendance_id": Attendance(event=home, person=aibek, role="participant",
                                             agency=kg_agency),
        "abroad_attendance_id": Attendance(event=abroad, person=zarina, role="participant",
                                           agency=kz_agency),
        "abroad_own_attendance_id": Attendance(event=abroad, person=aibek, role="participant",
                                               agency=kg_agency),
        "home_testimony_id": Testimony(event=home, quote="Good.", attribution="An officer"),
        "abroad_testimony_id": Testimony(event=abroad, quote="Good.", attribution="An officer"),
    }
    folder = Path(app.config["UPLOAD_FOLDER"]) / "attachments"
    for name, event in (("home_attachment_id", home), ("abroad_attachment_id", abroad)):
        stored_name = secrets.token_hex(16) + ".pdf"
        (folder / stored_name).write_bytes(PDF)
        records[name] = Attachment(event=event, kind="sign_in_sheet", filename="sheet.pdf",
                                   stored_name=stored_name, content_type="application/pdf",
                                   size_bytes=len(PDF))
    db.session.add_all([kz_border, *records.values()])
    db.session.flush()
    # Their workshop records: at home a Kazakh official's certificate (her row is theirs to
    # run), abroad the Kyrgyz official's own beside a Kazakh one's (which they must not see).
    for where, attendance, token, code in (
            ("home", records["home_attendance_id"], "homeworldtok", "HHHH2345"),
            ("abroad", records["abroad_own_attendance_id"], "abroadworldt", "AAAA2345")):
        for name, record in workshop_records(attendance.event, attendance, token=token, code=code).items():
            records[f"{where}_{name}_id"] = record
    db.session.add(Certificate(code="ZZZZ2345", event=abroad, attendance=records["abroad_attendance_id"],
                               holder_name=zarina.full_name))
    db.session.flush()
    return records


def wipe() -> None:
    """Empty every table the tests write (reference lists and phases stay)."""
    db.session.rollback()
    for table in PER_TEST_TABLES:
        db.session.execute(delete(table))
    db.session.commit()


def rebuild(app) -> World:
    wipe()
    return build(app)


# --- What the database holds ----------------------------------------------------------------

def snapshot(ignore_actions: tuple[str, ...] = ()) -> dict[str, str]:
    """A digest of every table's rows, so two snapshots are equal exactly when nothing was
    written in between. Audit entries of `ignore_actions` are counted apart, under their
    action's name, instead of being digested."""
    db.session.commit()  # see what other connections committed since
    digests = {}
    for table in db.metadata.sorted_tables:
        query = select(table).order_by(*table.primary_key.columns)
        if table.name == AuditEntry.__tablename__ and ignore_actions:
            for action in ignore_actions:
                digests[action] = db.session.scalar(
                    select(func.count()).select_from(table).where(table.c.action == action))
            query = query.where(table.c.action.not_in(ignore_actions))
        rows = db.session.execute(query).all()
        digests[table.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    db.session.commit()
    return digests


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(name for name in before if before[name] != after[name])


def seeded_rows() -> dict[str, list[dict]]:
    """The rows of the seeded tables (reference lists, phases), to put back after tests that
    let an admin change them."""
    return {table.name: [dict(row._mapping) for row in db.session.execute(select(table))]
            for table in db.metadata.sorted_tables if table.name in SEEDED_TABLES}


def restore_seeded(saved: dict[str, list[dict]]) -> None:
    """Put the seeded tables back as they were (every other table must be empty)."""
    db.session.rollback()
    tables = [t for t in db.metadata.sorted_tables if t.name in SEEDED_TABLES]
    for table in reversed(tables):
        db.session.execute(delete(table))
    for table in tables:
        if saved[table.name]:
            db.session.execute(insert(table), saved[table.name])
    db.session.commit()
