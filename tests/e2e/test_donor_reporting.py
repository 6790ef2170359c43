"""Reporting to the donor: a manager answers "officials trained in 2017, by country and sex, and
show me the events" in three clicks and prints it; a coordinator downloads the evidence pack a
verification mission asks for."""
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.e2e.dataset import official_names
from tests.e2e.pdf import is_a4_portrait, pdf_pages, pdf_text
from tracker.models import Attachment

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_a_manager_answers_the_donors_question_in_three_clicks_and_prints_it(
        signed_in_page, programme, screenshot, tmp_path):
    page = signed_in_page("manager")

    # Click 1: the year, among the dashboard's reporting periods.
    page.locator("#period-years").get_by_role("link", name="2017", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == \
        "01.01.2017 – 31.12.2017: events and officials trained"
    assert page.locator('[data-figure="officials_trained"]').inner_text() == "4"
    assert "A signed sign-in sheet is attached for 0 of 1 event held." in " ".join(
        page.locator("#evidence-summary").inner_text().split())

    # Click 2: by country and sex.
    page.get_by_role("link", name="By country and sex (cross-table)").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Officials trained by country and sex"
    table = page.locator("table[data-crosstab]")
    assert table.locator('[data-cell="KZ|F"]').inner_text() == "1"
    assert table.locator('[data-cell="KZ|M"]').inner_text() == "1"
    assert table.locator('[data-row-total="KZ"]').inner_text() == "2"
    assert table.locator("[data-total]").inner_text() == "4"
    screenshot(page, "manager-crosstab")
    pdf = page.pdf(format="A4")
    assert all(is_a4_portrait(size) for size in pdf_pages(pdf))
    printed = " ".join(pdf_text(pdf, tmp_path).split())
    assert "Officials trained by country and sex" in printed and "Kazakhstan 1 1 0 2" in printed

    # Click 3: the events behind a cell, with counts and no names.
    table.locator('[data-cell="KZ|F"]').get_by_role("link").click()
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "Risk analysis seminar" in rows.first.inner_text()
    assert rows.first.locator("td.text-end").inner_text() == "1"  # the Kazakh women only
    html = page.content()
    assert not [name for name in official_names() if name in html]

    # The printed report for the year.
    page.goto(page.url.split("/events")[0] + "/?from=2017-01-01&to=2017-12-31")
    page.get_by_role("link", name="Report for printing").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Report for 01.01.2017 – 31.12.2017"
    pdf = page.pdf(format="A4")
    assert all(is_a4_portrait(size) for size in pdf_pages(pdf))
    words = " ".join(pdf_text(pdf, tmp_path).split())
    assert "Report for 01.01.2017 – 31.12.2017" in words
    assert "Events held Officials trained 1 4" in words, words[:600]


def test_a_coordinator_downloads_the_evidence_pack_for_a_mission(
        app, db, signed_in_page, programme):
    folder = Path(app.config["UPLOAD_FOLDER"]) / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ("e" * 32 + ".pdf")).write_bytes(PDF)
    seminar = programme.events["seminar"]
    seminar.code = "B9-KZ-017"
    db.session.add(Attachment(event=seminar, kind="sign_in_sheet", filename="signed.pdf",
                              stored_name="e" * 32 + ".pdf", content_type="application/pdf",
                              size_bytes=len(PDF)))
    db.session.commit()
    page = signed_in_page("coordinator")
    page.locator("#period-years").get_by_role("link", name="2017", exact=True).click()
    assert "A signed sign-in sheet is attached for 1 of 1 event held." in " ".join(
        page.locator("#evidence-summary").inner_text().split())
    with page.expect_download() as download:
        page.get_by_role("link", name="Evidence pack (ZIP)").click()
    assert download.value.suggested_filename == "evidence-2017-01-01_2017-12-31.zip"
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    names = sorted(archive.namelist())
    assert names == ["evidence-2017-01-01_2017-12-31/figures-and-events.xlsx",
                     "evidence-2017-01-01_2017-12-31/signed-sheets/B9-KZ-017.pdf"]
    book = openpyxl.load_workbook(io.BytesIO(archive.read(names[0])))
    events = list(book["Events"].iter_rows(min_row=2, values_only=True))
    assert [(e[0], e[6], e[8]) for e in events] == [("B9-KZ-017", 4, "signed sheet attached")]
    assert re.match(r"Total", str(book["Country and sex"].cell(book["Country and sex"].max_row, 1).value))
