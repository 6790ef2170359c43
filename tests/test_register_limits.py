"""A register file is read within limits (200,000 rows, 200 columns, 50 MB unpacked per sheet,
a grid of at most 8 million cells, 1,000 bad rows), whatever it claims: the same on the command
line, /import and an event's attendance-list upload."""
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.bombs import far_cells_xlsx, lying_sizes, wide_csv, xlsx_bomb
from tests.support.register_files import register_rows, to_csv, to_xlsx
from tracker.register import parse, prepare
from tracker.register.limits import MAX_BAD_ROWS

UNPACKS_TOO_FAR = ("row 1, file: the sheet unpacks to more than 50 MB; split the file or delete what "
                   "is not part of the register")


@pytest.fixture(scope="session")
def bomb():
    return xlsx_bomb()


def errors_of(data: bytes, **options) -> list[str]:
    return [str(e) for e in parse(data, **options).errors]


def test_a_decompression_bomb_is_refused_before_it_unpacks(app, bomb):
    assert len(bomb) < 4 * 1024 * 1024
    assert sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) > 1000 * 1024 ** 2
    assert b"<dimension" not in zipfile.ZipFile(io.BytesIO(bomb)).open("xl/worksheets/sheet1.xml").read(4096)
    with app.test_request_context():
        assert errors_of(bomb) == [UNPACKS_TOO_FAR]


def test_a_bomb_that_lies_about_its_size_stops_at_the_size_it_claims(app, bomb):
    with app.test_request_context():
        assert errors_of(lying_sizes(bomb)) == [
            "row 1, file: not a readable XLSX file: open it in Excel or LibreOffice and save it again as XLSX"]


@pytest.mark.parametrize("last,reason", [
    ("XFD1048576", "the sheet has more than 200,000 rows; split the file"),
    ("XFD2", "the sheet has more than 200 columns; delete the columns that are not part of the register"),
    ("GR150000", "the sheet's cells reach row 150,000 and column 200; delete the stray cells far "
                 "below or to the right of the register"),
])
def test_cells_far_apart_are_refused_before_the_grid_is_made(app, last, reason):
    with app.test_request_context():
        assert errors_of(far_cells_xlsx(last)) == [f"row 1, file: {reason}"]


def test_a_million_header_columns_are_refused_at_once(app):
    with app.test_request_context():
        assert errors_of(wide_csv()) == [
            "row 1, file: the sheet has more than 200 columns; delete the columns that are not part of "
            "the register"]


def test_more_than_200000_rows_are_refused(app):
    data = b"event_title,start_date,full_name,country\n" + b"A,2016-03-14,X,KG\n" * 201_001
    with app.test_request_context():
        assert errors_of(data) == ["row 1, file: the sheet has more than 200,000 rows; split the file"]


def test_more_than_1000_bad_rows_lists_the_first_1000(app):
    rows = register_rows(*({"full_name": f"Person {n}", "country": "KG", "sex": "x"} for n in range(1500)))
    with app.test_request_context():
        errors = errors_of(to_csv(rows))
    assert len(errors) == MAX_BAD_ROWS + 1
    assert errors[0] == "row 2, sex: “x” is not F/M, female/male or Ж/М"
    assert errors[-1] == ("row 1002, file: more than 1,000 bad rows; the first 1,000 are listed. "
                          "Correct them and upload the file again")


def test_bad_rows_of_the_plan_are_bounded_too(db):
    rows = register_rows(*({"full_name": f"Person {n}", "country": "Narnia"} for n in range(1200)))
    errors = [str(e) for e in prepare(to_csv(rows)).errors]
    assert len(errors) == MAX_BAD_ROWS + 1
    assert errors[-1].startswith("row 1002, file: more than 1,000 bad rows")


def test_an_xls_from_before_excel_97_says_what_to_do(app):
    biff5 = b"\x09\x08\x08\x00\x00\x05\x05\x00" + b"\x00" * 200
    with app.test_request_context():
        assert errors_of(biff5) == [
            "row 1, file: this .xls file is from before Excel 97, which cannot be read; open it in Excel "
            "or LibreOffice and save it as XLSX"]


def test_a_header_below_the_first_10_rows_says_where_it_must_be(app):
    data = b"\n" * 11 + b"event_title,start_date,full_name,country\nA,2016-03-14,X,KG\n"
    with app.test_request_context():
        assert errors_of(data) == [
            "row 1, file: the header must be in the first 10 rows of a sheet, naming the columns (for "
            "example full_name or ФИО, country or Страна); no such row was found"]


# --- never a crash, never beyond the limits ---------------------------------------------------

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
VALID_XLSX = to_xlsx(register_rows({"full_name": "Aigul Bekova", "country": "KG"}))


def check(app, data: bytes) -> None:
    with app.test_request_context():
        result = parse(data)
    assert result.rows or result.errors
    assert len(result.rows) <= 200_000 and len({e.row for e in result.errors}) <= MAX_BAD_ROWS + 1
    for error in result.errors:
        assert str(error).startswith(f"row {error.row}, ")


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes(app, data):
    check(app, data)


@SETTINGS
@given(st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe"]),
       st.binary(max_size=4000))
def test_random_bytes_after_a_known_signature(app, signature, data):
    check(app, signature + data)


@SETTINGS
@given(st.integers(min_value=0, max_value=len(VALID_XLSX)), st.integers(min_value=0, max_value=255),
       st.integers(min_value=0, max_value=len(VALID_XLSX) - 1))
def test_truncated_and_damaged_workbooks(app, length, byte, at):
    damaged = bytearray(VALID_XLSX)
    damaged[at] = byte
    check(app, bytes(damaged[:length]) or b"x")


@SETTINGS
@given(st.integers(min_value=1, max_value=1_048_576), st.integers(min_value=1, max_value=16_384))
def test_huge_dimensions_anywhere(app, row, column):
    from tracker.register.header import letter

    check(app, far_cells_xlsx(f"{letter(column)}{row}"))
