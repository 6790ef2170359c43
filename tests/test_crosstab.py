"""Cross-tables of officials trained: every pair of dimensions against plain SQL, for a phase,
a period across two phases and an empty one; what the totals mean; the API's answers."""
import re
from datetime import date
from io import BytesIO
from itertools import permutations

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from tracker.totals.crosstab import DIMENSIONS, Window, crosstab

# Plain SQL for each dimension: (expression on the joined rows, per backend where they differ).
EXPRESSIONS = {
    "sex": "COALESCE(p.sex, 'unknown')",
    "country": "p.country_code",
    "agency_type": "COALESCE(at.code, 'unknown')",
    "topic": "COALESCE(t.name_en, 'unknown')",
    "event_kind": "COALESCE(k.code, 'unknown')",
    "month": {"sqlite": "strftime('%Y-%m', e.start_date)",
              "postgresql": "to_char(e.start_date, 'YYYY-MM')"},
    "quarter": {"sqlite": "strftime('%Y', e.start_date) || '-Q' || "
                          "((CAST(strftime('%m', e.start_date) AS INTEGER) + 2) / 3)",
                "postgresql": "to_char(e.start_date, 'YYYY-\"Q\"Q')"},
}
FROM = """FROM attendance a JOIN event e ON e.id = a.event_id JOIN person p ON p.id = a.person_id
LEFT JOIN agency ag ON ag.id = a.agency_id LEFT JOIN agency_type at ON at.id = ag.agency_type_id
LEFT JOIN event_topic et ON et.event_id = e.id LEFT JOIN topic t ON t.id = et.topic_id
LEFT JOIN event_kind k ON k.id = e.kind_id
WHERE a.role = 'participant' AND e.status = 'held' AND e.start_date BETWEEN :start AND :end"""


def plain(db, start, end, *dimensions) -> dict:
    dialect = db.engine.dialect.name
    exprs = [EXPRESSIONS[d] if isinstance(EXPRESSIONS[d], str) else EXPRESSIONS[d][dialect]
             for d in dimensions]
    columns = "".join(f"{e} AS d{n}, " for n, e in enumerate(exprs))
    group = f" GROUP BY {', '.join(exprs)}" if exprs else ""
    rows = db.session.execute(text(f"SELECT {columns}COUNT(DISTINCT a.person_id) {FROM}{group}"),
                              {"start": start, "end": end}).all()
    return {tuple(row[:-1]): row[-1] for row in rows if row[-1]}


def nonzero(table: dict) -> dict:
    return {key: n for key, n in table.items() if n}


@pytest.fixture
def world(db, make_event, make_person, make_agency, attend):
    """Two phases of events: several topics, a missing kind and agency type, every sex, a
    person who moved agency, a person trained in both phases, trainers and a cancelled event."""
    customs_kz = make_agency("Customs Committee", "KZ", "customs")
    border_kg = make_agency("Border Service", "KG", "border_guard")
    untyped = make_agency("Untyped", "TJ", "border_guard")
    untyped.agency_type = None
    db.session.commit()
    first = make_event(topics=["Document Security", "Anti-corruption"], start_date=date(2017, 2, 6),
                       end_date=date(2017, 2, 8))
    second = make_event(title="Profiling", kind="seminar", topics=["Identification and Profiling"],
                        start_date=date(2017, 5, 10), end_date=date(2017, 5, 11), country_code="KZ")
    bare = make_event(title="Untitled meeting", kind="meeting", start_date=date(2017, 11, 1),
                      end_date=None)
    bare.kind = None
    later = make_event(title="Phase 10 course", topics=["Document Security"],
                       start_date=date(2021, 6, 1), end_date=date(2021, 6, 2))
    cancelled = make_event(title="Cancelled", status="cancelled", start_date=date(2017, 3, 1),
                           end_date=None)
    db.session.commit()
    aigul = make_person("Aigul Bekova", "KG", "F", agency=border_kg)
    dana = make_person("Dana Ospanova", "KZ", "F", agency=customs_kz)
    arman = make_person("Arman Ospanov", "KZ", "M", agency=customs_kz)
    anon = make_person("N. Unknown", "TJ", None, agency=untyped)
    attend(first, aigul)
    attend(first, anon)
    attend(second, aigul, agency=customs_kz)  # moved
    attend(second, dana)
    attend(second, arman, role="trainer")
    attend(bare, arman)
    attend(later, aigul)
    attend(later, dana)
    attend(cancelled, arman)


PERIODS = {
    "inside one phase": (date(2017, 1, 1), date(2017, 12, 31)),
    "across two phases": (date(2016, 1, 1), date(2022, 12, 31)),
    "empty": (date(2019, 1, 1), date(2019, 12, 31)),
}


@pytest.mark.parametrize("period", PERIODS)
def test_every_pair_of_dimensions_agrees_with_plain_sql(db, world, period):
    start, end = PERIODS[period]
    window = Window(start=start, end=end)
    total = plain(db, start, end).get((), 0)
    for rows, cols in permutations(DIMENSIONS, 2):
        table = crosstab(db.session, window, rows, cols)
        where = f"{rows} x {cols}, {period}"
        cells = {(r, c): n for r, row in table["cells"].items() for c, n in row.items() if n}
        assert cells == plain(db, start, end, rows, cols), where
        assert nonzero(table["row_totals"]) == {k: n for (k,), n in plain(db, start, end, rows).items()}, where
        assert nonzero(table["col_totals"]) == {k: n for (k,), n in plain(db, start, end, cols).items()}, where
        assert table["total"] == total, where


def test_totals_are_distinct_and_may_exceed_the_grand_total(db, world):
    table = crosstab(db.session, Window(start=date(2017, 1, 1), end=date(2017, 12, 31)),
                     "topic", "sex")
    # Aigul took two topics at one event and a third at another: she is in each topic's row,
    # once in the F column, once in the total.
    assert table["cells"]["Document Security"] == {"F": 1, "M": 0, "unknown": 1}
    assert table["cells"]["Identification and Profiling"] == {"F": 2, "M": 0, "unknown": 0}
    assert table["cells"]["unknown"] == {"F": 0, "M": 1, "unknown": 0}  # an event without topics
    assert table["col_totals"] == {"F": 2, "M": 1, "unknown": 1}
    assert table["total"] == 4
    assert sum(table["row_totals"].values()) == 7 > table["total"]
    assert list(table["cells"])[-1] == "unknown"


def test_the_example_shape_country_by_sex_with_every_sex_column(db, world):
    table = crosstab(db.session, Window(start=date(2017, 1, 1), end=date(2017, 12, 31)),
                     "country", "sex")
    assert table == {
        "rows": "country", "cols": "sex",
        "cells": {"KG": {"F": 1, "M": 0, "unknown": 0}, "KZ": {"F": 1, "M": 1, "unknown": 0},
                  "TJ": {"F": 0, "M": 0, "unknown": 1}},
        "row_totals": {"KG": 1, "KZ": 2, "TJ": 1}, "col_totals": {"F": 2, "M": 1, "unknown": 1},
        "total": 4}


def test_a_period_crossing_phases_counts_each_official_once(db, world):
    table = crosstab(db.session, Window(start=date(2016, 1, 1), end=date(2022, 12, 31)),
                     "country", "quarter")
    assert table["row_totals"]["KG"] == 1  # Aigul, trained in 2017 and in 2021
    assert table["cells"]["KG"]["2017-Q1"] == table["cells"]["KG"]["2021-Q2"] == 1


def test_months_of_the_period_are_all_there_even_empty(db, world):
    months = [(2017, m) for m in range(1, 13)]
    table = crosstab(db.session, Window(start=date(2017, 1, 1), end=date(2017, 12, 31)),
                     "month", "sex", months=months)
    assert list(table["cells"]) == [f"2017-{m:02d}" for m in range(1, 13)]
    assert table["row_totals"]["2017-02"] == 2 and table["row_totals"]["2017-03"] == 0
    quarters = crosstab(db.session, Window(start=date(2017, 1, 1), end=date(2017, 12, 31)),
                        "sex", "quarter", months=months)
    assert list(quarters["col_totals"]) == ["2017-Q1", "2017-Q2", "2017-Q3", "2017-Q4"]


def test_the_country_filter_keeps_that_countrys_officials(db, world):
    table = crosstab(db.session, Window(start=date(2017, 1, 1), end=date(2017, 12, 31),
                                        country="KZ"), "event_kind", "sex")
    assert table["total"] == 2
    assert table["cells"] == {"seminar": {"F": 1, "M": 0, "unknown": 0},
                              "unknown": {"F": 0, "M": 1, "unknown": 0}}


# --- GET /api/v1/crosstab -------------------------------------------------------------------

def test_the_api_answers_a_period_and_a_phase(db, world, manager_client):
    body = manager_client.get("/api/v1/crosstab?from=2017-01-01&to=2017-12-31&rows=country&cols=sex")
    assert body.status_code == 200
    assert body.get_json() == crosstab(db.session, Window(start=date(2017, 1, 1), end=date(2017, 12, 31)),
                                       "country", "sex")
    assert list(body.get_json()) == ["rows", "cols", "cells", "row_totals", "col_totals", "total"]
    phase = manager_client.get("/api/v1/crosstab?phase=10&rows=topic&cols=sex").get_json()
    assert phase["cells"] == {"Document Security": {"F": 2, "M": 0, "unknown": 0}}


@pytest.mark.parametrize("query, message", [
    ("rows=colour&cols=sex", "'colour' is not a dimension"),
    ("rows=sex&cols=sex", "two different dimensions"),
    ("from=2017-13-01&to=2017-12-31", "from: Enter a date as YYYY-MM-DD"),
    ("from=2017-01-01", "to: Give the last day of the period too."),
    ("from=2017-12-31&to=2017-01-01", "to: The last day is before the first day."),
    ("phase=9&from=2017-01-01&to=2017-12-31", "a phase or for from/to dates, not both"),
])
def test_bad_dimensions_and_dates_are_400_json(db, staff_client, query, message):
    response = staff_client.get(f"/api/v1/crosstab?{query}")
    assert response.status_code == 400
    assert message in response.get_json()["message"]


def test_a_country_limited_user_gets_only_their_countrys_officials(db, world, signed_in):
    kazakh = signed_in("manager", country_code="KZ")
    table = kazakh.get("/api/v1/crosstab?from=2017-01-01&to=2017-12-31").get_json()
    assert table["cells"] == {"KZ": {"F": 1, "M": 1, "unknown": 0}} and table["total"] == 2
    assert kazakh.get("/api/v1/crosstab?country=KG").status_code == 403


# --- Every cell leads to the events behind it -----------------------------------------------

def plain_events(db, start, end, **keys) -> set[int]:
    """Events with at least one participation in the cell: {dimension: key}."""
    dialect = db.engine.dialect.name
    where, params = "", {"start": start, "end": end}
    for n, (dimension, key) in enumerate(keys.items()):
        expr = EXPRESSIONS[dimension]
        expr = expr if isinstance(expr, str) else expr[dialect]
        where += f" AND {expr} = :k{n}"
        params[f"k{n}"] = key
    return set(db.session.scalars(text(f"SELECT DISTINCT e.id {FROM}{where}"), params))


def listed_events(client, url: str) -> set[int]:
    page = client.get(url).get_data(as_text=True)
    return {int(n) for n in re.findall(r'href="/events/(\d+)"', page)}


def test_every_cell_and_total_links_to_the_events_behind_it(db, world, manager_client):
    start, end = PERIODS["inside one phase"]
    for rows, cols in permutations(DIMENSIONS, 2):
        page = manager_client.get(f"/reports/crosstab?from={start}&to={end}&rows={rows}&cols={cols}")
        assert page.status_code == 200, (rows, cols)
        html = page.get_data(as_text=True)
        links = re.findall(r'data-cell="([^|"]*)\|([^"]*)"><a href="([^"]+)">', html)
        assert links, (rows, cols)
        for row, col, url in links:
            url = url.replace("&amp;", "&")
            assert listed_events(manager_client, url) == plain_events(
                db, start, end, **{rows: row, cols: col}), (rows, row, cols, col, url)
        for row, url in re.findall(r'data-row-total="([^"]*)"><a href="([^"]+)">', html):
            assert listed_events(manager_client, url.replace("&amp;", "&")) == plain_events(
                db, start, end, **{rows: row}), (rows, row)


def test_the_page_explains_why_totals_may_exceed_the_grand_total(db, world, manager_client):
    page = manager_client.get("/reports/crosstab?from=2017-01-01&to=2017-12-31&rows=topic&cols=sex")
    html = page.get_data(as_text=True)
    assert "may add up to more than its total" in html
    assert re.search(r'data-total><a href="[^"]+">4</a>', html)
    simple = manager_client.get("/reports/crosstab?period=2017-01-01_2017-12-31").get_data(as_text=True)
    assert "every official is in exactly one cell" in simple
    assert 'data-cell="KZ|M"><a href' in simple and "Arman" not in simple


def test_the_page_refuses_bad_dates_next_to_the_field(db, world, manager_client):
    page = manager_client.get("/reports/crosstab?period=custom&from=2017-12-31&to=2017-01-01")
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and "data-crosstab" not in html
    assert re.search(r'id="period-to"[^>]*>\s*<div class="invalid-feedback"[^>]*>The last day is '
                     r'before the first day.</div>', html)
    same = manager_client.get("/reports/crosstab?rows=sex&cols=sex").get_data(as_text=True)
    assert "Choose two different dimensions." in same


def test_the_xlsx_holds_the_same_table(db, world, manager_client):
    response = manager_client.get("/reports/crosstab.xlsx?from=2017-01-01&to=2017-12-31&rows=country&cols=sex")
    book = load_workbook(BytesIO(response.data))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("Country \\ Sex", "Female", "Male", "Unknown", "Total")
    assert rows[1:] == [("Kyrgyzstan", 1, 0, 0, 1), ("Kazakhstan", 1, 1, 0, 2),
                        ("Tajikistan", 0, 0, 1, 1), ("Total", 2, 1, 1, 4)]
    assert "2017-01-01_2017-12-31" in response.headers["Content-Disposition"]
