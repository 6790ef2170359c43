"""A register file to sheets of cells: XLSX, XLS and ODS through python-calamine (measured
first by the guard), CSV and tab-separated text through the csv module. What kind of file it
is comes from its first bytes, not its name. Every way a file can be unreadable becomes a
FileProblem with a sentence that says what to do."""
import io
import zipfile

from . import guard, text
from .limits import FileProblem
from .workbooks import Sheet, open_workbook

ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# BIFF2 to BIFF5 files saved without an OLE container start with their BOF record.
OLD_BIFF = (b"\x09\x00", b"\x09\x02", b"\x09\x04", b"\x09\x08")


def read_sheets(data: bytes) -> list[Sheet]:
    """The sheets of a file, in order; a text file is one sheet."""
    if data.startswith(ZIP):
        kind = _archive_kind(data)
        measured = guard.measure_ods(data) if kind == "ODS" else guard.measure_xlsx(data)
        return open_workbook(measured, kind)
    if data.startswith(OLE):
        return open_workbook(guard.measure_xls(data), "XLS")
    if data.startswith(OLD_BIFF) and len(data) > 4 and data[3] == 0 and data[2] in (4, 6, 8, 16):
        raise guard.pre_97_xls()
    rows = text.read_text(data)
    return [Sheet("CSV", lambda sheet: rows)]


def read_pasted(pasted: str) -> list[Sheet]:
    """Rows pasted from a spreadsheet: the clipboard's tab-separated text (Excel's quoting)."""
    delimiter = "\t" if "\t" in pasted else None
    rows = text.rows_of(pasted, delimiter)
    return [Sheet("pasted", lambda sheet: rows)]


def _archive_kind(data: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except Exception:
        raise guard.unreadable("XLSX") from None
    if "content.xml" in names or "mimetype" in names:
        return "ODS"
    return "XLSX"


__all__ = ["FileProblem", "Sheet", "read_pasted", "read_sheets"]
