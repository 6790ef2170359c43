"""CSV and XLSX exports of rosters and the people list: Cyrillic survives, formulas do not."""
import csv
import io
from datetime import date
from io import BytesIO, StringIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tracker.exports import BOM, Counted, Sheet, neutralise, workbook, write_csv
from tracker.models import AuditEntry

HYPERLINK = '=HYPERLINK("http://x","y")'
ROSTER_HEADER = ["Full name", "Sex", "Country", "Agency", "Agency type", "Position", "Email", "Role",
                 "Days attended", "Event code", "Event", "Start date", "End date"]


@pytest.fixture
def event_with_traps(make_event, make_person, make_agency, attend):
    """A roster with Cyrillic names and cells a spreadsheet would run as formulas."""
    event = make_event()
    customs = make_agency("Таможенная служба", "KG", "customs")
    attend(event, make_person("Азамат Беков", "KG", "M", agency=customs, position="Старший инспектор",
                              email="bekov@example.kg"), days_attended=2)
    attend(event, make_person(HYPERLINK, "KG", "F"))
    attend(event, make_person("-1+1", "KZ", None, agency=make_agency("+Agency", "KZ", "police"),
                              position="@SUM(A1)"))
    attend(event, make_person("Juris Ozols", "LV", "M", agency=make_agency("State Border Guard", "LV")),
           role="trainer")
    return event


def read_csv(response) -> list[list[str]]:
    text = response.data.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM):])))


def read_xlsx(response):
    return load_workbook(io.BytesIO(response.data)).worksheets[0]


def test_event_csv_round_trips_cyrillic_and_neutralises_formulas(db, coordinator_client, event_with_traps):
    response = coordinator_client.get(f"/events/{event_with_traps.id}/export.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == f"attachment; filename=event-{event_with_traps.id}-roster.csv"
    rows = read_csv(response)
    assert rows[0] == ROSTER_HEADER
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Азамат Беков"] == ["Азамат Беков", "M", "KG", "Таможенная служба", "Customs",
                                       "Старший инспектор", "bekov@example.kg", "participant", "2", "",
                                       "Document security workshop", "14.03.2016", "16.03.2016"]
    assert by_name["'" + HYPERLINK][1:3] == ["F", "KG"]
    assert by_name["'-1+1"][3:6] == ["'+Agency", "Police", "'@SUM(A1)"]
    assert by_name["Juris Ozols"][7:9] == ["trainer", "3"]
    assert len(rows) == 5
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    # Numbers are written bare, text with a quote in it is quoted.
    raw = response.data.decode("utf-8")
    assert ",participant,2,," in raw and '"\'=HYPERLINK(""http://x"",""y"")"' in raw


def test_event_xlsx_round_trips_cyrillic_keeps_numbers_and_has_no_formulas(db, coordinator_client, event_with_traps):
    response = coordinator_client.get(f"/events/{event_with_traps.id}/export.xlsx")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = read_xlsx(response)
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ROSTER_HEADER
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Азамат Беков"][:9] == ["Азамат Беков", "M", "KG", "Таможенная служба", "Customs",
                                           "Старший инспектор", "bekov@example.kg", "participant", 2]
    assert by_name["Азамат Беков"][9:11] == [None, "Document security workshop"]
    assert by_name["Азамат Беков"][11].date() == date(2016, 3, 14)
    assert by_name["'" + HYPERLINK][8] == 3 and isinstance(by_name["'" + HYPERLINK][8], int)
    assert by_name["'-1+1"][1] is None and by_name["'-1+1"][3:6] == ["'+Agency", "Police", "'@SUM(A1)"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert {cell.data_type for cell in cells if isinstance(cell.value, int)} == {"n"}


def test_the_people_export_honours_the_list_filters(db, coordinator_client, make_person, make_agency):
    customs = make_agency("Customs Service", "KG", "customs")
    make_person("Aigul Bekova", "KG", "F")
    make_person("Азамат Беков", "KG", "M", agency=customs)
    make_person("Bekzat Omarov", "KZ", "M")
    make_person("Dana Nurlanova", "KZ", "F")

    def names(query: str) -> list[str]:
        rows = read_csv(coordinator_client.get(f"/people/export.csv?{query}"))
        assert rows[0] == ["Name", "Sex", "Country", "Agency", "Agency type", "Position", "Email", "Events"]
        return sorted(row[0] for row in rows[1:])

    assert names("") == ["Aigul Bekova", "Bekzat Omarov", "Dana Nurlanova", "Азамат Беков"]
    assert names("q=Беков") == ["Aigul Bekova", "Азамат Беков"]
    assert names("country=KZ") == ["Bekzat Omarov", "Dana Nurlanova"]
    assert names("sex=F&country=KG") == ["Aigul Bekova"]
    assert names(f"agency={customs.id}") == ["Азамат Беков"]
    assert names("page=2") == names("")  # an export holds every page of the list


def test_the_people_xlsx_counts_events_as_numbers(db, coordinator_client, make_event, make_person, attend):
    aigul = make_person("Aigul Bekova", "KG", "F", position="-Head of unit")
    attend(make_event(title="One"), aigul)
    attend(make_event(title="Two"), aigul)
    sheet = read_xlsx(coordinator_client.get("/people/export.xlsx?q=aigul"))
    assert [cell.value for cell in sheet[2]] == [
        "Aigul Bekova", "F", "KG", "State Border Service", "Border guard", "'-Head of unit", None, 2]


def test_the_people_export_reads_the_list_in_batches_and_loses_no_one(
        db, coordinator_client, make_person, monkeypatch):
    """The export reads PEOPLE_BATCH people at a time (constant memory at 50,000): with
    batches of two, all seven come out once, in the list's order, and the audit entry counts them."""
    from tracker.reports import lists

    monkeypatch.setattr(lists, "PEOPLE_BATCH", 2)
    names = [f"Official {letter}" for letter in "GFEDCBA"]
    for name in names:
        make_person(name, "KG", "F")
    rows = read_csv(coordinator_client.get("/people/export.csv"))
    assert [row[0] for row in rows[1:]] == sorted(names)
    sheet = read_xlsx(coordinator_client.get("/people/export.xlsx"))
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == sorted(names)
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "export")
                               .order_by(AuditEntry.id.desc())).first()
    assert entry.summary.endswith(": 7 rows")


def test_the_people_export_keeps_to_the_users_country(db, signed_in, make_person):
    make_person("Aigul Bekova", "KG", "F")
    make_person("Dana Nurlanova", "KZ", "F")
    client = signed_in("coordinator", country_code="KZ")
    assert [row[0] for row in read_csv(client.get("/people/export.csv"))[1:]] == ["Dana Nurlanova"]
    assert read_csv(client.get("/people/export.csv?country=KG"))[1:] == []
    sheet = read_xlsx(client.get("/people/export.xlsx"))
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["Dana Nurlanova"]


def test_a_limited_coordinator_exports_only_their_own_officials_of_an_event_abroad(
        db, signed_in, event_with_traps):
    """A Kyrgyz event with Kazakh participants: a Kazakh-limited coordinator exports the
    Kazakh lines only; a Tajik-limited one, none of whose officials took part, gets 404."""
    client = signed_in("coordinator", country_code="KZ")
    rows = read_csv(client.get(f"/events/{event_with_traps.id}/export.csv"))
    assert [row[2] for row in rows[1:]] == ["KZ"]
    assert "Беков".encode() not in client.get(f"/events/{event_with_traps.id}/export.xlsx").data
    tajik = signed_in("coordinator", country_code="TJ")
    for suffix in ("csv", "xlsx"):
        response = tajik.get(f"/events/{event_with_traps.id}/export.{suffix}")
        assert response.status_code == 404
        assert "Беков".encode() not in response.data
    assert len(db.session.scalars(select(AuditEntry)).all()) == 2  # the two Kazakh downloads


@pytest.mark.parametrize("role", ["staff", "manager"])
def test_staff_and_managers_may_not_export_and_nothing_is_audited(db, signed_in, event_with_traps, role):
    client = signed_in(role)
    for url in (f"/events/{event_with_traps.id}/export.csv", f"/events/{event_with_traps.id}/export.xlsx",
                "/people/export.csv", "/people/export.xlsx"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Беков".encode() not in response.data
    # The refusals are in the audit log; no export is.
    assert db.session.scalars(select(AuditEntry.action)).all() == ["access_refused"] * 4


def test_every_export_is_audited_with_what_and_how_many_rows(db, signed_in, event_with_traps):
    client = signed_in("coordinator")
    event_id = event_with_traps.id
    for url in (f"/events/{event_id}/export.csv", f"/events/{event_id}/export.xlsx",
                "/people/export.csv?country=KG&sex=F", "/people/export.xlsx"):
        assert client.get(url).status_code == 200
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.object_type, e.object_id, e.user_id) for e in entries] == [
        ("export", "event", event_id, client.user.id), ("export", "event", event_id, client.user.id),
        ("export", None, None, client.user.id), ("export", None, None, client.user.id)]
    assert [e.summary for e in entries] == [
        f"Roster of event {event_id} as CSV: 4 rows",
        f"Roster of event {event_id} as XLSX: 4 rows",
        "People list as CSV (country=KG, sex=F): 1 row",
        "People list as XLSX (no filters): 4 rows",
    ]


def test_the_people_list_links_its_exports_with_the_current_filters(db, signed_in):
    page = signed_in("coordinator").get("/people?q=bek&country=KG&page=2").get_data(as_text=True)
    assert 'href="/people/export.csv?q=bek&amp;country=KG"' in page
    assert 'href="/people/export.xlsx?q=bek&amp;country=KG"' in page
    assert "/people/export.csv" not in signed_in("staff").get("/people").get_data(as_text=True)


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+7 701 555 0101", "'+7 701 555 0101"), ("-", "'-"), ("@cmd", "'@cmd"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Aigul", "Aigul"), ("a=b", "a=b"), ("", ""),
    (-5, -5), (2.5, 2.5), (None, None), (date(2016, 3, 14), date(2016, 3, 14)),
])
def test_neutralise_quotes_only_text_that_starts_like_a_formula(value, expected):
    assert neutralise(value) == expected


def test_the_helpers_write_numbers_and_dates_as_such():
    out = StringIO()
    rows = Counted(iter([["=x", -3, date(2016, 3, 14)], [None, 0, None]]))
    write_csv(out, ["Name", "Count", "Day"], rows)
    assert out.getvalue() == BOM + "Name,Count,Day\r\n'=x,-3,14.03.2016\r\n,0,\r\n"
    assert str(rows) == "2 rows"
    saved = BytesIO()
    workbook([Sheet("Figures", ["Name", "Count", "Day"], [["=x", -3, date(2016, 3, 14)]])]).save(saved)
    book = load_workbook(saved)
    assert book["Figures"]["A1"].font.bold and book["Figures"].freeze_panes == "A2"
    name, count, day = book["Figures"][2]
    assert (name.value, name.data_type) == ("'=x", "s")
    assert (count.value, count.data_type) == (-3, "n")
    assert day.value.date() == date(2016, 3, 14) and day.number_format == "DD.MM.YYYY"


def test_a_workbook_whose_rows_fail_half_way_leaves_no_sheet_open_and_no_temporary_file():
    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    def rows():
        yield ["Aigul Bekova", 1]
        raise LookupError("the query behind the rows failed")

    before = set(ALL_TEMP_FILES)
    with pytest.raises(LookupError):
        workbook([Sheet("Figures", ["Name", "Count"], [["Dana", 2]]), Sheet("People", ["Name", "Events"], rows())])
    assert set(ALL_TEMP_FILES) == before


def test_control_characters_already_on_record_are_left_out_of_the_files(
        db, coordinator_client, make_event, make_person, make_agency, attend):
    """A name holding ESC or U+0001 (pasted before such text was refused) made the XLSX
    exports fail with a 500, after the download had been written to the audit log."""
    event = make_event()
    attend(event, make_person("\x1b[31mAzamat\x01 Bekov", "KG", "M",
                              agency=make_agency("Customs\x0b service", "KG"),
                              position="\x01=1+1"))
    for url in (f"/events/{event.id}/export.xlsx", "/people/export.xlsx"):
        sheet = read_xlsx(coordinator_client.get(url))
        assert [c.value for c in sheet[2]][:6] == ["[31mAzamat Bekov", "M", "KG", "Customs service",
                                                   "Border guard", "'=1+1"]
    for url in (f"/events/{event.id}/export.csv", "/people/export.csv"):
        assert read_csv(coordinator_client.get(url))[1][0] == "[31mAzamat Bekov"
    assert len(db.session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()) == 4


def test_a_download_that_fails_is_not_written_to_the_audit_log(
        db, coordinator_client, event_with_traps, monkeypatch):
    from tracker import exports

    def broken(*args, **kwargs):
        raise RuntimeError("the file could not be written")

    monkeypatch.setattr(exports.Workbook, "save", broken)
    response = coordinator_client.get(f"/events/{event_with_traps.id}/export.xlsx")
    assert response.status_code == 500
    assert coordinator_client.get("/people/export.xlsx").status_code == 500
    assert db.session.scalars(select(AuditEntry.action)).all() == []
