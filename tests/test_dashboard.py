"""The dashboard at /, the phase report and its XLSX, and `flask totals`: what a manager sees."""
import json
import re
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import event

from tests.support.figures import (
    SUMMARY_LABELS,
    running_table,
    shown_breakdowns,
    shown_figures,
    summary_figures,
)
from tracker.totals import phase_totals


@pytest.fixture
def programme(db, make_event, make_person, make_agency, attend):
    """A small phase 9: three held events in two countries, one cancelled, trainers, scores."""
    customs_kz = make_agency("State Revenue Committee", "KZ", "customs")
    border_kg = make_agency("Border Service", "KG", "border_guard")
    workshop = make_event(topics=["Document Security"], start_date=date(2016, 3, 14),
                          end_date=date(2016, 3, 18))
    seminar = make_event(title="Profiling", kind="seminar", country_code="KZ",
                         topics=["Identification and Profiling", "Document Security"],
                         start_date=date(2017, 1, 10), end_date=date(2017, 1, 11))
    visit = make_event(title="Riga visit", kind="study visit", country_code="LV",
                       start_date=date(2017, 9, 4), end_date=date(2017, 9, 8))
    cancelled = make_event(title="Cancelled", status="cancelled")
    aigul = make_person("Aigul Bekova", "KG", "F", agency=border_kg)
    dana = make_person("Dana Ospanova", "KZ", "F", agency=customs_kz)
    arman = make_person("Arman Ospanov", "KZ", "M", agency=customs_kz)
    anon = make_person("N. Unknown", "KG", None, agency=border_kg)
    attend(workshop, aigul, days_attended=4, pre_score=50, post_score=80, rating=5)
    attend(workshop, anon, days_attended=2, rating=3)
    attend(seminar, aigul, agency=customs_kz)
    attend(seminar, dana, pre_score=70, post_score=60, rating=4)
    attend(visit, arman)
    attend(visit, make_person("Janis Trainer", "LV", "M"), role="trainer")
    attend(cancelled, dana)


def test_every_surface_shows_the_same_figures(app, db, programme, manager_client, targets):
    targets(events_held=60, officials_trained=900)
    truth = phase_totals(9)
    assert (truth["events_held"], truth["officials_trained"], truth["participations"]) == (3, 4, 5)

    api = manager_client.get("/api/v1/totals?phase=9").get_json()
    cli = json.loads(app.test_cli_runner().invoke(args=["totals", "--phase", "9", "--json"]).output)
    dashboard = manager_client.get("/?phase=9").get_data(as_text=True)
    report = manager_client.get("/reports/phase/9").get_data(as_text=True)
    workbook = load_workbook(BytesIO(manager_client.get("/reports/phase/9.xlsx").data))

    assert api == cli == truth
    from_xlsx = summary_figures(workbook)
    for page in (dashboard, report):
        assert shown_figures(page) == from_xlsx
        assert shown_breakdowns(page) == {k: truth[k] for k in (
            "by_country", "by_agency_type", "by_topic", "by_event_kind")}
        assert running_table(page) == truth["cumulative"]
    assert from_xlsx == {key: truth[key] for key in SUMMARY_LABELS.values()}
    for key, sheet in (("by_country", "By country"), ("by_agency_type", "By agency type"),
                       ("by_topic", "By topic"), ("by_event_kind", "By event kind")):
        rows = workbook[sheet].iter_rows(min_row=2, values_only=True)
        assert {code: count for code, _name, count in rows} == truth[key]
    months = list(workbook["Running totals"].iter_rows(min_row=2, values_only=True))
    assert [dict(zip(("month", "events_held", "officials_trained"), row)) for row in months] \
        == truth["cumulative"]


def test_the_dashboard_opens_on_the_latest_phase_with_events_and_shows_targets(
        db, programme, manager_client, targets):
    targets(officials_trained=8)
    page = manager_client.get("/").get_data(as_text=True)
    assert "BOMCA 9: events and officials trained" in page
    assert '<option value="9" selected>' in page
    assert "50% of the target of 8" in page and "progress-bar pct-50" in page
    assert page.count("No target set for this phase.") == 2  # events held, women trained
    assert "50% of officials trained" in page  # 2 women of 4
    data = json.loads(re.search(r'<script type="application/json" id="running-data">(.*?)</script>',
                                page, re.S).group(1))
    assert data["target_officials_trained"] == 8 and data["target_events_held"] is None
    assert data["months"][0] == "2015-06" and data["officials_trained"][-1] == 4


def test_the_dashboard_has_no_names_no_inline_script_and_no_inline_style(
        db, programme, manager_client):
    page = manager_client.get("/?phase=9").get_data(as_text=True)
    assert "Aigul" not in page and "Ospanov" not in page
    assert "style=" not in page and "onclick" not in page.lower()
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "vendor/chartjs/chart.umd.min.js" in page and "js/dashboard.js" in page


def test_the_all_phases_view_shows_each_phase_and_why_the_total_is_less(
        db, make_event, make_person, attend, manager_client):
    aigul = make_person()
    attend(make_event(), aigul)
    attend(make_event(title="Phase 10 course", start_date=date(2022, 3, 1), end_date=None), aigul)
    page = manager_client.get("/?phase=all").get_data(as_text=True)
    assert "All phases: events and officials trained" in page
    assert "Sum of the phases" in page and "All phases, each person once" in page
    assert "counts once in the total for all phases" in page
    assert "add up to 1 more officials than there are people" in page
    assert shown_figures(page)["officials_trained"] == 1


def test_the_country_filter_and_a_country_limited_user(
        db, programme, manager_client, signed_in):
    kz = manager_client.get("/?phase=9&country=KZ").get_data(as_text=True)
    assert shown_figures(kz)["officials_trained"] == 2
    assert '<option value="KZ" selected>' in kz

    kg_user = signed_in("coordinator", country_code="KG")
    page = kg_user.get("/?phase=9").get_data(as_text=True)
    assert shown_figures(page)["officials_trained"] == 2
    assert shown_breakdowns(page)["by_country"] == {"KG": 2}
    assert 'name="country"' not in page  # no choice to make
    assert kg_user.get("/?phase=9&country=KZ").status_code == 403
    report = kg_user.get("/reports/phase/9").get_data(as_text=True)
    assert shown_figures(report) == shown_figures(page)


def test_bad_and_unknown_phases_on_the_pages(db, staff_client):
    bad = staff_client.get("/?phase=nine")
    assert bad.status_code == 400 and "The request could not be understood" in bad.get_data(as_text=True)
    unknown = staff_client.get("/?phase=99")
    assert unknown.status_code == 404 and "There is nothing at this address" in unknown.get_data(as_text=True)
    assert staff_client.get("/reports/phase/99").status_code == 404
    assert staff_client.get("/reports/phase/99.xlsx").status_code == 404


def test_every_role_sees_the_phase_report_with_its_budget(db, programme, signed_in):
    for role in ("staff", "coordinator", "manager", "admin"):
        page = signed_in(role).get("/reports/phase/9").get_data(as_text=True)
        assert "BOMCA 9: phase report" in page
        assert "EUR 4,954,784.93" in page and "EUR 4,503,899.50 (90.9%)" in page
        assert "State Border Guard of Latvia" in page
        assert "Development Cooperation Instrument (DCI)" in page
        assert "01.06.2015 – 30.06.2018" in page
        assert 'href="/static/css/print.css" media="print"' in page


def test_the_xlsx_has_a_sheet_per_breakdown_and_no_formulas(db, programme, manager_client, phase9):
    response = manager_client.get("/reports/phase/9.xlsx")
    assert response.headers["Content-Disposition"] == "attachment; filename=phase-9-totals.xlsx"
    workbook = load_workbook(BytesIO(response.data))
    assert workbook.sheetnames == ["Summary", "By country", "By agency type", "By topic",
                                   "By event kind", "Running totals"]
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True)}
    assert summary["Total cost (EUR)"] == Decimal("4954784.93") or summary["Total cost (EUR)"] == 4954784.93
    assert summary["Implementing organisation"] == "State Border Guard of Latvia"
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


def test_flask_totals_prints_a_table_and_refuses_an_unknown_phase(app, db, programme):
    runner = app.test_cli_runner()
    table = runner.invoke(args=["totals", "--phase", "9"])
    assert table.exit_code == 0
    assert re.search(r"Officials trained\s+4", table.output)
    assert re.search(r"Kazakhstan\s+2", table.output)
    unknown = runner.invoke(args=["totals", "--phase", "99"])
    assert unknown.exit_code == 1 and "There is no phase 99." in unknown.output
    everything = json.loads(runner.invoke(args=["totals", "--json"]).output)
    assert everything["phase"] is None and everything["officials_trained"] == 4


def test_the_dashboard_query_count_does_not_grow_with_data(
        app, db, make_event, make_person, make_agency, attend, manager_client, monkeypatch):
    monkeypatch.setitem(app.config, "TOTALS_CACHE", False)  # count the aggregates themselves
    def statements(url):
        count = 0

        def counter(*_args):
            nonlocal count
            count += 1

        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            assert manager_client.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)
        return count

    attend(make_event(topics=["Anti-corruption"]), make_person())
    small = {url: statements(url) for url in ("/", "/?phase=all", "/reports/phase/9")}
    customs = make_agency("Customs", "TJ", "customs")
    for n in range(12):
        held = make_event(title=f"Event {n}", kind=("seminar", "workshop", "conference")[n % 3],
                          topics=["Document Security", "Customs Valuation"][: 1 + n % 2],
                          country_code=("KG", "TJ")[n % 2], start_date=date(2016 + n % 2, 1 + n, 1),
                          end_date=None)
        for p in range(5):
            attend(held, make_person(f"Person {n} {p}", ("KG", "TJ")[p % 2], ("F", "M", None)[p % 3],
                                     agency=customs if p % 2 else None))
    large = {url: statements(url) for url in small}
    assert large == small
    # The totals' aggregates, and the evidence count, the period menu's event dates and the
    # drill-down links' topic and kind ids (issue #18).
    assert small["/"] <= 20, small
