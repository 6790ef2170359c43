"""The mapping step: an unknown column does not refuse a file at once. The preview shows every
column with what it was matched to and lets the user map or ignore it; the choice is remembered
for the next file with that header. On the command line: --map and --ignore-unknown."""
import io
import re

from sqlalchemy import func, select

from tests.support.register_files import register_rows, to_csv
from tracker.models import Attendance, ColumnMapping, Event, Person

ROWS = register_rows({"Nom": "Aigul Bekova", "country": "KG", "Телефон": "+996 555 123"},
                     {"Nom": "Azamat Bekov", "country": "KG", "Телефон": ""})


def post_file(client, data: bytes, url="/import", name="register.csv"):
    return client.post(url, data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data").get_data(as_text=True)


def token_of(page: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def select_index(page: str, header: str) -> str:
    """The column-N name of the select on the row of `header`."""
    row = page.split(f"<td><code>{header}</code>", 1)[1]
    return re.search(r'name="(column-\d+)"', row).group(1)


def test_unknown_columns_are_mapped_in_the_preview_and_remembered(db, staff_client):
    page = post_file(staff_client, to_csv(ROWS))
    assert "Nothing can be imported yet" in page
    assert "row 1, Nom" not in page  # the table lists problems by row and column
    assert "unknown column; map it to a register column or ignore it" in page
    assert 'class="table-warning"' in page and "— choose —" in page
    answers = {"token": token_of(page), "filename": "register.csv",
               select_index(page, "Nom"): "full_name", select_index(page, "Телефон"): ""}
    page = staff_client.post("/import", data=answers).get_data(as_text=True)
    assert "Nothing can be imported yet" not in page
    assert '<div class="card-figure">2</div>new people' in page
    confirm = re.search(r'action="/import/confirm".*?name="token" type="hidden" value="([^"]+)"', page, re.S)
    staff_client.post("/import/confirm", data={"token": confirm.group(1), "filename": "register.csv"})
    assert db.session.scalar(select(func.count(Attendance.id))) == 2
    assert db.session.scalar(select(func.count(ColumnMapping.id))) == 1

    # The next file with the same header is read the same way at once.
    later = register_rows({"Nom": "Dana Nurlanova", "country": "KZ", "Телефон": "+7 700"},
                          event_title="Seminar", start_date="2017-01-10", end_date="")
    page = post_file(staff_client, to_csv(later))
    assert "Nothing can be imported yet" not in page
    assert "<code>" in page and "not read (ignore this column)" in page


def test_the_attendance_list_upload_has_the_mapping_step_too(db, staff_client, make_event):
    event = make_event()
    pasted = "Nom\tcountry\tNotes\nAigul Bekova\tKG\tvegetarian\n"
    page = staff_client.post(f"/events/{event.id}/attendance-list", data={"pasted": pasted}).get_data(as_text=True)
    assert "unknown column; map it to a register column or ignore it" in page
    answers = {"token": token_of(page), "filename": "pasted rows", "is_pasted": "yes",
               select_index(page, "Nom"): "full_name", select_index(page, "Notes"): ""}
    page = staff_client.post(f"/events/{event.id}/attendance-list", data=answers).get_data(as_text=True)
    assert "Nothing can be imported yet" not in page and "Aigul Bekova" in page


def test_slash_dates_are_asked_in_the_preview(db, staff_client):
    data = (b"event_title,start_date,end_date,full_name,country\n"
            b"Seminar,03/07/2017,03/09/2017,Aigul Bekova,KG\n")
    page = post_file(staff_client, data)
    assert "can be read day first or month first" in page
    assert 'name="slash_dates"' in page and "month first (July 3, 2017)" in page
    page = staff_client.post("/import", data={"token": token_of(page), "filename": "x.csv",
                                              "slash_dates": "month"}).get_data(as_text=True)
    assert "Nothing can be imported yet" not in page
    confirm = re.search(r'action="/import/confirm".*?name="token" type="hidden" value="([^"]+)"', page, re.S)
    assert 'name="slash_dates" type="hidden" value="month"' in page
    staff_client.post("/import/confirm", data={"token": confirm.group(1), "filename": "x.csv",
                                               "slash_dates": "month"})
    assert db.session.scalar(select(Event.start_date)).isoformat() == "2017-03-07"


def test_the_preview_shows_agency_and_position_that_will_be_written_or_changed(
        db, staff_client, make_person, make_agency):
    make_person("Aigul Bekova", "KG", "F", position="Inspector")
    rows = register_rows({"full_name": "Aigul Bekova", "country": "KG", "agency": 'ГП "Кыргызаэронавигация"',
                          "position": "Head of unit"})
    page = post_file(staff_client, to_csv(rows))
    assert "ГП &#34;Кыргызаэронавигация&#34;" in page and "Head of unit" in page
    assert "<s class=\"text-body-secondary\">Inspector</s>" in page


def test_the_command_line_maps_and_ignores_columns(cli, tmp_path):
    assert cli("db", "upgrade").exit_code == 0 and cli("seed").exit_code == 0
    path = tmp_path / "register.csv"
    path.write_bytes(to_csv(ROWS))
    refused = cli("import-register", path)
    assert refused.exit_code == 1
    assert "row 1, Nom: unknown column; did you mean full_name?" in refused.output
    assert "row 1, Телефон: unknown column; map it to a register column or ignore it" in refused.output
    assert '--map "Column=field"' in refused.output
    refused = cli("import-register", path, "--map", "Nom=full_name")
    assert refused.exit_code == 1 and "row 1, Телефон: unknown column" in refused.output
    done = cli("import-register", path, "--map", "Nom=full_name", "--ignore-unknown")
    assert done.exit_code == 0, done.output
    assert "Column H (“Телефон”) is not a register column; it is not read." in done.output
    bad = cli("import-register", path, "--map", "Nom=name")
    assert bad.exit_code == 2 and "write COLUMN=FIELD" in bad.output
    with cli.app.app_context():
        from tracker.extensions import db
        assert db.session.scalar(select(func.count(Person.id))) == 2
