"""Staff's day: log a workshop with its topics, type in three attendees, upload the
sign-in spreadsheet, and check the roster and the counts."""
import csv

import pytest

from tests.e2e.conftest import PHONE, wider_than_screen

pytestmark = pytest.mark.e2e

# The sign-in spreadsheet of twenty: Азамат Жумабаев is on record (in Cyrillic), the other
# nineteen are new; nine women; KG 5, KZ 4, TJ 4, UZ 4, TM 3.
ATTENDANCE_LIST = [
    ("Azamat Zhumabaev", "M", "KG", "State Border Service", "border_guard", "Shift commander"),
    ("Ainura Toktogulova", "F", "KG", "State Border Service", "border_guard", "Inspector"),
    ("Bolot Usenov", "M", "KG", "State Customs Service", "customs", "Inspector"),
    ("Cholpon Asanova", "F", "KG", "State Customs Service", "customs", "Senior inspector"),
    ("Emil Sydykov", "M", "KG", "State Border Service", "border_guard", "Lieutenant"),
    ("Yerlan Dzhaksybekov", "M", "KZ", "Border Service of the National Security Committee",
     "border_guard", "Captain"),
    ("Aliya Nurpeisova", "F", "KZ", "State Revenue Committee", "customs", "Risk analyst"),
    ("Daniyar Seitkali", "M", "KZ", "State Revenue Committee", "customs", "Inspector"),
    ("Saule Ermekova", "F", "KZ", "Border Service of the National Security Committee",
     "border_guard", "Lieutenant"),
    ("Firuza Saidova", "F", "TJ", "Customs Service", "customs", "Inspector"),
    ("Jamshed Karimov", "M", "TJ", "Border Forces", "border_guard", "Major"),
    ("Manizha Rahimova", "F", "TJ", "Border Forces", "border_guard", "Document examiner"),
    ("Sukhrob Davlatov", "M", "TJ", "Customs Service", "customs", "Inspector"),
    ("Shakhzod Ergashev", "M", "UZ", "State Customs Committee", "customs", "Inspector"),
    ("Nigora Tursunova", "F", "UZ", "State Customs Committee", "customs", "Chief specialist"),
    ("Otabek Mirzaev", "M", "UZ", "State Customs Committee", "customs", "Inspector"),
    ("Kamola Abdullaeva", "F", "UZ", "State Customs Committee", "customs", "Trainer"),
    ("Merdan Orazov", "M", "TM", "State Border Service of Turkmenistan", "border_guard", "Captain"),
    ("Maral Annayeva", "F", "TM", "State Border Service of Turkmenistan", "border_guard", "Inspector"),
    ("Kerimberdi Jumaev", "M", "TM", "State Border Service of Turkmenistan", "border_guard", "Major"),
]


@pytest.fixture
def attendance_csv(tmp_path):
    path = tmp_path / "sign-in-sheet-osh.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["full_name", "sex", "country", "agency", "agency_type", "position"])
        writer.writerows(ATTENDANCE_LIST)
    return path


def find_and_add(page, typed: str, name: str) -> None:
    """Type a name into the event page's search and add the person it finds."""
    page.get_by_label("Name, in Latin or Cyrillic, any order").fill(typed)
    page.get_by_role("button", name="Find", exact=True).click()
    page.locator("#matches").get_by_role("button", name=f"Add {name}").click()
    page.get_by_role("alert").filter(has_text=f"{name} added to the roster.").wait_for()


def test_staff_logs_a_workshop_types_three_attendees_and_uploads_twenty(
        signed_in_page, programme, attendance_csv, screenshot):
    page = signed_in_page("staff")

    # The event: from the Events menu, with two topics.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    page.get_by_role("link", name="Log an event").click()
    page.get_by_label("Title").fill("Border crossing procedures workshop")
    page.get_by_label("Kind").select_option(label="Workshop")
    page.get_by_label("Scope").select_option(label="National")
    page.get_by_label("Start date").fill("2017-10-10")
    page.get_by_label("End date").fill("2017-10-12")
    page.get_by_label("Host country").select_option(label="Kyrgyzstan")
    page.get_by_label("City").fill("Osh")
    page.get_by_label("Border Control Procedures").check()
    page.get_by_label("Document Security").check()
    screenshot(page, "staff-event-form")
    page.get_by_role("button", name="Save event").click()

    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Border crossing procedures workshop"
    facts = page.locator("main").inner_text()
    assert "10.10.2017 – 12.10.2017 (3 days)" in facts and "Osh Kyrgyzstan" in facts
    assert "BOMCA 9" in facts or "Phase 9" in facts
    assert page.locator("main .badge.border").all_inner_texts() == ["Border Control Procedures",
                                                                    "Document Security"]
    event_path = page.url.removeprefix(page.url.split("/events/")[0])

    # Three attendees by typing: Cyrillic finds the Latin record; Latin finds Latin;
    # a name nobody bears opens the new-person form with the name filled in.
    page.get_by_label("Name, in Latin or Cyrillic, any order").fill("Бекова Айгуль")
    page.get_by_role("button", name="Find", exact=True).click()
    assert page.locator("#matches tbody tr").first.inner_text().startswith("Aigul Bekova")
    page.locator("#add-attendee").evaluate("section => section.scrollIntoView()")
    screenshot(page, "staff-find-in-cyrillic")
    page.locator("#matches").get_by_role("button", name="Add Aigul Bekova").click()
    page.get_by_role("alert").filter(has_text="Aigul Bekova added to the roster.").wait_for()

    find_and_add(page, "sadykova", "Gulnara Sadykova")

    page.get_by_label("Name, in Latin or Cyrillic, any order").fill("Tolkun Osmonova")
    page.get_by_role("button", name="Find", exact=True).click()
    assert "Nobody on record matches “Tolkun Osmonova”" in page.locator("#no-matches").inner_text()
    new_person = page.locator("#new-person")
    assert new_person.get_by_label("Full name (Latin or Cyrillic)").input_value() == "Tolkun Osmonova"
    new_person.get_by_label("Sex").select_option(label="Female")
    new_person.get_by_label("Country").select_option(label="Kyrgyzstan")
    new_person.get_by_label("Agency", exact=True).select_option(label="State Border Service (KG)")
    new_person.get_by_label("Position").fill("Senior lieutenant")
    new_person.get_by_role("button", name="Create and add").click()
    page.get_by_role("alert").filter(has_text="Tolkun Osmonova created and added").wait_for()
    assert roster_names(page) == ["Aigul Bekova", "Gulnara Sadykova", "Tolkun Osmonova"]

    # The sign-in spreadsheet: upload, preview, confirm.
    page.get_by_role("link", name="Upload attendance list").click()
    page.get_by_label("Attendance list (XLSX, XLS, ODS or CSV)").set_input_files(attendance_csv)
    page.get_by_role("button", name="Preview").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Preview: sign-in-sheet-osh.csv"
    counts = page.locator("#import-counts").inner_text()
    assert "19\nnew people" in counts and "1\nmatched to people on record" in counts
    assert "20\nnew attendances" in counts
    matched = page.get_by_role("row").filter(has_text="Azamat Zhumabaev")
    assert "matched Азамат Жумабаев (KG)" in matched.inner_text()  # the name in the file, and whom it is
    screenshot(page, "staff-upload-preview")
    page.get_by_role("button", name="Add 20 attendees").click()
    page.get_by_role("alert").filter(has_text="Attendance list imported").wait_for()

    # The roster and the counts, as the page shows them.
    assert page.url.endswith(event_path + "#roster")
    names = roster_names(page)
    assert len(names) == 23 and "Азамат Жумабаев" in names and "Kerimberdi Jumaev" in names
    assert page.get_by_role("heading", name="Roster (23)").is_visible()
    figures = page.locator("#roster-counts .card-figure").all_inner_texts()
    assert figures == ["23", "12"]  # participants; women: three typed in, nine in the list
    by_country = page.locator("#roster-counts").inner_text()
    for part in ("KG 7", "KZ 5", "TJ 4", "UZ 4", "TM 3"):
        assert part in by_country
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "staff-event")

    # The same page on a phone at a border post: nothing wider than the screen.
    page.set_viewport_size(PHONE)
    page.reload()
    assert wider_than_screen(page) == []
    screenshot(page, "staff-event-phone")


def roster_names(page) -> list[str]:
    return page.locator("#roster tbody tr td:first-child a").all_inner_texts()
