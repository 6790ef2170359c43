"""Text registers: CSV or tab-separated, in UTF-8 (with or without BOM), Windows-1251 or
UTF-16 (what Russian-locale Excel saves), the encoding found by charset-normalizer and the
separator (comma, semicolon or tab) by the csv module's Sniffer. Cells are read with Excel's
quoting rules, so rows pasted from a spreadsheet (tab-separated, quoted cells, line breaks
inside cells) read the same way."""
import csv
import io
import re
from collections.abc import Iterator

from flask_babel import gettext as _

from .limits import MAX_COLUMNS, MAX_ROWS, MAX_TEXT_BYTES, FileProblem, too_many_columns, too_many_rows

# Encodings a programme office's file is in; charset-normalizer chooses among these only.
ENCODINGS = ["utf_8", "cp1251", "utf_16", "utf_16_le", "utf_16_be", "cp866", "koi8_r", "cp1252"]
DELIMITERS = ",;\t"
SAMPLE_LINES = 20
# Control characters other than tab and line breaks.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def decode(data: bytes) -> str:
    if len(data) > MAX_TEXT_BYTES:
        raise FileProblem(_("the file is larger than %(mb)s MB; split it",
                            mb=MAX_TEXT_BYTES // (1024 * 1024)))
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data, "utf_8_sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf_16")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _strict(data, _detected(data))
    sample = text[:64 * 1024]
    # Binary data: NUL, or control characters everywhere. A few in cells are the rows' problem
    # (named there by text_problem), not the file's.
    if "\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) // 20:
        raise not_a_table()
    return text


def _detected(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=ENCODINGS, steps=8, chunk_size=1024).best()
    if best is None:
        raise not_a_table()
    return best.encoding


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise FileProblem(_("the file is not readable text (byte %(byte)s in %(encoding)s); save it "
                            "as “CSV UTF-8” or XLSX", byte=error.start, encoding=encoding)) from None


def not_a_table() -> FileProblem:
    return FileProblem(_("the file is not a spreadsheet or CSV text; upload an XLSX, XLS, ODS or "
                         "CSV file"))


def delimiter_of(text: str) -> str:
    lines = text[:64 * 1024].splitlines()[:SAMPLE_LINES]
    sample = "\n".join(lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        # Too few rows to tell a pattern: the separator the most frequent one in the sample.
        counts = {d: sample.count(d) for d in DELIMITERS}
        return max(counts, key=counts.get) if any(counts.values()) else ","


def read_text(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of each record of a CSV or tab-separated file, rows numbered as a
    spreadsheet shows them (a cell's line breaks do not count)."""
    return rows_of(decode(data))


def rows_of(text: str, delimiter: str | None = None) -> Iterator[tuple[int, list[str]]]:
    delimiter = delimiter or delimiter_of(text)
    # A line of a million separators would become a million cells before any limit could
    # look at the row: count them first (separators inside quotes too, hence the margin).
    if any(line.count(delimiter) > 4 * MAX_COLUMNS for line in io.StringIO(text)):
        raise too_many_columns()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                        doublequote=True)
    try:
        for number, cells in enumerate(reader, start=1):
            while cells and not cells[-1].strip():
                cells.pop()  # trailing separators: Excel writes one per empty column
            if len(cells) > MAX_COLUMNS:
                raise too_many_columns()
            if number > MAX_ROWS + 1_000:
                raise too_many_rows()
            yield number, cells
    except csv.Error as error:
        raise FileProblem(_("the CSV cannot be read near line %(line)s: %(error)s; save it again "
                            "from a spreadsheet program", line=reader.line_num, error=error)) from None
