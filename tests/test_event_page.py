"""The event page as a new user meets it: the roster in the order names were written, what
"Roster (7)" beside "6 participants" means, shortening an event, adding a person with less
typing, and the menu marking the right page."""
import re
from datetime import date

from sqlalchemy import func, select

from tracker.models import Agency, AgencyType, Attendance, AuditEntry, Person


def roster_names(page: str) -> list[str]:
    roster = page[page.index('id="roster"'):page.index("</table>", page.index('id="roster"'))]
    return re.findall(r'class="roster-name"><a href="/people/\d+">([^<]+)</a>', roster)


def test_the_roster_is_sorted_by_the_name_as_written(db, staff_client, make_event, make_person,
                                                     attend):
    event = make_event()
    # Name-key order would be abdullaeva zhanna, aigul bekova, azamat tokayev.
    for name in ("Zhanna Abdullaeva", "BEKOVA Aigul", "Azamat Tokayev"):
        attend(event, make_person(name))
    attend(event, make_person("Anna Lapina", "LV"), role="trainer")
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert roster_names(page) == ["Azamat Tokayev", "BEKOVA Aigul", "Zhanna Abdullaeva",
                                  "Anna Lapina"]  # participants first, then the trainer


def test_the_roster_says_why_it_holds_more_people_than_participants(
        db, staff_client, make_event, make_person, attend):
    event = make_event()
    attend(event, make_person("Aigul Bekova"))
    attend(event, make_person("Dana Nurlanova"))
    attend(event, make_person("Anna Lapina", "LV"), role="trainer")
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Roster (3)" in page
    assert "Participants: 2; trainers, organisers and observers: 1. Only participants count " \
        "as officials trained." in page


def test_shortening_an_event_names_who_attended_longer_and_cuts_their_days_in_one_step(
        db, staff_client, make_event, make_person, attend):
    event = make_event(start_date=date(2016, 3, 14), end_date=date(2016, 3, 16))
    long_stay = attend(event, make_person("Aigul Bekova"), days_attended=3)
    attend(event, make_person("Dana Nurlanova"), days_attended=1)
    form = {"title": event.title, "kind_id": str(event.kind_id), "scope": "regional",
            "status": "held", "start_date": "2016-03-14", "end_date": "2016-03-15",
            "country_code": "KG", "city": "Bishkek", "phase": "", "code": "", "notes": "",
            "version": str(event.version)}
    page = staff_client.post(f"/events/{event.id}/edit", data=form).get_data(as_text=True)
    assert "1 attendee(s) have more days attended than the event&#39;s 2 days: Aigul Bekova (3)." \
        in page
    assert 'name="cut_days"' in page
    db.session.expire_all()
    assert event.end_date == date(2016, 3, 16)  # nothing saved

    response = staff_client.post(f"/events/{event.id}/edit", data={**form, "cut_days": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert event.end_date == date(2016, 3, 15) and long_stay.days_attended == 2
    change = db.session.scalar(select(AuditEntry).where(AuditEntry.object_type == "attendance"))
    assert (change.before["days_attended"], change.after["days_attended"]) == (3, 2)


def test_a_national_events_new_person_form_starts_with_the_host_country(
        db, staff_client, make_event):
    national = make_event(scope="national", country_code="KZ", city="Almaty")
    regional = make_event(title="Regional seminar", scope="regional", country_code="KZ")
    selected = r'<option selected value="{}">|<option value="{}" selected>'
    page = staff_client.get(f"/events/{national.id}?find=Nobody+Known").get_data(as_text=True)
    form = page[page.index('id="new-person"'):]
    assert re.search(selected.format("KZ", "KZ"), form[:form.index("</select>", form.index("country_code"))])
    page = staff_client.get(f"/events/{regional.id}?find=Nobody+Known").get_data(as_text=True)
    form = page[page.index('id="new-person"'):]
    assert not re.search(selected.format("KZ", "KZ"), form)


def test_the_create_form_stays_closed_when_a_100_percent_match_is_shown(
        db, staff_client, make_event, make_person):
    event = make_event()
    make_person("Aigul Bekova")
    exact = staff_client.get(f"/events/{event.id}?find=Бекова+Айгуль").get_data(as_text=True)
    assert "100%" in exact and 'class="collapse" id="new-person"' in exact
    assert "Or create a new person…" in exact
    nobody = staff_client.get(f"/events/{event.id}?find=Nobody+Known").get_data(as_text=True)
    assert 'class="" id="new-person"' in nobody and "Create a new person and add them" in nobody


def test_an_agency_created_with_a_new_person_asks_for_its_type(db, staff_client, make_event):
    event = make_event()
    data = {"full_name": "Dana Nurlanova", "sex": "F", "country_code": "KG",
            "role": "participant", "new_agency": "Drug Control Service", "is_confirmed_new": "yes"}
    response = staff_client.post(f"/events/{event.id}/attendees/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Choose the new agency&#39;s type (“Other” if none fits)." in page
    assert page.index("Choose the new agency") > page.index('id="new_agency_type_id"')
    assert db.session.scalar(select(func.count(Person.id))) == 0
    assert db.session.scalar(select(func.count(Agency.id))) == 0
    customs = db.session.scalar(select(AgencyType).where(AgencyType.code == "customs"))
    staff_client.post(f"/events/{event.id}/attendees/new",
                      data={**data, "new_agency_type_id": str(customs.id)})
    agency = db.session.scalar(select(Agency).where(Agency.name == "Drug Control Service"))
    assert agency.agency_type.code == "customs"
    assert db.session.scalar(select(func.count(Attendance.id))) == 1


def current_menu_items(page: str) -> list[str]:
    return re.findall(r'class="nav-link active" aria-current="page"\s+href="[^"]+">([^<]+)<', page)


def test_the_menu_marks_only_the_page_you_are_on(db, staff_client, make_person):
    person = make_person()
    assert current_menu_items(staff_client.get("/people").get_data(as_text=True)) == ["People"]
    assert current_menu_items(staff_client.get(f"/people/{person.id}").get_data(as_text=True)) \
        == ["People"]
    assert current_menu_items(staff_client.get("/agencies").get_data(as_text=True)) == ["Agencies"]
    assert current_menu_items(staff_client.get("/events").get_data(as_text=True)) == ["Events"]
