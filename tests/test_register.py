"""The register import (SPEC "The register file"), on CSV and XLSX alike."""
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.support.register_files import FORMATS, register_rows, to_csv
from tracker.models import Agency, Attendance, AuditEntry, Event, Person
from tracker.register import apply_plan, prepare

AIGUL = {"full_name": "Aigul Bekova", "sex": "F", "country": "KG",
         "agency": "State Border Service", "agency_type": "border_guard", "position": "Inspector"}
AZAMAT = {"full_name": "Azamat Bekov", "sex": "M", "country": "KG", "agency": "Customs Service",
          "agency_type": "customs"}


@pytest.fixture(params=sorted(FORMATS))
def fmt(request):
    return FORMATS[request.param]


def run_import(data: bytes, *, dry_run=False):
    """(errors as strings, counts) — the CLI's and web page's code path."""
    plan = prepare(data)
    if plan.errors:
        from tracker.extensions import db
        db.session.rollback()
        return [str(e) for e in plan.errors], None
    if dry_run:
        from tracker.extensions import db
        db.session.rollback()
        return [], plan.counts
    return [], apply_plan(plan, source="test")


def table_counts(db):
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m))
            for m in (Event, Person, Agency, Attendance)}


def test_a_register_imports_events_people_agencies_and_attendance(db, fmt):
    rows = register_rows(AIGUL, AZAMAT, topics="Document Security; Identification and Profiling")
    errors, counts = run_import(fmt(rows))
    assert errors == []
    assert counts["events_new"] == 1 and counts["people_new"] == 2
    assert counts["agencies_new"] == 2 and counts["attendances_new"] == 2
    event = db.session.scalar(select(Event))
    assert (event.title, event.start_date, event.end_date) == (
        "Document Security Workshop", date(2016, 3, 14), date(2016, 3, 16))
    assert event.duration_days == 3 and event.status == "held" and event.phase.number == 9
    assert event.kind.code == "workshop" and event.country_code == "KG"
    assert [t.name_en for t in event.topics] == ["Document Security", "Identification and Profiling"]
    aigul = db.session.scalar(select(Person).where(Person.full_name == "Aigul Bekova"))
    assert (aigul.sex, aigul.country_code, aigul.position) == ("F", "KG", "Inspector")
    assert aigul.agency.name == "State Border Service"
    assert aigul.agency.agency_type.code == "border_guard"
    attendance = aigul.attendances[0]
    assert attendance.role == "participant" and attendance.agency == aigul.agency
    assert attendance.effective_days == 3
    audit = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "import"))
    assert audit.after["attendances_new"] == 2


def test_headers_are_case_insensitive_in_any_order_and_bom_is_accepted(db):
    data = ("\ufeffFULL_NAME;Country;Start_Date;EVENT_TITLE\n"
            "Aigul Bekova;KG;2016-03-14;Workshop\n").encode()
    errors, counts = run_import(data)
    assert errors == [] and counts["attendances_new"] == 1


def test_unknown_columns_are_refused_with_the_nearest_name(db, fmt):
    rows = [{**r, "ful_name": "x"} for r in register_rows(AIGUL)]
    errors, _ = run_import(fmt(rows))
    assert errors == ["row 1, ful_name: unknown column; did you mean full_name?"]
    assert table_counts(db) == {"Event": 0, "Person": 0, "Agency": 0, "Attendance": 0}


def test_missing_required_column_is_reported(db):
    errors, _ = run_import(b"event_title,start_date,full_name\nA,2016-03-14,X\n")
    assert errors == ["row 1, country: required column is missing"]


@pytest.mark.parametrize("country", ["KG", "kg", "Kyrgyzstan", "Кыргызстан", "кыргызстан"])
def test_countries_by_code_english_or_russian_name(db, country):
    errors, counts = run_import(to_csv(register_rows({**AIGUL, "country": country})))
    assert errors == []
    assert db.session.scalar(select(Person.country_code)) == "KG"


@pytest.mark.parametrize("sex,expected", [("F", "F"), ("female", "F"), ("Ж", "F"), ("m", "M"),
                                          ("Male", "M"), ("М", "M"), ("", None)])
def test_sex_in_every_listed_form(db, sex, expected):
    errors, _ = run_import(to_csv(register_rows({**AIGUL, "sex": sex})))
    assert errors == []
    assert db.session.scalar(select(Person.sex)) == expected


def test_both_date_formats_name_the_same_event(db, fmt):
    rows = register_rows(AIGUL, start_date="14.03.2016") + register_rows(
        AZAMAT, start_date="2016-03-14")
    errors, counts = run_import(fmt(rows))
    assert errors == [] and counts["events_new"] == 1


def test_every_bad_row_is_reported_once_per_problem_and_nothing_is_written(db, fmt):
    rows = register_rows(
        AIGUL,
        {**AZAMAT, "country": "Kirgizia"},
        {"full_name": "", "country": "KG"},
        {"full_name": "Ivan Petrov", "country": "KZ", "sex": "x", "days_attended": "9"},
        {"full_name": "Olga Ivanova", "country": "KZ", "email": "not-an-email"},
    ) + register_rows({"full_name": "Timur", "country": "TJ"}, start_date="31.02.2016",
                      end_date="")
    rows += register_rows({"full_name": "Nodira", "country": "UZ", "role": "speaker"},
                          topics="Document Securty", event_title="Other", start_date="2016-05-01",
                          end_date="")
    errors, _ = run_import(fmt(rows))
    assert errors == [
        "row 3, country: unknown country “Kirgizia”; did you mean “Kyrgyzstan”?",
        "row 4, full_name: required; the cell is blank",
        "row 5, sex: “x” is not F/M, female/male or Ж/М",
        "row 6, email: “not-an-email” is not an email address",
        "row 7, start_date: “31.02.2016” is not a date; use YYYY-MM-DD or DD.MM.YYYY",
        "row 8, role: “speaker” is not one of: participant, trainer, organiser, observer",
    ]
    rows[3]["sex"], rows[6]["role"] = "M", "trainer"
    errors, _ = run_import(fmt(rows))
    assert "row 5, days_attended: 9 is more than the event's 3 days" in errors
    assert "row 8, topics: unknown topic “Document Securty”; did you mean “Document Security”?" in errors
    assert table_counts(db) == {"Event": 0, "Person": 0, "Agency": 0, "Attendance": 0}


def test_rows_of_one_event_must_agree(db):
    rows = register_rows(AIGUL) + register_rows(AZAMAT, end_date="17.03.2016", event_kind="seminar")
    errors, _ = run_import(to_csv(rows))
    assert errors == ["row 3, end_date: differs from row 2 for the same event",
                      "row 3, event_kind: differs from row 2 for the same event"]


def test_event_code_identifies_the_event_across_titles(db):
    rows = register_rows(AIGUL, event_code="B9-KG-001") + register_rows(
        AZAMAT, event_code="B9-KG-001", event_title="DOCUMENT SECURITY WORKSHOP")
    errors, counts = run_import(to_csv(rows))
    assert errors == [] and counts["events_new"] == 1
    assert db.session.scalar(select(Event.code)) == "B9-KG-001"


def test_event_outside_every_phase_needs_a_phase(db):
    rows = register_rows(AIGUL, start_date="01.01.2020", end_date="")
    errors, _ = run_import(to_csv(rows))
    assert errors == ["row 2, start_date: no phase covers 01.01.2020; name the phase in the phase column"]
    errors, counts = run_import(to_csv(register_rows(AIGUL, start_date="01.01.2020",
                                                     end_date="", phase="10")))
    assert errors == [] and db.session.scalar(select(Event)).phase.number == 10
    errors, _ = run_import(to_csv(register_rows(AIGUL, phase="7", event_title="x")))
    assert errors == ["row 2, phase: unknown phase 7; phases on record: 9, 10"]


def test_latin_cyrillic_and_swapped_spellings_are_one_person_namesakes_abroad_are_not(db, fmt):
    rows = register_rows(AIGUL) + register_rows(
        {"full_name": "Бекова Айгуль", "country": "Кыргызстан"},
        {"full_name": "BEKOVA  aigul", "country": "KZ"},
        event_title="Border Control Seminar", start_date="01.06.2016", end_date="02.06.2016")
    errors, counts = run_import(fmt(rows))
    assert errors == []
    assert counts["people_new"] == 2 and counts["attendances_new"] == 3
    kg = db.session.scalar(select(Person).where(Person.country_code == "KG"))
    assert kg.full_name == "Aigul Bekova" and len(kg.attendances) == 2


def test_emails_decide_identity_ignoring_case_and_conflicting_emails_are_two_people(db):
    rows = register_rows({**AIGUL, "email": "A.Bekova@mail.kg"}) + register_rows(
        {"full_name": "Bekova A.", "country": "KG", "email": "a.bekova@MAIL.kg"},
        {"full_name": "Aigul Bekova", "country": "KG", "email": "other@mail.kg"},
        event_title="Seminar", start_date="2016-06-01", end_date="")
    errors, counts = run_import(to_csv(rows))
    assert errors == []
    assert counts["people_new"] == 2
    people = db.session.scalars(select(Person).order_by(Person.id)).all()
    assert [p.email for p in people] == ["A.Bekova@mail.kg", "other@mail.kg"]
    assert len(people[0].attendances) == 2


def test_the_same_person_twice_at_one_event_is_a_bad_row(db):
    errors, _ = run_import(to_csv(register_rows(AIGUL, {"full_name": "Бекова Айгуль", "country": "KG"})))
    assert errors == ["row 3, full_name: Бекова Айгуль is already listed on row 2 for this event"]


def test_importing_the_same_file_twice_changes_nothing(db, fmt):
    data = fmt(register_rows(AIGUL, AZAMAT, topics="Document Security"))
    run_import(data)
    before = table_counts(db)
    audits = db.session.scalar(select(func.count()).select_from(AuditEntry))
    errors, counts = run_import(data)
    assert errors == []
    assert counts["attendances_on_record"] == 2 and counts["attendances_new"] == 0
    assert counts["people_matched"] == 2 and counts["people_updated"] == 0
    assert table_counts(db) == before
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == audits


def test_blank_cells_never_erase_and_new_agency_or_position_updates(db):
    run_import(to_csv(register_rows({**AIGUL, "email": "a@mail.kg"})))
    later = register_rows({"full_name": "Aigul Bekova", "country": "KG", "agency": "Migration Service",
                           "agency_type": "migration", "position": "", "sex": ""},
                          event_title="Seminar", start_date="2017-01-10", end_date="")
    errors, counts = run_import(to_csv(later))
    assert errors == [] and counts["people_updated"] == 1
    aigul = db.session.scalar(select(Person))
    db.session.refresh(aigul)
    assert (aigul.sex, aigul.email, aigul.position) == ("F", "a@mail.kg", "Inspector")
    assert aigul.agency.name == "Migration Service"
    # Each attendance keeps the agency of its day.
    agencies = sorted(a.agency.name for a in aigul.attendances)
    assert agencies == ["Migration Service", "State Border Service"]


def test_another_sex_than_on_record_is_a_bad_row(db):
    run_import(to_csv(register_rows(AIGUL)))
    errors, _ = run_import(to_csv(register_rows({**AIGUL, "sex": "M"}, event_title="Other")))
    assert errors == ["row 2, sex: M differs from F on record for Aigul Bekova"]


def test_roles_and_days_attended(db):
    rows = register_rows({**AIGUL, "role": "trainer"}, {**AZAMAT, "days_attended": "2"})
    errors, _ = run_import(to_csv(rows))
    assert errors == []
    roles = dict(db.session.execute(select(Person.full_name, Attendance.role).join(Attendance.person)).all())
    assert roles == {"Aigul Bekova": "trainer", "Azamat Bekov": "participant"}
    assert db.session.scalar(select(Attendance.days_attended).where(Attendance.role == "participant")) == 2


def test_dry_run_reports_and_writes_nothing(db):
    errors, counts = run_import(to_csv(register_rows(AIGUL, AZAMAT)), dry_run=True)
    assert errors == [] and counts["people_new"] == 2 and counts["attendances_new"] == 2
    assert table_counts(db) == {"Event": 0, "Person": 0, "Agency": 0, "Attendance": 0}


def test_a_file_that_is_not_a_register(db):
    assert run_import(b"\x00\x01\x02garbage\xff")[0] == [
        "row 1, file: the file is not a spreadsheet or CSV text; upload an XLSX, XLS, ODS or CSV file"]
    assert run_import(b"PK\x03\x04broken")[0] == [
        "row 1, file: not a readable XLSX file: open it in Excel or LibreOffice and save it again as XLSX"]
    assert run_import(b"")[0] == ["row 1, file: the file is empty; the first row must name the columns"]
    assert run_import(b"event_title,start_date,full_name,country\n")[0] == [
        "row 2, file: the file has a header but no rows"]
