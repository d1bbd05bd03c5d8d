"""The live back end of the workbook interface: the workbook open in Excel, through xlwings.

Every xlwings call is a round trip to Excel, so each method makes a fixed number of calls
whatever the number of rows. That means one read of the used range, one write per block,
two conditional formatting rules and one helper-macro call for all notes. The round-trip budget
test runs this class against a recording fake of these xlwings objects.

Uses xlwings 0.37.8 APIs: ``Range.conditional_formats`` (new in 0.37.5), ``Names.contains``,
``Book.macro`` and ``App.alert``. Notes have no bulk API in xlwings, so they go through the
VBA helper ``HELPER_VBA`` in one call when the workbook contains it, and one call per
note otherwise.
"""

from __future__ import annotations

import logging
from typing import Any, Sequence

from openpyxl.utils import get_column_letter

from leadcheck.sheets.reader import HEADER_SEARCH_ROWS
from leadcheck.sheets.workbook import (
    ERROR_FILL, ERROR_FLAG, FLAGS_NAME, FLAGS_SHEET, NOTE_MARK, RESULT_HEADER, SUMMARY_SHEET,
    WARNING_FILL, WARNING_FLAG, CellFlag, CellNote, ChartSpec, SheetLayout, SheetNotFoundError,
)

log = logging.getLogger(__name__)

# Separates the addresses and the texts passed to the notes macro as two strings: the
# ASCII record separator cannot occur in an address or a message.
RECORD_SEPARATOR = "\x1e"

SET_NOTES_MACRO = "LeadcheckSetNotes"
CLEAR_NOTES_MACRO = "LeadcheckClearNotes"

# Chart size in points: about eight columns by fifteen rows at Excel's default sizes.
CHART_WIDTH = 480
CHART_HEIGHT = 240

# The VBA module the template embeds so that all notes are written in one call. A note
# that does not start with the mark belongs to the rep and is left as it is.
HELPER_VBA = f'''Attribute VB_Name = "LeadcheckNotes"
Option Explicit

Public Function {SET_NOTES_MACRO}(sheetName As String, addresses As String, texts As String, mark As String) As Long
    Dim sheet As Worksheet, cellAddresses() As String, noteTexts() As String, i As Long, target As Range
    Set sheet = ThisWorkbook.Worksheets(sheetName)
    cellAddresses = Split(addresses, Chr(30))
    noteTexts = Split(texts, Chr(30))
    For i = LBound(cellAddresses) To UBound(cellAddresses)
        Set target = sheet.Range(cellAddresses(i))
        If Not target.Comment Is Nothing Then
            If Left(target.Comment.Text, Len(mark)) = mark Then target.Comment.Delete
        End If
        If target.Comment Is Nothing Then
            target.AddComment noteTexts(i)
            {SET_NOTES_MACRO} = {SET_NOTES_MACRO} + 1
        End If
    Next i
End Function

Public Function {CLEAR_NOTES_MACRO}(sheetName As String, mark As String) As Long
    Dim sheet As Worksheet, i As Long
    Set sheet = ThisWorkbook.Worksheets(sheetName)
    For i = sheet.Comments.Count To 1 Step -1
        If Left(sheet.Comments(i).Text, Len(mark)) = mark Then
            sheet.Comments(i).Delete
            {CLEAR_NOTES_MACRO} = {CLEAR_NOTES_MACRO} + 1
        End If
    Next i
End Function
'''


class ExcelBook:
    """An xlwings ``Book`` seen through the workbook interface.

    ``notes_macro`` is True when the workbook contains ``HELPER_VBA``, as the template does.
    """

    def __init__(self, book: Any, notes_macro: bool = True) -> None:
        self.book = book
        self.notes_macro = notes_macro
        self._names: list[str] | None = None
        self._sheets: dict[str, Any] = {}

    @classmethod
    def caller(cls) -> ExcelBook:
        """Wrap the workbook whose button or macro called Python (``xw.Book.caller()``)."""
        import xlwings

        return cls(xlwings.Book.caller())

    @property
    def name(self) -> str:
        return str(self.book.name)

    def alert(self, message: str, title: str, critical: bool = False) -> None:
        """Show a message box in Excel."""
        self.book.app.alert(message, title=title, mode="critical" if critical else "info")

    def sheet_names(self) -> list[str]:
        # Read once, then kept in step with the sheets this object adds and deletes.
        if self._names is None:
            self._names = [sheet.name for sheet in self.book.sheets]
        return list(self._names)

    def _sheet(self, sheet: str) -> Any:
        if sheet not in self.sheet_names():
            raise SheetNotFoundError(sheet, self.sheet_names())
        if sheet not in self._sheets:
            self._sheets[sheet] = self.book.sheets[sheet]
        return self._sheets[sheet]

    def _add_sheet(self, sheet: str) -> Any:
        added = self.book.sheets.add(sheet, after=self.book.sheets[-1])
        self._names = [*self.sheet_names(), sheet]
        self._sheets[sheet] = added
        return added

    def read_values(self, sheet: str) -> list[list[object]]:
        used = self._sheet(sheet).used_range
        top, left = used.row, used.column
        values = used.options(ndim=2).value

        # Excel's used range starts at the first used cell; the interface starts at A1.
        width = left - 1 + max((len(row) for row in values), default=0)
        padding = [[None] * width for _ in range(top - 1)]
        return padding + [[None] * (left - 1) + list(row) for row in values]

    def write_block(self, sheet: str, row: int, column: int, block: Sequence[Sequence[object]]) -> None:
        self._sheet(sheet).range((row, column)).value = [list(values) for values in block]

    def set_flags(self, sheet: str, flags: Sequence[CellFlag], last_row: int, last_column: int) -> None:
        worksheet = self._sheet(sheet)
        self._delete_sheet(FLAGS_SHEET)

        # The hidden grid, written as one block from A1 to the last flagged cell.
        grid_sheet = self._add_sheet(FLAGS_SHEET)
        grid_sheet.visible = False
        if flags:
            rows = max(flag.row for flag in flags)
            columns = max(flag.column for flag in flags)
            grid: list[list[object]] = [[None] * columns for _ in range(rows)]
            for flag in flags:
                grid[flag.row - 1][flag.column - 1] = flag.level
            grid_sheet.range((1, 1)).value = grid

        # The name the rules read through, then the rules: Excel puts each new rule on top,
        # so the warning rule goes in first and the error rule ends up evaluated first.
        area = f"='{FLAGS_SHEET}'!$A$1:${get_column_letter(last_column)}${last_row}"
        self.book.names.add(FLAGS_NAME, area)
        rules = worksheet.range((1, 1), (last_row, last_column)).conditional_formats
        for level, colour in ((WARNING_FLAG, WARNING_FILL), (ERROR_FLAG, ERROR_FILL)):
            rules.add_custom(f"=INDEX({FLAGS_NAME},ROW(),COLUMN())={level}", fill_color="#" + colour, stop_if_true=True)

    def add_notes(self, sheet: str, notes: Sequence[CellNote]) -> None:
        if not notes:
            return
        worksheet = self._sheet(sheet)
        addresses = [f"{get_column_letter(note.column)}{note.row}" for note in notes]
        if self.notes_macro:
            texts = RECORD_SEPARATOR.join(note.text for note in notes)
            self.book.macro(SET_NOTES_MACRO)(sheet, RECORD_SEPARATOR.join(addresses), texts, NOTE_MARK)
            return

        # NOTE: without the helper macro every note costs a few round trips to Excel.
        for address, note in zip(addresses, notes):
            cell = worksheet.range(address)
            existing = cell.note
            if existing is not None and not str(existing.text).startswith(NOTE_MARK):
                continue
            if existing is not None:
                existing.delete()
            cell.add_note(note.text)

    def replace_sheet(self, sheet: str, block: Sequence[Sequence[object]], layout: SheetLayout) -> None:
        self._delete_sheet(sheet)
        worksheet = self._add_sheet(sheet)
        worksheet.range((1, 1)).value = [list(values) for values in block]

        # One multi-area range for all bold rows, one range per run of equal widths.
        if layout.bold_rows:
            worksheet.range(",".join(f"{row}:{row}" for row in layout.bold_rows)).font.bold = True
        for first, last, width in _width_runs(layout.column_widths):
            worksheet.range((1, first), (1, last)).column_width = width

    def add_chart(self, sheet: str, chart: ChartSpec) -> None:
        worksheet = self._sheet(sheet)
        anchor = worksheet.range((chart.anchor_row, chart.anchor_column))
        excel_chart = worksheet.charts.add(anchor.left, anchor.top, CHART_WIDTH, CHART_HEIGHT)
        excel_chart.chart_type = "column_clustered"

        # One multi-area source: the category column, then the series columns.
        def area(column: int, first: int) -> str:
            letter = get_column_letter(column)
            return f"{letter}{first}:{letter}{chart.last_row}"

        parts = [area(chart.categories_column, chart.header_row)]
        parts += [area(column, chart.header_row) for column in chart.series_columns]
        excel_chart.set_source_data(worksheet.range(",".join(parts)))
        # NOTE: xlwings has no cross-platform chart title; Excel titles the chart from the data.

    def clear_validation(self, sheet: str) -> None:
        worksheet = self._sheet(sheet)

        # Flag rules over the whole sheet, recognised by the defined name in their formula.
        for rule in list(worksheet.cells.conditional_formats):
            if rule.type == "custom" and FLAGS_NAME in (rule.formula or ""):
                rule.delete()
        if self.book.names.contains(FLAGS_NAME):
            self.book.names[FLAGS_NAME].delete()
        self._delete_sheet(FLAGS_SHEET)
        self._delete_sheet(SUMMARY_SHEET)
        self._clear_notes(sheet, worksheet)

        # The 校验结果 column loses its values; its formatting is the rep's and stays.
        used = worksheet.used_range
        header_rows = worksheet.range((1, 1), (HEADER_SEARCH_ROWS, used.last_cell.column)).options(ndim=2).value
        for row_number, values in enumerate(header_rows, start=1):
            for column_number, value in enumerate(values, start=1):
                if isinstance(value, str) and value.strip() == RESULT_HEADER:
                    last = used.last_cell.row
                    worksheet.range((row_number, column_number), (last, column_number)).clear_contents()
                    return

    def _clear_notes(self, sheet: str, worksheet: Any) -> None:
        if self.notes_macro:
            self.book.macro(CLEAR_NOTES_MACRO)(sheet, NOTE_MARK)
            return
        for note in list(worksheet.notes):
            if str(note.text).startswith(NOTE_MARK):
                note.delete()

    def _delete_sheet(self, sheet: str) -> None:
        if sheet in self.sheet_names():
            self._sheet(sheet).delete()
            self._names = [name for name in self.sheet_names() if name != sheet]
            del self._sheets[sheet]


def _width_runs(widths: Sequence[tuple[int, float]]) -> list[tuple[int, int, float]]:
    """Group (column, width) pairs into (first, last, width) runs of adjacent equal widths."""
    runs: list[tuple[int, int, float]] = []
    for column, width in sorted(widths):
        if runs and runs[-1][1] == column - 1 and runs[-1][2] == width:
            runs[-1] = (runs[-1][0], column, width)
        else:
            runs.append((column, column, width))
    return runs
