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

# Tried in order. UTF-8 goes first because GB18030 decodes most UTF-8 byte sequences too,
# into the wrong characters. "utf-8-sig" drops a leading byte order mark when there is one.
# GB18030 is a superset of GBK and GB2312, so it also reads WPS's GBK exports.
CSV_ENCODINGS = ("utf-8-sig", "gb18030")

# Excel's "Unicode 文本" export is UTF-16 with a byte order mark and tab separators.
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_csv(path: Path, data: bytes) -> str:
    """Decode CSV bytes as UTF-16 (with a byte order mark), UTF-8 or GB18030.

    Raises ``InputError`` when no encoding decodes the bytes strictly. A GB18030 decode
    can succeed on bytes written in another legacy encoding such as Big5, and then
    yields wrong characters, so success does not promise the text is what was written.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass

    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(
        path,
        "的编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）",
        "请在 Excel/WPS 中打开后另存为“CSV UTF-8（逗号分隔）”或 .xlsx 再校验",
    )


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
