"""What Chromium printed: the size of each page of a PDF, and each page's text."""
import re
import shutil
import subprocess
from dataclasses import dataclass
from xml.etree import ElementTree

from tests.e2e.conftest import missing

A4 = (595, 842)  # points, rounded


def pdf_pages(pdf: bytes) -> list[tuple[int, int]]:
    """(width, height) in points of each page, rounded: Chromium writes a MediaBox per page."""
    return [(round(float(w)), round(float(h)))
            for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)]


def is_a4_portrait(size: tuple[int, int]) -> bool:
    """A4 within a point or two (page.pdf(format="A4") rounds A4 to hundredths of an inch)."""
    return abs(size[0] - A4[0]) <= 2 and abs(size[1] - A4[1]) <= 2


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The text of the PDF laid out as printed, pages separated by form feeds (pdftotext)."""
    if not shutil.which("pdftotext"):
        missing("reading a printed PDF needs pdftotext (apt-get install poppler-utils)")
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@dataclass(frozen=True)
class Line:
    """One line of printed text and its box, in points from the page's top left corner."""

    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float

    def overlaps(self, other: "Line", slack: float = 1.0) -> bool:
        """The two boxes share more than `slack` points both across and down."""
        across = min(self.x_max, other.x_max) - max(self.x_min, other.x_min)
        down = min(self.y_max, other.y_max) - max(self.y_min, other.y_min)
        return across > slack and down > slack


def pdf_lines(pdf: bytes, tmp_path) -> list[list[Line]]:
    """Each page's lines of text with their boxes (pdftotext -bbox-layout)."""
    if not shutil.which("pdftotext"):
        missing("reading a printed PDF needs pdftotext (apt-get install poppler-utils)")
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout
    namespace = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in ElementTree.fromstring(xhtml).iterfind(".//x:page", namespace):
        lines = []
        for line in page.iterfind(".//x:line", namespace):
            words = " ".join(word.text or "" for word in line.iterfind("x:word", namespace))
            lines.append(Line(words, *(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))))
        pages.append(lines)
    return pages


def layout_problems(pages: list[list[Line]]) -> list[str]:
    """What a reader would see as badly printed: text printed over other text, and a page
    before the last holding fewer than five lines (a heading or a row left alone)."""
    problems = []
    for number, lines in enumerate(pages, start=1):
        for i, line in enumerate(lines):
            for other in lines[i + 1:]:
                if line.overlaps(other):
                    problems.append(f"page {number}: “{line.text}” overlaps “{other.text}”")
        if number < len(pages) and len(lines) < 5:
            problems.append(f"page {number} of {len(pages)} holds {len(lines)} line(s): "
                            + " / ".join(line.text for line in lines))
    return problems
