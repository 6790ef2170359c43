"""Staff log an event in the browser: the list, the form, optimistic locking."""
from datetime import date

from sqlalchemy import func, select

from tracker.models import AuditEntry, Event, Topic

FORM = {
    "title": "Risk analysis workshop", "kind_id": "1", "scope": "regional", "status": "held",
    "start_date": "2016-05-10", "end_date": "2016-05-12", "country_code": "KG", "city": "Osh",
    "phase": "", "code": "", "notes": "",
}


def topic_ids(db, *names):
    return [str(db.session.scalar(select(Topic.id).where(Topic.name_en == n))) for n in names]


def test_staff_creates_an_event_with_two_topics_and_its_phase_is_derived(db, staff_client):
    data = {**FORM, "topic_ids": topic_ids(db, "Document Security", "Border Control Procedures")}
    response = staff_client.post("/events/new", data=data)
    event = db.session.scalar(select(Event))
    assert response.headers["Location"] == f"/events/{event.id}"
    assert event.phase.number == 9 and event.duration_days == 3
    assert sorted(t.name_en for t in event.topics) == ["Border Control Procedures", "Document Security"]
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Risk analysis workshop" in page and "BOMCA 9" in page and "Document Security" in page
    audit = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "create"))
    assert audit.object_type == "event" and audit.after["title"] == "Risk analysis workshop"


def test_end_before_start_is_refused_next_to_the_field(db, staff_client):
    page = staff_client.post("/events/new", data={**FORM, "end_date": "2016-05-01"}).get_data(as_text=True)
    assert "The end date is before the start date." in page
    assert 'id="end_date"' in page and "is-invalid" in page
    assert db.session.scalar(select(func.count(Event.id))) == 0


def test_an_event_outside_every_phase_is_refused_unless_a_phase_is_chosen(db, staff_client):
    outside = {**FORM, "start_date": "2019-03-01", "end_date": ""}
    page = staff_client.post("/events/new", data=outside).get_data(as_text=True)
    assert "No phase covers 01.03.2019. Check the date, or choose the phase." in page
    assert db.session.scalar(select(func.count(Event.id))) == 0
    staff_client.post("/events/new", data={**outside, "phase": "10"})
    assert db.session.scalar(select(Event)).phase.number == 10


def test_required_fields_and_bad_dates_are_named(db, staff_client):
    page = staff_client.post("/events/new", data={**FORM, "title": "", "start_date": "10.05.2016",
                                                  "kind_id": ""}).get_data(as_text=True)
    assert "This field is required." in page
    assert "Not a valid date value." in page
    assert "Choose the kind of event." in page
    assert db.session.scalar(select(func.count(Event.id))) == 0


def test_an_event_code_is_unique(db, staff_client, make_event):
    make_event(code="B9-001")
    page = staff_client.post("/events/new", data={**FORM, "code": "B9-001"}).get_data(as_text=True)
    assert "Another event already has the code B9-001." in page
    assert db.session.scalar(select(func.count(Event.id))) == 1


def test_the_second_of_two_concurrent_edits_is_refused_and_the_first_is_kept(db, signed_in, make_event):
    event = make_event(title="Original title")
    alice, bob = signed_in("staff"), signed_in("coordinator")
    form_a = alice.get(f"/events/{event.id}/edit").get_data(as_text=True)
    form_b = bob.get(f"/events/{event.id}/edit").get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in form_a and 'value="1"' in form_b
    data = {**FORM, "start_date": "2016-03-14", "end_date": "2016-03-16", "version": "1"}
    alice.post(f"/events/{event.id}/edit", data={**data, "title": "Alice's title"})
    page = bob.post(f"/events/{event.id}/edit", data={**data, "title": "Bob's title", "city": "Naryn"})
    text = page.get_data(as_text=True)
    assert "Someone else saved this event after you opened it" in text
    assert "Bob&#39;s title" in text and "Naryn" in text  # his values, shown for re-entry
    assert 'value="Alice&#39;s title"' in text  # the form now holds the saved version
    db.session.expire_all()
    saved = db.session.get(Event, event.id)
    assert saved.title == "Alice's title" and saved.city == "Osh" and saved.version == 2


def test_list_filters_sorts_and_pages(db, staff_client, make_event, app):
    make_event(title="Customs valuation seminar", kind="seminar", topics=["Customs Valuation"],
               country_code="KZ", start_date=date(2017, 2, 1), end_date=None)
    make_event(title="Cancelled visit", kind="study visit", status="cancelled",
               start_date=date(2016, 9, 1), end_date=None)
    for n in range(30):
        make_event(title=f"Workshop {n:02}", start_date=date(2016, 1, 1 + n % 28), end_date=None)

    def titles(query):
        page = staff_client.get("/events?" + query).get_data(as_text=True)
        return page
    page = titles("country=KZ")
    assert "Customs valuation seminar" in page and "Workshop 01" not in page
    page = titles("status=cancelled")
    assert "Cancelled visit" in page and "1 event found." in page
    topic = db.session.scalar(select(Topic.id).where(Topic.name_en == "Customs Valuation"))
    assert "Customs valuation seminar" in titles(f"topic={topic}")
    assert "1 event found." in titles("q=valuation")
    assert "32 events found." in titles("")
    assert "2 events found." in titles("from=2016-06-01&to=2017-12-31")
    first = titles("sort=date")
    assert first.index("Workshop 00") < first.index("Workshop 01")
    assert "Customs valuation seminar" not in first  # on page 2 when oldest first
    assert "Customs valuation seminar" in titles("sort=date&page=2")


def test_a_country_limited_user_sees_and_changes_only_their_country(db, signed_in, make_event):
    kz = make_event(title="Almaty seminar", country_code="KZ")
    kg = make_event(title="Bishkek workshop", country_code="KG")
    client = signed_in("staff", country_code="KG")
    listing = client.get("/events").get_data(as_text=True)
    assert "Bishkek workshop" in listing and "Almaty seminar" not in listing
    assert client.get(f"/events/{kz.id}").status_code == 404
    assert client.get(f"/events/{kg.id}").status_code == 200
    page = client.post("/events/new", data={**FORM, "country_code": "KZ"}).get_data(as_text=True)
    assert "Not a valid choice" in page
    assert db.session.scalar(select(func.count(Event.id))) == 2


def test_managers_may_read_events_but_not_log_or_delete_them(db, manager_client, make_event):
    event = make_event()
    assert manager_client.get("/events").status_code == 200
    assert manager_client.get("/events/new").status_code == 403
    assert manager_client.post("/events/new", data=FORM).status_code == 403
    assert manager_client.post(f"/events/{event.id}/delete").status_code == 403
    assert db.session.scalar(select(func.count(Event.id))) == 1


def test_staff_may_not_delete_events_coordinators_may(db, staff_client, coordinator_client,
                                                       make_event, make_person, attend):
    event = make_event()
    event_id, title = event.id, event.title
    attend(event, make_person())
    assert staff_client.post(f"/events/{event_id}/delete").status_code == 403
    assert db.session.get(Event, event_id) is not None
    response = coordinator_client.post(f"/events/{event_id}/delete")
    assert response.headers["Location"] == "/events"
    db.session.expire_all()
    assert db.session.get(Event, event_id).deleted_at is not None  # in Deleted events
    audit = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "delete"))
    assert audit.before["title"] == title and audit.after["attendances"] == 1


def test_unknown_event_is_404(staff_client):
    assert staff_client.get("/events/999999").status_code == 404
    assert staff_client.get("/events/999999/edit").status_code == 404
