"""A recording fake of the few xlwings objects that ``ExcelBook`` uses. This is not Excel.

Each property read, property write and method call that would be a round trip to Excel
appends one entry to ``FakeBook.calls`` ("Range.value=", "Sheets.add", ...), so a test can
count the round trips a command makes. Cell values live in one dict per sheet. The fake
also plays the helper macros of the template and the add-in (notes, sheet protection,
file dialogs, xlwings version), so tests can read back what they did. It checks nothing
about formulas, colours or chart types: those are only recorded.

Protection is stricter than Excel: a protected fake sheet refuses every edit (Excel still
lets values into unlocked cells), so a test fails whenever a command writes to a sheet it
has not unprotected. ``FakeApp.books`` lists the open workbooks without add-ins, as
Excel's ``Workbooks`` collection does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import column_index_from_string
from openpyxl.utils.cell import range_boundaries


@dataclass
class FakeRule:
    book: FakeBook
    sheet: FakeSheet
    formula: str
    fill_color: str
    stop_if_true: bool
    type: str = "custom"

    def delete(self) -> None:
        self.book.record("ConditionalFormat.delete")
        self.sheet.refuse_if_protected("ConditionalFormat.delete")
        self.sheet.rules.remove(self)


@dataclass
class FakeNote:
    text: str


class FakeRange:
    def __init__(self, sheet: FakeSheet, first: tuple[int, int], last: tuple[int, int]) -> None:
        self.sheet = sheet
        self.book = sheet.book
        self.first = first
        self.last = last
        self.font = _FakeFont(self.book)

    def options(self, ndim: int = 1) -> FakeRange:
        return self

    @property
    def row(self) -> int:
        self.book.record("Range.row")
        return self.first[0]

    @property
    def column(self) -> int:
        self.book.record("Range.column")
        return self.first[1]

    @property
    def last_cell(self) -> FakeRange:
        self.book.record("Range.last_cell")
        return FakeRange(self.sheet, self.last, self.last)

    @property
    def left(self) -> float:
        self.book.record("Range.left")
        return 64.0 * (self.first[1] - 1)

    @property
    def top(self) -> float:
        self.book.record("Range.top")
        return 15.0 * (self.first[0] - 1)

    @property
    def value(self) -> list[list[object]]:
        self.book.record("Range.value")
        rows = range(self.first[0], self.last[0] + 1)
        columns = range(self.first[1], self.last[1] + 1)
        return [[self.sheet.cells_by_coordinate.get((row, column)) for column in columns] for row in rows]

    @value.setter
    def value(self, block: list[list[object]]) -> None:
        self.book.record("Range.value=")
        self.sheet.refuse_if_protected("Range.value=")
        for row_offset, values in enumerate(block):
            for column_offset, value in enumerate(values):
                self.sheet.put(self.first[0] + row_offset, self.first[1] + column_offset, value)

    def clear_contents(self) -> None:
        self.book.record("Range.clear_contents")
        self.sheet.refuse_if_protected("Range.clear_contents")
        for row in range(self.first[0], self.last[0] + 1):
            for column in range(self.first[1], self.last[1] + 1):
                self.sheet.put(row, column, None)

    @property
    def column_width(self) -> float:
        return 8.43

    @column_width.setter
    def column_width(self, width: float) -> None:
        self.book.record("Range.column_width=")

    @property
    def conditional_formats(self) -> _FakeRules:
        self.book.record("Range.conditional_formats")
        return _FakeRules(self)

    @property
    def note(self) -> FakeNote | None:
        self.book.record("Range.note")
        return self.sheet.notes_by_coordinate.get(self.first)

    def add_note(self, text: str) -> FakeNote:
        self.book.record("Range.add_note")
        self.sheet.refuse_if_protected("Range.add_note")
        note = FakeNote(text)
        self.sheet.notes_by_coordinate[self.first] = note
        return note


class _FakeFont:
    def __init__(self, book: FakeBook) -> None:
        self.book = book

    @property
    def bold(self) -> bool:
        return False

    @bold.setter
    def bold(self, value: bool) -> None:
        self.book.record("Font.bold=")


class _FakeRules:
    def __init__(self, target: FakeRange) -> None:
        self.target = target

    def __iter__(self):
        self.target.book.record("ConditionalFormats.__iter__")
        return iter(list(self.target.sheet.rules))

    def add_custom(self, formula: str, *, fill_color: str, stop_if_true: bool = False) -> FakeRule:
        self.target.book.record("ConditionalFormats.add_custom")
        self.target.sheet.refuse_if_protected("ConditionalFormats.add_custom")
        rule = FakeRule(self.target.book, self.target.sheet, formula, fill_color, stop_if_true)
        # Excel inserts each new rule at the top of the rule order.
        self.target.sheet.rules.insert(0, rule)
        return rule


@dataclass
class FakeChart:
    book: FakeBook
    left: float
    top: float
    chart_type: str = ""
    source: str = ""

    def set_source_data(self, source: FakeRange) -> None:
        self.book.record("Chart.set_source_data")
        self.source = source.address


class _FakeCharts(list):
    def __init__(self, book: FakeBook) -> None:
        super().__init__()
        self.book = book

    def add(self, left: float, top: float, width: float, height: float) -> FakeChart:
        self.book.record("Charts.add")
        chart = FakeChart(self.book, left, top)
        self.append(chart)
        return chart


class FakeSheet:
    def __init__(self, book: FakeBook, name: str) -> None:
        self.book = book
        self._name = name
        self.cells_by_coordinate: dict[tuple[int, int], object] = {}
        self.notes_by_coordinate: dict[tuple[int, int], FakeNote] = {}
        self.rules: list[FakeRule] = []
        self.charts = _FakeCharts(book)
        self.hidden = False
        # Protection options as LeadcheckUnprotect reports them ("" when unprotected),
        # and whether the protection has a password the rep does not enter.
        self.protection = ""
        self.password = False

    def refuse_if_protected(self, call: str) -> None:
        if self.protection:
            raise FakeProtectedSheetError(f"{call} on protected sheet {self._name}")

    @property
    def name(self) -> str:
        self.book.record("Sheet.name")
        return self._name

    def put(self, row: int, column: int, value: object) -> None:
        if value is None or value == "":
            self.cells_by_coordinate.pop((row, column), None)
        else:
            self.cells_by_coordinate[(row, column)] = value

    @property
    def visible(self) -> bool:
        return not self.hidden

    @visible.setter
    def visible(self, value: bool) -> None:
        self.book.record("Sheet.visible=")
        self.hidden = not value

    @property
    def used_range(self) -> FakeRange:
        self.book.record("Sheet.used_range")
        if not self.cells_by_coordinate:
            return FakeRange(self, (1, 1), (1, 1))
        rows = [row for row, _ in self.cells_by_coordinate]
        columns = [column for _, column in self.cells_by_coordinate]
        return FakeRange(self, (min(rows), min(columns)), (max(rows), max(columns)))

    @property
    def cells(self) -> FakeRange:
        self.book.record("Sheet.cells")
        return FakeRange(self, (1, 1), (1048576, 16384))

    @property
    def notes(self) -> list[Any]:
        self.book.record("Sheet.notes")
        return [_BoundNote(self, coordinate) for coordinate in list(self.notes_by_coordinate)]

    def range(self, first: Any, last: Any = None) -> FakeRange:
        self.book.record("Sheet.range")
        if isinstance(first, str):
            return self._range_from_address(first)
        return FakeRange(self, tuple(first), tuple(last or first))

    def _range_from_address(self, address: str) -> FakeRange:
        # A multi-area address keeps its text; its bounds span the areas. A whole-row
        # area such as "4:4" has no column bounds, so it spans every column.
        bounds = [range_boundaries(part) for part in address.split(",")]
        first = (min(b[1] for b in bounds), min(b[0] or 1 for b in bounds))
        last = (max(b[3] for b in bounds), max(b[2] or 16384 for b in bounds))
        target = FakeRange(self, first, last)
        target.address = address
        return target

    def delete(self) -> None:
        self.book.record("Sheet.delete")
        self.book.sheet_list.remove(self)


class FakeProtectedSheetError(RuntimeError):
    """Raised where Excel would refuse an edit of a protected sheet."""


class _BoundNote:
    def __init__(self, sheet: FakeSheet, coordinate: tuple[int, int]) -> None:
        self.sheet = sheet
        self.coordinate = coordinate
        self.text = sheet.notes_by_coordinate[coordinate].text

    def delete(self) -> None:
        self.sheet.book.record("Note.delete")
        self.sheet.refuse_if_protected("Note.delete")
        del self.sheet.notes_by_coordinate[self.coordinate]


class _FakeSheets:
    def __init__(self, book: FakeBook) -> None:
        self.book = book

    def __iter__(self):
        self.book.record("Sheets.__iter__")
        return iter(list(self.book.sheet_list))

    def __getitem__(self, key: int | str) -> FakeSheet:
        self.book.record("Sheets.__getitem__")
        if isinstance(key, int):
            return self.book.sheet_list[key]
        return next(sheet for sheet in self.book.sheet_list if sheet._name == key)

    def add(self, name: str, after: FakeSheet | None = None) -> FakeSheet:
        self.book.record("Sheets.add")
        sheet = FakeSheet(self.book, name)
        self.book.sheet_list.append(sheet)
        return sheet


class _FakeNames:
    def __init__(self, book: FakeBook) -> None:
        self.book = book
        self.refers_to: dict[str, str] = {}

    def add(self, name: str, refers_to: str) -> None:
        self.book.record("Names.add")
        self.refers_to[name] = refers_to

    def contains(self, name: str) -> bool:
        self.book.record("Names.contains")
        return name in self.refers_to

    def __getitem__(self, name: str) -> Any:
        self.book.record("Names.__getitem__")
        names = self

        class _Name:
            def delete(self) -> None:
                names.book.record("Name.delete")
                del names.refers_to[name]

        return _Name()


class _FakeBooks(list):
    """The open workbooks, add-ins excluded; ``active`` is the last one activated."""

    def __init__(self, app: FakeApp) -> None:
        super().__init__()
        self.app = app

    @property
    def active(self) -> FakeBook:
        self.app.record("Books.active")
        return self[-1]


class FakeApp:
    """The recording fake of ``xlwings.App``: alerts, open workbooks and dialog answers."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.alerts: list[tuple[str, str | None, str | None]] = []
        self.books = _FakeBooks(self)
        self.addins: list[FakeBook] = []
        # What the file dialogs return next: the chosen paths, or "" for a cancelled dialog.
        self.open_answer = ""
        self.save_answer = ""
        self.dialogs: list[tuple[str, ...]] = []

    def record(self, call: str) -> None:
        self.calls.append(call)

    def alert(self, prompt: str, title: str | None = None, buttons: str = "ok", mode: str | None = None) -> str:
        self.record("App.alert")
        self.alerts.append((prompt, title, mode))
        return "ok"

    def book(self, name: str) -> FakeBook:
        """Return an open workbook or add-in by name, as VBA's ``Workbooks(name)`` does."""
        return next(book for book in self.every_book if book.name == name)

    @property
    def every_book(self) -> list[FakeBook]:
        return [*self.books, *self.addins]


class FakeBook:
    """The recording fake of ``xlwings.Book``; ``calls`` lists every round trip made."""

    def __init__(self, name: str = "客户线索 (2).xlsm", app: FakeApp | None = None, folder: str = r"C:\Users\张伟\Documents") -> None:
        self.name = name
        # Joined as the platform does, so a test's temporary folder gives a real path.
        self.fullname = os.path.join(folder, name) if folder else name
        self.app = app or FakeApp()
        if name.lower().endswith(".xlam"):
            self.app.addins.append(self)
        else:
            self.app.books.append(self)
        self.calls = self.app.calls
        self.sheet_list: list[FakeSheet] = []
        self.sheets = _FakeSheets(self)
        self.names = _FakeNames(self)
        # The xlwings VBA module's version that LeadcheckXlwingsVersion reports.
        self.xlwings_vba_version = "0.37.8"

    def record(self, call: str) -> None:
        self.calls.append(call)

    def add_sheet(self, name: str, block: list[list[object]]) -> FakeSheet:
        """Set up a sheet without recording: the state before the command runs."""
        sheet = FakeSheet(self, name)
        self.sheet_list.append(sheet)
        for row, values in enumerate(block, start=1):
            for column, value in enumerate(values, start=1):
                sheet.put(row, column, value)
        return sheet

    def sheet(self, name: str) -> FakeSheet:
        """Return a sheet without recording, for assertions."""
        return next(sheet for sheet in self.sheet_list if sheet._name == name)

    def macro(self, name: str):
        """Play a helper macro of this workbook; the first argument names the workbook it edits."""
        self.record("Book.macro")
        macros = {
            "LeadcheckSetNotes": self._set_notes, "LeadcheckClearNotes": self._clear_notes,
            "LeadcheckUnprotect": self._unprotect, "LeadcheckProtect": self._protect,
            "LeadcheckChooseFiles": self._choose_files, "LeadcheckChooseSaveAs": self._choose_save_as,
            "LeadcheckXlwingsVersion": lambda: self.xlwings_vba_version,
        }

        def call(*arguments: object) -> object:
            self.record(f"Macro.{name}")
            return macros[name](*arguments)

        return call

    def _target(self, book_name: str, sheet_name: str) -> FakeSheet:
        return self.app.book(book_name).sheet(sheet_name)

    def _set_notes(self, book_name: str, sheet_name: str, addresses: str, texts: str, mark: str) -> int:
        sheet = self._target(book_name, sheet_name)
        sheet.refuse_if_protected("LeadcheckSetNotes")
        written = 0
        for address, text in zip(addresses.split("\x1e"), texts.split("\x1e")):
            coordinate = _coordinate(address)
            existing = sheet.notes_by_coordinate.get(coordinate)
            if existing is not None and not existing.text.startswith(mark):
                continue
            sheet.notes_by_coordinate[coordinate] = FakeNote(text)
            written += 1
        return written

    def _clear_notes(self, book_name: str, sheet_name: str, mark: str) -> int:
        sheet = self._target(book_name, sheet_name)
        ours = [key for key, note in sheet.notes_by_coordinate.items() if note.text.startswith(mark)]
        if ours:
            sheet.refuse_if_protected("LeadcheckClearNotes")
        for key in ours:
            del sheet.notes_by_coordinate[key]
        return len(ours)

    def _unprotect(self, book_name: str, sheet_name: str) -> str:
        sheet = self._target(book_name, sheet_name)
        if sheet.password:
            return "password" if sheet.protection else ""
        options, sheet.protection = sheet.protection, ""
        return options

    def _protect(self, book_name: str, sheet_name: str, options: str) -> bool:
        self._target(book_name, sheet_name).protection = options
        return True

    def _choose_files(self, title: str) -> str:
        self.app.dialogs.append(("open", title))
        return self.app.open_answer

    def _choose_save_as(self, initial_name: str, title: str) -> str:
        self.app.dialogs.append(("save", initial_name, title))
        return self.app.save_answer


def _coordinate(address: str) -> tuple[int, int]:
    letters = address.rstrip("0123456789")
    return int(address[len(letters):]), column_index_from_string(letters)
