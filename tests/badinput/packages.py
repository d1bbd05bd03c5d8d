"""Hand-made workbook packages: a minimal .xlsx written part by part, and zip surgery.

openpyxl and XlsxWriter refuse to write what a hostile file contains (a DTD before the
shared strings, error cells without formulas, a member that decompresses to gigabytes),
so these inputs are assembled from XML text and zip bytes here.

Naming: a *part* is a zip member of the package. ``rows`` are lists of cell values from
Excel row 1 down. A ``str`` becomes a shared string, an ``int`` or ``float`` a number, a
date the text "YYYY-MM-DD" (as a rep types it), and an ``Error`` an error cell.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_PART = "xl/worksheets/sheet1.xml"
STRINGS_PART = "xl/sharedStrings.xml"

# Local file header and central directory signatures, and the offsets of the fields that
# zip surgery rewrites (APPNOTE.TXT 4.3.7 and 4.3.12).
LOCAL_SIGNATURE = b"PK\x03\x04"
CENTRAL_SIGNATURE = b"PK\x01\x02"
LOCAL_FIELDS = {"method": 8, "crc": 14, "compressed": 18, "size": 22, "name_length": 26}
CENTRAL_FIELDS = {"method": 10, "crc": 16, "compressed": 20, "size": 24, "name_length": 28}
LOCAL_NAME_OFFSET = 30
CENTRAL_NAME_OFFSET = 46
DEFLATED = 8

# The bomb repeats one deflate block of this many spaces; 1 MiB compresses to about 1 KB.
BOMB_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Error:
    """An error cell such as #N/A, stored as ``t="e"`` the way Excel stores it."""

    text: str


def _cell(reference: str, value: object, strings: list[str]) -> str:
    if isinstance(value, Error):
        return f'<c r="{reference}" t="e"><v>{escape(value.text)}</v></c>'
    if isinstance(value, date):
        value = value.strftime("%Y-%m-%d")
    if isinstance(value, str):
        strings.append(value)
        return f'<c r="{reference}" t="s"><v>{len(strings) - 1}</v></c>'
    return f'<c r="{reference}"><v>{value}</v></c>'


def sheet_parts(rows: list[list[object]], sheet_name: str) -> dict[str, str]:
    """Return the parts of a one-sheet workbook, shared strings escaped as Excel writes them."""
    strings: list[str] = []
    lines = []
    for row, values in enumerate(rows, start=1):
        cells = "".join(
            _cell(f"{get_column_letter(column)}{row}", value, strings)
            for column, value in enumerate(values, start=1) if value is not None
        )
        lines.append(f'<row r="{row}">{cells}</row>')
    items = "".join(f"<si><t xml:space=\"preserve\">{escape(text)}</t></si>" for text in strings)
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return {
        "[Content_Types].xml": declaration + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": declaration + (
            f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" '
            f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": declaration + (
            f'<workbook xmlns="{MAIN_NAMESPACE}" xmlns:r="{RELATIONSHIPS}"><sheets>'
            f'<sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": declaration + (
            f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        SHEET_PART: declaration + f'<worksheet xmlns="{MAIN_NAMESPACE}"><sheetData>{"".join(lines)}</sheetData></worksheet>',
        STRINGS_PART: declaration + f'<sst xmlns="{MAIN_NAMESPACE}">{items}</sst>',
    }


def write_parts(path: Path, parts: dict[str, str | bytes]) -> Path:
    """Write ``parts`` as a deflated zip package."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def _patch_member(data: bytearray, name: str, **values: int) -> None:
    """Rewrite header fields of member ``name`` in both its local and its central header."""
    encoded = name.encode()
    for signature, fields, name_offset in (
        (LOCAL_SIGNATURE, LOCAL_FIELDS, LOCAL_NAME_OFFSET), (CENTRAL_SIGNATURE, CENTRAL_FIELDS, CENTRAL_NAME_OFFSET),
    ):
        start = data.find(signature)
        while start >= 0:
            length = struct.unpack_from("<H", data, start + fields["name_length"])[0]
            if data[start + name_offset:start + name_offset + length] == encoded:
                for field, value in values.items():
                    struct.pack_into("<H" if field == "method" else "<I", data, start + fields[field], value)
            start = data.find(signature, start + 4)


def declare_size(path: Path, name: str, size: int) -> None:
    """Make the zip headers of member ``name`` state ``size`` uncompressed bytes."""
    data = bytearray(path.read_bytes())
    _patch_member(data, name, size=size)
    path.write_bytes(bytes(data))


def _raw_deflate(data: bytes, final: bool) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)


def write_space_bomb(path: Path, parts: dict[str, str], size: int) -> int:
    """Write ``parts`` with the sheet part padded by spaces to about ``size`` bytes.

    The padding is one deflate block of ``BOMB_CHUNK`` spaces repeated, so a 3 GiB member
    costs 3 MB on disk and about two seconds (the CRC of every byte) to build. The member
    is real: every reader that decompresses it gets ``size`` bytes. Returns the exact size.
    """
    head, tail = parts[SHEET_PART].encode().split(b"</sheetData>")
    tail = b"</sheetData>" + tail
    chunk = b" " * BOMB_CHUNK
    repeats = max(1, (size - len(head) - len(tail)) // BOMB_CHUNK)

    stream = _raw_deflate(head, False) + _raw_deflate(chunk, False) * repeats + _raw_deflate(tail, True)
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    total = len(head) + repeats * BOMB_CHUNK + len(tail)

    # Store the deflate stream as it is, then relabel the member as deflated.
    others = {name: content for name, content in parts.items() if name != SHEET_PART}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in others.items():
            archive.writestr(name, content)
        archive.writestr(zipfile.ZipInfo(SHEET_PART), stream, compress_type=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    _patch_member(data, SHEET_PART, method=DEFLATED, crc=crc, size=total)
    path.write_bytes(bytes(data))
    return total
