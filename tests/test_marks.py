"""At the workshop, staff mark each attendee per session; days attended, and so every
person-days figure, follow the marks. Events without marks keep their typed days."""
import json
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tracker.models import Attendance, AttendanceMark, AuditEntry, EventSession
from tracker.totals import phase_totals


@pytest.fixture
def workshop(make_event, make_person, attend):
    """A three-day workshop (14–16 March 2016) with two participants and a trainer."""
    event = make_event()
    aigul = attend(event, make_person("Aigul Bekova"))
    azamat = attend(event, make_person("Azamat Usenov", sex="M"))
    trainer = attend(event, make_person("Juris Ozols", "LV", sex="M"), role="trainer")
    return event, aigul, azamat, trainer


def field(page: str, attendance: Attendance, day: str, part: str = "day") -> str:
    """The name of the grid's select for one attendee and session, as the page shows it."""
    found = re.search(rf'name="(mark-{attendance.id}-{day}-{part}-[a-z]+)"', page)
    assert found, f"no select for attendance {attendance.id} on {day} ({part})"
    return found.group(1)


def mark(client, event, page: str, cells: dict, **extra):
    data = {field(page, a, day, *rest): status for (a, day, *rest), status in cells.items()}
    return client.post(f"/events/{event.id}/marks", data={**data, **extra}, follow_redirects=True)


def test_an_event_has_one_session_per_day_until_more_are_added(db, staff_client, workshop):
    event, aigul, *_ = workshop
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Sessions and marks" in page
    for day in ("2016-03-14", "2016-03-15", "2016-03-16"):
        field(page, aigul, day)
    assert db.session.scalars(select(EventSession)).all() == []  # listed, not stored yet


def test_marks_decide_days_attended_and_person_days(db, staff_client, workshop):
    event, aigul, azamat, trainer = workshop
    assert phase_totals(9)["person_days"] == 3 + 3
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    answer = mark(staff_client, event, page, {
        (aigul, "2016-03-14"): "present", (aigul, "2016-03-15"): "late",
        (aigul, "2016-03-16"): "absent", (azamat, "2016-03-14"): "excused"})
    assert "Marks saved: 4 changed." in answer.get_data(as_text=True)
    db.session.expire_all()
    assert (aigul.days_attended, azamat.days_attended, trainer.days_attended) == (2, 0, None)
    assert phase_totals(9)["person_days"] == 2 + 0
    # The roster shows the derived days, read-only.
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert re.search(rf'id="days-{aigul.id}" value="2" readonly', page)
    assert len(db.session.scalars(select(EventSession)).all()) == 3


def test_every_surface_counts_the_derived_days(app, db, staff_client, coordinator_client, workshop):
    event, aigul, azamat, _trainer = workshop
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    mark(staff_client, event, page, {(aigul, "2016-03-14"): "present"})
    expected = 1 + 3  # Aigul marked on one day; Azamat unmarked keeps the whole event
    api = staff_client.get("/api/v1/totals?phase=9").get_json()
    assert api["person_days"] == expected
    cli = app.test_cli_runner().invoke(args=["totals", "--phase", "9", "--json"])
    assert json.loads(cli.output)["person_days"] == expected
    dashboard = staff_client.get("/?phase=9").get_data(as_text=True)
    assert re.search(r"Person-days.{0,400}>\s*4\s*<", dashboard, re.S)
    csv = coordinator_client.get(f"/events/{event.id}/export.csv").get_data(as_text=True)
    assert re.search(r"^Aigul Bekova,.*,participant,1,", csv, re.M)
    certificate = coordinator_client.get(f"/events/{event.id}/certificates/{aigul.person_id}")
    assert "1 day / 1 день (of 3 / из 3)" in certificate.get_data(as_text=True)


def test_old_events_without_marks_keep_their_typed_days(db, staff_client, make_event, make_person,
                                                         attend, workshop):
    event, aigul, *_ = workshop
    old = make_event(title="Old seminar", start_date=date(2015, 9, 1), end_date=date(2015, 9, 5))
    typed = attend(old, make_person("Bakyt Asanov", sex="M"), days_attended=4)
    whole = attend(old, make_person("Gulnara Alieva"))
    before = phase_totals(9)["person_days"]
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    mark(staff_client, event, page, {(aigul, "2016-03-14"): "present"})
    db.session.expire_all()
    assert (typed.days_attended, whole.days_attended) == (4, None)
    assert phase_totals(9)["person_days"] == before - 3 + 1


def test_a_day_with_two_sessions_counts_once_when_either_is_attended(db, staff_client, workshop):
    event, aigul, azamat, _trainer = workshop
    staff_client.post(f"/events/{event.id}/sessions", data={"day": "2016-03-14", "part": "afternoon"})
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "14.03 Afternoon" in page
    mark(staff_client, event, page, {
        (aigul, "2016-03-14"): "absent", (aigul, "2016-03-14", "afternoon"): "late",
        (azamat, "2016-03-14"): "present", (azamat, "2016-03-14", "afternoon"): "present"})
    db.session.expire_all()
    assert (aigul.days_attended, azamat.days_attended) == (1, 1)


def test_everyone_present_marks_only_the_unmarked_of_that_session(db, staff_client, workshop):
    event, aigul, azamat, trainer = workshop
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    mark(staff_client, event, page, {(aigul, "2016-03-15"): "absent"})
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    mark(staff_client, event, page, {}, all_present="2016-03-15-day")
    db.session.expire_all()
    statuses = {m.attendance_id: m.status for m in db.session.scalars(select(AttendanceMark))}
    assert statuses == {aigul.id: "absent", azamat.id: "present", trainer.id: "present"}
    assert (aigul.days_attended, azamat.days_attended) == (0, 1)


def test_two_people_marking_at_once_keep_each_others_marks(db, staff_client, signed_in, workshop):
    event, aigul, azamat, _trainer = workshop
    other = signed_in("staff")
    mine = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    theirs = other.get(f"/events/{event.id}").get_data(as_text=True)
    mark(staff_client, event, mine, {(aigul, "2016-03-14"): "present"})
    # Their page still shows Aigul unmarked; saving it does not clear her mark.
    data = {field(theirs, a, "2016-03-14"): "" for a in (aigul, azamat)}
    data[field(theirs, azamat, "2016-03-14")] = "late"
    other.post(f"/events/{event.id}/marks", data=data)
    statuses = {m.attendance_id: m.status for m in db.session.scalars(select(AttendanceMark))}
    assert statuses == {aigul.id: "present", azamat.id: "late"}


def test_clearing_a_mark_and_the_audit_log(db, staff_client, workshop):
    event, aigul, *_ = workshop
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    mark(staff_client, event, page, {(aigul, "2016-03-14"): "present", (aigul, "2016-03-15"): "present"})
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    mark(staff_client, event, page, {(aigul, "2016-03-15"): ""})
    db.session.expire_all()
    assert aigul.days_attended == 1
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.object_type == "event")).all()
    assert [e.after["marks"] for e in entries][-1] == {f"{aigul.id}/2016-03-15-day": None}
    assert entries[-1].user_id == staff_client.user.id


def test_bad_marks_are_refused_whole_with_a_message(db, staff_client, make_event, make_person,
                                                    attend, workshop):
    event, aigul, azamat, _trainer = workshop
    elsewhere = attend(make_event(title="Another"), make_person("Dana Nurlanova"))
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    answer = staff_client.post(f"/events/{event.id}/marks", data={
        field(page, aigul, "2016-03-14"): "present",
        f"mark-{elsewhere.id}-2016-03-14-day-none": "present"}, follow_redirects=True)
    assert "no longer on the roster" in answer.get_data(as_text=True)
    answer = staff_client.post(f"/events/{event.id}/marks", data={
        field(page, aigul, "2016-03-14"): "present", field(page, azamat, "2016-03-14"): "asleep"},
        follow_redirects=True)
    assert "The marks could not be read" in answer.get_data(as_text=True)
    answer = staff_client.post(f"/events/{event.id}/marks", data={
        f"mark-{aigul.id}-2016-03-20-day-none": "present"}, follow_redirects=True)
    assert "no longer exists" in answer.get_data(as_text=True)
    assert db.session.scalars(select(AttendanceMark)).all() == []
    assert db.session.scalars(select(EventSession)).all() == []


def test_adding_a_session_outside_the_event_or_twice_is_refused(db, staff_client, workshop):
    event, *_ = workshop
    outside = staff_client.post(f"/events/{event.id}/sessions", data={"day": "2016-03-20", "part": "morning"},
                                follow_redirects=True)
    assert "Choose one of the event&#39;s days." in outside.get_data(as_text=True)
    twice = staff_client.post(f"/events/{event.id}/sessions", data={"day": "2016-03-14", "part": "day"},
                              follow_redirects=True)
    assert "That day already has this session." in twice.get_data(as_text=True)
    assert db.session.scalars(select(EventSession)).all() == []


def test_removing_a_session_takes_its_marks_and_rederives_days(db, staff_client, workshop):
    event, aigul, *_ = workshop
    staff_client.post(f"/events/{event.id}/sessions", data={"day": "2016-03-15", "part": "afternoon"})
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    mark(staff_client, event, page, {(aigul, "2016-03-14"): "present",
                                     (aigul, "2016-03-15", "afternoon"): "present"})
    db.session.expire_all()
    assert aigul.days_attended == 2
    afternoon = db.session.scalar(select(EventSession).where(EventSession.part == "afternoon"))
    staff_client.post(f"/events/{event.id}/sessions/{afternoon.id}/remove")
    db.session.expire_all()
    assert aigul.days_attended == 1
    whole_day = db.session.scalar(select(EventSession).where(EventSession.day == date(2016, 3, 16)))
    refused = staff_client.post(f"/events/{event.id}/sessions/{whole_day.id}/remove", follow_redirects=True)
    assert "Every day of the event keeps at least one session." in refused.get_data(as_text=True)


def test_typed_days_cannot_override_the_marks(db, staff_client, workshop):
    event, aigul, *_ = workshop
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    mark(staff_client, event, page, {(aigul, "2016-03-14"): "present"})
    staff_client.post(f"/events/{event.id}/attendees/{aigul.id}",
                      data={"role": "participant", "days_attended": "3"})
    db.session.expire_all()
    assert aigul.days_attended == 1


def test_shortening_a_marked_event_is_refused_next_to_the_end_date(db, staff_client, workshop):
    event, aigul, *_ = workshop
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    mark(staff_client, event, page, {(aigul, "2016-03-16"): "present"})
    form = {"title": event.title, "kind_id": str(event.kind_id), "status": "held", "scope": "regional",
            "start_date": "2016-03-14", "end_date": "2016-03-15", "country_code": "KG",
            "city": "Bishkek", "phase": "9", "version": str(event.version)}
    refused = staff_client.post(f"/events/{event.id}/edit", data=form).get_data(as_text=True)
    assert "Sessions outside the new dates have marks." in refused
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    mark(staff_client, event, page, {(aigul, "2016-03-16"): ""})
    db.session.expire_all()
    form["version"] = str(event.version)
    form["end_date"] = "2016-03-17"  # longer: the new day gets its session
    assert staff_client.post(f"/events/{event.id}/edit", data=form).status_code == 302
    days = [s.day.day for s in db.session.scalars(select(EventSession).order_by(EventSession.day))]
    assert days == [14, 15, 16, 17]


def test_the_grid_in_russian(db, staff_client, workshop):
    event, *_ = workshop
    staff_client.post("/account/language", data={"language": "ru"})
    page = staff_client.get(f"/events/{event.id}", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    for text in ("Занятия и отметки", "Присутствовал(а)", "Опоздал(а)", "По уважительной причине",
                 "Отсутствовал(а)", "Сохранить отметки"):
        assert text in page


def test_each_cell_names_its_attendee_and_session_and_shows_the_mark(db, staff_client, workshop):
    """The grid's names are worked out once a page, not once a cell: every cell must still say
    whose and which session it is, in the page's language, and show its mark."""
    event, aigul, azamat, _trainer = workshop
    staff_client.post(f"/events/{event.id}/sessions", data={"day": "2016-03-14", "part": "morning"})
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    mark(staff_client, event, page, {(aigul, "2016-03-14", "morning"): "late"})
    staff_client.post("/account/language", data={"language": "ru"})
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    cell = re.search(rf'<select [^>]*name="mark-{aigul.id}-2016-03-14-morning-late" '
                     r'aria-label="([^"]*)">(.*?)</select>', page, re.S)
    assert cell and cell.group(1) == "Aigul Bekova, 14.03 Утро"
    assert '<option value="late" selected>Опоздал(а)</option>' in cell.group(2)
    assert cell.group(2).count("selected") == 1
    assert f'name="mark-{azamat.id}-2016-03-14-morning-none" aria-label="Azamat Usenov, 14.03 Утро"' in page
    assert re.search(r'<span class="d-block">14\.03 Утро</span>', page)


def test_the_sign_in_sheet_has_a_signature_column_per_session(db, staff_client, coordinator_client, workshop):
    event, *_ = workshop
    sheet = coordinator_client.get(f"/events/{event.id}/sign-in-sheet").get_data(as_text=True)
    assert sheet.count('<th scope="col" class="col-day">') == 3  # one per day by default
    staff_client.post(f"/events/{event.id}/sessions", data={"day": "2016-03-14", "part": "morning"})
    staff_client.post(f"/events/{event.id}/sessions", data={"day": "2016-03-14", "part": "afternoon"})
    removed = db.session.scalar(select(EventSession).where(EventSession.day == date(2016, 3, 14),
                                                           EventSession.part == "day"))
    staff_client.post(f"/events/{event.id}/sessions/{removed.id}/remove")
    sheet = coordinator_client.get(f"/events/{event.id}/sign-in-sheet").get_data(as_text=True)
    headings = re.findall(r'<th scope="col" class="col-day">(.*?)</th>', sheet)
    assert headings == [
        '14.03.2016<span class="col-part">Morning / Утро</span>',
        '14.03.2016<span class="col-part">Afternoon / После обеда</span>',
        "15.03.2016", "16.03.2016"]
    assert 'colspan="4" class="col-signatures"' in sheet


def test_a_merge_carries_the_absorbed_records_marks_and_its_undo_takes_them_back(
        db, staff_client, workshop, make_person, attend):
    """Two records of Aigul at one workshop: the one merged away was marked on two days, the
    one kept has typed days. The kept row takes the marks (and the days they give); undoing
    the merge puts marks and typed days back where they were."""
    from tracker.duplicates.services import merge, undo
    from tracker.models import CheckIn, CheckInLink, PersonMerge

    event, aigul, *_ = workshop
    aigul.days_attended = 3
    again = attend(event, make_person("Бекова Айгуль"))
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    mark(staff_client, event, page, {(again, "2016-03-14"): "present", (again, "2016-03-15"): "late"})
    first_day = db.session.scalar(select(EventSession).where(EventSession.day == date(2016, 3, 14)))
    link = CheckInLink(session=first_day, token="mergetoken", expires_at=first_day.created_at)
    db.session.add(CheckIn(link=link, session=first_day, full_name="Бекова Айгуль", name_key="x",
                           country_code="KG", person_id=again.person_id, matched_person_id=again.person_id,
                           status="confirmed"))
    db.session.commit()
    absorbed_id, folded_id = again.person_id, again.id
    assert (aigul.days_attended, again.days_attended) == (3, 2)

    record = merge(aigul.person, again.person, None, staff_client.user)
    db.session.commit()
    statuses = dict(db.session.execute(
        select(EventSession.day, AttendanceMark.status).join(AttendanceMark.session)
        .where(AttendanceMark.attendance_id == aigul.id)).all())
    assert statuses == {date(2016, 3, 14): "present", date(2016, 3, 15): "late"}
    db.session.expire_all()
    assert aigul.days_attended == 2 and phase_totals(9)["person_days"] == 2 + 3
    check_in = db.session.scalar(select(CheckIn))
    assert (check_in.person_id, check_in.matched_person_id) == (aigul.person_id, aigul.person_id)

    undo(db.session.get(PersonMerge, record.id), staff_client.user)
    db.session.commit()
    db.session.expire_all()
    back = db.session.scalar(select(Attendance).where(Attendance.person_id == absorbed_id))
    assert back.id == folded_id and back.days_attended == 2
    assert db.session.scalar(select(func.count()).select_from(AttendanceMark)
                             .where(AttendanceMark.attendance_id == back.id)) == 2
    assert aigul.days_attended == 3 and phase_totals(9)["person_days"] == 3 + 2 + 3  # typed again
    assert (check_in.person_id, check_in.matched_person_id) == (absorbed_id, absorbed_id)


def test_fields_the_grid_never_sends_are_ignored_or_refused_never_a_500(db, staff_client, workshop):
    """Found by tests/test_no_500.py: a multipart field without a name, a superscript digit."""
    event, aigul, *_ = workshop
    for data in ({"\n": ""}, {"mark-\u00b2-2016-03-14-day-none": "present"},
                 {f"mark-{aigul.id}-2016-03-14-day-none": "present"}):
        answer = staff_client.post(f"/events/{event.id}/marks", data=data, content_type="multipart/form-data")
        assert answer.status_code == 302
    db.session.expire_all()
    assert aigul.days_attended == 1
