"""Render sheets of a workbook to PNG through LibreOffice, for the docs' pictures.

The workbook is copied first; only the copy gets a landscape, one-page-wide page setup and,
with --headers, every column hidden except the named ones, so a wide lead sheet prints
legibly. The original file is never changed.

Usage:
  .venv/bin/python scripts/render_png.py BOOK.xlsx OUT_PREFIX [--sheet NAME]
      [--headers 业务员,单位名称,校验结果] [--rows 12] [--dpi 80]
Writes OUT_PREFIX-1.png (the first page of the chosen sheet).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from leadcheck.values import normalize_header


def prepare_copy(source: Path, target: Path, sheet: str | None, headers: list[str], rows: int | None) -> None:
    """Write a print-ready copy: one sheet, landscape, fit to width, chosen columns only."""
    workbook = openpyxl.load_workbook(source)
    chosen = workbook[sheet] if sheet else workbook.worksheets[0]
    for worksheet in workbook.worksheets:
        if worksheet is not chosen:
            worksheet.sheet_state = "hidden"
    workbook.active = workbook.worksheets.index(chosen)

    if headers:
        # Rebuild the column widths one column at a time, because a grouped <col min max>
        # element would otherwise keep hidden columns visible.
        wanted = set(headers)
        widths = {letter: dimension.width for letter, dimension in chosen.column_dimensions.items()}
        chosen.column_dimensions.clear()
        for cell in chosen[1]:
            letter = get_column_letter(cell.column)
            dimension = chosen.column_dimensions[letter]
            dimension.width = max(widths.get(letter) or 0, 12)
            dimension.hidden = normalize_header(cell.value) not in wanted
    if rows:
        for row in range(rows + 2, chosen.max_row + 1):
            chosen.row_dimensions[row].hidden = True

    chosen.page_setup.orientation = "landscape"
    chosen.page_setup.fitToWidth = 1
    chosen.page_setup.fitToHeight = 0
    chosen.sheet_properties.pageSetUpPr.fitToPage = True
    workbook.save(target)


# White space kept around the printed content, in pixels.
MARGIN = 24


def content_size(pdf: str, dpi: int, prefix: Path) -> tuple[int, int]:
    """Return the width and height that hold everything non-white on page 1, plus a margin.

    pdftoppm writes raw PPM without -png, which is simple enough to scan here.
    """
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", pdf, str(prefix)], check=True, timeout=60)
    data = next(prefix.parent.glob(prefix.name + "*.ppm")).read_bytes()
    magic, size, depth, pixels = data.split(b"\n", 3)
    width, height = (int(number) for number in size.split())
    row_bytes = width * 3
    last_row = last_column = 0
    for y in range(height):
        line = pixels[y * row_bytes:(y + 1) * row_bytes]
        stripped = line.rstrip(b"\xff")
        if stripped:
            last_row = y
            last_column = max(last_column, len(stripped) // 3)
    return min(width, last_column + MARGIN), min(height, last_row + MARGIN)


def render(source: Path, prefix: Path, sheet: str | None, headers: list[str], rows: int | None, dpi: int) -> Path:
    """Convert the prepared copy to PDF with LibreOffice, then its first page to PNG."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        copy = work / "render.xlsx"
        prepare_copy(source, copy, sheet, headers, rows)
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(copy)],
            check=True, capture_output=True, timeout=180,
        )
        pdf = str(work / "render.pdf")
        width, height = content_size(pdf, dpi, work / "probe")
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-x", "0", "-y", "0",
             "-W", str(width), "-H", str(height), pdf, str(work / "page")],
            check=True, timeout=60,
        )
        page = next(work.glob("page*.png"))
        target = prefix.with_name(prefix.name + "-1.png")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("book", type=Path)
    parser.add_argument("prefix", type=Path)
    parser.add_argument("--sheet")
    parser.add_argument("--headers", default="", help="comma-separated headers to keep visible")
    parser.add_argument("--rows", type=int, help="number of data rows to show")
    parser.add_argument("--dpi", type=int, default=80)
    arguments = parser.parse_args()
    headers = [name for name in arguments.headers.split(",") if name]
    print(render(arguments.book, arguments.prefix, arguments.sheet, headers, arguments.rows, arguments.dpi))


if __name__ == "__main__":
    main()
