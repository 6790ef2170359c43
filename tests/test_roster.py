"""The event page: roster and counts, adding attendees by typing, lists, attachments."""
import io
from datetime import date

from sqlalchemy import func, select

from tests.support.queries import count_queries
from tests.support.register_files import to_csv
from tracker.models import AgencyType, Attachment, Attendance, AuditEntry, Person


def test_roster_and_counts_on_the_event_page(db, staff_client, make_event, make_person, make_agency, attend):
    event = make_event()
    customs = make_agency("Customs Service", "KZ", "customs")
    attend(event, make_person("Aigul Bekova", "KG", "F"))
    attend(event, make_person("Азамат Беков", "KG", "M"))
    attend(event, make_person("Dana Nurlanova", "KZ", "F", agency=customs))
    attend(event, make_person("Juris Ozols", "LV", "M"), role="trainer")
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    counts = page[page.index('id="roster-counts"'):page.index('id="roster"')]
    assert "<div class=\"card-figure\">3</div>participants" in counts
    assert "<div class=\"card-figure\">2</div>women" in counts
    assert "KG 2 · KZ 1" in counts
    assert "Border guard 2 · Customs 1" in counts
    roster = page[page.index('id="roster"'):]
    assert "Азамат Беков" in roster and "Juris Ozols" in roster and "Customs Service" in roster


def test_managers_see_counts_but_no_names(db, manager_client, make_event, make_person, attend):
    event = make_event()
    attend(event, make_person("Aigul Bekova"))
    page = manager_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "participants" in page and "Aigul Bekova" not in page and "Add an attendee" not in page


def test_typing_cyrillic_finds_an_official_recorded_in_latin(db, staff_client, make_event, make_person):
    event = make_event()
    azamat = make_person("Azamat Bekov", "KG", "M")
    make_person("Dana Nurlanova", "KZ", "F")
    page = staff_client.get(f"/events/{event.id}?find=Беков").get_data(as_text=True)
    matches = page[page.index('id="matches"'):]
    assert "Azamat Bekov" in matches and "Dana Nurlanova" not in matches
    response = staff_client.post(f"/events/{event.id}/attendees",
                                 data={"person_id": azamat.id, "role": "participant", "days_attended": ""})
    assert response.status_code == 302
    attendance = db.session.scalar(select(Attendance))
    assert (attendance.person_id, attendance.role, attendance.agency_id) == (azamat.id, "participant", azamat.agency_id)


def test_a_typo_still_finds_the_person(db, staff_client, make_event, make_person):
    event = make_event()
    make_person("Rayimberdi Duishenbiev", "KG", "M")
    page = staff_client.get(f"/events/{event.id}?find=Duishenbiyev+Raiymberdi").get_data(as_text=True)
    assert "Rayimberdi Duishenbiev" in page[page.index('id="add-attendee"'):]


def test_creating_someone_who_looks_existing_asks_first(db, staff_client, make_event, make_person):
    event = make_event()
    existing = make_person("Aigul Bekova", "KG", "F")
    data = {"full_name": "Бекова Айгуль", "sex": "F", "country_code": "KG", "role": "participant"}
    response = staff_client.post(f"/events/{event.id}/attendees/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "looks like someone already on record" in page
    assert f'name="person_id" value="{existing.id}"' in page  # offered, one click to add
    assert db.session.scalar(select(func.count(Person.id))) == 1
    assert db.session.scalar(select(func.count(Attendance.id))) == 0
    # The same name key in the same country is the same person: never created twice.
    page = staff_client.post(f"/events/{event.id}/attendees/new",
                             data={**data, "is_confirmed_new": "yes"}).get_data(as_text=True)
    assert "looks like someone already on record" in page
    assert db.session.scalar(select(func.count(Person.id))) == 1


def test_a_similar_but_different_person_is_created_after_confirming(db, staff_client, make_event, make_person):
    event = make_event()
    make_person("Aigul Bekova", "KG", "F")
    drug_control = db.session.scalar(select(AgencyType.id).where(AgencyType.code == "drug_control"))
    data = {"full_name": "Aigul Bekovna", "sex": "F", "country_code": "KG", "role": "participant",
            "new_agency": "Drug Control Service", "new_agency_type_id": str(drug_control)}
    first = staff_client.post(f"/events/{event.id}/attendees/new", data=data)
    assert "looks like someone already on record" in first.get_data(as_text=True)
    assert 'name="is_confirmed_new" type="hidden" value="yes"' in first.get_data(as_text=True)
    staff_client.post(f"/events/{event.id}/attendees/new", data={**data, "is_confirmed_new": "yes"})
    new = db.session.scalar(select(Person).where(Person.full_name == "Aigul Bekovna"))
    assert new.agency.name == "Drug Control Service" and new.agency.country_code == "KG"
    assert new.agency.agency_type.code == "drug_control"
    assert [a.event_id for a in new.attendances] == [event.id]


def test_new_person_form_errors_are_shown_next_to_fields(db, staff_client, make_event):
    event = make_event()
    page = staff_client.post(f"/events/{event.id}/attendees/new",
                             data={"full_name": "", "country_code": "", "role": "participant",
                                   "email": "nope", "days_attended": "0"}).get_data(as_text=True)
    assert "This field is required." in page and "Choose the country." in page
    assert "This is not an email address." in page
    assert "Number must be at least 1." in page
    assert db.session.scalar(select(func.count(Person.id))) == 0


def test_duplicate_attendee_and_too_many_days_are_refused(db, staff_client, make_event, make_person, attend):
    event = make_event()
    person = make_person()
    attend(event, person)
    response = staff_client.post(f"/events/{event.id}/attendees",
                                 data={"person_id": person.id, "role": "trainer"}, follow_redirects=True)
    assert "Aigul Bekova is already on this event&#39;s roster." in response.get_data(as_text=True)
    other = make_person("Dana Nurlanova", "KZ")
    page = staff_client.post(f"/events/{event.id}/attendees", follow_redirects=True,
                             data={"person_id": other.id, "role": "participant", "days_attended": "4"})
    assert "The event lasts 3 day(s); 4 days attended is more than that." in page.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Attendance.id))) == 1


def test_edit_role_and_days_then_remove(db, staff_client, make_event, make_person, attend):
    event = make_event()
    attendance = attend(event, make_person())
    staff_client.post(f"/events/{event.id}/attendees/{attendance.id}", data={"role": "observer", "days_attended": "2"})
    db.session.expire_all()
    assert (attendance.role, attendance.days_attended) == ("observer", 2)
    staff_client.post(f"/events/{event.id}/attendees/{attendance.id}/remove")
    assert db.session.scalar(select(func.count(Attendance.id))) == 0
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "attendance")
                                 .order_by(AuditEntry.id)).all()
    assert actions == ["update", "delete"]


def test_a_20_row_list_is_previewed_then_added_in_one_go(db, staff_client, make_event, make_person):
    event = make_event()
    known = make_person("Aigul Bekova", "KG", "F")
    rows = [{"full_name": "Бекова Айгуль", "country": "Кыргызстан", "sex": "Ж"}]
    rows += [{"full_name": f"Official Number{n:02}", "country": "KZ", "sex": "M" if n % 2 else "F",
              "agency": "Customs Committee", "agency_type": "customs"} for n in range(19)]
    preview = staff_client.post(f"/events/{event.id}/attendance-list",
                                data={"file": (io.BytesIO(to_csv(rows)), "list.csv")},
                                content_type="multipart/form-data").get_data(as_text=True)
    assert "matched</span> Aigul Bekova (KG)" in preview
    assert '<div class="card-figure">19</div>new people' in preview
    assert db.session.scalar(select(func.count(Attendance.id))) == 0
    token = preview.split('name="token" type="hidden" value="')[1].split('"')[0]
    staff_client.post(f"/events/{event.id}/attendance-list/confirm", data={"token": token, "filename": "list.csv"})
    assert db.session.scalar(select(func.count(Attendance.id))) == 20
    assert known.id in db.session.scalars(select(Attendance.person_id)).all()
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert '<div class="card-figure">20</div>participants' in page


def test_a_pasted_list_with_a_bad_row_writes_nothing(db, staff_client, make_event):
    event = make_event()
    pasted = "full_name\tcountry\tdays_attended\nAigul Bekova\tKG\t2\nDana\tKazakstan\t9\n"
    page = staff_client.post(f"/events/{event.id}/attendance-list", data={"pasted": pasted}).get_data(as_text=True)
    assert "unknown country “Kazakstan”; did you mean “Kazakhstan”?" in page
    assert "9 is more than the event&#39;s 3 days" not in page  # that row stopped at its country
    assert "Nothing can be imported yet" in page
    assert db.session.scalar(select(func.count(Attendance.id))) == 0
    empty = staff_client.post(f"/events/{event.id}/attendance-list", data={}).get_data(as_text=True)
    assert "Choose a file or paste the rows." in empty


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_attachments_are_checked_by_content_and_shown_only_to_who_may_see_names(
        db, staff_client, manager_client, make_event):
    event = make_event()
    staff_client.post(f"/events/{event.id}/attachments", content_type="multipart/form-data",
                      data={"kind": "sign_in_sheet", "file": (io.BytesIO(PDF), "signed.pdf")})
    response = staff_client.post(f"/events/{event.id}/attachments", content_type="multipart/form-data",
                                 data={"kind": "agenda", "file": (io.BytesIO(b"MZ\x90\x00evil"), "agenda.pdf")},
                                 follow_redirects=True)
    assert "Only PDF, JPG and PNG files can be attached" in response.get_data(as_text=True)
    attachment = db.session.scalar(select(Attachment))
    assert db.session.scalar(select(func.count(Attachment.id))) == 1
    assert attachment.content_type == "application/pdf" and attachment.filename == "signed.pdf"
    download = staff_client.get(f"/events/{event.id}/attachments/{attachment.id}")
    assert download.data == PDF
    assert manager_client.get(f"/events/{event.id}/attachments/{attachment.id}").status_code == 403
    assert "signed.pdf" not in manager_client.get(f"/events/{event.id}").get_data(as_text=True)


def test_event_page_queries_do_not_grow_with_the_roster(app, db, staff_client, make_event, make_agency):
    small, large = make_event(title="Small"), make_event(title="Large")
    agencies = [make_agency(f"Agency {n}", "KG") for n in range(5)]
    for event, size in ((small, 5), (large, 500)):
        people = [Person(full_name=f"Person {event.title} {n}", country_code="KG", sex="F",
                         agency=agencies[n % 5]) for n in range(size)]
        db.session.add_all(people)
        db.session.add_all(Attendance(event=event, person=p, agency=p.agency) for p in people)
    db.session.commit()
    assert count_queries(app, staff_client, f"/events/{small.id}") == \
        count_queries(app, staff_client, f"/events/{large.id}")


def test_a_download_is_named_after_its_content_not_the_uploaders_extension(
        db, staff_client, make_event):
    """`evil<svg onload=…>.html` came back under that name: a browser would open the saved
    file as a web page. The name is cleaned and the extension is the stored type's."""
    from urllib.parse import unquote

    event = make_event()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    for data, name in ((PDF, 'evil<svg onload=alert(1)>.html'), (png, "../../scan.exe"),
                       (b"\xff\xd8\xff\xe0", "Подпись .pdf.js"), (PDF, "\u202eFDP.exe")):
        staff_client.post(f"/events/{event.id}/attachments", content_type="multipart/form-data",
                          data={"kind": "sign_in_sheet", "file": (io.BytesIO(data), name)})
    names = []
    for attachment in db.session.scalars(select(Attachment).order_by(Attachment.id)):
        download = staff_client.get(f"/events/{event.id}/attachments/{attachment.id}")
        disposition = download.headers["Content-Disposition"]
        assert disposition.startswith("attachment;")
        names.append(unquote(disposition.split("filename*=UTF-8''")[-1])
                     if "filename*=" in disposition else disposition.split('filename=')[1])
    assert names == ["evil_svg_onload_alert_1.pdf", "scan.png", "Подпись_pdf.jpg", "FDP.pdf"]
    for name in names:
        assert "<" not in name and "/" not in name and "\u202e" not in name


def test_removing_an_attendee_asks_first_and_can_be_undone(db, staff_client, make_event,
                                                           make_person, attend):
    event = make_event()
    attendance = attend(event, make_person(), days_attended=2, pre_score=35, post_score=80,
                        rating=4, comment="More practice, please.")
    attendance_id = attendance.id
    roster = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    remove_url = f"/events/{event.id}/attendees/{attendance_id}/remove"
    assert f'href="{remove_url}"' in roster  # a link to the confirm step, not a one-click form

    confirm = staff_client.get(remove_url).get_data(as_text=True)
    assert "Remove Aigul Bekova from the roster?" in confirm
    assert "attended “Document security workshop” as participant for 2 day(s)" in confirm
    assert db.session.get(Attendance, attendance_id) is not None  # asking removes nothing

    page = staff_client.post(remove_url, follow_redirects=True).get_data(as_text=True)
    assert "Aigul Bekova removed from the roster." in page and ">Undo</button>" in page
    assert db.session.scalar(select(func.count(Attendance.id))) == 0
    removal = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "delete"))
    assert f'name="entry" value="{removal.id}"' in page

    page = staff_client.post(f"/events/{event.id}/attendees/undo-remove",
                             data={"entry": removal.id}, follow_redirects=True)
    assert "Aigul Bekova is back on the roster." in page.get_data(as_text=True)
    db.session.expire_all()
    back = db.session.get(Attendance, attendance_id)  # the same row, as it was
    assert (back.role, back.days_attended, back.pre_score, back.post_score, back.rating,
            back.comment) == ("participant", 2, 35, 80, 4, "More practice, please.")
    assert db.session.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc())) == "restore"

    again = staff_client.post(f"/events/{event.id}/attendees/undo-remove",
                              data={"entry": removal.id}, follow_redirects=True)
    assert "Aigul Bekova is already on this event&#39;s roster." in again.get_data(as_text=True)
    other = make_event(title="Another workshop", start_date=date(2016, 4, 4), end_date=None)
    elsewhere = staff_client.post(f"/events/{other.id}/attendees/undo-remove",
                                  data={"entry": removal.id}, follow_redirects=True)
    assert "There is no removal from this roster to undo." in elsewhere.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Attendance.id))) == 1
