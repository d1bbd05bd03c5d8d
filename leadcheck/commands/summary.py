"""配额汇总: refresh the 校验汇总 sheet without touching the data sheet."""

from __future__ import annotations

from datetime import date

from leadcheck.commands.validate import config_of, read_sheet, write_summary
from leadcheck.model.config import DATA_SHEET
from leadcheck.model.result import Result
from leadcheck.sheets.workbook import Workbook


def summarize_book(book: Workbook, sheet: str = DATA_SHEET, today: date | None = None, source: str = "") -> Result:
    """Validate ``sheet`` and replace only the summary sheet; flags and notes stay as they are."""
    from leadcheck.engine import validate_rows

    sheet_data = read_sheet(book, sheet, source)
    config = config_of(sheet_data)
    result = validate_rows(sheet_data.headers, sheet_data.rows, config, today)
    write_summary(book, result, config, source)
    return result
