"""Self check-in: staff open a link for a session, participants check in from a phone
without an account, staff confirm; the roster, the marks and the totals follow."""
import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Attendance, AttendanceMark, AuditEntry, Certificate, CheckIn, CheckInLink, Person
from tracker.totals import phase_totals
from tracker.workshop import clock


@pytest.fixture
def today_workshop(make_event, make_person, make_agency, attend):
    """A workshop running today and tomorrow in Bishkek, one participant on the roster already
    (no phase covers today: it counts in BOMCA 9, as make_event gives it)."""
    today = clock.now().astimezone(clock.zone_of("KG")).date()
    event = make_event(title="Profiling workshop", start_date=today, end_date=today + timedelta(days=1))
    attend(event, make_person("Azamat Usenov", sex="M"))
    make_agency("State Customs Service", "KG", "customs")
    return event


def open_check_in(client, event, session_key=None) -> CheckInLink:
    key = session_key or f"{event.start_date.isoformat()}-day"
    client.post(f"/events/{event.id}/check-in", data={"session": key})
    return db.session.scalar(select(CheckInLink).order_by(CheckInLink.id.desc()).limit(1))


def check_in(client, link, environ_base=None, **values):
    data = {"full_name": "Aigul Bekova", "country_code": "KG", "agency_id": "", "sex": "F", **values}
    return client.post(f"/check-in/{link.token}", data=data, environ_base=environ_base or {})


def test_staff_open_check_in_and_the_page_shows_its_qr_code_and_link(db, staff_client, today_workshop):
    link = open_check_in(staff_client, today_workshop)
    assert re.fullmatch(r"[2-9a-hjkmnp-tw-z]{10}", link.token)
    page = staff_client.get(f"/events/{today_workshop.id}").get_data(as_text=True)
    assert f"http://localhost/check-in/{link.token}" in page
    assert 'class="check-in-qr"' in page and "<script" not in page.split('id="check-in"')[1].split("</section>")[0]
    # Expires at the end of the session's day in Bishkek (UTC+6): 18:00 UTC the day before midnight.
    assert link.expires_at == datetime.combine(today_workshop.start_date, datetime.min.time()) + timedelta(hours=18)
    projector = staff_client.get(f"/events/{today_workshop.id}/check-in/{link.id}/projector")
    assert projector.status_code == 200 and link.token in projector.get_data(as_text=True)
    assert open_check_in(staff_client, today_workshop).id == link.id  # one link per session


def test_a_limited_user_shows_the_projector_at_home_only(db, signed_in, staff_client, make_event,
                                                        make_person, attend, today_workshop):
    """SPEC "Roles": abroad they see the event's facts but change nothing of it, and the
    projector's link is for adding check-ins to it."""
    today = today_workshop.start_date
    abroad = make_event(title="Almaty workshop", country_code="KZ", city="Almaty", start_date=today,
                        end_date=today)
    attend(abroad, make_person("Aibek Usenov", sex="M"))  # a Kyrgyz official: they may see it
    kyrgyz = signed_in("staff", country_code="KG")
    home_link, abroad_link = open_check_in(staff_client, today_workshop), open_check_in(staff_client, abroad)
    home = kyrgyz.get(f"/events/{today_workshop.id}/check-in/{home_link.id}/projector")
    assert home.status_code == 200 and home_link.token in home.get_data(as_text=True)
    refused = kyrgyz.get(f"/events/{abroad.id}/check-in/{abroad_link.id}/projector")
    assert refused.status_code == 403 and abroad_link.token not in refused.get_data(as_text=True)
    assert kyrgyz.get(f"/events/{abroad.id}").status_code == 200  # the event itself they see
    assert abroad_link.token not in kyrgyz.get(f"/events/{abroad.id}").get_data(as_text=True)


def test_a_participant_checks_in_without_an_account_and_sees_nobody_else(
        db, client, staff_client, today_workshop, make_person):
    make_person("Aigul Bekova", email="aigul@border.kg", position="Senior inspector")
    link = open_check_in(staff_client, today_workshop)
    form = client.get(f"/check-in/{link.token}").get_data(as_text=True)
    assert "Profiling workshop" in form and "Azamat Usenov" not in form
    done = check_in(client, link, full_name="Бекова Айгуль").get_data(as_text=True)
    assert "Thank you, Бекова Айгуль" in done
    for hidden in ("Aigul Bekova", "aigul@border.kg", "Senior inspector", "Azamat", "on record"):
        assert hidden not in done
    pending = db.session.scalar(select(CheckIn))
    assert pending.status == "pending" and pending.matched_person.full_name == "Aigul Bekova"
    assert db.session.scalars(select(Attendance).where(Attendance.event_id == today_workshop.id)).all() \
        .__len__() == 1  # nothing on the roster until staff confirm


def test_confirming_adds_the_attendance_marks_present_and_moves_the_totals(
        db, client, staff_client, today_workshop, make_person):
    aigul = make_person("Aigul Bekova")
    link = open_check_in(staff_client, today_workshop)
    check_in(client, link)
    before = phase_totals(9)
    pending = db.session.scalar(select(CheckIn))
    page = staff_client.get(f"/events/{today_workshop.id}").get_data(as_text=True)
    assert "On record: Aigul Bekova" in page
    answer = staff_client.post(f"/events/{today_workshop.id}/check-ins",
                               data={"action": f"confirm:{pending.id}:{aigul.id}"}, follow_redirects=True)
    assert "Aigul Bekova confirmed and marked present." in answer.get_data(as_text=True)
    attendance = db.session.scalar(select(Attendance).where(Attendance.person_id == aigul.id))
    assert attendance.event_id == today_workshop.id and attendance.days_attended == 1
    assert db.session.scalar(select(AttendanceMark.status)) == "present"
    after = phase_totals(9)
    assert after["participations"] == before["participations"] + 1
    assert after["person_days"] == before["person_days"] + 1
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "confirm_check_in"))
    assert entry.user_id == staff_client.user.id and entry.after["person_id"] == aigul.id


def test_a_new_person_or_a_suggested_match_one_click_each(db, client, staff_client, today_workshop,
                                                          make_person):
    raiymberdi = make_person("Raiymberdi Tashiev", sex="M")
    link = open_check_in(staff_client, today_workshop)
    check_in(client, link, full_name="Rayimberdi Tashiev", sex="M")
    check_in(client, link, full_name="Nurlan Abaev", sex="M")
    page = staff_client.get(f"/events/{today_workshop.id}").get_data(as_text=True)
    assert "Looks like: Raiymberdi Tashiev" in page
    rayimberdi, nurlan = db.session.scalars(select(CheckIn).order_by(CheckIn.id)).all()
    staff_client.post(f"/events/{today_workshop.id}/check-ins",
                      data={"action": f"confirm:{rayimberdi.id}:{raiymberdi.id}"})
    staff_client.post(f"/events/{today_workshop.id}/check-ins", data={"action": f"confirm:{nurlan.id}:new"})
    names = {p.full_name for p in db.session.scalars(
        select(Person).join(Attendance).where(Attendance.event_id == today_workshop.id))}
    assert names == {"Azamat Usenov", "Raiymberdi Tashiev", "Nurlan Abaev"}
    assert db.session.scalar(select(Person).where(Person.full_name == "Nurlan Abaev")).sex == "M"


def test_bulk_confirmation_leaves_the_doubtful_ones_for_a_person(db, client, staff_client, today_workshop,
                                                                  make_person):
    make_person("Aigul Bekova")
    make_person("Raiymberdi Tashiev", sex="M")
    link = open_check_in(staff_client, today_workshop)
    for name in ("Aigul Bekova", "Nurlan Abaev", "Rayimberdi Tashiev", "Azamat Usenov"):
        check_in(client, link, full_name=name)
    ids = [str(c.id) for c in db.session.scalars(select(CheckIn).order_by(CheckIn.id))]
    answer = staff_client.post(f"/events/{today_workshop.id}/check-ins",
                               data={"action": "bulk", "selected": ids}, follow_redirects=True)
    text = answer.get_data(as_text=True)
    assert "3 check-in(s) confirmed." in text and "1 look like people on record" in text
    assert [c.status for c in db.session.scalars(select(CheckIn).order_by(CheckIn.id))] == \
        ["confirmed", "confirmed", "pending", "confirmed"]
    roster = db.session.scalars(select(Attendance).where(Attendance.event_id == today_workshop.id)).all()
    assert len(roster) == 3  # Azamat was on the roster already: marked present, not added twice
    assert len(db.session.scalars(select(AttendanceMark)).all()) == 3


def test_a_closed_or_expired_link_answers_410(db, client, staff_client, today_workshop):
    link = open_check_in(staff_client, today_workshop)
    staff_client.post(f"/events/{today_workshop.id}/check-in/{link.id}/close")
    closed = client.get(f"/check-in/{link.token}")
    assert closed.status_code == 410 and "expired or was closed" in closed.get_data(as_text=True)
    assert check_in(client, link).status_code == 410
    other = open_check_in(staff_client, today_workshop, f"{today_workshop.end_date.isoformat()}-day")
    other.expires_at = datetime(2020, 1, 1)
    db.session.commit()
    assert client.get(f"/check-in/{other.token}").status_code == 410
    assert check_in(client, other).status_code == 410
    assert db.session.scalars(select(CheckIn)).all() == []
    assert client.get("/check-in/nosuchtoken").status_code == 404


def test_a_deleted_events_link_is_unknown(db, client, staff_client, coordinator_client, today_workshop):
    link = open_check_in(staff_client, today_workshop)
    assert coordinator_client.post(f"/events/{today_workshop.id}/delete").status_code == 302
    assert client.get(f"/check-in/{link.token}").status_code == 404
    assert check_in(client, link).status_code == 404
    assert db.session.scalars(select(CheckIn)).all() == []


def test_what_cannot_be_a_token_is_not_found(db, client):
    """Found by tests/test_no_500.py on PostgreSQL, which refuses a NUL in text."""
    for token in ("%00", "\u0416", "a" * 40, "two%20words"):
        assert client.get(f"/check-in/{token}").status_code == 404
        assert client.post(f"/check-in/{token}", data={"full_name": "Aigul Bekova"}).status_code == 404


def test_a_past_session_cannot_open_check_in(db, staff_client, make_event):
    event = make_event()  # March 2016
    answer = staff_client.post(f"/events/{event.id}/check-in", data={"session": "2016-03-14-day"},
                               follow_redirects=True)
    assert "day is over" in answer.get_data(as_text=True)
    assert db.session.scalars(select(CheckInLink)).all() == []


def test_a_check_in_of_another_event_confirms_nothing_here(db, client, staff_client, today_workshop,
                                                           make_event, make_person):
    today = today_workshop.start_date
    elsewhere = make_event(title="Another workshop", start_date=today, end_date=today)
    link = open_check_in(staff_client, elsewhere)
    check_in(client, link)
    pending = db.session.scalar(select(CheckIn))
    answer = staff_client.post(f"/events/{today_workshop.id}/check-ins",
                               data={"action": f"confirm:{pending.id}:new"}, follow_redirects=True)
    assert "no longer waiting here" in answer.get_data(as_text=True)
    staff_client.post(f"/events/{today_workshop.id}/check-ins", data={"action": "bulk", "selected": [pending.id]})
    db.session.expire_all()
    assert pending.status == "pending"
    assert db.session.scalars(select(Attendance).where(Attendance.event_id == today_workshop.id)).all() \
        .__len__() == 1
    assert staff_client.get(f"/events/{today_workshop.id}/check-in/{link.id}/projector").status_code == 404


def test_check_ins_are_rate_limited_per_address_and_per_token(app, db, client, staff_client, today_workshop,
                                                              monkeypatch):
    link = open_check_in(staff_client, today_workshop)
    monkeypatch.setitem(app.config, "CHECK_IN_LIMIT_PER_TOKEN", 3)
    answers = [check_in(client, link, full_name=f"Person Number{n}").status_code for n in "abcd"]
    assert answers == [200, 200, 200, 429]
    assert len(db.session.scalars(select(CheckIn)).all()) == 3
    monkeypatch.setitem(app.config, "CHECK_IN_LIMIT_PER_TOKEN", 300)
    monkeypatch.setitem(app.config, "CHECK_IN_LIMIT_PER_ADDRESS", 5)
    assert [client.get(f"/check-in/guess{n}").status_code for n in range(3)] == [404, 404, 429]
    other_address = app.test_client()
    assert check_in(other_address, link, full_name="From Elsewhere",
                    environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 200


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_written(db, client, staff_client, today_workshop,
                                                                      make_agency):
    link = open_check_in(staff_client, today_workshop)
    kz_agency = make_agency("State Revenue Committee", "KZ", "customs")
    answer = check_in(client, link, full_name="  ")
    assert answer.status_code == 422 and "Enter your name as in your passport" in answer.get_data(as_text=True)
    answer = check_in(client, link, full_name="123 456")
    assert "Enter the name in letters." in answer.get_data(as_text=True)
    answer = check_in(client, link, full_name="???? ??????")
    assert answer.status_code == 422
    answer = check_in(client, link, agency_id=str(kz_agency.id))
    assert "Choose an agency of the country you chose" in answer.get_data(as_text=True)
    answer = check_in(client, link, country_code="ZZ")
    assert answer.status_code == 422
    assert db.session.scalars(select(CheckIn)).all() == []


def test_the_same_name_twice_waits_once(db, client, staff_client, today_workshop):
    link = open_check_in(staff_client, today_workshop)
    check_in(client, link, full_name="Aigul Bekova")
    check_in(client, link, full_name="BEKOVA  aigul")
    assert len(db.session.scalars(select(CheckIn)).all()) == 1


def test_the_phone_language_picks_russian(db, client, staff_client, today_workshop):
    link = open_check_in(staff_client, today_workshop)
    page = client.get(f"/check-in/{link.token}", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    text = page.get_data(as_text=True)
    assert "Регистрация" in text and "Ваше полное имя" in text
    done = client.post(f"/check-in/{link.token}", headers={"Accept-Language": "ru"},
                       data={"full_name": "Айгуль Бекова", "country_code": "KG", "sex": ""})
    assert "Спасибо, Айгуль Бекова" in done.get_data(as_text=True)


def test_the_expiry_is_the_end_of_the_day_where_the_event_is_held():
    assert clock.end_of_day(date(2026, 12, 1), "KG") == datetime(2026, 12, 1, 18, tzinfo=clock.UTC)
    assert clock.end_of_day(date(2026, 12, 1), "LV") == datetime(2026, 12, 1, 22, tzinfo=clock.UTC)
    assert clock.end_of_day(date(2026, 12, 1), None) == datetime(2026, 12, 2, 12, tzinfo=clock.UTC)


def test_erasing_a_person_erases_their_check_ins_and_certificates(db, client, staff_client, admin_client,
                                                                  coordinator_client, today_workshop,
                                                                  make_person):
    aigul = make_person("Aigul Bekova")
    link = open_check_in(staff_client, today_workshop)
    check_in(client, link, full_name="Бекова Айгуль")
    pending = db.session.scalar(select(CheckIn))
    staff_client.post(f"/events/{today_workshop.id}/check-ins", data={"action": f"confirm:{pending.id}:{aigul.id}"})
    coordinator_client.get(f"/events/{today_workshop.id}/certificates")
    code = db.session.scalar(select(Certificate.code).where(Certificate.holder_name == "Aigul Bekova"))
    admin_client.post(f"/people/{aigul.id}/erase")
    db.session.expire_all()
    assert pending.full_name == "(erased)"
    trail = db.session.scalars(select(AuditEntry).where(AuditEntry.object_type == "checkin")).all()
    assert trail and all("Aigul" not in str([e.summary, e.before, e.after]) for e in trail)
    assert all("Бекова" not in str([e.summary, e.before, e.after]) for e in trail)
    page = client.get(f"/verify/{code}").get_data(as_text=True)
    assert "Revoked." in page and "A. B." not in page
