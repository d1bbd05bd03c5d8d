"""The live back end of the workbook interface: the workbook open in Excel, through xlwings.

Every xlwings call is a round trip to Excel, so each method makes a fixed number of calls
whatever the number of rows. That means one read of the used range, one write per block,
two conditional formatting rules and one helper-macro call for all notes. The round-trip budget
test runs this class against a recording fake of these xlwings objects.

Uses xlwings 0.37.8 APIs: ``Range.conditional_formats`` (new in 0.37.5), ``Names.contains``,
``Book.macro`` and ``App.alert``. Notes have no bulk API in xlwings, so they go through the
VBA helper module ``LeadcheckNotes`` in one call when the workbook contains it, and one
call per note otherwise.
"""

from __future__ import annotations

import importlib
import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

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
UNPROTECT_MACRO = "LeadcheckUnprotect"
PROTECT_MACRO = "LeadcheckProtect"
CHOOSE_FILES_MACRO = "LeadcheckChooseFiles"
CHOOSE_SAVE_MACRO = "LeadcheckChooseSaveAs"
XLWINGS_VERSION_MACRO = "LeadcheckXlwingsVersion"

# ``LeadcheckUnprotect`` returns the sheet's protection options as 0/1 flags joined by
# commas (handed back unchanged to ``LeadcheckProtect``), "" for a sheet that was not
# protected, and this word for a sheet that stays protected (a password the rep did not
# enter): not a list of flags, so it cannot be mistaken for one.
PASSWORD_PROTECTED = "password"

# Chart size in points: about eight columns by fifteen rows at Excel's default sizes.
CHART_WIDTH = 480
CHART_HEIGHT = 240

# The VBA modules that hold the macros above, as text sources of the build
# (``addin/LeadcheckNotes.bas`` and ``addin/LeadcheckTools.bas``); the template and the
# add-in embed both. Each macro takes the workbook's name, because in the add-in the
# module runs in the add-in, not in the workbook it edits. xlwings 0.37.8 has no bulk API
# for notes, and no cross-platform call for sheet protection or the file dialogs.
HELPER_MODULES = ("LeadcheckNotes", "LeadcheckTools")


def _macro_errors() -> tuple[type[BaseException], ...]:
    """Return the errors xlwings raises when Excel cannot run a macro, on this platform.

    Windows reports a COM error (pywin32), macOS an AppleScript command error (appscript);
    neither module exists on the other platform or on Linux.
    """
    errors: list[type[BaseException]] = []
    for module, name in (("pywintypes", "com_error"), ("appscript.reference", "CommandError")):
        try:
            errors.append(getattr(importlib.import_module(module), name))
        except (ImportError, AttributeError):
            continue
    return tuple(errors)


MACRO_ERRORS = _macro_errors()

# File name endings of an Excel add-in: xlwings tells add-in callers apart the same way.
ADDIN_SUFFIXES = (".xlam", ".xla")


class NoWorkbookError(LookupError):
    """The add-in was clicked while no workbook is open; ``str(error)`` is one Chinese sentence."""

    def __init__(self) -> None:
        super().__init__("没有打开的登记表：请先打开要处理的工作簿，再点这个按钮。")


class SheetProtectedError(PermissionError):
    """A sheet stays protected after unprotecting (it has a password); one Chinese sentence."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        super().__init__(
            f"“{sheet}”表设有密码保护，校验无法写入标记：请在“审阅 → 撤消工作表保护”输入密码后再点按钮，"
            "或请设密码的人去掉密码。"
        )


class ExcelBook:
    """An xlwings ``Book`` seen through the workbook interface.

    ``notes_macro`` is True when the helper modules (``HELPER_MODULES``) are available, as
    in the template and the add-in. ``helper`` is the xlwings ``Book`` that contains them:
    the workbook itself, or the add-in when the add-in's ribbon acts on another workbook.
    """

    def __init__(self, book: Any, notes_macro: bool = True, helper: Any = None) -> None:
        self.book = book
        self.notes_macro = notes_macro
        self.helper = book if helper is None else helper
        self._names: list[str] | None = None
        self._sheets: dict[str, Any] = {}

    @classmethod
    def caller(cls) -> ExcelBook:
        """Wrap the workbook the rep is working on.

        That is ``xw.Book.caller()`` for a button of the template. For a button of the
        add-in, ``xw.Book.caller()`` is the add-in itself, so the active workbook is
        wrapped instead, with the add-in as helper (xlwings does the same for add-in UDFs).
        With no workbook open the add-in itself is wrapped, and ``has_workbook`` is False.
        """
        import xlwings

        return cls.for_caller(xlwings.Book.caller())

    @classmethod
    def for_caller(cls, caller: Any) -> ExcelBook:
        """Wrap the workbook a command should act on, given the xlwings caller."""
        if not is_addin(caller):
            return cls(caller)
        books = caller.app.books
        if len(books) == 0:
            return cls(caller, helper=caller)
        active = books.active
        return cls(active, helper=caller)

    @property
    def has_workbook(self) -> bool:
        """False when the wrapped book is the add-in itself: no workbook was open."""
        return not is_addin(self.book)

    def require_workbook(self) -> None:
        """Raise ``NoWorkbookError`` when there is no workbook to act on."""
        if not self.has_workbook:
            raise NoWorkbookError()

    @property
    def folder(self) -> Path | None:
        """The folder of the saved workbook, or ``None`` for a new, unsaved or online one."""
        if not self.has_workbook:
            return None
        path = Path(str(self.book.fullname))
        return path.parent if path.is_absolute() else None

    def _macro(self, name: str) -> Any:
        return self.helper.macro(name)

    @contextmanager
    def unprotected(self, sheet: str) -> Iterator[None]:
        """Lift the sheet's protection for the block, then protect it again with the same options.

        Does nothing for a sheet that is absent or not protected, or without the helper
        modules. Raises ``SheetProtectedError`` when a password keeps the sheet protected.
        Does not promise to restore a password: Excel cannot tell it to the macro.
        """
        if not self.notes_macro or sheet not in self.sheet_names():
            yield
            return
        options = self._macro(UNPROTECT_MACRO)(self.name, sheet)
        if options == PASSWORD_PROTECTED:
            raise SheetProtectedError(sheet)
        try:
            yield
        finally:
            if options:
                self._macro(PROTECT_MACRO)(self.name, sheet, options)

    def choose_files(self, title: str) -> list[Path]:
        """Ask for workbooks to open (several allowed); an empty list when the rep cancels."""
        chosen = self._macro(CHOOSE_FILES_MACRO)(title)
        return [Path(text) for text in str(chosen or "").split(RECORD_SEPARATOR) if text]

    def choose_save_path(self, suggested: Path, title: str) -> Path | None:
        """Ask where to save a new file; ``None`` when the rep cancels.

        Does not promise that the file is absent: the caller checks before writing.
        """
        chosen = self._macro(CHOOSE_SAVE_MACRO)(str(suggested), title)
        return Path(chosen) if chosen else None

    def xlwings_vba_version(self) -> str | None:
        """Return the version of the xlwings VBA module beside the helpers.

        Returns ``None`` when the book is declared without helpers (``notes_macro=False``)
        and "" when Excel cannot run the helper, as in a workbook made from a template
        older than the helpers.
        """
        if not self.notes_macro:
            return None
        try:
            return str(self._macro(XLWINGS_VERSION_MACRO)())
        except MACRO_ERRORS as error:
            log.warning("helper macro missing name=%s book=%s error=%s", XLWINGS_VERSION_MACRO, self.name, error)
            return ""

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
            self._macro(SET_NOTES_MACRO)(self.name, sheet, RECORD_SEPARATOR.join(addresses), texts, NOTE_MARK)
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
            self._macro(CLEAR_NOTES_MACRO)(self.name, sheet, NOTE_MARK)
            return
        for note in list(worksheet.notes):
            if str(note.text).startswith(NOTE_MARK):
                note.delete()

    def _delete_sheet(self, sheet: str) -> None:
        if sheet in self.sheet_names():
            self._sheet(sheet).delete()
            self._names = [name for name in self.sheet_names() if name != sheet]
            del self._sheets[sheet]


def is_addin(book: Any) -> bool:
    """Return True when the xlwings ``book`` is an add-in, judged by its file name as xlwings does."""
    return str(book.name).lower().endswith(ADDIN_SUFFIXES)


def _width_runs(widths: Sequence[tuple[int, float]]) -> list[tuple[int, int, float]]:
    """Group (column, width) pairs into (first, last, width) runs of adjacent equal widths."""
    runs: list[tuple[int, int, float]] = []
    for column, width in sorted(widths):
        if runs and runs[-1][1] == column - 1 and runs[-1][2] == width:
            runs[-1] = (runs[-1][0], column, width)
        else:
            runs.append((column, column, width))
    return runs
