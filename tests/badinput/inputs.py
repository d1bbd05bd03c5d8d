"""Builders of hostile lead files: each writes one input into a folder and returns its path.

Most inputs start from ``BASE``: the template headers and three valid customers in rows
2 to 4 (the valid customer of the rule tests, with different unit names). A builder
changes one thing about it. Nothing here is a committed binary except the golden file,
which is copied.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from datetime import date
from functools import cache
from pathlib import Path
from typing import Callable

import openpyxl
import xlsxwriter
from builders import customer
from openpyxl.worksheet.worksheet import Worksheet

from badinput.packages import STRINGS_PART, sheet_parts, write_parts
from leadcheck.model.columns import template_headers
from leadcheck.model.config import DATA_SHEET

GOLDEN_FILE = Path("/work/shared/cases/leads-public.xlsx")
HEADERS = template_headers()
UNITS = ("杭州市城建设计研究院有限公司", "宁波市规划设计研究院有限公司", "温州市建筑设计研究院有限公司")


def customer_values(**changes: object) -> list[object]:
    """Return a valid customer as a row of cells in template order, with ``changes`` applied."""
    record = customer(**changes)
    return [record.get(header) for header in HEADERS]


def base_rows() -> list[list[object]]:
    """Return the headers and the three valid customers, from Excel row 1 down."""
    return [list(HEADERS)] + [customer_values(单位名称=unit) for unit in UNITS]


def column(header: str) -> int:
    """Return the 1-based column of a template header."""
    return HEADERS.index(header) + 1


def write_book(path: Path, rows: list[list[object]], sheet: str = DATA_SHEET,
               edit: Callable[[Worksheet], None] | None = None) -> Path:
    """Write ``rows`` from row 1 with openpyxl, let ``edit`` change the sheet, and save."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for values in rows:
        worksheet.append(values)
    if edit is not None:
        edit(worksheet)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], encoding: str, delimiter: str = ",") -> Path:
    """Write ``rows`` as CSV text in ``encoding``; dates as ISO text, as an export shows them."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for values in rows:
        writer.writerow(["" if value is None else value.date().isoformat() if hasattr(value, "date") else value
                         for value in values])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_raw(path: Path, rows: list[list[object]], sheet: str = DATA_SHEET,
              strings_prolog: str = "", strings_body: str | None = None) -> Path:
    """Write a hand-made package; optionally put ``strings_prolog`` before the shared strings."""
    parts = sheet_parts(rows, sheet)
    declaration, body = parts[STRINGS_PART].split("\n", 1)
    if strings_body is not None:
        body = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings_body}</sst>'
    parts[STRINGS_PART] = declaration + "\n" + strings_prolog + body
    return write_parts(path, parts)


def golden(folder: Path, name: str = "golden.xlsx") -> Path:
    return Path(shutil.copyfile(GOLDEN_FILE, folder / name))


@cache
def _converted_xls() -> Path:
    """Convert the golden file to .xls with LibreOffice once per test session."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to write an .xls input")
    folder = Path(tempfile.mkdtemp(prefix="badinput-xls-"))
    source = golden(folder, "leads.xlsx")
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile",
         "--convert-to", "xls", "--outdir", str(folder), str(source)],
        capture_output=True, check=True, timeout=180,
    )
    return folder / "leads.xls"


def xls_copy(folder: Path, name: str) -> Path:
    return Path(shutil.copyfile(_converted_xls(), folder / name))


def encrypted(folder: Path) -> Path:
    """Encrypt the base sheet with msoffcrypto-tool (ECMA-376 agile encryption, OLE container)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_book(folder / "plain.xlsx", base_rows())
    path = folder / "locked.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("secret", target)
    plain.unlink()
    return path


def with_formulas(folder: Path, cached: bool) -> Path:
    """Put a formula in 人数 (row 2) and 单位名称 (row 3), with or without a cached result.

    XlsxWriter stores the given result; openpyxl stores formulas with no result at all, as
    a file from a program that never calculates does.
    """
    path = folder / ("cached.xlsx" if cached else "uncached.xlsx")
    rows = base_rows()
    if not cached:
        rows[1][column("人数") - 1] = "=300+20"
        rows[2][column("单位名称") - 1] = '="宁波市规划"&"设计研究院有限公司"'
        return write_book(path, rows)

    workbook = xlsxwriter.Workbook(path)
    worksheet = workbook.add_worksheet(DATA_SHEET)
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for row, values in enumerate(rows):
        for index, value in enumerate(values):
            if isinstance(value, date):
                worksheet.write_datetime(row, index, value, date_format)
            elif value is not None:
                worksheet.write(row, index, value)
    worksheet.write_formula(1, column("人数") - 1, "=300+20", None, 320)
    worksheet.write_formula(2, column("单位名称") - 1, '="宁波市规划"&"设计研究院有限公司"', None, UNITS[1])
    workbook.close()
    return path


def billion_laughs(folder: Path) -> Path:
    """Shared strings whose one string expands to 3 × 10⁹ characters through nested entities."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    )
    rows = base_rows()
    return write_raw(folder / "laughs.xlsx", rows, strings_prolog=f"<!DOCTYPE sst [{entities}]>",
                     strings_body="<si><t>&lol9;</t></si>")


def external_entity(folder: Path) -> Path:
    """Shared strings that pull /etc/hostname in through an external entity."""
    return write_raw(folder / "external.xlsx", base_rows(),
                     strings_prolog='<!DOCTYPE sst [<!ENTITY host SYSTEM "file:///etc/hostname">]>',
                     strings_body="<si><t>&host;</t></si>")


def too_many_parts(folder: Path, count: int) -> Path:
    parts: dict[str, str | bytes] = dict(sheet_parts(base_rows(), DATA_SHEET))
    parts.update({f"customXml/item{number}.bin": b"" for number in range(count)})
    return write_parts(folder / "parts.xlsx", parts)


def malformed_sheet(folder: Path) -> Path:
    """A raw control character in the sheet XML: calamine reads it, openpyxl's parser refuses."""
    parts = sheet_parts(base_rows(), DATA_SHEET)
    parts[STRINGS_PART] = parts[STRINGS_PART].replace(UNITS[0], UNITS[0] + "\x01", 1)
    return write_parts(folder / "malformed.xlsx", parts)

