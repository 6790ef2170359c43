"""Files made to knock a reader over: a sheet that unpacks to far more than its archive, a
sheet whose cells reach the spreadsheet's last row and column, a header of a million columns."""
import io
import struct
import zipfile
import zlib

from tests.support.register_files import register_rows, to_xlsx

ROW = b'<row><c t="inlineStr"><is><t>Aigul Bekova</t></is></c><c t="inlineStr"><is><t>KG</t></is></c></row>'
SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"


def _replace_sheet(xlsx: bytes, write_sheet) -> bytes:
    """The workbook with its first sheet's part written by `write_sheet(stream)`."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                part = zipfile.ZipInfo(info.filename)
                part.compress_type, part._compresslevel = zipfile.ZIP_DEFLATED, 9
                with target.open(part, "w", force_zip64=True) as stream:
                    write_sheet(stream)
            else:
                target.writestr(info, source.read(info))
    return out.getvalue()


def _deflated(part: bytes) -> bytes:
    """`part` deflated and flushed so that its bytes can be repeated inside one stream."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(part) + compressor.flush(zlib.Z_FULL_FLUSH)


def xlsx_bomb(unpacked_mb: int = 1024) -> bytes:
    """An XLSX of a few MB whose sheet unpacks to `unpacked_mb` MB, with no <dimension>.

    The sheet's deflate stream is one compressed megabyte repeated (made in a second, where
    compressing a gigabyte takes half a minute)."""
    block = ROW * (1024 * 1024 // len(ROW))
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressed = (_deflated(SHEET_HEAD) + _deflated(block) * unpacked_mb
                  + tail.compress(SHEET_TAIL) + tail.flush())
    crc = zlib.crc32(SHEET_HEAD)
    for _ in range(unpacked_mb):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(SHEET_TAIL, crc)
    size = len(SHEET_HEAD) + len(block) * unpacked_mb + len(SHEET_TAIL)
    return _with_member(to_xlsx(register_rows({"full_name": "A", "country": "KG"})),
                        "xl/worksheets/sheet1.xml", compressed, crc, size)


def _with_member(xlsx: bytes, name: str, compressed: bytes, crc: int, size: int) -> bytes:
    """The archive with member `name` replaced by already deflated bytes (written by hand:
    zipfile compresses what it writes)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out, directory = io.BytesIO(), []
    for info in source.infolist():
        if info.filename == name:
            data, method, this_crc, this_size = compressed, zipfile.ZIP_DEFLATED, crc, size
        else:
            data, method, this_crc, this_size = source.read(info), zipfile.ZIP_STORED, info.CRC, info.file_size
        encoded = info.filename.encode()
        offset = out.tell()
        out.write(struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, method, 0, 0x21,
                              this_crc, len(data), this_size, len(encoded), 0) + encoded + data)
        directory.append(struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21,
                                     this_crc, len(data), this_size, len(encoded), 0, 0, 0, 0, 0,
                                     offset) + encoded)
    start = out.tell()
    out.write(b"".join(directory))
    out.write(struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(directory), len(directory),
                          out.tell() - start, start, 0))
    return out.getvalue()


def lying_sizes(xlsx: bytes, declared: int = 40 * 1024 * 1024,
                member: bytes = b"xl/worksheets/sheet1.xml") -> bytes:
    """The archive with `member` claiming to unpack to `declared` bytes (under the limit)."""
    data = bytearray(xlsx)
    for signature, size_at, name_at in ((b"PK\x01\x02", 24, 46), (b"PK\x03\x04", 22, 30)):
        position = 0
        while (position := data.find(signature, position)) >= 0:
            if data[position + name_at:].startswith(member):
                struct.pack_into("<I", data, position + size_at, declared)
            position += 4
    return bytes(data)


def far_cells_xlsx(last: str = "XFD1048576") -> bytes:
    """A tiny XLSX with a header, one row and a cell at `last`: a grid of billions of cells."""
    rows = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>full_name</t></is></c>'
            b'<c r="B1" t="inlineStr"><is><t>country</t></is></c></row>'
            b'<row r="2"><c r="A2" t="inlineStr"><is><t>Aigul Bekova</t></is></c>'
            b'<c r="B2" t="inlineStr"><is><t>KG</t></is></c></row>')
    number = "".join(ch for ch in last if ch.isdigit())
    rows += f'<row r="{number}"><c r="{last}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
    return _replace_sheet(to_xlsx(register_rows({"full_name": "A", "country": "KG"})),
                          lambda stream: stream.write(SHEET_HEAD + rows + SHEET_TAIL))


def wide_csv(columns: int = 1_000_000) -> bytes:
    return (",".join(f"c{i}" for i in range(columns)) + "\nx\n").encode()
