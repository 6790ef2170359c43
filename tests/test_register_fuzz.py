"""Property-based tests: whatever file arrives, the import answers with rows or row errors,
never a crash, and a refused file leaves the database as it was."""
import csv
import io

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.support.register_files import register_rows, to_xlsx
from tracker.extensions import db as _db
from tracker.models import Agency, Attendance, Event, Person
from tracker.register import apply_plan, parse, prepare
from tracker.register.parse import EVENT_COLUMNS, PERSON_COLUMNS

FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
COLUMNS = list(EVENT_COLUMNS + PERSON_COLUMNS) + ["Full_Name", "COUNTRY", "colour", ""]
CELLS = st.one_of(
    st.sampled_from(["", "KG", "Кыргызстан", "Kirgizia", "14.03.2016", "2016-03-14", "31.02.2016",
                     "2019-01-01", "F", "ж", "x", "participant", "trainer", "boss", "3", "0", "-1",
                     "9", "workshop", "Document Security", "Docs", "9", "10", "7", "a@b.kg", "@",
                     "Aigul Bekova", "Бекова Айгуль", "=HYPERLINK(1)", "regional", "held", "planned"]),
    st.text(max_size=30),
)


def table_counts():
    return tuple(_db.session.scalar(select(func.count()).select_from(m))
                 for m in (Event, Person, Agency, Attendance))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_rows_or_errors_never_a_crash(data):
    result = parse(data)
    assert result.rows or result.errors
    for error in result.errors:
        assert str(error).startswith(f"row {error.row}, ")


@st.composite
def registers(draw):
    header = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=10))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 2), max_size=8))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";"])))
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


VALID = {
    "event_title": st.sampled_from(["Workshop A", "Seminar B", "workshop a"]),
    "start_date": st.sampled_from(["14.03.2016", "2016-03-14", "01.06.2017"]),
    "end_date": st.sampled_from(["", "2016-03-16"]),
    "full_name": st.sampled_from(["Aigul Bekova", "Бекова Айгуль", "Azamat Bekov", "Dana Nur",
                                  "Timur Saidov", "Саидов Тимур"]),
    "country": st.sampled_from(["KG", "KZ", "Kazakhstan", "Таджикистан"]),
    "sex": st.sampled_from(["", "F", "M", "ж"]),
    "role": st.sampled_from(["", "participant", "trainer"]),
    "agency": st.sampled_from(["", "Border Service", "Customs"]),
    "topics": st.sampled_from(["", "Document Security", "Anti-corruption; Training of Trainers"]),
    "days_attended": st.sampled_from(["", "1", "2"]),
}


@st.composite
def nearly_valid_registers(draw):
    optional = draw(st.lists(st.sampled_from(["end_date", "sex", "role", "agency", "topics",
                                              "days_attended"]), unique=True))
    header = ["event_title", "start_date", "full_name", "country"] + optional
    rows = []
    for _ in range(draw(st.integers(1, 8))):
        row = [draw(VALID[column]) for column in header]
        if draw(st.integers(0, 9)) == 0:  # now and then, one broken cell
            row[draw(st.integers(0, len(row) - 1))] = draw(CELLS)
        rows.append(row)
    out = io.StringIO()
    csv.writer(out).writerows([header] + rows)
    return out.getvalue().encode()


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURES)
@given(data=st.one_of(registers(), nearly_valid_registers()))
def test_random_registers_import_whole_or_not_at_all(db, data):
    before = table_counts()
    plan = prepare(data)
    event("refused" if plan.errors else "imported")
    if plan.errors:
        db.session.rollback()
        assert table_counts() == before
        assert all(error.row >= 1 and error.reason for error in plan.errors)
    else:
        counts = apply_plan(plan, source="fuzz")
        after = table_counts()
        assert after[3] - before[3] == counts["attendances_new"]
        assert after[1] - before[1] == counts["people_new"]
        again = prepare(data)  # importing the same file twice changes nothing
        assert again.ok and again.counts["attendances_new"] == 0
        db.session.rollback()


GOOD_XLSX = to_xlsx(register_rows({"full_name": "Aigul Bekova", "country": "KG"},
                                  {"full_name": "Бекова Айгуль", "country": "KZ"}))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(GOOD_XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=20))
def test_corrupted_xlsx_files_never_crash(flips):
    data = bytearray(GOOD_XLSX)
    for position, value in flips:
        data[position] = value
    result = parse(bytes(data))
    assert result.rows or result.errors
