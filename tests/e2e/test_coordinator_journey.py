"""A coordinator's day: print an event's attendance report through Chromium, take its
roster away as XLSX, merge an official recorded twice and see the phase's figure drop."""
import re

import openpyxl
import pytest

from tests.e2e.conftest import figure, show_dashboard
from tests.e2e.dataset import PHASE_9_OFFICIALS_TRAINED
from tests.e2e.pdf import is_a4_portrait, pdf_pages, pdf_text

pytestmark = pytest.mark.e2e


def page_texts(pdf: bytes, tmp_path) -> list[str]:
    return pdf_text(pdf, tmp_path).split("\f")[:-1]  # pdftotext ends every page with a form feed


def test_coordinator_prints_the_report_exports_the_roster_and_merges_a_duplicate(
        signed_in_page, programme, screenshot, tmp_path):
    page = signed_in_page("coordinator")
    nav = page.get_by_role("navigation", name="Main")

    # The event, from the events list.
    nav.get_by_role("link", name="Events").click()
    page.get_by_role("link", name="Document security workshop").click()
    screenshot(page, "coordinator-event")

    # The attendance report, printed to A4 by Chromium.
    page.get_by_role("link", name="Attendance report").click()
    assert page.get_by_role("button", name="Print").is_visible()
    screenshot(page, "coordinator-attendance-report")
    pdf = page.pdf(format="A4")
    sizes = pdf_pages(pdf)
    assert len(sizes) == 1 and is_a4_portrait(sizes[0])  # one delegation and a trainer: a page
    text = page_texts(pdf, tmp_path)[0]
    assert "Document security workshop" in text
    assert "Kyrgyzstan — 3 participants" in text
    assert "Aigul Bekova" in text and "Азамат Жумабаев" in text
    assert "Page 1 of 1" in text
    # The trainer is listed apart, not among the participants (the name wraps in its cell).
    participants, others = text.split("Trainers, organisers and observers")[-2:]
    assert "Abdrakhmanov" in others and "Abdrakhmanov" not in participants.split(
        "Participants by country")[1]

    # The roster as XLSX, downloaded as a browser downloads it.
    page.go_back()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export XLSX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = openpyxl.load_workbook(saved, read_only=True).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Full name", "Sex", "Country"] and rows[0][7:9] == ["Role", "Days attended"]
    assert rows[0][-4:] == ["Event code", "Event", "Start date", "End date"]  # a register again
    assert ["Азамат Жумабаев", "M", "KG", "State Border Service", "Border guard"] in [r[:5] for r in rows]
    names = [row[0] for row in rows[1:]]
    assert sorted(names) == sorted(["Aigul Bekova", "Азамат Жумабаев", "Rayimberdi Tashiev",
                                    "Nurlan Abdrakhmanov"])

    # Phase 9 counts the Tashiev records as two officials, until they are merged.
    show_dashboard(page, "BOMCA 9 (2015–2018)")
    assert figure(page, "officials_trained") == str(PHASE_9_OFFICIALS_TRAINED)

    nav.get_by_role("link", name="Duplicates").click()
    pair = page.locator(".duplicate-pair").filter(has_text="Rayimberdi Tashiev")
    assert "Raiymberdi Tashiev" in pair.inner_text()
    screenshot(page, "coordinator-duplicates")
    pair.get_by_role("link", name="Merge…").click()
    page.get_by_role("radio", name=re.compile(r"^#\d+ Rayimberdi Tashiev$")).check()
    screenshot(page, "coordinator-merge")
    page.get_by_role("button", name="Merge", exact=True).click()
    merged = page.get_by_role("alert").filter(has_text="Merged #")
    assert re.search(r"Merged #\d+ Raiymberdi Tashiev into #\d+ Rayimberdi Tashiev", merged.inner_text())
    assert page.locator(".duplicate-pair").filter(has_text="Tashiev").count() == 0

    show_dashboard(page, "BOMCA 9 (2015–2018)")
    assert figure(page, "officials_trained") == str(PHASE_9_OFFICIALS_TRAINED - 1)
