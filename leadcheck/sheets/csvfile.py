"""Reading a CSV export into a grid of raw cells.

WPS and older Excel versions in China export CSV in GBK, newer ones in UTF-8 with or
without a byte order mark, so the encoding is detected rather than assumed. Cells stay
strings. A blank cell becomes ``None``, as it does in the workbook readers, and control
characters that XML cannot hold become U+FFFD, as they do there.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from leadcheck.sheets.errors import InputError
from leadcheck.sheets.safety import xml_safe_text

# Lines are split at this byte to find a file pasted together from a UTF-8 and a GBK
# export: reading it in either encoding garbles part of it, so it is refused.
_LINE_BREAK = b"\n"

_SAVE_AS_UTF8 = "请在 Excel/WPS 中打开后另存为“CSV UTF-8（逗号分隔）”或 .xlsx 再校验"

# Excel's "Unicode 文本" export is UTF-16 with a byte order mark and tab separators.
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# Bytes looked at to recognise UTF-16 written without a byte order mark. Its header line
# alone (业务员, 拜访日期, …) is longer than this.
_UTF16_SAMPLE = 512

# NUL bytes on one side that the sample must contain: the template's header line has 43
# commas, and a UTF-8 file with a stray NUL character has one or two.
_UTF16_MIN_NULS = 8


def decode_csv(path: Path, data: bytes) -> str:
    """Decode CSV bytes as UTF-16 (with or without a byte order mark), UTF-8 or GB18030.

    A byte order mark is dropped in each encoding (GB18030 has one too: 84 31 95 33).
    Raises ``InputError`` when no encoding decodes the bytes strictly, and when some lines
    are UTF-8 and others are not. A GB18030 decode can succeed on bytes written in another
    legacy encoding such as Big5, and then yields wrong characters, so success does not
    promise the text is what was written.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    unmarked = _utf16_without_bom(data)
    if unmarked is not None:
        return unmarked

    # UTF-8 goes first because GB18030 decodes most UTF-8 byte sequences too, into the
    # wrong characters. GB18030 is a superset of GBK and GB2312, so it also reads WPS's
    # GBK exports.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass

    mixed = _first_line_not_utf8(data)
    if mixed is not None:
        raise InputError(
            path, f"混用了两种编码：有的行是 UTF-8，第 {mixed} 行却不是（多半是 GBK），无法统一读取", _SAVE_AS_UTF8
        )
    try:
        return data.decode("gb18030").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    raise InputError(path, "的编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）", _SAVE_AS_UTF8)


def _first_line_not_utf8(data: bytes) -> int | None:
    """Return the 1-based number of the first line that is not UTF-8, if another non-ASCII line is.

    A short GBK line can be valid UTF-8 by chance, and then a GBK file is reported as mixed.
    """
    utf8_seen = False
    first_other: int | None = None
    for number, line in enumerate(data.split(_LINE_BREAK), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_seen = True
        except UnicodeDecodeError:
            first_other = first_other or number
        if utf8_seen and first_other is not None:
            return first_other
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Decode UTF-16 written without a byte order mark, or return ``None``.

    UTF-16 has a NUL byte in every ASCII character (the commas, digits and line breaks of
    a CSV file), after it in little-endian order and before it in big-endian order. Text
    in UTF-8 or GB18030 has NUL bytes only where a cell contains the control character,
    so a few scattered NULs, or NULs on both sides alike, do not make a file UTF-16.
    """
    sample = data[:_UTF16_SAMPLE]
    odd_nuls, even_nuls = sample[1::2].count(0), sample[0::2].count(0)
    if max(odd_nuls, even_nuls) < _UTF16_MIN_NULS or min(odd_nuls, even_nuls) * 4 > max(odd_nuls, even_nuls):
        return None
    encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def parse_csv(path: Path, text: str) -> list[list[object]]:
    """Split decoded CSV text into rows of cells; blank cells become ``None``.

    Text that looks like a formula stays text here; the annotated copy stores it as a
    text cell (see ``safety.store_text_cells``).

    The delimiter is a tab when the first line has tabs and no commas, otherwise a comma.
    """
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","

    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise InputError(
            path,
            f"不是有效的 CSV 文件（{error}）",
            "请在 Excel/WPS 中打开后另存为 .xlsx 再校验",
        ) from error

    return [[xml_safe_text(cell) if cell.strip() else None for cell in record] for record in records]
