"""The workbook interface that the commands are written against, with its shared vocabulary.

Two back ends implement ``Workbook``: ``FileBook`` edits a file through openpyxl (the
annotated copy of ``leadcheck validate`` and every headless test), and ``ExcelBook`` drives
the workbook open in Excel through xlwings (the ribbon). The commands never touch either
library, so the CLI and the ribbon cannot disagree.

Naming conventions: ``row`` and ``column`` are 1-based Excel coordinates (``column`` 1 is
A). A *block* is a list of rows, each a list of cell values, written with its top-left
cell at a given coordinate. Everything that validation adds to a workbook is listed in
``Workbook.clear_validation``, which removes exactly that and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

# Hidden sheet that holds one number per flagged cell, at the flagged cell's coordinates.
FLAGS_SHEET = "_校验标记"

# Workbook-level name of the flags grid. Conditional formatting rules reach the hidden
# sheet through this name: Excel 2007 refused rule formulas naming another sheet, and
# later versions store such rules in an extension list that openpyxl does not write.
FLAGS_NAME = "_leadcheck_flags"

# Sheet that holds the per-rep summary and its chart; replaced on every run.
SUMMARY_SHEET = "校验汇总"

# Column that validation appends to the data sheet (same text as the column reader's).
RESULT_HEADER = "校验结果"

# Numbers written into the flags sheet. The error rule is evaluated first and stops, so a
# cell with both an error and a warning shows red.
ERROR_FLAG = 2
WARNING_FLAG = 1

# Fill colours (RGB hex) of the two flag rules: Excel's own "bad" red and a light amber.
ERROR_FILL = "FFC7CE"
WARNING_FILL = "FFEB9C"

# Every note that validation writes starts with this mark, so 清除标记 removes exactly the
# notes it wrote and never a rep's own note.
NOTE_MARK = "【校验】"


class SheetNotFoundError(LookupError):
    """A sheet that a command needs is absent; ``str(error)`` is one Chinese sentence."""

    def __init__(self, sheet: str, available: Sequence[str]) -> None:
        self.sheet = sheet
        self.available = list(available)
        names = "、".join(self.available) or "（无）"
        super().__init__(f"工作簿中没有名为“{sheet}”的工作表（现有：{names}）：请确认数据在“{sheet}”表中。")


@dataclass(frozen=True, slots=True)
class CellFlag:
    """A highlighted cell: ``level`` is ``ERROR_FLAG`` or ``WARNING_FLAG``."""

    row: int
    column: int
    level: int


@dataclass(frozen=True, slots=True)
class CellNote:
    """A note on one cell; ``text`` already starts with ``NOTE_MARK``."""

    row: int
    column: int
    text: str


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """A clustered bar chart drawn from a table on one sheet.

    ``categories_column`` holds the category labels in rows ``first_row``..``last_row``;
    each of ``series_columns`` is one series whose name is in ``header_row``.
    """

    title: str
    header_row: int
    first_row: int
    last_row: int
    categories_column: int
    series_columns: tuple[int, ...]
    anchor_row: int
    anchor_column: int


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """Emphasis for a sheet written as a block: bold rows and column widths in characters."""

    bold_rows: tuple[int, ...] = ()
    column_widths: tuple[tuple[int, float], ...] = ()


class Workbook(Protocol):
    """What the commands need from a workbook, in as few operations as possible.

    A live back end turns each method into a small fixed number of calls to Excel, never
    one call per cell or per row (notes excepted when the workbook lacks the helper macro).
    """

    def sheet_names(self) -> list[str]:
        """Return the names of all sheets, hidden ones included."""

    def read_values(self, sheet: str) -> list[list[object]]:
        """Return the sheet's values from A1 to the last used cell, as a rectangular block.

        Raises ``SheetNotFoundError`` when the sheet is absent.
        """

    def write_block(self, sheet: str, row: int, column: int, block: Sequence[Sequence[object]]) -> None:
        """Write values with the block's top-left cell at (row, column); ``None`` empties a cell."""

    def set_flags(self, sheet: str, flags: Sequence[CellFlag], last_row: int, last_column: int) -> None:
        """Highlight cells: red for errors, amber for warnings, without changing cell styles.

        ``last_row`` and ``last_column`` bound the area the rules cover.
        """

    def add_notes(self, sheet: str, notes: Sequence[CellNote]) -> None:
        """Attach notes. A cell that already has a note not written by validation keeps it."""

    def replace_sheet(self, sheet: str, block: Sequence[Sequence[object]], layout: SheetLayout) -> None:
        """Delete ``sheet`` if present and write a new visible sheet holding ``block`` at A1."""

    def add_chart(self, sheet: str, chart: ChartSpec) -> None:
        """Draw ``chart`` on ``sheet`` from the table already written there."""

    def clear_validation(self, sheet: str) -> None:
        """Remove everything validation added: flag rules, the flags sheet and its name,
        validation notes, the 校验结果 column of ``sheet`` and the summary sheet.

        It does not promise to undo edits the rep made after validating.
        """
