"""Reading a register file into rows of cell texts: CSV (UTF-8, with or without BOM, comma
or semicolon) or the first sheet of an XLSX workbook. Every way a file can be unreadable
becomes a FileProblem with a sentence for the user."""
import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime

from flask_babel import gettext as _

class FileProblem(Exception):
    pass


def read_csv(data: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileProblem(
            _("the file is not UTF-8 text (byte %(byte)s); save it as “CSV UTF-8” or XLSX", byte=error.start)
        ) from None
    if "\x00" in text:
        raise FileProblem(_("the file is not CSV text; upload a CSV (UTF-8) or XLSX file"))
    first_line = text.split("\n", 1)[0]
    # Excel in a Russian locale saves CSV with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows():
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as error:
            raise FileProblem(_("the CSV cannot be read near line %(line)s: %(error)s",
                                 line=reader.line_num, error=error)) from None

    return rows()


def read_xlsx(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError) as error:
        raise FileProblem(_("not a readable XLSX file (%(error)s)", error=type(error).__name__)) from None
    except Exception as error:  # openpyxl raises a zoo of types on corrupt input
        raise FileProblem(_("not a readable XLSX file (%(error)s)", error=type(error).__name__)) from None

    def rows():
        try:
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [_cell_text(value) for value in cells]
        except Exception as error:
            raise FileProblem(_("the XLSX cannot be read (%(error)s)", error=type(error).__name__)) from None
        finally:
            workbook.close()

    return rows()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
