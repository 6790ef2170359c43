"""Admins upload the programme's and the donor's logos (PNG or SVG); certificates, sign-in
sheets and the phase report print them. An SVG carrying script is refused, and every logo is
served under a policy that runs nothing."""
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tracker.models import AuditEntry, Logo

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")
SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
       b'<rect width="120" height="40" fill="#003399"/><text x="10" y="28" fill="#fc0">EU</text>'
       b'<use href="#star"/></svg>')


def upload(client, data: bytes, name: str, kind: str = "programme"):
    return client.post("/admin/logos", content_type="multipart/form-data",
                       data={"kind": kind, "file": (io.BytesIO(data), name)})


def logo_files(app) -> list[str]:
    folder = Path(app.config["UPLOAD_FOLDER"]) / "logos"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def no_logo_files(app):
    before = set(logo_files(app))
    yield
    for name in set(logo_files(app)) - before:
        (Path(app.config["UPLOAD_FOLDER"]) / "logos" / name).unlink()


def test_the_logos_are_printed_on_certificates_sign_in_sheets_and_the_phase_report(
        app, db, admin_client, coordinator_client, manager_client, make_event, make_person,
        attend, no_logo_files):
    assert upload(admin_client, PNG, "bomca.png").status_code == 302
    assert upload(admin_client, SVG, "eu-flag.svg", kind="donor").status_code == 302
    programme_logo = db.session.scalar(select(Logo).where(Logo.kind == "programme"))
    donor_logo = db.session.scalar(select(Logo).where(Logo.kind == "donor"))
    assert (programme_logo.content_type, donor_logo.content_type) == ("image/png", "image/svg+xml")
    event = make_event()
    attend(event, make_person())
    for client, path in ((coordinator_client, f"/events/{event.id}/certificates"),
                         (coordinator_client, f"/events/{event.id}/sign-in-sheet"),
                         (manager_client, "/reports/phase/9")):
        page = client.get(path).get_data(as_text=True)
        assert f'src="/logos/{programme_logo.id}"' in page, path
        assert f'src="/logos/{donor_logo.id}"' in page, path

    image = manager_client.get(f"/logos/{donor_logo.id}")
    assert image.data == SVG and image.mimetype == "image/svg+xml"
    assert "sandbox" in image.headers["Content-Security-Policy"]
    assert "script-src" not in image.headers["Content-Security-Policy"]  # default-src 'none'
    assert manager_client.get(f"/logos/{programme_logo.id}").data == PNG
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "logo"))
    assert list(actions) == ["create", "create"]


@pytest.mark.parametrize("data,name,message", [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg",
     "The SVG contains script or embedded content"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>', "x.svg",
     "The SVG contains script or links to other files"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     b'<image xlink:href="http://tracker.example/steal"/></svg>', "x.svg",
     "The SVG contains script or links to other files"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>',
     "x.svg", "The SVG contains script or links to other files"),
    (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
     "x.svg", "The SVG declares a document type or entities"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect', "x.svg", "This is not a readable SVG file."),
    (b"GIF89a\x01\x00", "logo.png", "Only PNG and SVG images can be logos"),
    (PNG + b"\x00" * (1024 * 1024), "huge.png", "The file is larger than 1 MB."),
])
def test_a_logo_that_is_not_a_plain_image_is_refused_next_to_the_field(
        app, db, admin_client, data, name, message, no_logo_files):
    files_before = logo_files(app)
    response = upload(admin_client, data, name)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert page.index(message) > page.index('id="file"')
    assert db.session.scalar(select(func.count(Logo.id))) == 0
    assert logo_files(app) == files_before  # no file left behind


def test_replacing_and_removing_a_logo_leaves_no_file_behind(app, db, admin_client, no_logo_files):
    files_before = logo_files(app)  # other tests' worlds keep a logo file of their own
    upload(admin_client, PNG, "old.png")
    old = db.session.scalar(select(Logo)).stored_name
    upload(admin_client, SVG, "new.svg")
    db.session.expire_all()
    logo = db.session.scalar(select(Logo))
    assert logo.filename == "new.svg" and old != logo.stored_name
    assert sorted(set(logo_files(app)) - set(files_before)) == [logo.stored_name]
    page = admin_client.post(f"/admin/logos/{logo.id}/delete", follow_redirects=True)
    assert "Programme&#39;s logo removed." in page.get_data(as_text=True)
    assert logo_files(app) == files_before and db.session.scalar(select(func.count(Logo.id))) == 0
    assert [e.action for e in db.session.scalars(select(AuditEntry).where(
        AuditEntry.object_type == "logo").order_by(AuditEntry.id))] == ["create", "update", "delete"]
