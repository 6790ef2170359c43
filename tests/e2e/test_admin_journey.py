"""An admin's day: give a new colleague an account limited to one country, set a phase's
targets, and see the dashboard measure the phase against them; the audit log keeps both."""
import pytest

from tests.e2e.conftest import show_dashboard
from tracker.models import Phase

pytestmark = pytest.mark.e2e

TARGETS = ("target_events_held", "target_officials_trained", "target_women_trained")


@pytest.fixture
def phase9_targets_restored(db, phase9):
    """Phases stay seeded between tests: put phase 9's targets back as they were."""
    before = {name: getattr(phase9, name) for name in TARGETS}
    yield
    db.session.rollback()
    phase = db.session.get(Phase, phase9.id)
    for name, value in before.items():
        setattr(phase, name, value)
    db.session.commit()


def test_admin_adds_a_user_and_sets_the_phase_targets(signed_in_page, programme, screenshot,
                                                      phase9_targets_restored):
    page = signed_in_page("admin")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Admin").click()

    # A staff account for the Bishkek office, limited to Kyrgyzstan.
    page.get_by_role("link", name="Add a user").click()
    page.get_by_label("Name").fill("Dinara Saparova")
    page.get_by_label("Email").fill("d.saparova@bomca.example.org")
    page.get_by_label("Role").select_option("staff")
    page.get_by_label("Countries").select_option("KG")
    page.get_by_label("Password").fill("a long enough passphrase for Bishkek")
    page.get_by_role("button", name="Create user").click()
    assert "Dinara Saparova (d.saparova@bomca.example.org) can now sign in" in \
        page.get_by_role("alert").first.inner_text()
    row = page.get_by_role("row").filter(has_text="Dinara Saparova")
    assert "KG" in row.inner_text() or "Kyrgyzstan" in row.inner_text()
    screenshot(page, "admin-users")

    # Targets for BOMCA 9.
    page.get_by_role("link", name="Phases and targets").click()
    page.get_by_role("link", name="BOMCA 9", exact=True).click()
    page.get_by_label("Target: events held").fill("4")
    page.get_by_label("Target: officials trained").fill("10")
    page.get_by_label("Target: women trained").fill("5")
    page.get_by_label("Target: women trained").scroll_into_view_if_needed()
    screenshot(page, "admin-phase-targets")
    page.get_by_role("button", name="Save phase").click()
    assert "Saved BOMCA 9." in page.get_by_role("alert").first.inner_text()

    # The dashboard measures the phase against them, in figures and in the chart.
    show_dashboard(page, "BOMCA 9 (2015–2018)")
    cards = [" ".join(card.split()).replace(" Events behind it", "")  # the drill-down link
             for card in page.locator(".card").all_inner_texts()]
    assert any("Events held 2 50% of the target of 4" in card for card in cards), cards
    assert any("Officials trained 7 70% of the target of 10" in card for card in cards), cards
    assert any("60% of the target of 5" in card for card in cards), cards
    lines = page.evaluate("['running-chart', 'running-events-chart'].map(id => "
                          "Chart.getChart(document.getElementById(id)).data.datasets.map(d => d.label))")
    # Each target on the chart of its own figure, on that chart's one scale.
    assert lines == [["Officials trained", "Target: officials trained"],
                     ["Events held", "Target: events held"]]
    screenshot(page, "admin-dashboard-targets")

    # Both changes are in the audit log.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Admin").click()
    page.get_by_role("link", name="Audit log").click()
    log = page.locator("main").inner_text()
    assert "d.saparova@bomca.example.org" in log and "BOMCA 9" in log
