"""Self check-in in real browsers: staff open check-in, an anonymous phone checks in through
the link, staff confirm on the event page, and the roster and the totals change."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.e2e.conftest import PHONE, axe_violations, wider_than_screen
from tracker.models import CheckInLink
from tracker.totals import phase_totals
from tracker.workshop import clock

pytestmark = pytest.mark.e2e


@pytest.fixture
def running_workshop(db, make_event, make_person, make_agency, attend):
    today = clock.now().astimezone(clock.zone_of("KG")).date()
    event = make_event(title="Profiling workshop", start_date=today, end_date=today + timedelta(days=1))
    attend(event, make_person("Azamat Usenov", sex="M"))
    make_person("Aigul Bekova", email="aigul@border.kg")  # on record, not yet on this roster
    make_agency("State Customs Service", "KG", "customs")
    make_agency("State Revenue Committee", "KZ", "customs")
    return event


def test_a_phone_checks_in_and_staff_confirm(db, signed_in_page, browser, live_server, running_workshop,
                                             screenshot):
    staff = signed_in_page("staff")
    staff.open(f"/events/{running_workshop.id}#check-in")
    with staff.expect_navigation():
        staff.get_by_role("button", name="Open check-in").click()
    link = staff.locator("a.check-in-url").inner_text()
    assert "/check-in/" in link and staff.locator("svg.check-in-qr").count() == 1
    screenshot(staff, "staff-check-in-open")
    token = db.session.scalar(select(CheckInLink.token))
    staff.open(f"/events/{running_workshop.id}/check-in/"
               f"{db.session.scalar(select(CheckInLink.id))}/projector")
    assert staff.locator("svg.check-in-qr").is_visible()
    screenshot(staff, "staff-check-in-projector")

    phone = browser.new_context(viewport=PHONE, locale="ru-RU", reduced_motion="reduce",
                                is_mobile=True, has_touch=True)
    participant = phone.new_page()
    participant.goto(link)
    assert token in participant.url and "Регистрация" in participant.content()
    participant.get_by_label("Ваше полное имя").fill("Бекова Айгуль")
    participant.get_by_label("Страна").select_option("KG")
    agencies = participant.get_by_label("Ведомство")
    assert agencies.locator("optgroup[data-country=KZ]").get_attribute("disabled") is not None
    agencies.select_option(label="State Customs Service")
    participant.get_by_label("Женский").check()
    assert wider_than_screen(participant) == []
    assert axe_violations(participant) == []
    screenshot(participant, "participant-check-in-phone", full_page=True)
    with participant.expect_navigation():
        participant.get_by_role("button", name="Регистрация").click()
    done = participant.content()
    assert "Спасибо, Бекова Айгуль" in done
    assert "Aigul Bekova" not in done and "aigul@border.kg" not in done and "Azamat" not in done
    phone.close()

    before = phase_totals(9)["participations"]
    staff.open(f"/events/{running_workshop.id}#check-in")
    row = staff.locator("tr", has_text="Бекова Айгуль")
    screenshot(staff, "staff-check-in-pending")
    with staff.expect_navigation():
        row.get_by_role("button", name="On record: Aigul Bekova").click()
    assert "Aigul Bekova confirmed and marked present." in staff.content()
    roster = staff.locator("#roster").inner_text()
    assert "Aigul Bekova" in roster and "State Customs Service" in roster
    assert staff.get_by_label(f"Aigul Bekova, {running_workshop.start_date:%d.%m}").input_value() == "present"
    assert phase_totals(9)["participations"] == before + 1
