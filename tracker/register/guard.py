"""What a spreadsheet file holds, measured before the spreadsheet reader sees it.

python-calamine reads a whole sheet into a grid from its first to its last cell, and unpacks
archives trusting what they say. So, before it runs: an XLSX or ODS archive is unpacked here
member by member through a bounded stream (a member past the limit stops the unpacking, a
member longer than it claims fails its check), and only the verified members are packed again
for calamine; every sheet's extent (its last row and column holding a value) is measured from
the sheet's own XML or, for XLS, its BIFF records. Nothing past the limits reaches calamine.
"""
import io
import re
import struct
import zipfile
from dataclasses import dataclass, field

from flask_babel import gettext as _

from .limits import (
    MAX_ARCHIVE_BYTES,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    FileProblem,
    too_big_area,
    too_big_unpacked,
    too_many_columns,
    too_many_rows,
)

CHUNK = 1024 * 1024
MAX_MEMBERS = 5_000
# Row tags beyond this many cannot be a register within MAX_ROWS (spacer rows included).
MAX_ROW_TAGS = 4 * MAX_ROWS


@dataclass
class Measured:
    """A workbook ready for calamine: its (re)packed bytes and what the guard saw."""

    data: bytes
    hidden_columns: dict[int, set[int]] = field(default_factory=dict)  # sheet index -> columns


def unreadable(kind: str) -> FileProblem:
    return FileProblem(_("not a readable %(kind)s file: open it in Excel or LibreOffice and save it "
                         "again as XLSX", kind=kind))


def pre_97_xls() -> FileProblem:
    return FileProblem(_("this .xls file is from before Excel 97, which cannot be read; open it in "
                         "Excel or LibreOffice and save it as XLSX"))


# --- archives (XLSX, ODS) ---------------------------------------------------------------

def _wanted(name: str) -> bool:
    # What calamine reads: XML parts and their relations. Pictures, printer settings and
    # embedded objects are left packed.
    return name == "mimetype" or name.endswith((".xml", ".rels"))


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > MAX_UNPACKED_BYTES:
        raise too_big_unpacked()
    parts, size = [], 0
    with archive.open(info) as stream:
        # ZipExtFile inflates at most `CHUNK` bytes per read and stops at the size the archive
        # declares (a member longer than declared fails its CRC check).
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > MAX_UNPACKED_BYTES:
                raise too_big_unpacked()
            parts.append(chunk)
    return b"".join(parts)


def unpack(data: bytes, kind: str) -> dict[str, bytes]:
    """The archive's XML members, each read through a bounded stream, in archive order."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise unreadable(kind)
        members, total = {}, 0
        for info in infos:
            if info.is_dir() or not _wanted(info.filename) or info.filename in members:
                continue
            members[info.filename] = _read_bounded(archive, info)
            total += len(members[info.filename])
            if total > MAX_ARCHIVE_BYTES:
                raise too_big_unpacked()
        return members
    except FileProblem:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError,
            EOFError, ValueError, KeyError, IndexError, struct.error):
        # zlib.error is an Exception subclass raised for corrupt deflate streams
        raise unreadable(kind) from None
    except Exception as error:
        if type(error).__name__ == "error":  # zlib.error
            raise unreadable(kind) from None
        raise


def repack(members: dict[str, bytes]) -> bytes:
    """The verified members as a new archive (stored, not compressed: calamine reads it fast)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), content)
    return out.getvalue()


def check_area(rows: int, columns: int) -> None:
    if rows > MAX_ROWS + 1_000:  # title rows, header and blank rows above the register
        raise too_many_rows()
    if columns > MAX_COLUMNS:
        raise too_many_columns()
    if rows * columns > MAX_CELLS:
        raise too_big_area(rows, columns)


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


# --- XLSX ---------------------------------------------------------------------------------

_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(/?)>")
_ROW_PLAIN = re.compile(rb'<row r="(\d{1,9})"[^>]*?(/?)>')
_R_NUMBER = re.compile(rb'\sr="(\d{1,9})"')
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CELL_WITH_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="[A-Z]{1,3}\d')
# A cell holding something (not self-closing) in column AA or beyond.
_WIDE_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{2,3})\d+"[^>]*(?<!/)>')
_WIDE_PLAIN = re.compile(rb'<c r="([A-Z]{2,3})\d+"[^>]*(?<!/)>')
_HIDDEN_COL = re.compile(rb"<(?:\w+:)?col\s[^>]*>")
_ATTR = re.compile(rb'\b(min|max|hidden)="([^"]*)"')


def xlsx_sheet_extent(xml: bytes) -> tuple[int, int]:
    """(last row, last column) of the cells of a worksheet part that may hold a value."""
    if xml.count(b"row") > 2 * MAX_ROW_TAGS + 10:  # cheap bound before any loop
        raise too_many_rows()
    last_row = row = 0
    if xml.count(b"<row ") == xml.count(b'<row r="') and not xml.count(b"<row>"):
        # Rows written as <row r="7" ...>: their numbers found at C speed.
        numbers = [int(n) for n, empty in _ROW_PLAIN.findall(xml) if not empty]
        last_row = max(numbers, default=0)
    else:
        for match in _ROW_TAG.finditer(xml):
            number = _R_NUMBER.search(match.group(1))
            row = int(number.group(1)) if number else row + 1
            if not match.group(2):  # a self-closing row holds no cells
                last_row = max(last_row, row)
    # Excel, LibreOffice and the usual libraries write each cell as <c r="B7" ...>: counted
    # at C speed. Anything else (prefixed tags, r= later on) takes the regular expressions.
    cells = xml.count(b"<c ") + xml.count(b"<c>") + xml.count(b"<c/>")
    if cells == xml.count(b'<c r="') and not xml.count(b":c "):
        wide_refs = _WIDE_PLAIN.findall(xml)
    else:
        cells = len(_CELL_TAG.findall(xml))
        if cells != len(_CELL_WITH_REF.findall(xml)):
            raise FileProblem(_("the XLSX file's cells carry no positions, which this reader needs; "
                                "open it in Excel or LibreOffice and save it again as XLSX"))
        wide_refs = _WIDE_CELL.findall(xml)
    wide = {column_number(letters) for letters in set(wide_refs)}
    last_column = max(wide) if wide else (26 if cells else 0)
    return last_row, last_column


def xlsx_hidden_columns(xml: bytes) -> set[int]:
    """Column numbers (1 = A) that the sheet hides."""
    head = xml[:xml.find(b"sheetData")] if b"sheetData" in xml else xml
    hidden: set[int] = set()
    for tag in _HIDDEN_COL.findall(head):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get(b"hidden") in (b"1", b"true") and attrs.get(b"min", b"").isdigit():
            low, high = int(attrs[b"min"]), int(attrs.get(b"max", attrs[b"min"]) or 0)
            hidden.update(range(low, min(high, MAX_COLUMNS) + 1))
    return hidden


def measure_xlsx(data: bytes) -> Measured:
    members = unpack(data, "XLSX")
    if "xl/workbook.xml" not in members:
        if any(name.endswith(".bin") for name in zipfile.ZipFile(io.BytesIO(data)).namelist()):
            raise FileProblem(_("XLSB workbooks cannot be read; save the file as XLSX"))
        raise unreadable("XLSX")
    hidden = {}
    sheets = sorted((name for name in members if name.startswith("xl/worksheets/")
                     and name.endswith(".xml")), key=_natural)
    for index, name in enumerate(sheets):
        check_area(*xlsx_sheet_extent(members[name]))
        hidden[index] = xlsx_hidden_columns(members[name])
    for name, content in members.items():
        if name not in sheets and b"sheetData" in content:
            check_area(*xlsx_sheet_extent(content))
    return Measured(repack(members), hidden)


def _natural(name: str):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


# --- ODS ----------------------------------------------------------------------------------

_ODS_TAG = re.compile(rb"<(/?)table:(table|table-row|table-cell|covered-table-cell|table-column)(?=[\s/>])([^>]*?)(/?)>")
_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="(\d{1,9})"')
_COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="(\d{1,9})"')


def ods_extent(xml: bytes) -> list[tuple[int, int, set[int]]]:
    """Each table's (last row, last column) holding a cell that may hold a value, and the
    columns it hides."""
    tables: list[tuple[int, int, set[int]]] = []
    last_row = last_column = row = column = 0
    row_repeat, row_has_value, defined_columns = 1, False, 0
    hidden: set[int] = set()
    open_cell = None  # (first column, repeat) of a cell whose content follows
    for closing, name, attrs, empty in _ODS_TAG.findall(xml):
        if name == b"table":
            if closing:
                tables.append((last_row, last_column, hidden))
            else:
                last_row = last_column = row = 0
                hidden, defined_columns = set(), 0
        elif name == b"table-column" and not closing:
            repeat = _repeat(_COLUMNS_REPEATED, attrs)
            if b'table:visibility="collapse"' in attrs:
                hidden.update(range(defined_columns + 1, min(defined_columns + repeat, MAX_COLUMNS) + 1))
            defined_columns += repeat
        elif name == b"table-row":
            if closing:
                if row_has_value:
                    last_row = row + row_repeat - 1
                row += row_repeat - 1
            else:
                row += 1
                column, row_has_value = 0, False
                row_repeat = _repeat(_ROWS_REPEATED, attrs)
                if empty:
                    row += row_repeat - 1
        else:  # a cell
            if closing:
                if open_cell:
                    row_has_value = True
                    last_column = max(last_column, open_cell[0] + open_cell[1] - 1)
                    open_cell = None
                continue
            repeat = _repeat(_COLUMNS_REPEATED, attrs)
            first = column + 1
            column += repeat
            if not empty:
                open_cell = (first, repeat)
            elif b"office:value-type" in attrs:
                row_has_value = True
                last_column = max(last_column, column)
    return tables


def _repeat(pattern: re.Pattern, attrs: bytes) -> int:
    found = pattern.search(attrs)
    return int(found.group(1)) if found else 1


def measure_ods(data: bytes) -> Measured:
    members = unpack(data, "ODS")
    content = members.get("content.xml")
    if content is None:
        raise unreadable("ODS")
    hidden = {}
    for index, (rows, columns, hidden_columns) in enumerate(ods_extent(content)):
        check_area(rows, columns)
        hidden[index] = hidden_columns
    return Measured(repack(members), hidden)


# --- XLS (BIFF8 in an OLE2 container) -----------------------------------------------------

# Records that place one cell at (row, column): their data starts with both.
_ONE_CELL = {0x0006, 0x00FD, 0x0203, 0x027E, 0x0204, 0x0205, 0x00D6, 0x0201}
_MULTI_CELL = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, ..., last column
_BOF, _COLINFO = 0x0809, 0x007D


def measure_xls(data: bytes) -> Measured:
    import olefile

    try:
        ole = olefile.OleFileIO(data)
        if not ole.exists("Workbook"):
            raise pre_97_xls() if ole.exists("Book") else unreadable("XLS")
        stream = ole.openstream("Workbook").read()
    except FileProblem:
        raise
    except Exception:  # olefile raises OSError, struct.error, IndexError... on damaged files
        raise unreadable("XLS") from None
    hidden: dict[int, set[int]] = {}
    sheet, last_row, last_column = -1, 0, 0
    position, size = 0, len(stream)
    while position + 4 <= size:
        kind, length = struct.unpack_from("<HH", stream, position)
        body = position + 4
        position = body + length
        if kind in _ONE_CELL and length >= 4:
            row, column = struct.unpack_from("<HH", stream, body)
        elif kind in _MULTI_CELL and length >= 6:
            row, = struct.unpack_from("<H", stream, body)
            column, = struct.unpack_from("<H", stream, body + length - 2)
        elif kind == _BOF:
            check_area(last_row, last_column)
            sheet, last_row, last_column = sheet + 1, 0, 0
            continue
        elif kind == _COLINFO and length >= 10:
            first, last, _width, _style, options = struct.unpack_from("<HHHHH", stream, body)
            if options & 1:
                hidden.setdefault(sheet - 1, set()).update(range(first + 1, min(last, MAX_COLUMNS) + 2))
            continue
        else:
            continue
        last_row, last_column = max(last_row, row + 1), max(last_column, column + 1)
    check_area(last_row, last_column)
    return Measured(data, hidden)
