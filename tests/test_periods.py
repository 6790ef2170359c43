"""Reporting periods on every surface (SPEC rule 13): the dashboard's quick choices and custom
dates, GET /api/v1/totals?from=…&to=…, `flask totals --from … --to …`, the printed report for a
period and its XLSX — the same figures everywhere, and bad dates said plainly."""
import json
import re
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.support.figures import (
    SUMMARY_LABELS,
    running_table,
    shown_breakdowns,
    shown_figures,
    summary_figures,
)
from tracker.totals import period_totals

YEAR_2017 = "from=2017-01-01&to=2017-12-31"


@pytest.fixture
def programme(db, make_event, make_person, make_agency, attend):
    """2016 and 2017 of phase 9 and a 2021 course of phase 10; Aigul trained in all three."""
    border_kg = make_agency("Border Service", "KG", "border_guard")
    customs_kz = make_agency("State Revenue Committee", "KZ", "customs")
    early = make_event(title="Osh workshop", topics=["Document Security"],
                       start_date=date(2016, 3, 14), end_date=date(2016, 3, 18))
    seminar = make_event(title="Almaty seminar", kind="seminar", country_code="KZ",
                         topics=["Identification and Profiling"], start_date=date(2017, 1, 10),
                         end_date=date(2017, 1, 11))
    visit = make_event(title="Riga visit", kind="study visit", country_code="LV",
                       start_date=date(2017, 9, 4), end_date=date(2017, 9, 8))
    later = make_event(title="Dushanbe course", country_code="TJ", start_date=date(2021, 6, 1),
                       end_date=date(2021, 6, 2))
    aigul = make_person("Aigul Bekova", "KG", "F", agency=border_kg)
    dana = make_person("Dana Ospanova", "KZ", "F", agency=customs_kz)
    arman = make_person("Arman Ospanov", "KZ", "M", agency=customs_kz)
    attend(early, aigul, pre_score=50, post_score=80, rating=5)
    attend(seminar, aigul)
    attend(seminar, dana, rating=4)
    attend(visit, arman)
    attend(visit, aigul)
    attend(later, aigul)


def test_every_surface_shows_the_same_figures_for_a_period(app, db, programme, manager_client):
    truth = period_totals(date(2017, 1, 1), date(2017, 12, 31))
    assert (truth["from"], truth["to"]) == ("2017-01-01", "2017-12-31") and "phase" not in truth
    assert (truth["events_held"], truth["officials_trained"], truth["participations"]) == (2, 3, 4)

    api = manager_client.get(f"/api/v1/totals?{YEAR_2017}").get_json()
    cli = json.loads(app.test_cli_runner().invoke(
        args=["totals", "--from", "2017-01-01", "--to", "2017-12-31", "--json"]).output)
    dashboard = manager_client.get(f"/?{YEAR_2017}").get_data(as_text=True)
    report = manager_client.get(f"/reports/period?{YEAR_2017}").get_data(as_text=True)
    book = load_workbook(BytesIO(manager_client.get(f"/reports/period.xlsx?{YEAR_2017}").data))

    assert api == cli == truth
    from_xlsx = summary_figures(book)
    assert from_xlsx == {key: truth[key] for key in SUMMARY_LABELS.values()}
    for page in (dashboard, report):
        assert shown_figures(page) == from_xlsx
        assert shown_breakdowns(page) == {k: truth[k] for k in (
            "by_country", "by_agency_type", "by_topic", "by_event_kind")}
        assert running_table(page) == truth["cumulative"]
    for key, sheet in (("by_country", "By country"), ("by_topic", "By topic")):
        rows = book[sheet].iter_rows(min_row=2, values_only=True)
        assert {code: count for code, _name, count in rows} == truth[key]
    assert "01.01.2017 – 31.12.2017: events and officials trained" in dashboard
    assert "Report for 01.01.2017 – 31.12.2017" in report
    assert book["Summary"]["B2"].value == "01.01.2017 – 31.12.2017"


def test_a_period_across_two_phases_counts_each_official_once(db, programme, staff_client):
    both = staff_client.get("/api/v1/totals?from=2016-01-01&to=2021-12-31").get_json()
    assert both["officials_trained"] == 3 and both["participations"] == 6
    assert both["events_held"] == 4
    empty = staff_client.get("/api/v1/totals?from=2019-01-01&to=2019-12-31").get_json()
    assert (empty["events_held"], empty["officials_trained"], empty["by_country"]) == (0, 0, {})


def test_the_dashboard_offers_each_year_half_year_and_quarter(db, programme, manager_client):
    page = manager_client.get("/?phase=9").get_data(as_text=True)
    years = re.search(r'id="period-years">(.*?)</p>', page, re.S).group(1)
    assert re.findall(r">(\d{4})</a>", years) == [str(y) for y in range(2025, 2014, -1)]
    assert '?from=2017-01-01&amp;to=2017-06-30">2017 H1</a>' in page
    assert '?from=2017-07-01&amp;to=2017-09-30">2017 Q3</a>' in page
    year = manager_client.get(f"/?{YEAR_2017}").get_data(as_text=True)
    assert 'aria-current="page">2017</a>' in year
    assert shown_figures(year)["officials_trained"] == 3
    # Its links keep the period: the cross-table, the printed report, the events behind it.
    assert f"/reports/crosstab?rows=country&amp;cols=sex&amp;{YEAR_2017.replace('&', '&amp;')}" in year
    assert f'/reports/period?{YEAR_2017.replace("&", "&amp;")}' in year
    women = re.search(r'href="([^"]+)" aria-label="Women trained: the events behind it"', year)
    listed = manager_client.get(women.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert "Almaty seminar" in listed and "Osh workshop" not in listed
    assert "of the target of" not in year  # a period has no targets


def test_bad_dates_are_said_plainly_on_every_surface(app, db, staff_client):
    page = staff_client.get("/?period=custom&from=2017-12-31&to=2017-01-01")
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and "data-figure" not in html
    assert re.search(r'id="period-to"[^>]*>\s*<div class="invalid-feedback"[^>]*>The last day is '
                     r'before the first day.</div>', html)
    typo = staff_client.get("/?period=custom&from=2017-02-30&to=2017-12-31").get_data(as_text=True)
    assert "Enter a date as YYYY-MM-DD, e.g. 2017-01-01." in typo

    api = staff_client.get("/api/v1/totals?from=2017-01-01&to=17-12-31")
    assert api.status_code == 400
    assert api.get_json()["message"] == "to: Enter a date as YYYY-MM-DD, e.g. 2017-01-01."
    assert staff_client.get("/api/v1/totals?from=2017-01-01").get_json()["message"] == (
        "to: Give the last day of the period too.")

    runner = app.test_cli_runner()
    backwards = runner.invoke(args=["totals", "--from", "2017-12-31", "--to", "2017-01-01"])
    assert backwards.exit_code == 1
    assert "--to: The last day is before the first day." in backwards.output
    both = runner.invoke(args=["totals", "--phase", "9", "--from", "2017-01-01", "--to", "2017-12-31"])
    assert both.exit_code == 1 and "not both" in both.output

    report = staff_client.get("/reports/period?period=custom&from=&to=2017-01-01")
    assert report.status_code == 400 and "Give the first day of the period too." in report.get_data(as_text=True)


def test_the_printed_period_report_and_its_menu(db, programme, manager_client):
    form = manager_client.get("/reports/period").get_data(as_text=True)
    assert "Report for a period" in form and "data-figure" not in form
    chosen = manager_client.get("/reports/period?period=2017-07-01_2017-12-31").get_data(as_text=True)
    assert "Report for 01.07.2017 – 31.12.2017" in chosen
    assert shown_figures(chosen)["officials_trained"] == 2
    phase = manager_client.get("/reports/period?period=phase-9")
    assert phase.headers["Location"] == "/reports/phase/9"
