"""The printed event pages as Chromium prints them: paper size, orientation, page breaks,
page numbers in the margin."""
import pytest

from tests.e2e.pdf import A4, pdf_pages, pdf_text

pytestmark = pytest.mark.e2e


def printed(page, path: str) -> bytes:
    page.open(path)
    assert page.locator("[data-print]").is_visible()
    return page.pdf(prefer_css_page_size=True, print_background=True)


@pytest.fixture
def workshop(make_event, make_person, make_agency, attend):
    event = make_event(title="Document security workshop", topics=["Document Security"])
    customs = make_agency("State Revenue Committee", "KZ", "customs")
    attend(event, make_person("Aigul Bekova", "KG", "F", position="Inspector"))
    attend(event, make_person("Азамат Беков", "KG", "M"), days_attended=2)
    attend(event, make_person("Дана Нурланова", "KZ", "F", agency=customs))
    attend(event, make_person("Juris Ozols", "LV", "M", agency=make_agency("State Border Guard", "LV")),
           role="trainer")
    return event


def test_the_attendance_report_prints_a4_portrait_countries_together_numbered(
        signed_in_page, workshop, tmp_path):
    page = signed_in_page("coordinator")
    pdf = printed(page, f"/events/{workshop.id}/attendance-report")
    # Four people: one page, not one per country (tests/e2e/test_print_layout.py has 34).
    assert pdf_pages(pdf) == [A4]
    text = pdf_text(pdf, tmp_path)
    assert "Kazakhstan — 1 participant" in text and "Дана Нурланова" in text
    assert "Kyrgyzstan — 2 participants" in text and "Азамат Беков" in text
    assert text.index("Juris Ozols") > text.index("Trainers, organisers and observers")
    assert "Page 1 of 1" in text


def test_the_sign_in_sheet_prints_a4_landscape(signed_in_page, workshop, tmp_path):
    page = signed_in_page("coordinator")
    pdf = printed(page, f"/events/{workshop.id}/sign-in-sheet")
    sizes = pdf_pages(pdf)
    assert sizes and set(sizes) == {(842, 595)}
    text = pdf_text(pdf, tmp_path)
    assert "Signature / Подпись" in text and "Name / Ф.И.О." in text
    assert "14.03.2016" in text and "16.03.2016" in text and "Азамат Беков" in text


def test_certificates_print_one_to_a_page(signed_in_page, workshop, tmp_path):
    page = signed_in_page("coordinator")
    pdf = printed(page, f"/events/{workshop.id}/certificates")
    assert pdf_pages(pdf) == [A4] * 3
    pages = pdf_text(pdf, tmp_path).split("\f")
    assert ["Aigul Bekova" in pages[0], "Азамат Беков" in pages[1], "Дана Нурланова" in pages[2]] == [True] * 3
    assert all("Сертификат об участии" in p for p in pages[:3])
