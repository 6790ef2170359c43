"""The register import from the browser (/import) and the command line."""
import io

from sqlalchemy import func, select

from tests.support.register_files import register_rows, to_csv, to_xlsx
from tracker.models import Attendance, Event, Person

AIGUL = {"full_name": "Aigul Bekova", "sex": "F", "country": "KG"}
AZAMAT = {"full_name": "Азамат Беков", "sex": "М", "country": "Кыргызстан"}


def upload(client, data: bytes, name: str):
    return client.post("/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_upload_preview_then_confirm(db, staff_client):
    page = upload(staff_client, to_xlsx(register_rows(AIGUL, AZAMAT)), "register.xlsx").get_data(as_text=True)
    assert "Preview: register.xlsx" in page
    assert '<div class="card-figure">1</div>new events' in page
    assert '<div class="card-figure">2</div>new people' in page
    assert db.session.scalar(select(func.count(Event.id))) == 0
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    response = staff_client.post("/import/confirm", data={"token": token, "filename": "register.xlsx"})
    assert response.headers["Location"] == "/events"
    assert db.session.scalar(select(func.count(Attendance.id))) == 2
    listing = staff_client.get("/events").get_data(as_text=True)
    assert "Imported register.xlsx" in listing and "Document Security Workshop" in listing
    # The token is spent: confirming again imports nothing more.
    again = staff_client.post("/import/confirm", data={"token": token, "filename": "register.xlsx"},
                              follow_redirects=True)
    assert "no longer available" in again.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Attendance.id))) == 2


def test_preview_names_every_bad_row_and_offers_no_import(db, staff_client):
    rows = register_rows(AIGUL, {**AZAMAT, "country": "Kirgizstan"}, {"full_name": "X", "country": "KG", "sex": "?"})
    page = upload(staff_client, to_csv(rows), "bad.csv").get_data(as_text=True)
    assert "Nothing can be imported yet" in page and "2 problems" in page
    assert "unknown country “Kirgizstan”; did you mean “Kyrgyzstan”?" in page
    assert "“?” is not F/M, female/male or Ж/М" in page
    assert 'action="/import/confirm"' not in page
    assert db.session.scalar(select(func.count(Person.id))) == 0


def test_upload_form_asks_for_a_file(db, staff_client):
    page = staff_client.post("/import", data={}).get_data(as_text=True)
    assert "Choose an XLSX, XLS, ODS or CSV file." in page
    page = upload(staff_client, b"x", "register.docx").get_data(as_text=True)
    assert "Upload an .xlsx, .xls, .ods or .csv file." in page


def test_a_forged_token_is_refused(db, staff_client):
    response = staff_client.post("/import/confirm", data={"token": "../../etc/passwd", "filename": "x"},
                                 follow_redirects=True)
    assert "no longer available" in response.get_data(as_text=True)


def test_managers_may_not_import(db, manager_client):
    assert manager_client.get("/import").status_code == 403
    assert upload(manager_client, to_csv(register_rows(AIGUL)), "r.csv").status_code == 403
    assert db.session.scalar(select(func.count(Person.id))) == 0


def test_a_country_limited_user_may_import_only_their_country(db, signed_in):
    client = signed_in("staff", country_code="KZ")
    page = upload(client, to_csv(register_rows(AIGUL)), "r.csv").get_data(as_text=True)
    assert "your account may only record officials of KZ" in page
    assert "your account may only record events held in KZ" in page


def test_template_lists_every_column(staff_client):
    text = staff_client.get("/import/template.csv").get_data(as_text=True)
    assert text.startswith("\ufeffevent_title,start_date,end_date,event_code")
    assert "pre_score,post_score,rating" in text.splitlines()[0]


def test_cli_import_dry_run_exit_codes_and_report(tmp_path, cli):
    assert cli("db", "upgrade").exit_code == 0
    cli("seed")
    good = tmp_path / "good.csv"
    good.write_bytes(to_csv(register_rows(AIGUL, AZAMAT), bom=True))
    dry = cli("import-register", str(good), "--dry-run")
    assert dry.exit_code == 0
    assert "People: 2 new, 0 matched" in dry.stdout and "Dry run: nothing was written." in dry.stdout
    first = cli("import-register", str(good))
    assert first.exit_code == 0 and "Imported good.csv." in first.stdout
    second = cli("import-register", str(good))
    assert "Attendances: 0 new, 2 already on record" in second.stdout
    assert "Nothing to change" in second.stdout
    bad = tmp_path / "bad.csv"
    bad.write_bytes(to_csv(register_rows({**AIGUL, "sex": "M"}, {"full_name": "", "country": "KG"},
                                         event_title="Seminar")))
    refused = cli("import-register", str(bad))
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        "Nothing was imported: 2 problem(s) in the file.",
        "row 2, sex: M differs from F on record for Aigul Bekova",
        "row 3, full_name: required; the cell is blank",
    ]
