"""The file back end of the workbook interface: edits an .xlsx or .xlsm through openpyxl.

Flags are conditional formatting rules bound to a hidden sheet, so the cells' own styles
are never written. ``clear_validation`` removes the rules, the sheet, the defined name,
the marked notes, the 校验结果 column and the summary sheet. What it does not promise:
the saved file is openpyxl's serialisation, so a file first written by another program
(inline strings, its own attribute order) changes form on the first save even when no cell
changes. 清除标记 restores, byte for byte, the sheet as openpyxl saves it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

import openpyxl
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook as OpenpyxlWorkbook
from openpyxl.worksheet.worksheet import Worksheet

from leadcheck.sheets.reader import HEADER_SEARCH_ROWS
from leadcheck.sheets.xmlparts import bar_chart
from leadcheck.sheets.workbook import (
    ERROR_FILL, ERROR_FLAG, FLAGS_NAME, FLAGS_SHEET, NOTE_MARK, RESULT_HEADER, SUMMARY_SHEET,
    WARNING_FILL, WARNING_FLAG, CellFlag, CellNote, ChartSpec, SheetLayout, SheetNotFoundError,
)

log = logging.getLogger(__name__)

# Author stored with every note validation writes; Excel shows it above the note text.
NOTE_AUTHOR = "leadcheck"

# Note box size in points: wide enough for a two-line Chinese message without scrolling.
NOTE_WIDTH = 320
NOTE_HEIGHT = 110


def flag_formula(level: int) -> str:
    """Return the rule formula that is true where the flags grid contains ``level``."""
    return f"INDEX({FLAGS_NAME},ROW(),COLUMN())={level}"


class FileBook:
    """An openpyxl workbook seen through the workbook interface."""

    def __init__(self, workbook: OpenpyxlWorkbook) -> None:
        self.workbook = workbook

    @classmethod
    def open(cls, path: Path) -> FileBook:
        """Load a workbook; an .xlsm keeps its VBA project (see ``package`` for the ribbon)."""
        keep_vba = Path(path).suffix.lower() == ".xlsm"
        return cls(openpyxl.load_workbook(path, keep_vba=keep_vba, rich_text=True))

    def save(self, path: Path) -> None:
        """Write the workbook to ``path`` as it is; atomic replacement is the caller's job."""
        self.workbook.save(path)

    def sheet_names(self) -> list[str]:
        return list(self.workbook.sheetnames)

    def _sheet(self, sheet: str) -> Worksheet:
        if sheet not in self.workbook.sheetnames:
            raise SheetNotFoundError(sheet, self.workbook.sheetnames)
        return self.workbook[sheet]

    def read_values(self, sheet: str) -> list[list[object]]:
        worksheet = self._sheet(sheet)
        rows = worksheet.iter_rows(
            min_row=1, max_row=worksheet.max_row, max_col=worksheet.max_column, values_only=True
        )
        return [list(values) for values in rows]

    def write_block(self, sheet: str, row: int, column: int, block: Sequence[Sequence[object]]) -> None:
        worksheet = self._sheet(sheet)
        for row_offset, values in enumerate(block):
            for column_offset, value in enumerate(values):
                worksheet.cell(row + row_offset, column + column_offset, value)

    def set_flags(self, sheet: str, flags: Sequence[CellFlag], last_row: int, last_column: int) -> None:
        worksheet = self._sheet(sheet)
        self._remove_flags(worksheet)

        # The hidden grid: one number per flagged cell, at the flagged cell's coordinates.
        grid = self.workbook.create_sheet(FLAGS_SHEET)
        grid.sheet_state = "hidden"
        for flag in flags:
            grid.cell(flag.row, flag.column, flag.level)

        # The name that the rules read the grid through, covering the whole flagged area.
        area = f"'{FLAGS_SHEET}'!$A$1:${get_column_letter(last_column)}${last_row}"
        self.workbook.defined_names[FLAGS_NAME] = DefinedName(FLAGS_NAME, attr_text=area, hidden=True)

        # Two rules over the data area; the error rule comes first and stops evaluation.
        target = f"A1:{get_column_letter(last_column)}{last_row}"
        for level, colour in ((ERROR_FLAG, ERROR_FILL), (WARNING_FLAG, WARNING_FILL)):
            fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
            rule = FormulaRule(formula=[flag_formula(level)], fill=fill, stopIfTrue=True)
            worksheet.conditional_formatting.add(target, rule)

    def add_notes(self, sheet: str, notes: Sequence[CellNote]) -> None:
        worksheet = self._sheet(sheet)
        for note in notes:
            cell = worksheet.cell(note.row, note.column)
            if cell.comment is not None and not _is_validation_note(cell.comment.text):
                log.info("note kept: cell %s already has the rep's own note", cell.coordinate)
                continue
            cell.comment = Comment(note.text, NOTE_AUTHOR, height=NOTE_HEIGHT, width=NOTE_WIDTH)

    def replace_sheet(self, sheet: str, block: Sequence[Sequence[object]], layout: SheetLayout) -> None:
        if sheet in self.workbook.sheetnames:
            del self.workbook[sheet]
        worksheet = self.workbook.create_sheet(sheet)
        self.write_block(sheet, 1, 1, block)

        bold = Font(bold=True)
        for row in layout.bold_rows:
            for cell in worksheet[row]:
                cell.font = bold
        for column, width in layout.column_widths:
            worksheet.column_dimensions[get_column_letter(column)].width = width

    def add_chart(self, sheet: str, chart: ChartSpec) -> None:
        worksheet = self._sheet(sheet)
        worksheet.add_chart(bar_chart(worksheet, chart))

    def clear_validation(self, sheet: str) -> None:
        worksheet = self._sheet(sheet)
        self._remove_flags(worksheet)
        self._remove_notes(worksheet)
        self._remove_result_column(worksheet)
        if SUMMARY_SHEET in self.workbook.sheetnames:
            del self.workbook[SUMMARY_SHEET]

    def _remove_flags(self, worksheet: Worksheet) -> None:
        rules = worksheet.conditional_formatting._cf_rules
        for target in list(rules):
            kept = [rule for rule in rules[target] if not _is_flag_rule(rule)]
            if kept:
                rules[target] = kept
            else:
                del rules[target]

        # openpyxl numbers new rules from this counter; resetting it lets a second run
        # write the same priorities as the first.
        remaining = [rule.priority or 0 for kept_rules in rules.values() for rule in kept_rules]
        worksheet.conditional_formatting.max_priority = max(remaining, default=0)
        if FLAGS_SHEET in self.workbook.sheetnames:
            del self.workbook[FLAGS_SHEET]
        if FLAGS_NAME in self.workbook.defined_names:
            del self.workbook.defined_names[FLAGS_NAME]

    def _remove_notes(self, worksheet: Worksheet) -> None:
        for row in worksheet.iter_rows():
            for cell in row:
                if cell.comment is not None and _is_validation_note(cell.comment.text):
                    cell.comment = None

    def _remove_result_column(self, worksheet: Worksheet) -> None:
        column = find_result_column(worksheet)
        if column is None:
            return
        cells = [row[0] for row in worksheet.iter_rows(min_col=column, max_col=column)]
        if not cells:
            return
        for cell in cells:
            cell.value = None

        # A styled cell existed before validation wrote into it, so only its value goes.
        if not any(cell.has_style for cell in cells):
            worksheet.delete_cols(column)


def find_result_column(worksheet: Worksheet) -> int | None:
    """Return the column headed 校验结果 in one of the rows where a header row may sit."""
    for row in worksheet.iter_rows(max_row=HEADER_SEARCH_ROWS):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip() == RESULT_HEADER:
                return cell.column
    return None


def _is_flag_rule(rule: object) -> bool:
    return any(FLAGS_NAME in formula for formula in getattr(rule, "formula", None) or ())


def _is_validation_note(text: object) -> bool:
    return str(text or "").startswith(NOTE_MARK)
