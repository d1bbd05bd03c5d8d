"""Reading the 客户登记 sheet of a lead file into a table of raw cells.

Naming: ``row`` is the 1-based Excel row and ``index`` a 0-based position in a list. A
"grid" is a sheet as a list of rows of cell values, whose first element is Excel row 1.

Cells stay raw: numbers are ``float`` (Excel stores every number as a double), dates are
``datetime``, ``date`` or ``time``, and text is ``str``. Both workbook readers must give the
same values, so ``_clean_value`` maps the few places where they differ to one form. A blank
cell, a whitespace-only string and an Excel error value such as ``#DIV/0!`` all become
``None``. Reading never writes to the input file or its folder.
"""

from __future__ import annotations

import math
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Iterable, Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException

from leadcheck.model.columns import ColumnMap
from leadcheck.model.config import CONFIG_SHEET, DATA_SHEET
from leadcheck.sheets.csvfile import decode_csv, parse_csv
from leadcheck.sheets.errors import InputError
from leadcheck.sheets.safety import check_xml_parts, xml_safe_text

try:
    import python_calamine
except ImportError:  # Pyodide and other platforms without the native wheel use openpyxl.
    python_calamine = None

# The header row is searched for among the first rows, because reps often put a title
# such as "2026年11月客户登记表" in row 1 or 2 above the template headers.
HEADER_SEARCH_ROWS = 5

# A row with this many template headers is the header row. A title row or a customer row
# rarely contains three template headers, and a real header row contains dozens.
MIN_TEMPLATE_HEADERS = 3

# Both readers stop after this many consecutive blank rows. A sheet whose formatting was
# applied to whole rows reports rows down to 1,048,576, and both readers would yield every
# one of them. No lead sheet leaves a thousand empty rows between two customers.
MAX_BLANK_ROWS = 1000

# calamine loads a sheet's whole used range into memory, about 32 bytes a cell, before the
# first row is read: 1,048,576 rows × 44 columns took 1.4 GB and 3 s. A sheet whose
# <dimension> claims more cells than this is read by openpyxl, which streams rows and stops
# after MAX_BLANK_ROWS. A 50,000-row × 44-column lead sheet has 2.2 million cells.
# NOTE: a sheet without a <dimension>, or with a forged one, still goes to calamine.
MAX_CALAMINE_CELLS = 10_000_000

# Zip archives whose members add up to more than this (as stated by the zip directory)
# are rejected before any member is decompressed. A 50,000-row × 30-column lead sheet
# written by XlsxWriter decompresses to 73 MB, so 2 GiB leaves over twentyfold headroom
# while keeping a zip bomb from exhausting memory and time.
MAX_UNCOMPRESSED_BYTES = 2 * 1024**3

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

# An encrypted .xlsx is an OLE compound file with a stream of this name (MS-OFFCRYPTO).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

# Excel's error values. openpyxl returns a cached error as this text while calamine returns
# "", so both become None. A text cell that contains exactly one of these becomes None too.
EXCEL_ERRORS = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
    "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
})

_SAVE_AS_XLSX = "在 Excel/WPS 中打开后另存为 .xlsx 再校验"

# Delimited text read like CSV.
_TEXT_SUFFIXES = (".csv", ".txt")


@dataclass
class SheetData:
    """The header row and data rows of one sheet, as raw cell values."""

    path: Path
    sheet_name: str
    # 1-based Excel row of the headers: 1 normally, 2 or 3 under a title row.
    header_row: int
    headers: list[object]
    # (1-based Excel row, cell values padded to len(headers)); fully blank rows are skipped.
    rows: list[tuple[int, list[object]]]
    # TOML text from the hidden sheet CONFIG_SHEET (column A joined by "\n"), if present.
    config_text: str | None


def read_lead_sheet(path: Path | str, sheet: str = DATA_SHEET) -> SheetData:
    """Read the customer sheet of an .xlsx, .xlsm, .xls or .csv file.

    Raises ``InputError`` with a Chinese message for any file that cannot be read. It does
    not check that the headers are the template's: the engine reports missing columns.
    """
    path = Path(path)
    head = _read_head(path)
    suffix = path.suffix.lower()

    # Excel's "Unicode 文本" export is tab-separated UTF-16 saved as .txt.
    if suffix in _TEXT_SUFFIXES:
        if head.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
            raise InputError(path, f"的扩展名是 {suffix}，内容却是 Excel 工作簿", "请把扩展名改为 .xlsx 后再校验")
        grid = parse_csv(path, decode_csv(path, path.read_bytes()))
        return _build_sheet_data(path, path.stem, grid, None)

    if suffix in (".xlsx", ".xlsm"):
        if head.startswith(_OLE_MAGIC):
            _reject_ole_workbook(path)
        if not head.startswith(_ZIP_MAGIC):
            raise InputError(path, f"不是 Excel 工作簿（内容不是 {suffix} 格式）", "请确认选对了文件，或" + _SAVE_AS_XLSX)
        claimed_cells = _check_zip(path)
        return _read_workbook(path, sheet, claimed_cells)

    if suffix == ".xls":
        if head.startswith(_ZIP_MAGIC):
            raise InputError(path, "的扩展名是 .xls，内容却是 .xlsx 工作簿", "请把扩展名改为 .xlsx 后再校验")
        if not head.startswith(_OLE_MAGIC):
            raise InputError(path, "不是 Excel 工作簿（内容不是 .xls 格式）", "请确认选对了文件，或" + _SAVE_AS_XLSX)
        if _is_encrypted_package(path):
            raise _encrypted_error(path)
        if python_calamine is None:
            raise InputError(path, "是旧版 .xls 格式，当前环境无法读取", "请" + _SAVE_AS_XLSX)
        return _read_workbook(path, sheet, 0)

    raise InputError(
        path,
        f"的类型“{path.suffix or '无扩展名'}”不受支持（支持 .xlsx、.xlsm、.xls、.csv 和 Excel 导出的 Unicode 文本 .txt）",
        "请" + _SAVE_AS_XLSX,
    )


def _read_head(path: Path) -> bytes:
    """Return the first 8 bytes of the file, raising ``InputError`` when it cannot be opened."""
    if path.is_dir():
        raise InputError(path, "是一个文件夹，不是文件", "请选择文件夹中的客户登记表文件")
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except FileNotFoundError as error:
        raise InputError(path, f"不存在（查找位置：{path.resolve().parent}）", "请检查文件名和所在文件夹") from error
    except PermissionError as error:
        raise InputError(
            path, "无法读取（没有读取权限，或正被其他程序独占打开）", "请关闭正在使用它的程序或检查文件权限后再试"
        ) from error
    if not head:
        raise InputError(path, "是空文件（0 字节）", "请确认选对了文件，或重新保存后再校验")
    return head


def _check_zip(path: Path) -> int:
    """Reject a truncated zip, a zip that is not a workbook, and a zip bomb.

    Returns the largest cell count that a worksheet's dimension claims.

    The sizes come from the zip directory. A forged directory that understates them does
    not get past the readers either: calamine stops with "File is larger than its declared
    uncompressed size" and Python's zipfile stops at the declared size and fails its CRC
    check. Then every XML part is checked for a DTD (see ``safety.check_xml_parts``).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_sizes(path, members)
            return check_xml_parts(path, archive)
    except zipfile.BadZipFile as error:
        raise InputError(
            path, "已损坏或不完整（可能没有下载或复制完）", "请重新获取原文件，或" + _SAVE_AS_XLSX
        ) from error


def _check_sizes(path: Path, members: list[zipfile.ZipInfo]) -> None:
    if not any(member.filename.startswith("xl/") for member in members):
        raise InputError(path, "是压缩包，但不是 Excel 工作簿", "请确认选对了文件，或" + _SAVE_AS_XLSX)

    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputError(
            path,
            f"解压后共 {total / 1024**3:.1f} GiB，超过 {MAX_UNCOMPRESSED_BYTES // 1024**3} GiB 的上限，"
            "可能是损坏或恶意构造的文件",
            "请确认文件来源；如确是客户数据，请分成几个文件再校验",
        )


def _is_encrypted_package(path: Path) -> bool:
    return _ENCRYPTED_STREAM in path.read_bytes()


def _encrypted_error(path: Path) -> InputError:
    return InputError(
        path, "已设置打开密码（文件已加密），无法读取", "请在 Excel/WPS 中打开并取消密码后另存，再校验"
    )


def _reject_ole_workbook(path: Path) -> None:
    """Raise for an OLE compound file named .xlsx: an encrypted workbook or a renamed .xls."""
    if _is_encrypted_package(path):
        raise _encrypted_error(path)
    raise InputError(path, "的扩展名是 .xlsx，内容却是旧版 .xls 工作簿", "请把扩展名改为 .xls，或" + _SAVE_AS_XLSX)


def _read_workbook(path: Path, sheet: str, claimed_cells: int) -> SheetData:
    if python_calamine is not None and claimed_cells <= MAX_CALAMINE_CELLS:
        sheet_name, grid, config_grid = _read_with_calamine(path, sheet)
    else:
        sheet_name, grid, config_grid = _read_with_openpyxl(path, sheet)
    config_text = _config_text(config_grid) if config_grid is not None else None
    return _build_sheet_data(path, sheet_name, grid, config_text)


def _read_with_calamine(path: Path, sheet: str) -> tuple[str, list[list[object]], list[list[object]] | None]:
    try:
        with python_calamine.CalamineWorkbook.from_path(path) as workbook:
            sheet_name = _choose_sheet(path, workbook.sheet_names, sheet)
            grid = _calamine_grid(workbook, sheet_name)

            config_name = _find_sheet(workbook.sheet_names, CONFIG_SHEET)
            config_grid = _calamine_grid(workbook, config_name) if config_name else None
    except python_calamine.PasswordError as error:
        raise _encrypted_error(path) from error
    except python_calamine.CalamineError as error:
        raise InputError(path, f"已损坏，无法读取（{error}）", "请重新获取原文件，或" + _SAVE_AS_XLSX) from error
    return sheet_name, grid, config_grid


def _calamine_grid(workbook: object, sheet_name: str) -> list[list[object]]:
    """Read a sheet from A1, stopping after ``MAX_BLANK_ROWS``, merged areas filled.

    ``iter_rows`` starts at row 1 but at the used range's first column, so each row is
    padded on the left. An empty sheet has no start.
    """
    worksheet = workbook.get_sheet_by_name(sheet_name)
    if worksheet.start is None:
        return []
    padding = [None] * worksheet.start[1]
    grid = _stop_at_blank_rows(padding + values for values in _clean_rows(worksheet.iter_rows()))
    _fill_merged(grid, worksheet.merged_cell_ranges or ())
    return grid


def _fill_merged(grid: list[list[object]], ranges: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """Give every cell of a merged area the value of its top-left cell, as Excel displays it.

    Only cells inside the grid are filled, so a merge down to row 1,048,576 adds no rows.
    The openpyxl fallback does not do this (its streaming mode does not read merges).
    """
    for (first_row, first_column), (last_row, last_column) in ranges:
        if first_row >= len(grid) or first_column >= len(grid[first_row]):
            continue
        value = grid[first_row][first_column]
        for values in grid[first_row:last_row + 1]:
            for column in range(first_column, min(last_column + 1, len(values))):
                values[column] = value


def _read_with_openpyxl(path: Path, sheet: str) -> tuple[str, list[list[object]], list[list[object]] | None]:
    # Imported here because most reads go through calamine, and openpyxl takes about a
    # quarter of a second to import.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ParseError, DefusedXmlException) as error:
        raise InputError(path, f"已损坏，无法读取（{error}）", "请重新获取原文件，或" + _SAVE_AS_XLSX) from error

    try:
        sheet_name = _choose_sheet(path, workbook.sheetnames, sheet)
        grid = _openpyxl_grid(workbook[sheet_name])

        config_name = _find_sheet(workbook.sheetnames, CONFIG_SHEET)
        config_grid = _openpyxl_grid(workbook[config_name]) if config_name else None
    except (ParseError, DefusedXmlException) as error:
        raise InputError(path, f"已损坏，无法读取（{error}）", "请重新获取原文件，或" + _SAVE_AS_XLSX) from error
    finally:
        workbook.close()
    return sheet_name, grid, config_grid


def _openpyxl_grid(worksheet: object) -> list[list[object]]:
    # The stored dimension may claim 16,384 columns. Without it, each row is as wide
    # as its last stored cell.
    worksheet.reset_dimensions()

    # With cell objects instead of values_only, iteration took about 35 % longer on a
    # 50,000 × 30 sheet, and the cell type is not needed because errors are matched by text.
    rows = worksheet.iter_rows(values_only=True)
    return _stop_at_blank_rows([_clean_value(value) for value in raw_values] for raw_values in rows)


def _stop_at_blank_rows(rows: Iterable[list[object]]) -> list[list[object]]:
    """Collect rows until ``MAX_BLANK_ROWS`` blank ones in a row."""
    grid: list[list[object]] = []
    blank_rows = 0
    for values in rows:
        if any(value is not None for value in values):
            blank_rows = 0
        else:
            blank_rows += 1
            if blank_rows >= MAX_BLANK_ROWS:
                break
        grid.append(values)
    return grid


def _clean_rows(rows: Iterable[list[object]]) -> Iterator[list[object]]:
    """Yield each row with ``_clean_value`` applied, calling it once per distinct value.

    A sheet repeats most of its values, so a row whose values were all seen before is
    mapped through a dict at C speed. Only text and date-time values are replaced through
    the dict: ``True == 1`` as a key, so a number that needed cleaning would also replace
    a boolean. If one does (a reader returning ``int``), the rest is cleaned cell by cell.
    """
    replacements: dict[object, object] = {}
    seen: set[object] = set()
    cell_by_cell = False
    for values in rows:
        if cell_by_cell:
            yield [_clean_value(value) for value in values]
            continue
        if not seen.issuperset(values):
            for value in set(values).difference(seen):
                cleaned = _clean_value(value)
                if cleaned is value:
                    continue
                if type(value) in (str, datetime):
                    replacements[value] = cleaned
                else:
                    cell_by_cell = True
            seen.update(values)
        if cell_by_cell:
            yield [_clean_value(value) for value in values]
        else:
            yield list(map(replacements.get, values, values))


def _clean_value(value: object) -> object:
    """Map a cell value to the form both readers share.

    calamine returns numbers as ``float``, a midnight date-time as ``date`` and a blank or
    error cell as "". It also drops whitespace-only inline strings. openpyxl returns
    ``int``, ``datetime`` and the text instead. Both end up in calamine's form, with blanks
    and errors as ``None``. Control characters that XML cannot contain become U+FFFD, so
    every value read can be written back into a workbook. calamine decodes ``_x0001_``
    into such a character, and a CSV file may contain them raw.
    """
    if isinstance(value, str):
        if not value.strip() or value in EXCEL_ERRORS:
            return None
        return value if value.isprintable() else xml_safe_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, datetime) and value.time() == time(0, 0):
        return value.date()
    return value


def _sheet_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


def _find_sheet(names: list[str], expected: str) -> str | None:
    """Return the sheet whose NFKC-trimmed name equals ``expected``'s, or ``None``."""
    key = _sheet_key(expected)
    return next((name for name in names if _sheet_key(name) == key), None)


def _choose_sheet(path: Path, names: list[str], expected: str) -> str:
    name = _find_sheet(names, expected)
    if name is None:
        raise InputError(
            path,
            f"中没有名为“{expected}”的工作表（现有：{'、'.join(names)}）",
            f"请把客户数据放在“{expected}”工作表中，或用模板重新填写",
        )
    return name


def _config_text(grid: list[list[object]]) -> str:
    """Join the column A cells of the configuration sheet into TOML text, one cell a line."""
    lines = [_config_line(values[0] if values else None) for values in grid]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _config_line(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return str(value)


def sheet_data_from_grid(
    path: Path, sheet_name: str, grid: list[list[object]], config_grid: list[list[object]] | None = None
) -> SheetData:
    """Build ``SheetData`` from values already read (e.g. from live Excel), as the file readers do.

    ``grid`` is the data sheet's used range, row by row; ``config_grid`` the configuration
    sheet's, if the workbook has one. Raises ``InputError`` when the sheet is empty.
    """
    cleaned = [[_clean_value(value) for value in values] for values in grid]
    config_text = _config_text(config_grid) if config_grid is not None else None
    return _build_sheet_data(path, sheet_name, cleaned, config_text)


def _build_sheet_data(path: Path, sheet_name: str, grid: list[list[object]], config_text: str | None) -> SheetData:
    """Find the header row in a grid and keep the non-blank rows below it."""
    header_index = _find_header_index(grid)
    if header_index is None:
        raise InputError(path, f"的“{sheet_name}”工作表是空的", "请在模板中填写客户数据后再校验")

    header_cells = grid[header_index]
    data = grid[header_index + 1:]
    width = max(_content_width(values) for values in [header_cells, *data])

    rows = [
        (header_index + 2 + offset, _pad(values, width))
        for offset, values in enumerate(data)
        if _content_width(values)
    ]
    return SheetData(
        path=path,
        sheet_name=sheet_name,
        header_row=header_index + 1,
        headers=_pad(header_cells, width),
        rows=rows,
        config_text=config_text,
    )


def _find_header_index(grid: list[list[object]]) -> int | None:
    """Return the index of the first row among the first few with enough template headers.

    Falls back to the first non-blank row, and returns ``None`` for a sheet with no content.
    """
    for index, values in enumerate(grid[:HEADER_SEARCH_ROWS]):
        if _count_template_headers(values) >= MIN_TEMPLATE_HEADERS:
            return index
    return next((index for index, values in enumerate(grid) if _content_width(values)), None)


def _count_template_headers(values: list[object]) -> int:
    columns = ColumnMap.from_headers(list(values))
    return len(columns.customer) + sum(len(fields) for fields in columns.contacts.values())


def _content_width(values: list[object]) -> int:
    """Return the number of cells up to and including the last non-blank one."""
    for index in range(len(values) - 1, -1, -1):
        if values[index] is not None:
            return index + 1
    return 0


def _pad(values: list[object], width: int) -> list[object]:
    return list(values[:width]) + [None] * (width - len(values))
