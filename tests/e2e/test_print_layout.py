"""Every printed page, as Chromium prints it on A4, reads cleanly: no text printed over other
text, no page but the last left with fewer than five lines, tables kept whole where they fit.
Checked on the text's boxes as pdftotext reads them from the PDF."""
import re
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest

from tests.e2e.pdf import layout_problems, pdf_lines
from tracker.models import Logo, Phase, Testimony, Topic

pytestmark = pytest.mark.e2e

# A regional course of 32 officials from five countries and two trainers (the case:
# once printed on seven pages, several nearly empty).
DELEGATIONS = {"KG": 10, "KZ": 8, "TJ": 6, "UZ": 5, "TM": 3}
COUNTRY_NAMES = {"KG": "Kyrgyzstan", "KZ": "Kazakhstan", "TJ": "Tajikistan", "UZ": "Uzbekistan",
                 "TM": "Turkmenistan"}
SURNAMES = ["Bekova", "Tashiev", "Nurlanova", "Abdrakhmanov", "Sadykova", "Yusupova",
            "Rakhimov", "Nazarov", "Ismailova", "Karimov", "Osmonov", "Jumaeva"]


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain PNG image of one colour."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture
def logos(app, db):
    """The programme's and the donor's logos, as an admin would have uploaded them."""
    folder = Path(app.config["UPLOAD_FOLDER"]) / "logos"
    folder.mkdir(parents=True, exist_ok=True)
    programme = db.session.scalar(db.select(Phase).where(Phase.number == 9)).programme
    for kind, size, colour in (("programme", (300, 100), (31, 58, 104)),
                               ("donor", (150, 100), (0, 51, 153))):
        data = png(*size, colour)
        (folder / f"{kind}-logo-for-printing.png").write_bytes(data)
        db.session.add(Logo(programme=programme, kind=kind, filename=f"{kind}.png",
                            stored_name=f"{kind}-logo-for-printing.png", content_type="image/png",
                            size_bytes=len(data)))
    db.session.commit()
    yield
    for kind in ("programme", "donor"):
        (folder / f"{kind}-logo-for-printing.png").unlink(missing_ok=True)


@pytest.fixture
def course(db, logos, make_event, make_person, make_agency, attend):
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
    # The logos are printed (loaded, and drawn at a readable size).
    logos = page.locator("img.report-logo").all()
    assert "attendance-report" in path or len(logos) >= 2  # certificates, sheet, phase report
    assert all(
        logo.evaluate("img => img.complete && img.naturalWidth > 0") for logo in logos[:2])
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
