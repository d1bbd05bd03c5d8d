"""清除标记: remove everything 校验整表 added, leaving the rep's sheet as it was."""

from __future__ import annotations

from leadcheck.model.config import DATA_SHEET
from leadcheck.sheets.workbook import Workbook


def clear_book(book: Workbook, sheet: str = DATA_SHEET) -> None:
    """Remove flags, validation notes, the 校验结果 column and the summary sheet.

    Raises ``SheetNotFoundError`` when ``sheet`` is absent. Edits the rep made after
    validating stay, including edits inside the 校验结果 column, which is emptied.
    """
    book.clear_validation(sheet)
