"""People and agencies: search in any script, history, editing; managers see no names."""
from sqlalchemy import func, select

from tracker.models import Agency, AuditEntry


def test_search_finds_an_official_whichever_script_or_order_was_typed(db, staff_client, make_person):
    make_person("Azamat Bekov", "KG", "M")
    make_person("Dana Nurlanova", "KZ", "F")
    for query in ("Беков", "bekov azamat", "Азамат", "BEKOV"):
        page = staff_client.get("/people", query_string={"q": query}).get_data(as_text=True)
        assert "Azamat Bekov" in page and "Dana Nurlanova" not in page, query


def test_people_filters_by_country_agency_and_sex(db, staff_client, make_person, make_agency):
    customs = make_agency("Customs Service", "KG", "customs")
    make_person("Aigul Bekova", "KG", "F")
    make_person("Azamat Bekov", "KG", "M", agency=customs)
    make_person("Dana Nurlanova", "KZ", None)

    def names(**args):
        page = staff_client.get("/people", query_string=args).get_data(as_text=True)
        return [n for n in ("Aigul Bekova", "Azamat Bekov", "Dana Nurlanova") if n in page]

    assert names(country="KG") == ["Aigul Bekova", "Azamat Bekov"]
    assert names(agency=customs.id) == ["Azamat Bekov"]
    assert names(sex="F") == ["Aigul Bekova"]
    assert names(sex="unknown") == ["Dana Nurlanova"]


def test_person_page_shows_their_history(db, staff_client, make_person, make_event, attend):
    person = make_person()
    attend(make_event(title="Workshop A"), person, role="trainer")
    attend(make_event(title="Seminar B", code="S-B"), person, days_attended=1)
    page = staff_client.get(f"/people/{person.id}").get_data(as_text=True)
    history = page[page.index('id="history"'):]
    assert "Workshop A" in history and "Seminar B" in history and "trainer" in history
    assert "History (2 events)" in page


def test_managers_get_403_on_people_and_agencies(db, manager_client, make_person):
    person = make_person()
    for url in ("/people", f"/people/{person.id}", f"/people/{person.id}/edit", "/agencies"):
        response = manager_client.get(url)
        assert response.status_code == 403, url
        assert "Aigul Bekova" not in response.get_data(as_text=True)


def test_a_country_limited_user_sees_only_their_countrys_people(db, signed_in, make_person):
    kz = make_person("Dana Nurlanova", "KZ")
    make_person("Aigul Bekova", "KG")
    client = signed_in("staff", country_code="KG")
    page = client.get("/people").get_data(as_text=True)
    assert "Aigul Bekova" in page and "Dana Nurlanova" not in page
    assert client.get(f"/people/{kz.id}").status_code == 404


def test_edit_person_validates_and_audits(db, staff_client, make_person):
    person = make_person(email="a@mail.kg")
    make_person("Other Person", "KG", email="taken@mail.kg")
    data = {"full_name": "Aigul Bekova", "sex": "F", "country_code": "KG", "agency_id": str(person.agency_id),
            "position": "Senior inspector", "email": "not an email"}
    page = staff_client.post(f"/people/{person.id}/edit", data=data).get_data(as_text=True)
    assert "This is not an email address." in page
    page = staff_client.post(f"/people/{person.id}/edit", data={**data, "email": "TAKEN@mail.kg"}).get_data(as_text=True)
    assert "Another person on record has this email." in page
    db.session.expire_all()
    assert person.position is None and person.email == "a@mail.kg"
    response = staff_client.post(f"/people/{person.id}/edit", data={**data, "email": "a.bekova@mail.kg",
                                                                     "full_name": "Aigul  Bekova-Asanova"})
    assert response.headers["Location"] == f"/people/{person.id}"
    db.session.expire_all()
    assert (person.full_name, person.position, person.email) == ("Aigul Bekova-Asanova", "Senior inspector", "a.bekova@mail.kg")
    assert person.name_key == "aigul asanova bekova"
    audit = db.session.scalar(select(AuditEntry).where(AuditEntry.object_type == "person"))
    assert audit.before["position"] is None and audit.after["position"] == "Senior inspector"


def test_agencies_add_and_rename(db, staff_client, make_agency):
    existing = make_agency("State Border Service", "KG")
    page = staff_client.post("/agencies", data={"name": "state border service", "country_code": "KG",
                                                "agency_type_id": ""}).get_data(as_text=True)
    assert "state border service is already on the list for KG." in page
    staff_client.post("/agencies", data={"name": "Customs Service", "country_code": "KG", "agency_type_id": "2"})
    assert db.session.scalar(select(func.count(Agency.id))) == 2
    listing = staff_client.get("/agencies?country=KG").get_data(as_text=True)
    assert "Customs Service" in listing
    page = staff_client.post(f"/agencies/{existing.id}", data={"name": "Customs Service",
                                                               "agency_type_id": ""}).get_data(as_text=True)
    assert "Another agency of KG is called Customs Service." in page
    staff_client.post(f"/agencies/{existing.id}", data={"name": "Border Service of the State Committee",
                                                        "agency_type_id": "1"})
    db.session.expire_all()
    assert existing.name == "Border Service of the State Committee"


def test_the_same_person_on_record_follows_the_spec_rule_on_missing_emails(db, make_person):
    """SPEC "Who is the same person": equal emails; or no conflicting emails — a missing one
    conflicts with none — one country and equal name keys. A self check-in carries no email."""
    from tracker.people.services import same_person_on_record

    aigul = make_person("Aigul Bekova", email="Aigul@Border.kg")
    dana = make_person("Dana Nurlanova", "KZ")  # on record without an email
    assert same_person_on_record("Бекова Айгуль", "KG", None) == aigul
    assert same_person_on_record("BEKOVA  aigul", "KG", "") == aigul
    assert same_person_on_record("A. Bekova", "KZ", " aigul@border.KG ") == aigul  # the email decides
    assert same_person_on_record("Aigul Bekova", "KG", "other@border.kg") is None  # emails conflict
    assert same_person_on_record("Aigul Bekova", "KZ", None) is None  # another country
    assert same_person_on_record("Dana Nurlanova", "KZ", "dana@border.kz") == dana
