"""A printed certificate carries its code and QR code; a phone opens the verify page it
points to, without signing in, and checks the holder's surname."""
import re

import pytest

from tests.e2e.conftest import PHONE, axe_violations, wider_than_screen
from tests.e2e.pdf import A4, pdf_pages, pdf_text

pytestmark = pytest.mark.e2e


@pytest.fixture
def workshop(make_event, make_person, attend):
    event = make_event(title="Document security workshop", topics=["Document Security"])
    attend(event, make_person("Aigul Bekova", "KG", "F", email="aigul@border.kg"))
    attend(event, make_person("Азамат Беков", "KG", "M"))
    return event


def test_a_certificate_prints_its_code_and_a_phone_verifies_it(
        signed_in_page, browser, live_server, workshop, tmp_path, screenshot):
    page = signed_in_page("coordinator")
    page.open(f"/events/{workshop.id}/certificates")
    assert page.locator("svg.certificate-qr").count() == 2
    screenshot(page, "coordinator-certificate-with-code", full_page=False)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf_pages(pdf) == [A4] * 2  # the verification block fits on the certificate's page
    text = pdf_text(pdf, tmp_path)
    urls = re.findall(r"https?://\S+/verify/([A-Z0-9]{8})", text)
    assert len(set(urls)) == 2
    (tmp_path / "certificate.pdf").write_bytes(pdf)

    phone = browser.new_context(viewport=PHONE, locale="ru-RU", reduced_motion="reduce",
                                is_mobile=True, has_touch=True)
    anonymous = phone.new_page()
    anonymous.goto(f"{live_server}/verify/{urls[0]}")
    assert "Действителен." in anonymous.content()
    assert "Aigul" not in anonymous.content() and "aigul@border.kg" not in anonymous.content()
    anonymous.get_by_label("Фамилия владельца").fill("Бекова")
    with anonymous.expect_navigation():
        anonymous.get_by_role("button", name="Проверить фамилию").click()
    assert "Да: у владельца этого сертификата такая фамилия." in anonymous.content()
    assert wider_than_screen(anonymous) == []
    assert axe_violations(anonymous) == []
    screenshot(anonymous, "public-verify-phone", full_page=True)
    phone.close()
