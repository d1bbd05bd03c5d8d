"""Defences against hostile lead files, and against formula injection in the files we write.

Three protections live here:

- ``check_xml_parts`` refuses a workbook whose XML parts declare a document type (DTD).
  Office Open XML never uses one, and a DTD is what "billion laughs" entity expansion and
  external-entity reads need. Each part is parsed with defusedxml only up to its root
  element (a worksheet up to its ``<dimension>``), so the check costs a few kilobytes of
  decompression per part. It also returns how many cells the largest worksheet claims.
- ``xml_safe_text`` replaces the control characters that XML 1.0 cannot hold, so a value
  read from a CSV file or decoded by calamine from ``_x0001_`` can be written to a new
  workbook instead of stopping the save.
- ``find_lock_file`` and ``replace_problem`` find the lock file that Excel, WPS or
  LibreOffice keeps beside a workbook while it is open, so a command does not replace a
  file someone has open, or one marked read-only.
- ``store_text_cells`` keeps text that starts like a formula (``=``) as a text cell. Only
  ``=`` needs it: openpyxl stores any other text, including ``+86 571 87654321``, ``-``,
  ``@SUM(A1)`` and a leading tab or carriage return, as a text cell already, and Excel never
  evaluates a text cell. The value itself is never changed (no quote is prepended).

Naming: a *part* is a member of the workbook's zip package (``xl/sharedStrings.xml``).
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from pathlib import Path
from typing import IO, TYPE_CHECKING
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from leadcheck.sheets.errors import InputError

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# Parts whose names end like this are XML and are checked. VML drawings (.vml) are XML too.
XML_SUFFIXES = (".xml", ".rels", ".vml")

# A package with more members than this is refused before any is read. A lead workbook
# has 10 to 40 parts; one with a few hundred sheets, notes and pictures stays far below.
MAX_PARTS = 10_000

# The root element of a part must start within this many decompressed bytes. Excel writes
# a one-line declaration (about 60 bytes) before it; a longer prolog can only hide a DTD or
# make the check itself slow.
MAX_PROLOG_BYTES = 64 * 1024

# Characters that XML 1.0 cannot hold (every C0 control except tab, line feed and carriage
# return). openpyxl raises ``IllegalCharacterError`` for them when a cell value is set.
ILLEGAL_XML_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")

# What an illegal character becomes: U+FFFD REPLACEMENT CHARACTER, visible in Excel as �,
# so the rep sees where the source had an unprintable character.
REPLACEMENT = "\ufffd"

# openpyxl's cell data types for a formula and a string.
_FORMULA_TYPE = "f"
_STRING_TYPE = "s"

# Lock files beside an open workbook: Excel and WPS write "~$" + name, LibreOffice
# ".~lock." + name + "#". Each contains the name of the user who has the file open.
LOCK_FILE_PATTERNS = ("~${}", ".~lock.{}#")

_CELL_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")

_DAMAGED_REMEDY = "请确认文件来源，或在 Excel/WPS 中打开后另存为 .xlsx 再校验"


class _PrologTooLong(Exception):
    """Raised by ``_LimitedStream`` when a part's root element has not started in time."""


class _LimitedStream:
    """A read-only stream that raises ``_PrologTooLong`` after ``limit`` bytes."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self.stream = stream
        self.left = limit

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            raise _PrologTooLong
        data = self.stream.read(min(size, self.left) if size >= 0 else self.left)
        self.left -= len(data)
        return data


def check_xml_parts(path: Path, archive: zipfile.ZipFile) -> int:
    """Raise ``InputError`` when a part declares a DTD or entities, or its prolog is abnormal.

    Returns the largest number of cells that a worksheet's ``<dimension>`` claims (0 when
    no worksheet states one), so the caller can avoid a reader that allocates the whole
    used range. Does not check the body of a part: well-formedness after the first elements
    is the workbook reader's job. Neither reader expands entities: openpyxl parses through
    defusedxml, and calamine rejects an undeclared entity reference as an XML error. A
    forged dimension can understate the used range, and nothing here notices that.
    """
    members = archive.infolist()
    if len(members) > MAX_PARTS:
        raise InputError(path, f"的压缩包里有 {len(members)} 个部件，超过 {MAX_PARTS} 个的上限", _DAMAGED_REMEDY)

    largest = 0
    for member in members:
        if member.filename.lower().endswith(XML_SUFFIXES) and not member.is_dir():
            dimension = _check_prolog(path, archive, member)
            largest = max(largest, dimension_cells(dimension) if dimension else 0)
    return largest


def _check_prolog(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> str | None:
    """Parse one part up to its root element (a worksheet: to its dimension), DTDs forbidden.

    Returns the ``ref`` of a worksheet's ``<dimension>`` element, or ``None``.
    """
    try:
        with archive.open(member) as stream:
            return _first_elements(_LimitedStream(stream, MAX_PROLOG_BYTES))
    except DefusedXmlException as error:
        raise InputError(
            path,
            f"的部件 {member.filename} 含有文档类型或实体声明（DTD），Excel 从不写入这种内容，"
            f"可能是恶意构造的文件（{type(error).__name__}）",
            _DAMAGED_REMEDY,
        ) from error
    except _PrologTooLong as error:
        raise InputError(
            path, f"的部件 {member.filename} 开头超过 {MAX_PROLOG_BYTES // 1024} KB 仍没有内容，已损坏", _DAMAGED_REMEDY
        ) from error
    # zlib.error and EOFError: damaged compressed data; NotImplementedError: a compression
    # method Excel never writes; RuntimeError: a member encrypted with a zip password.
    except (ParseError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        raise InputError(path, f"的部件 {member.filename} 已损坏（{error}）", _DAMAGED_REMEDY) from error


def _first_elements(stream: _LimitedStream) -> str | None:
    """Read elements until the root of a non-worksheet part, or a worksheet's data starts."""
    events = iterparse(stream, events=("start",), forbid_dtd=True)
    first = next(events, None)
    if first is None or not first[1].tag.endswith("}worksheet"):
        return None
    try:
        for _event, element in events:
            name = element.tag.rsplit("}", 1)[-1]
            if name == "dimension":
                return element.get("ref")
            if name == "sheetData":
                return None
    except _PrologTooLong:
        return None
    return None


def dimension_cells(ref: str) -> int:
    """Return the number of cells in a range reference such as "A1:AR1048576" (0 if unreadable)."""
    corners = [_CELL_REFERENCE.fullmatch(part.replace("$", "")) for part in ref.upper().split(":")]
    if not corners or not all(corners):
        return 0
    rows = [int(match.group(2)) for match in corners]
    columns = [_column_number(match.group(1)) for match in corners]
    return (max(rows) - min(rows) + 1) * (max(columns) - min(columns) + 1)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def xml_safe_text(text: str) -> str:
    """Return ``text`` with each character XML 1.0 cannot hold replaced by U+FFFD.

    Tabs, line feeds and carriage returns are kept. The length never changes.
    """
    # Printable text has no control characters; the check is about 3x faster than the regex.
    if text.isprintable():
        return text
    return ILLEGAL_XML_CHARACTERS.sub(REPLACEMENT, text)


def store_text_cells(worksheet: Worksheet) -> int:
    """Turn every formula cell of ``worksheet`` back into a text cell.

    Call it on a sheet whose cells were all written from values, never from formulas the
    product means to write: openpyxl reads any text starting with ``=`` as a formula when
    the value is assigned, and this undoes exactly that. Returns the number of cells changed.
    It does not look at text in notes, charts or sheet names, which Excel never evaluates.
    """
    changed = 0
    for cells in worksheet.iter_rows():
        for cell in cells:
            if cell.data_type == _FORMULA_TYPE and isinstance(cell.value, str):
                cell.data_type = _STRING_TYPE
                changed += 1
    return changed


def find_lock_file(target: Path) -> Path | None:
    """Return the lock file beside ``target`` that shows it is open in a spreadsheet program.

    A lock file left behind by a program that crashed looks the same: the caller's message
    must say to delete it when the workbook is not open. Does not detect a file opened by a
    program that writes no lock file.
    """
    for pattern in LOCK_FILE_PATTERNS:
        lock = target.with_name(pattern.format(target.name))
        if lock.exists():
            return lock
    return None


def replace_problem(target: Path, action: str) -> str | None:
    """Return the Chinese sentence that rejects replacing ``target``, or ``None`` when it may be replaced.

    ``target`` may not be replaced while Excel, WPS or LibreOffice has it open (a lock file
    lies beside it), or when it is a read-only file: an atomic rename would replace it all
    the same, so the user's read-only mark is honoured here. ``action`` is the command's
    verb in the remedy, e.g. "校验" or "合并".
    """
    lock = find_lock_file(target)
    if lock is not None:
        return (
            f"输出文件“{target.name}”正在 Excel、WPS 或 LibreOffice 中打开（旁边有锁定文件“{lock.name}”）："
            f"请先关闭它再{action}，或换一个输出文件名；如果并没有打开，请删除该锁定文件。"
        )
    if target.is_file() and not os.access(target, os.W_OK):
        return f"输出文件“{target.name}”是只读文件，{action}不会覆盖它：请取消它的只读属性，或换一个输出文件名。"
    return None
