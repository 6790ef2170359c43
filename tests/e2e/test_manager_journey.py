"""A manager's day: the dashboard and its running-totals chart for two phases, the phase
report printed for the donor, and not one official's name on any page a manager can reach."""
import io
from collections import Counter, deque
from urllib.parse import urldefrag, urlparse

import openpyxl
import pytest

from tests.e2e.conftest import figure, show_dashboard, wait_for_chart
from tests.e2e.dataset import PHASE_9_OFFICIALS_TRAINED, PHASE_10_OFFICIALS_TRAINED, official_names
from tests.e2e.pdf import is_a4_portrait, pdf_pages, pdf_text

pytestmark = pytest.mark.e2e

CHART_DRAWN = """() => {
    const canvas = document.getElementById('running-chart');
    const events = document.getElementById('running-events-chart');
    if (!canvas || !events || !window.Chart) return null;
    const chart = window.Chart.getChart(canvas), eventsChart = window.Chart.getChart(events);
    return {width: canvas.width, height: canvas.height, drawn: Boolean(chart && eventsChart),
            lines: chart && eventsChart ? [chart, eventsChart].map(c => c.data.datasets[0].label) : [],
            axes: chart ? Object.keys(chart.scales).filter(k => k !== 'x') : [],
            last: chart ? chart.data.datasets[0].data.at(-1) : null,
            ticks: eventsChart ? eventsChart.scales.y.ticks.map(t => t.value) : []};
}"""


def test_manager_sees_the_totals_and_the_chart_of_each_phase_and_prints_the_report(
        signed_in_page, programme, screenshot, tmp_path):
    page = signed_in_page("manager")

    # The dashboard opens on the latest phase with events.
    wait_for_chart(page)
    assert page.get_by_role("heading", level=1).inner_text().startswith("BOMCA 10")
    assert figure(page, "officials_trained") == str(PHASE_10_OFFICIALS_TRAINED)
    chart = page.evaluate(CHART_DRAWN)
    assert chart["drawn"] and chart["width"] > 0 and chart["height"] > 0
    assert chart["lines"] == ["Officials trained", "Events held"]  # a chart each,
    assert chart["axes"] == ["y"]  # each with one scale
    assert chart["last"] == PHASE_10_OFFICIALS_TRAINED

    show_dashboard(page, "BOMCA 9 (2015–2018)")
    assert page.get_by_role("heading", level=1).inner_text().startswith("BOMCA 9")
    assert figure(page, "officials_trained") == str(PHASE_9_OFFICIALS_TRAINED)
    chart = page.evaluate(CHART_DRAWN)
    assert chart["drawn"] and chart["width"] > 0 and chart["last"] == PHASE_9_OFFICIALS_TRAINED
    assert chart["ticks"] == [0, 1, 2]  # events are counted in whole numbers
    screenshot(page, "manager-dashboard")

    # The phase report, printed for the donor.
    page.get_by_role("link", name="Phase report for printing").click()
    assert page.get_by_role("heading", level=1).inner_text() == "BOMCA 9: phase report"
    screenshot(page, "manager-phase-report")
    pdf = page.pdf(format="A4")
    sizes = pdf_pages(pdf)
    assert sizes and all(is_a4_portrait(size) for size in sizes)
    text = pdf_text(pdf, tmp_path)
    assert "BOMCA 9: phase report" in text and "EUR 4,954,784.93" in text
    words = " ".join(text.split())
    # Printed two figures to a row: events held and officials trained, then their values.
    assert f"Events held Officials trained 2 {PHASE_9_OFFICIALS_TRAINED}" in words, words[:800]
    assert not [name for name in official_names() if name in text]


def test_a_manager_meets_no_officials_name_anywhere(signed_in_page, programme, live_server):
    page = signed_in_page("manager")
    names = official_names()
    # The dashboard of each phase (its phase menu is a GET form), and whatever they link to.
    start = ["/", "/?phase=9", "/?phase=10", "/?phase=all"]
    seen = names_on_reachable_pages(page, live_server, names, start)
    assert len(seen) >= 14, f"only reached {sorted(seen)}"
    assert any(path.startswith("/events/") for path in seen)
    assert {"/reports/phase/9", "/reports/phase/10.xlsx"} <= set(seen)
    assert {"/reports/crosstab", "/reports/period"} <= {urlparse(path).path for path in seen}
    found = {path: hits for path, hits in seen.items() if hits}
    assert found == {}, f"official's names shown to a manager: {found}"

    # People's pages are closed to managers, even typed in by hand.
    person = programme.people["bekova"]
    event = programme.events["workshop"]
    for path in ("/people", f"/people/{person.id}", f"/events/{event.id}/attendance-report",
                 f"/events/{event.id}/export.xlsx", "/people/duplicates"):
        response = page.open(path)
        assert response.status == 403, path
        assert "Aigul Bekova" not in page.content()


def names_on_reachable_pages(page, base: str, names: list[str], start: list[str],
                             limit: int = 80, variants: int = 5) -> dict[str, list[str]]:
    """Every page reachable from `start` by following links on the same site (GET only);
    for each, the names found in its HTML or its XLSX. At most `variants` query strings of
    one path are opened (the dashboard links to every year, quarter and drill-down), so the
    walk reaches every kind of page within `limit`."""
    queue = deque(start)
    seen: dict[str, list[str]] = {}
    opened = Counter()
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen or opened[urlparse(path).path] >= variants:
            continue
        opened[urlparse(path).path] += 1
        if urlparse(path).path.endswith(".xlsx"):
            response = page.request.get(base + path)
            assert response.ok, path
            seen[path] = [n for n in names if n in xlsx_text(response.body())]
            continue
        response = page.open(path)
        assert response.ok, f"{path}: {response.status}"
        html = page.content()
        seen[path] = [n for n in names if n in html]
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            href = urldefrag(href).url
            if href.startswith(base) and "/static/" not in href:
                queue.append(href.removeprefix(base) or "/")
    return seen


def xlsx_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(str(cell) for sheet in book.worksheets
                     for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)
