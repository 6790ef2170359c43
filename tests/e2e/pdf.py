"""What Chromium printed: the size of each page of a PDF, and each page's text."""
import re
import shutil
import subprocess

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
