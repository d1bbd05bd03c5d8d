"""校验整表, written once against the workbook interface.

``validate_book`` is what the ribbon runs on the open workbook and what the file back end
runs in tests; ``show_result`` is the part that the annotated copy shares with it. Both
read the grid with the file reader's own rules (header row search, blank rows skipped,
cell values in one form), so the ribbon and ``leadcheck validate`` judge the same rows.
The engine is imported where it runs, so ``show_result`` (all the annotated copy needs)
loads without it.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Sequence

from leadcheck.model.config import CONFIG_SHEET, DATA_SHEET, DEFAULT_CONFIG, RuleConfig, config_from_toml
from leadcheck.model.result import Result
from leadcheck.sheets import reader
from leadcheck.sheets.reader import SheetData
from leadcheck.sheets.summary import build_summary
from leadcheck.sheets.workbook import (
    ERROR_FLAG, NOTE_MARK, RESULT_HEADER, SUMMARY_SHEET, WARNING_FLAG, CellFlag, CellNote, Workbook,
)
from leadcheck.values import normalize_header

log = logging.getLogger(__name__)

# The verdict text of a row that validation did not judge (a blank row inside the data).
UNJUDGED = None


def read_sheet(book: Workbook, sheet: str = DATA_SHEET, source: str = "") -> SheetData:
    """Read the data sheet and the embedded rule configuration in one read each.

    Raises ``SheetNotFoundError`` for a missing sheet and ``InputError`` for an empty one.
    """
    config_grid = book.read_values(CONFIG_SHEET) if CONFIG_SHEET in book.sheet_names() else None
    return reader.sheet_data_from_grid(Path(source or sheet), sheet, book.read_values(sheet), config_grid)


def config_of(sheet_data: SheetData) -> RuleConfig:
    """Return the embedded configuration, or the standard when the workbook has none."""
    if not sheet_data.config_text:
        return DEFAULT_CONFIG
    return config_from_toml(sheet_data.config_text)


def validate_book(book: Workbook, sheet: str = DATA_SHEET, today: date | None = None, source: str = "") -> Result:
    """Run 校验整表: clear the last run's marks, validate, and show the result in the book.

    Raises ``SheetNotFoundError``, ``InputError``, ``ConfigError`` or
    ``MissingColumnsError`` before the data sheet is changed in any way except the
    clearing of the previous run's marks.
    """
    from leadcheck.engine import validate_rows

    book.clear_validation(sheet)
    sheet_data = read_sheet(book, sheet, source)
    config = config_of(sheet_data)
    result = validate_rows(sheet_data.headers, sheet_data.rows, config, today)
    show_result(book, sheet_data, result, config, source)
    log.info("validated sheet=%s rows=%d findings=%d", sheet, len(sheet_data.rows), len(result.findings))
    return result


def show_result(book: Workbook, sheet_data: SheetData, result: Result, config: RuleConfig, source: str = "") -> None:
    """Write the 校验结果 column, the flags, the notes and the summary sheet.

    Expects a sheet without the previous run's marks (call ``clear_validation`` first).
    """
    sheet = sheet_data.sheet_name
    result_column = _result_column(sheet_data.headers)
    last_row = max([sheet_data.header_row, *(row for row, _ in sheet_data.rows)])

    # The 校验结果 column: one block from the header down to the last data row.
    judged = {verdict.row for verdict in result.customers}
    block: list[list[object]] = [[RESULT_HEADER]]
    for row in range(sheet_data.header_row + 1, last_row + 1):
        block.append([result.verdict_text(row) if row in judged else UNJUDGED])
    book.write_block(sheet, sheet_data.header_row, result_column, block)

    flags, notes = _flags_and_notes(sheet_data.headers, result, result_column)
    book.set_flags(sheet, flags, last_row, result_column)
    book.add_notes(sheet, notes)
    write_summary(book, result, config, source)


def write_summary(book: Workbook, result: Result, config: RuleConfig, source: str = "") -> None:
    """Replace the 校验汇总 sheet and draw its chart."""
    summary = build_summary(result, config, Path(source).name if source else "")
    book.replace_sheet(SUMMARY_SHEET, summary.block, summary.layout)
    book.add_chart(SUMMARY_SHEET, summary.chart)


def _result_column(headers: Sequence[object]) -> int:
    """Return the existing 校验结果 column, or the column after the last header."""
    texts = [normalize_header(value) for value in headers]
    if RESULT_HEADER in texts:
        return texts.index(RESULT_HEADER) + 1
    filled = [index for index, text in enumerate(texts) if text]
    return (filled[-1] + 2) if filled else 1


def _flags_and_notes(headers: Sequence[object], result: Result, result_column: int) -> tuple[list[CellFlag], list[CellNote]]:
    """Turn the findings into one flag and one note per cell, plus one note per judged row.

    A cell with an error and a warning is flagged as an error; its note lists both. The
    校验结果 cell of a row with findings gets a note with all of them, so a message stays
    visible even where a rep's own note keeps validation off a cell.
    """
    texts = [normalize_header(value) for value in headers]
    levels: dict[tuple[int, int], int] = {}
    messages: dict[tuple[int, int], list[str]] = {}

    for finding in result.findings:
        level = ERROR_FLAG if finding.is_error else WARNING_FLAG
        cells = [(finding.row, result_column)]
        if finding.column in texts:
            cells.insert(0, (finding.row, texts.index(finding.column) + 1))
        for cell in cells:
            levels[cell] = max(levels.get(cell, 0), level)
            messages.setdefault(cell, []).append(finding.message)

    flags = [CellFlag(row, column, level) for (row, column), level in sorted(levels.items())]
    notes = [
        CellNote(row, column, NOTE_MARK + "\n".join(_numbered(lines)))
        for (row, column), lines in sorted(messages.items())
    ]
    return flags, notes


def _numbered(lines: list[str]) -> list[str]:
    unique = list(dict.fromkeys(lines))
    if len(unique) == 1:
        return unique
    return [f"{index}. {line}" for index, line in enumerate(unique, start=1)]
