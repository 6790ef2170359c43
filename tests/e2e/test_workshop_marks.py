"""At the workshop in a real browser: the marks grid by keyboard on a phone, and the sign-in
sheet printed with a signature column per session."""
from datetime import date

import pytest
from sqlalchemy import select

from tests.e2e.conftest import PHONE, axe_violations, wider_than_screen
from tests.e2e.pdf import pdf_pages, pdf_text
from tracker.models import Attendance, EventSession, SessionPart

pytestmark = pytest.mark.e2e


@pytest.fixture
def workshop(db, make_event, make_person, attend):
    event = make_event(title="Document security workshop")
    attend(event, make_person("Aigul Bekova", "KG", "F"))
    attend(event, make_person("Азамат Беков", "KG", "M"))
    return event


def test_staff_mark_a_session_by_keyboard_on_a_phone(db, signed_in_page, workshop, screenshot):
    page = signed_in_page("staff")
    page.set_viewport_size(PHONE)
    page.open(f"/events/{workshop.id}#marks")
    grid = page.get_by_role("table", name="Marks per attendee and session")
    first = grid.get_by_label("Aigul Bekova, 14.03")
    first.focus()
    page.keyboard.press("P")  # a select picks its option by the first letter
    page.keyboard.press("Tab")
    page.keyboard.press("L")
    assert first.input_value() == "present"
    assert grid.get_by_label("Aigul Bekova, 15.03").input_value() == "late"
    assert wider_than_screen(page) == []
    assert axe_violations(page) == []
    page.get_by_label("Aigul Bekova, 14.03").scroll_into_view_if_needed()
    screenshot(page, "staff-marks-phone")
    with page.expect_navigation():
        page.get_by_role("button", name="Save marks").click()
    assert "Marks saved: 2 changed." in page.content()
    db.session.expire_all()
    aigul = db.session.scalar(select(Attendance).join(Attendance.person).where(Attendance.event_id == workshop.id)
                              .order_by(Attendance.id))
    assert aigul.days_attended == 2


def test_the_sign_in_sheet_prints_a_column_per_session(db, signed_in_page, workshop, tmp_path):
    for part in (SessionPart.MORNING, SessionPart.AFTERNOON):
        db.session.add(EventSession(event=workshop, day=date(2016, 3, 15), part=part))
    db.session.add_all([EventSession(event=workshop, day=date(2016, 3, 14)),
                        EventSession(event=workshop, day=date(2016, 3, 16))])
    page = signed_in_page("coordinator")
    page.open(f"/events/{workshop.id}/sign-in-sheet")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert set(pdf_pages(pdf)) == {(842, 595)}
    text = pdf_text(pdf, tmp_path)
    assert text.count("15.03.2016") == 2 and "Morning / Утро" in text and "Afternoon / После" in text
    table = text.split("Signature / Подпись", 1)[1]  # below the event's dates

    def column(words: str) -> int:
        """Where the words start on their line: the columns' order left to right."""
        line = next(line for line in table.splitlines() if words in line)
        return line.index(words)

    assert column("14.03.2016") < column("Morning / Утро") < column("16.03.2016")
    assert "Азамат Беков" in text
