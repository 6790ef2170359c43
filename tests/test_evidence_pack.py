"""The evidence pack: a ZIP with the figures, the country-by-sex cross-table, the events with
their counts and evidence status, and the signed sheets named by event code; streamed,
audited, and limited to what a country-limited coordinator may take."""
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tracker.models import Attachment, AuditEntry

PDF = b"%PDF-1.4\n" + b"0" * 200_000 + b"\n%%EOF\n"


@pytest.fixture
def programme(app, db, make_event, make_person, attend):
    """Phase 9: a Kyrgyz workshop with two signed sheets, a Kazakh seminar attended by a Kyrgyz
    official (its sheet kept in Kazakhstan), and an Uzbek course without a sheet."""
    folder = Path(app.config["UPLOAD_FOLDER"]) / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    workshop = make_event(title="Bishkek workshop", code="B9/KG-001", start_date=date(2017, 3, 14),
                          end_date=date(2017, 3, 16))
    seminar = make_event(title="Almaty seminar", code="B9-KZ-002", country_code="KZ",
                         kind="seminar", start_date=date(2017, 5, 2), end_date=date(2017, 5, 3))
    course = make_event(title="Tashkent course", country_code="UZ", start_date=date(2016, 9, 5),
                        end_date=date(2016, 9, 6))
    aigul, nurlan = make_person("Aigul Bekova", "KG", "F"), make_person("Nurlan Asanov", "KG", "M")
    dana = make_person("Dana Ospanova", "KZ", "F")
    attend(workshop, aigul)
    attend(workshop, nurlan)
    attend(seminar, aigul)
    attend(seminar, dana)
    attend(course, make_person("Odil Karimov", "UZ", "M"))
    for n, event in enumerate((workshop, workshop, seminar)):
        stored = f"{n:032d}.pdf"
        (folder / stored).write_bytes(PDF + bytes([n]))
        db.session.add(Attachment(event=event, kind="sign_in_sheet", filename=f"scan {n}.pdf",
                                  stored_name=stored, content_type="application/pdf",
                                  size_bytes=len(PDF) + 1))
    db.session.commit()
    return {"workshop": workshop, "seminar": seminar, "course": course}


def unpack(response) -> tuple[zipfile.ZipFile, dict]:
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    book_name = next(n for n in archive.namelist() if n.endswith(".xlsx"))
    book = load_workbook(io.BytesIO(archive.read(book_name)))
    sheets = {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    return archive, sheets


def test_a_coordinator_downloads_the_phase_evidence_pack(db, programme, coordinator_client):
    response = coordinator_client.get("/reports/evidence-pack?phase=9")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.is_streamed
    assert 'filename="evidence-phase-9.zip"' in response.headers["Content-Disposition"]
    archive, sheets = unpack(response)
    assert sorted(archive.namelist()) == [
        "evidence-phase-9/figures-and-events.xlsx",
        "evidence-phase-9/signed-sheets/B9-KG-001-2.pdf",
        "evidence-phase-9/signed-sheets/B9-KG-001.pdf",
        "evidence-phase-9/signed-sheets/B9-KZ-002.pdf"]
    assert archive.read("evidence-phase-9/signed-sheets/B9-KZ-002.pdf") == PDF + bytes([2])
    figures = {row[0]: row[1:] for row in sheets["Figures"]}
    assert figures["Officials trained"][0] == 4 and figures["Events held"][0] == 3
    assert figures["Events held with a signed sign-in sheet"] == (2, 3)
    assert sheets["Country and sex"][-1] == ("Total", 2, 2, 0, 4)
    events = {row[0]: row for row in sheets["Events"][1:]}
    assert events["B9/KG-001"][6:9] == (2, 1, "signed sheet attached")
    assert events[f"event-{programme['course'].id}"][8] == "no signed sheet"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "export"))
    assert entry.summary == "Evidence pack phase-9: 3 events, 3 signed sheets"


def test_the_zip_is_sent_in_chunks_not_built_whole(db, programme, coordinator_client):
    response = coordinator_client.get("/reports/evidence-pack?phase=9")
    chunks = list(response.response)
    assert len(chunks) > 3 and max(len(c) for c in chunks) < len(b"".join(chunks))


def test_a_country_limited_coordinator_gets_only_what_they_may_reach(db, programme, signed_in):
    kyrgyz = signed_in("coordinator", country_code="KG")
    archive, sheets = unpack(kyrgyz.get("/reports/evidence-pack?phase=9"))
    names = sorted(n.split("/", 1)[1] for n in archive.namelist())
    assert names == ["figures-and-events.xlsx", "signed-sheets/B9-KG-001-2.pdf",
                     "signed-sheets/B9-KG-001.pdf"]
    events = {row[1]: row for row in sheets["Events"][1:]}
    assert set(events) == {"Bishkek workshop", "Almaty seminar"}  # not the Uzbek course
    assert events["Almaty seminar"][6:9] == (1, 1, "signed sheet kept by the host country")
    assert {row[0] for row in sheets["Country and sex"][1:]} == {"Kyrgyzstan", "Total"}
    assert kyrgyz.get("/reports/evidence-pack?phase=9&country=KZ").status_code == 403


def test_managers_and_staff_may_not_take_the_pack(db, programme, manager_client, staff_client):
    assert manager_client.get("/reports/evidence-pack?phase=9").status_code == 403
    assert staff_client.get("/reports/evidence-pack?phase=9").status_code == 403


def test_bad_dates_and_unknown_phases_are_refused(db, coordinator_client):
    response = coordinator_client.get("/reports/evidence-pack?from=2017-01-01&to=2016-01-01")
    assert response.status_code == 400
    assert coordinator_client.get("/reports/evidence-pack?phase=0").status_code == 404  # was a 500
