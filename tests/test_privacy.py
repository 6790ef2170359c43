"""Personal data on request: export everything held on one person; erase it, keeping counts."""
import json

from sqlalchemy import select

from tracker.models import AuditEntry, Person
from tracker.totals import phase_totals


def test_admin_exports_everything_held_on_a_person(db, admin_client, make_person, make_event, attend):
    person = make_person(email="a@mail.kg", position="Inspector")
    attend(make_event(title="Workshop A"), person, rating=5, comment="Useful")
    response = admin_client.get(f"/people/{person.id}/data.json")
    data = json.loads(response.data)
    assert response.headers["Content-Disposition"] == f"attachment; filename=person-{person.id}.json"
    assert data["person"]["full_name"] == "Aigul Bekova" and data["person"]["email"] == "a@mail.kg"
    assert data["attendances"][0]["event"] == "Workshop A" and data["attendances"][0]["comment"] == "Useful"
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.action == "export")) == "export"


def test_erasure_removes_name_and_contacts_but_keeps_the_counts(db, admin_client, staff_client, make_person,
                                                                make_event, attend):
    event = make_event()
    person = make_person(email="a@mail.kg", position="Inspector")
    attend(event, person, comment="Aigul from Osh found it useful")
    staff_client.post(f"/people/{person.id}/edit", data={
        "full_name": "Aigul Bekova", "sex": "F", "country_code": "KG", "position": "Senior inspector",
        "email": "a@mail.kg"})
    before = phase_totals(9)
    admin_client.post(f"/people/{person.id}/erase")
    db.session.expire_all()
    assert person.full_name == f"Erased person {person.id}" and person.email is None
    assert person.position is None and person.erased_at is not None
    assert person.attendances[0].comment is None
    assert phase_totals(9) == before  # women trained, by country, person-days: all kept
    trail = db.session.scalars(select(AuditEntry).where(AuditEntry.object_type == "person")).all()
    assert all("Aigul" not in json.dumps([e.before, e.after, e.summary], ensure_ascii=False) for e in trail)
    page = admin_client.get("/people?q=Bekova").get_data(as_text=True)
    assert "Aigul Bekova" not in page


def test_only_admins_may_export_or_erase(db, staff_client, coordinator_client, manager_client, make_person):
    person = make_person()
    for client in (staff_client, coordinator_client, manager_client):
        assert client.get(f"/people/{person.id}/data.json").status_code == 403
        assert client.post(f"/people/{person.id}/erase").status_code == 403
    db.session.expire_all()
    assert db.session.get(Person, person.id).full_name == "Aigul Bekova"


def test_erasure_leaves_no_trace_of_the_name_or_email_anywhere_in_the_audit_log(
        db, app, admin_client, coordinator_client, staff_client, make_person, make_event, attend):
    """Entries about other records named the erased person: "#22 Arman Bekmukhanov and
    #21 Sherzod Umarov are not the same person", "Sherzod Umarov" on a removed attendance,
    a merge of a second record (another spelling) into theirs, a former name before an edit."""
    sherzod = make_person("Sherzod Umarov", "UZ", "M", email="umarov@customs.uz")
    arman = make_person("Arman Bekmukhanov", "UZ", "M")
    spelling = make_person("Шерзод Умаров", "UZ", "M")
    event, other = make_event(title="Tashkent seminar"), make_event(title="Fergana course")
    attend(other, spelling)
    coordinator_client.post("/people/duplicates/distinct", data={"a": arman.id, "b": sherzod.id})
    staff_client.post(f"/events/{event.id}/attendees", data={"person_id": sherzod.id,
                                                             "role": "participant"})
    db.session.expire_all()
    attendance = db.session.get(Person, sherzod.id).attendances[0]
    staff_client.post(f"/events/{event.id}/attendees/{attendance.id}/remove")
    coordinator_client.post(f"/people/duplicates/merge?a={sherzod.id}&b={spelling.id}", data={
        "survivor": "a", "full_name": "a", "sex": "a", "agency": "a", "position": "a",
        "email": "a"})
    staff_client.post(f"/people/{sherzod.id}/edit", data={
        "full_name": "Sherzod Umarovich", "sex": "M", "country_code": "UZ",
        "email": "umarov@customs.uz"})
    entries = db.session.scalars(select(AuditEntry)).all()
    text = json.dumps([[e.summary, e.before, e.after] for e in entries], ensure_ascii=False)
    assert "Sherzod Umarov" in text and "Шерзод Умаров" in text  # the trail before erasure

    admin_client.post(f"/people/{sherzod.id}/erase")
    db.session.expire_all()
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    text = json.dumps([[e.summary, e.before, e.after] for e in entries], ensure_ascii=False)
    for trace in ("Sherzod", "Umarov", "Шерзод", "Умаров", "umarov@customs.uz"):
        assert trace not in text, trace
    assert "Arman Bekmukhanov" in text  # the other person's name stays
    assert any(e.action == "mark_distinct" and f"person {sherzod.id}" in e.summary
               for e in entries)
