"""The dashboard's chart in Russian: dashboard.js takes its legend and axis titles from the
page, so a Russian page draws a Russian chart (and an English one an English chart)."""
import pytest

from tests.e2e.conftest import wait_for_chart

pytestmark = pytest.mark.e2e

CHART_WORDS = """() => {
    const charts = ['running-chart', 'running-events-chart'].map(
        id => window.Chart.getChart(document.getElementById(id)));
    return {lines: charts.map(c => c.data.datasets[0].label), locale: charts[0].options.locale,
            axes: charts.map(c => c.options.scales.y.title.text)};
}"""


def test_the_chart_speaks_the_pages_language(db, signed_in_page, programme):
    page = signed_in_page("manager")
    page.user.locale = "ru"
    page.open("/?phase=9")
    wait_for_chart(page)
    chart = page.evaluate(CHART_WORDS)
    assert chart["lines"][:2] == ["Обучено должностных лиц", "Проведено мероприятий"]
    assert chart["axes"] == ["Обучено должностных лиц", "Проведено мероприятий"]
    assert chart["locale"] == "ru"
    assert page.get_by_role("heading", level=1).inner_text().startswith("BOMCA 9: мероприятия")
