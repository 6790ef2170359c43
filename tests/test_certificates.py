"""Certificates anyone can verify: a stored code per certificate, printed with a QR code to
/verify/<code>, a public page with the event and the holder's initials only, a surname
check, and revocation by coordinators."""
import re

import pytest
from sqlalchemy import select

from tracker.models import AuditEntry, Certificate
from tracker.workshop.certificates import CODE_ALPHABET
from tracker.workshop.qr import qr_svg

CODE = re.compile(rf"^[{CODE_ALPHABET}]{{8}}$")


@pytest.fixture
def workshop(make_event, make_person, attend):
    event = make_event(title="Document security workshop",
                       topics=["Document Security", "Identification and Profiling"])
    aigul = attend(event, make_person("Aigul Bekova", email="aigul.bekova@border.kg",
                                      position="Senior inspector"))
    azamat = attend(event, make_person("Азамат Усенов", sex="M"))
    attend(event, make_person("Juris Ozols", "LV", sex="M"), role="trainer")
    return event, aigul, azamat


def print_certificates(client, event) -> str:
    return client.get(f"/events/{event.id}/certificates").get_data(as_text=True)


def code_of(db, attendance) -> str:
    return db.session.scalar(select(Certificate.code).where(
        Certificate.attendance_id == attendance.id, Certificate.revoked_at.is_(None)))


def test_printing_gives_each_participant_a_code_kept_for_reprints(db, coordinator_client, workshop):
    event, aigul, azamat = workshop
    page = print_certificates(coordinator_client, event)
    codes = {a.id: code_of(db, a) for a in (aigul, azamat)}
    assert all(CODE.match(code) for code in codes.values()) and len(set(codes.values())) == 2
    assert db.session.scalar(select(Certificate).where(Certificate.holder_name == "Juris Ozols")) is None
    aigul_code = codes[aigul.id]
    url = f"http://localhost/verify/{aigul_code}"
    assert url in page and f"{aigul_code[:4]}-{aigul_code[4:]}" in page
    # The QR code on the page is the one of the verify address.
    path = re.search(r'd="([^"]+)"', str(qr_svg(url, label="x"))).group(1)
    assert path in page
    print_certificates(coordinator_client, event)
    db.session.expire_all()
    assert {a.id: code_of(db, a) for a in (aigul, azamat)} == codes
    assert len(db.session.scalars(select(Certificate)).all()) == 2


def test_the_verify_page_shows_the_event_and_the_initials_and_nothing_else(
        db, client, coordinator_client, workshop):
    event, aigul, _azamat = workshop
    print_certificates(coordinator_client, event)
    code = code_of(db, aigul)
    page = client.get(f"/verify/{code}").get_data(as_text=True)
    assert "Valid." in page
    for shown in ("Document security workshop", "14.03.2016 – 16.03.2016", "Document Security",
                  "Identification and Profiling", "A. B."):
        assert shown in page
    for hidden in ("Aigul Bekova", "Bekova", "Aigul", "aigul.bekova@border.kg", "Senior inspector",
                   "State Border Service", "Азамат", "Juris Ozols"):
        assert hidden not in page


def test_a_code_is_found_however_it_is_typed(db, client, coordinator_client, workshop):
    event, aigul, _azamat = workshop
    print_certificates(coordinator_client, event)
    code = code_of(db, aigul)
    typed = f" {code[:4].lower()}-{code[4:]} "
    answer = client.get("/verify", query_string={"code": typed})
    assert answer.headers["Location"] == f"/verify/{code}"
    bad = client.get("/verify", query_string={"code": "ABC"})
    assert bad.status_code == 422 and "eight letters and digits" in bad.get_data(as_text=True)


def test_unknown_and_malformed_codes_are_not_found(db, client, workshop):
    assert client.get("/verify/ABCD2345").status_code == 404
    assert client.get("/verify/not-a-code").status_code == 404


def test_the_surname_check_confirms_or_denies_in_either_script(db, client, coordinator_client, workshop):
    event, aigul, azamat = workshop
    print_certificates(coordinator_client, event)
    aigul_page = f"/verify/{code_of(db, aigul)}"
    yes = client.post(aigul_page, data={"surname": "BEKOVA"}).get_data(as_text=True)
    assert "Yes: the holder of this certificate has that surname." in yes
    assert "Yes:" in client.post(aigul_page, data={"surname": "Бекова"}).get_data(as_text=True)
    no = client.post(aigul_page, data={"surname": "Usenova"}).get_data(as_text=True)
    assert "No: the holder of this certificate has another surname." in no and "Bekova" not in no
    azamat_page = f"/verify/{code_of(db, azamat)}"
    assert "Yes:" in client.post(azamat_page, data={"surname": "Usenov"}).get_data(as_text=True)
    empty = client.post(azamat_page, data={"surname": " "}).get_data(as_text=True)
    assert "Type the surname as it is printed on the certificate." in empty


def test_surname_checks_and_unknown_codes_are_rate_limited(app, db, client, coordinator_client,
                                                          workshop, monkeypatch):
    event, aigul, _azamat = workshop
    print_certificates(coordinator_client, event)
    page = f"/verify/{code_of(db, aigul)}"
    monkeypatch.setitem(app.config, "VERIFY_LIMIT_PER_CODE", 3)
    answers = [client.post(page, data={"surname": f"Guess{n}"}).status_code for n in range(4)]
    assert answers == [200, 200, 200, 429]
    assert client.post(page, data={"surname": "Bekova"}).status_code == 429  # even the right one
    monkeypatch.setitem(app.config, "VERIFY_LIMIT_PER_ADDRESS", 7)
    unknown = [client.get(f"/verify/ZZZZ{n}{n}{n}{n}").status_code for n in range(2, 6)]
    assert unknown == [404, 404, 404, 404]  # with the 3 checks counted above: 7 by this address
    assert client.get(page).status_code == 429


def test_a_coordinator_revokes_a_certificate_with_a_reason(db, client, coordinator_client, workshop):
    event, aigul, _azamat = workshop
    print_certificates(coordinator_client, event)
    certificate = db.session.scalar(select(Certificate).where(Certificate.attendance_id == aigul.id))
    listing = coordinator_client.get(f"/events/{event.id}/certificates/issued").get_data(as_text=True)
    assert "Aigul Bekova" in listing and "valid" in listing
    url = f"/events/{event.id}/certificates/issued/{certificate.id}/revoke"
    refused = coordinator_client.post(url, data={"reason": "  "})
    assert refused.status_code == 422
    assert "Say why the certificate is revoked." in refused.get_data(as_text=True)
    db.session.expire_all()
    assert certificate.revoked_at is None
    coordinator_client.post(url, data={"reason": "Merged with Aigul Bekova #12"})
    db.session.expire_all()
    assert certificate.revoked_at is not None
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert "Revoked." in page and "Merged" not in page and "Aigul" not in page
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "revoke"))
    assert (entry.object_type, entry.object_id, entry.user_id) == (
        "certificate", certificate.id, coordinator_client.user.id)
    # Printing again issues a new code; the revoked one stays revoked.
    print_certificates(coordinator_client, event)
    new_code = code_of(db, aigul)
    assert new_code != certificate.code and "Valid." in client.get(f"/verify/{new_code}").get_data(as_text=True)


def test_a_corrected_name_is_reissued_and_the_old_paper_revoked(db, client, coordinator_client, workshop):
    event, aigul, _azamat = workshop
    print_certificates(coordinator_client, event)
    old = code_of(db, aigul)
    aigul.person.full_name = "Aigul Bekova-Asanova"
    db.session.commit()
    print_certificates(coordinator_client, event)
    assert "Revoked." in client.get(f"/verify/{old}").get_data(as_text=True)
    assert "A. B." in client.get(f"/verify/{code_of(db, aigul)}").get_data(as_text=True)


def test_the_verify_page_in_russian(db, client, coordinator_client, workshop):
    event, aigul, _azamat = workshop
    print_certificates(coordinator_client, event)
    page = client.get(f"/verify/{code_of(db, aigul)}", headers={"Accept-Language": "ru-RU,ru"})
    text = page.get_data(as_text=True)
    assert "Действителен." in text and "Безопасность документов" in text


def test_a_deleted_events_certificates_certify_nothing_until_it_is_restored(
        db, client, coordinator_client, workshop):
    """A deleted event counts nowhere and answers 404: its certificates answer as unknown codes."""
    event, aigul, _azamat = workshop
    print_certificates(coordinator_client, event)
    code = code_of(db, aigul)
    assert coordinator_client.post(f"/events/{event.id}/delete").status_code == 302
    gone = client.get(f"/verify/{code}")
    assert gone.status_code == 404 and "Document security workshop" not in gone.get_data(as_text=True)
    assert client.post(f"/verify/{code}", data={"surname": "Bekova"}).status_code == 404
    assert coordinator_client.post(f"/events/{event.id}/restore").status_code == 302
    assert "Valid." in client.get(f"/verify/{code}").get_data(as_text=True)


def test_public_base_url_is_the_address_printed_in_the_qr_codes(app, db, coordinator_client, workshop,
                                                                monkeypatch):
    """Holders may reach the tracker at another address than staff do (PUBLIC_BASE_URL)."""
    event, aigul, _azamat = workshop
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://tracker.example.org/")
    page = print_certificates(coordinator_client, event)
    assert f"https://tracker.example.org/verify/{code_of(db, aigul)}" in page
    assert "http://localhost/verify/" not in page
