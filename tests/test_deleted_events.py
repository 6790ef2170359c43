"""Deleting an event moves it to Deleted events: it counts nowhere and its pages answer 404,
it can be restored for 30 days, and `flask purge-deleted` then removes it with its files."""
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from tracker.models import Attachment, Attendance, AuditEntry, Event, Testimony
from tracker.totals import phase_totals
from tracker.totals.evidence import evidence


def deleted_days_ago(db, event, days):
    event.deleted_at = datetime.now(UTC) - timedelta(days=days)
    db.session.commit()


def test_a_deleted_event_counts_nowhere_and_comes_back_whole_when_restored(
        db, coordinator_client, make_event, make_person, attend):
    event = make_event(title="Osh profiling workshop", topics=["Document Security"])
    other = make_event(title="Naryn customs seminar", start_date=event.start_date)
    aigul = make_person("Aigul Bekova")
    attendance = attend(event, aigul, days_attended=2, pre_score=40, post_score=70)
    attend(other, make_person("Dana Nurlanova"))
    event_id = event.id
    pages = ("", "/edit", "/outcomes", "/attendance-report", "/sign-in-sheet", "/certificates",
             "/export.csv", f"/attendees/{attendance.id}/remove")
    assert [coordinator_client.get(f"/events/{event_id}{p}").status_code for p in pages] == \
        [200] * len(pages)
    before = phase_totals(9)
    assert (before["events_held"], before["officials_trained"]) == (2, 2)

    response = coordinator_client.post(f"/events/{event_id}/delete", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Event “Osh profiling workshop” moved to Deleted events" in page
    assert f'action="/events/{event_id}/restore"' in page and ">Undo</button>" in page
    assert "Osh profiling workshop</a>" not in page  # gone from the list

    # Counts nowhere: totals, the API, the person's page, the people list, the dashboard.
    after = phase_totals(9)
    assert (after["events_held"], after["officials_trained"], after["by_topic"]) == (1, 1, {})
    api = coordinator_client.get("/api/v1/totals?phase=9").get_json()
    assert api["events_held"] == 1 and api["officials_trained"] == 1
    crosstab = coordinator_client.get("/api/v1/crosstab?phase=9&rows=country&cols=sex").get_json()
    assert crosstab["total"] == 1
    assert evidence(9)["events_held"] == 1
    person_page = coordinator_client.get(f"/people/{aigul.id}").get_data(as_text=True)
    assert "Osh profiling workshop" not in person_page
    # Its id is unknown everywhere but its restore page.
    assert [coordinator_client.get(f"/events/{event_id}{p}").status_code for p in pages] == \
        [404] * len(pages)

    listed = coordinator_client.get("/events/deleted").get_data(as_text=True)
    assert "Osh profiling workshop" in listed and "Naryn customs seminar" not in listed
    restore_page = coordinator_client.get(f"/events/{event_id}/restore").get_data(as_text=True)
    assert "It can be restored until" in restore_page and "1 participant on its roster." in restore_page

    response = coordinator_client.post(f"/events/{event_id}/restore", follow_redirects=True)
    assert "Event “Osh profiling workshop” restored, with its roster." in response.get_data(as_text=True)
    db.session.expire_all()
    restored = db.session.get(Event, event_id)
    assert restored.deleted_at is None and [t.name_en for t in restored.topics] == ["Document Security"]
    assert db.session.get(Attendance, attendance.id).post_score == 70
    assert phase_totals(9) == before
    actions = db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.object_type == "event", AuditEntry.object_id == event_id,
        AuditEntry.action != "export").order_by(AuditEntry.id)).all()
    assert actions == ["delete", "restore"]
    assert coordinator_client.get(f"/events/{event_id}/restore").status_code == 404  # not deleted


def test_after_30_days_an_event_can_no_longer_be_restored(db, coordinator_client, make_event):
    event = make_event(title="Old workshop")
    deleted_days_ago(db, event, 31)
    response = coordinator_client.post(f"/events/{event.id}/restore", follow_redirects=True)
    assert "deleted more than 30 days ago and can no longer be restored" in \
        response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Event, event.id).deleted_at is not None


def test_purge_removes_expired_events_with_their_attachment_files(app, db, make_event,
                                                                  make_person, attend):
    folder = Path(app.config["UPLOAD_FOLDER"]) / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    expired, recent, live = (make_event(title=t) for t in ("Expired", "Recent", "Live"))
    files = {}
    for event in (expired, recent, live):
        attend(event, make_person(f"Person of {event.title}"))
        name = f"{event.title.lower()}0000000000000000000000.pdf"
        (folder / name).write_bytes(b"%PDF-1.4\n")
        db.session.add(Attachment(event=event, filename="sheet.pdf", stored_name=name,
                                  content_type="application/pdf", size_bytes=9))
        db.session.add(Testimony(event=event, quote="Useful.", attribution="An officer"))
        files[event.title] = folder / name
    db.session.commit()
    deleted_days_ago(db, expired, 31)
    deleted_days_ago(db, recent, 3)
    expired_id = expired.id
    runner = app.test_cli_runner()

    dry = runner.invoke(args=["purge-deleted", "--dry-run"])
    assert dry.exit_code == 0 and "Would remove event" in dry.output and "“Expired”" in dry.output
    assert files["Expired"].exists() and db.session.get(Event, expired_id) is not None

    result = runner.invoke(args=["purge-deleted"])
    assert result.exit_code == 0, result.output
    assert "Removed 1 event(s) and 1 attachment file(s)." in result.output
    db.session.expire_all()
    assert db.session.get(Event, expired_id) is None
    assert not files["Expired"].exists()
    assert files["Recent"].exists() and files["Live"].exists()
    assert db.session.scalar(select(func.count(Event.id))) == 2
    assert db.session.scalar(select(func.count(Attendance.id))) == 2
    assert db.session.scalar(select(func.count(Testimony.id))) == 2
    purged = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "purge"))
    assert purged.object_id == expired_id and purged.before["attachments"] == 1
    assert "0 event(s)" in runner.invoke(args=["purge-deleted"]).output


def test_a_country_limited_user_sees_and_restores_only_their_countrys_deleted_events(
        db, signed_in, make_event):
    kg = make_event(title="Bishkek seminar", country_code="KG")
    kz = make_event(title="Almaty seminar", country_code="KZ")
    deleted_days_ago(db, kg, 1)
    deleted_days_ago(db, kz, 1)
    client = signed_in("staff", country_code="KG")
    listed = client.get("/events/deleted").get_data(as_text=True)
    assert "Bishkek seminar" in listed and "Almaty seminar" not in listed
    assert client.post(f"/events/{kz.id}/restore").status_code == 404
    assert client.post(f"/events/{kg.id}/restore").status_code == 302
    db.session.expire_all()
    assert db.session.get(Event, kg.id).deleted_at is None
    assert db.session.get(Event, kz.id).deleted_at is not None


def test_managers_do_not_see_deleted_events(manager_client):
    assert manager_client.get("/events/deleted").status_code == 403


def test_a_deleted_events_code_stays_taken_and_the_form_says_where_it_is(
        db, staff_client, make_event):
    event = make_event(code="B9-042")
    deleted_days_ago(db, event, 1)
    page = staff_client.post("/events/new", data={
        "title": "Another", "kind_id": "1", "scope": "regional", "status": "held",
        "start_date": "2016-05-10", "end_date": "", "country_code": "KG", "city": "",
        "phase": "", "code": "B9-042", "notes": ""}).get_data(as_text=True)
    assert "The code B9-042 belongs to an event in Deleted events; restore it, or choose " \
        "another code." in page
    assert db.session.scalar(select(func.count(Event.id))) == 1


def test_a_register_naming_a_deleted_event_is_refused_with_the_row(app, db, make_event, tmp_path):
    event = make_event(code="B9-042", title="Osh profiling workshop")
    deleted_days_ago(db, event, 1)
    register = tmp_path / "register.csv"
    register.write_text("event_title,start_date,event_code,full_name,country\n"
                        "Osh profiling workshop,2016-03-14,B9-042,Aigul Bekova,KG\n")
    result = app.test_cli_runner().invoke(args=["import-register", str(register)])
    assert result.exit_code == 1
    assert f"row 2, event_code: this is event #{event.id} “Osh profiling workshop”, which is " \
        "in Deleted events; restore it first" in result.output
    assert db.session.scalar(select(func.count(Attendance.id))) == 0
