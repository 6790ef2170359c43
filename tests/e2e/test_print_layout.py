"""Every printed page, as Chromium prints it on A4, reads cleanly: no text printed over other
text, no page but the last left with fewer than five lines, tables kept whole where they fit.
Checked on the text's boxes as pdftotext reads them from the PDF."""
import re
from datetime import date

import pytest

from tests.e2e.pdf import layout_problems, pdf_lines
from tracker.models import Testimony, Topic

pytestmark = pytest.mark.e2e

# A regional course of 32 officials from five countries and two trainers (the case:
# once printed on seven pages, several nearly empty).
DELEGATIONS = {"KG": 10, "KZ": 8, "TJ": 6, "UZ": 5, "TM": 3}
COUNTRY_NAMES = {"KG": "Kyrgyzstan", "KZ": "Kazakhstan", "TJ": "Tajikistan", "UZ": "Uzbekistan",
                 "TM": "Turkmenistan"}
SURNAMES = ["Bekova", "Tashiev", "Nurlanova", "Abdrakhmanov", "Sadykova", "Yusupova",
            "Rakhimov", "Nazarov", "Ismailova", "Karimov", "Osmonov", "Jumaeva"]


@pytest.fixture
def course(db, make_event, make_person, make_agency, attend):
    topics = [t.name_en for t in db.session.scalars(db.select(Topic).order_by(Topic.id))]
    event = make_event(title="Regional course on risk analysis and profiling",
                       kind="training course", start_date=date(2016, 10, 3),
                       end_date=date(2016, 10, 7), topics=topics[:4], country_code="KZ",
                       city="Almaty")
    n = 0
    for country, size in DELEGATIONS.items():
        border = make_agency(f"Border Service {country}", country, "border_guard")
        customs = make_agency(f"Customs Service {country}", country, "customs")
        for i in range(size):
            n += 1
            person = make_person(f"{['Aigul', 'Azamat', 'Dana', 'Erlan'][i % 4]} "
                                 f"{SURNAMES[n % len(SURNAMES)]}-{n}", country, "FM"[i % 2],
                                 agency=border if i % 3 else customs,
                                 position="Senior inspector of the risk analysis unit")
            attend(event, person, days_attended=5 - i % 2)
    for name in ("Juris Ozols", "Anna Berzina"):
        attend(event, make_person(name, "LV", agency=make_agency("State Border Guard", "LV")),
               role="trainer")
    # Every topic used in the phase, so the report's topic table is long.
    for number, topic in enumerate(topics[4:], start=1):
        other = make_event(title=f"Workshop {number}", topics=[topic],
                           start_date=date(2017, 1, number), end_date=None)
        attend(other, make_person(f"Official Number{number}", "KG"))
    for quote, attribution in (
            ("We now check every page of a passport under ultraviolet light, not only the "
             "photo page, and we found two forgeries in the first month. " * 2,
             "Senior inspector at a Kyrgyz border crossing point"),
            ("Я буду использовать новый опыт в своей работе и расскажу коллегам.",
             "Сотрудник таможни Казахстана"),
            ("Short and useful.", "Customs officer from Tajikistan")):
        db.session.add(Testimony(event=event, quote=quote, attribution=attribution,
                                 language="ru" if attribution.startswith("Сотрудник") else "en",
                                 has_consent=True, is_in_phase_report=True))
    db.session.commit()
    return event


def printed_lines(page, path: str, tmp_path):
    page.open(path)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    return pdf_lines(pdf, tmp_path)


@pytest.mark.parametrize("path", ["/events/{id}/attendance-report", "/events/{id}/sign-in-sheet",
                                  "/events/{id}/certificates", "/reports/phase/9"])
def test_each_printed_page_reads_cleanly(signed_in_page, course, tmp_path, path):
    page = signed_in_page("coordinator")
    pages = printed_lines(page, path.format(id=course.id), tmp_path)
    assert pages and not layout_problems(pages), "\n".join(layout_problems(pages))


def test_the_attendance_report_keeps_countries_together_without_a_page_each(
        signed_in_page, course, tmp_path):
    page = signed_in_page("coordinator")
    pages = printed_lines(page, f"/events/{course.id}/attendance-report", tmp_path)
    assert len(pages) < len(DELEGATIONS) + 1  # not a page per country and one for the trainers
    headings = {}
    for number, lines in enumerate(pages):
        for line in lines:
            for country in COUNTRY_NAMES.values():
                if line.text.startswith(f"{country} — "):
                    headings[country] = number
    assert len(headings) == 5
    # Each delegation is printed whole on the page of its heading (each fits on a page).
    first = 0
    for country, size in DELEGATIONS.items():
        numbers = range(first + 1, first + size + 1)
        first += size
        rows = {n for n, lines in enumerate(pages) for line in lines
                if (found := re.search(r"[A-Z][a-z]+-(\d+)\b", line.text))
                and int(found.group(1)) in numbers}
        assert rows == {headings[COUNTRY_NAMES[country]]}, country


def test_the_phase_reports_topic_table_is_never_split(signed_in_page, course, tmp_path):
    page = signed_in_page("manager")
    pages = printed_lines(page, "/reports/phase/9", tmp_path)
    topics = {"Integrated Border Management", "Document Security", "Anti-corruption",
              "Identification and Profiling"}
    on_pages = {n for n, lines in enumerate(pages) for line in lines
                if any(line.text.startswith(t) for t in topics)}
    assert len(on_pages) == 1, on_pages
