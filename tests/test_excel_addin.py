"""Buttons of the add-in act on the active workbook, on a recording fake of xlwings (not Excel).

In LeadCheck.xlam, ``xw.Book.caller()`` is the add-in itself. These tests give the real
``ExcelBook.caller`` a fake add-in as the caller and check where each command reads,
writes and runs the helper macros.
"""

import pytest
import xlwings

from builders import customer
from fakes.recording_xlwings import FakeApp, FakeBook
from leadcheck.commands import ribbon
from leadcheck.model.columns import template_headers
from leadcheck.sheets.excelbook import ExcelBook, NoWorkbookError
from leadcheck.sheets.workbook import FLAGS_SHEET, NOTE_MARK, SUMMARY_SHEET

DATA = "客户登记"
ADDIN = "LeadCheck.xlam"


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    path = tmp_path / "leadcheck.log"
    monkeypatch.setenv(ribbon.LOG_ENVIRONMENT, str(path))
    return path


def _lead_book(app: FakeApp, name: str) -> FakeBook:
    headers = template_headers()
    rows = [customer(), customer(**{"联系人1-电话": "62345678"})]
    book = FakeBook(name, app=app)
    book.add_sheet(DATA, [headers, *[[row.get(header) for header in headers] for row in rows]])
    return book


@pytest.fixture
def excel(monkeypatch):
    """An Excel holding the add-in and two workbooks; the second one is active."""
    app = FakeApp()
    addin = FakeBook(ADDIN, app=app, folder=r"C:\Users\张伟\AppData\Roaming\Microsoft\AddIns")
    addin.add_sheet("说明", [["有效客户管理加载项"]])
    other = _lead_book(app, "上周.xlsx")
    active = _lead_book(app, "客户线索 (2).xlsx")
    monkeypatch.setattr(xlwings.Book, "caller", classmethod(lambda cls: addin))
    return app, addin, other, active


def test_caller_is_active_workbook_with_addin_as_helper(excel):
    app, addin, _, active = excel
    book = ExcelBook.caller()
    assert book.book is active
    assert book.helper is addin
    assert book.has_workbook


def test_template_caller_is_itself():
    template = FakeBook("客户线索 (2).xlsm")
    book = ExcelBook.for_caller(template)
    assert book.book is template
    assert book.helper is template


def test_validate_marks_active_workbook_only(excel, log_file):
    app, addin, other, active = excel
    ribbon.validate_sheet()

    [(prompt, title, mode)] = app.alerts
    assert (title, mode) == ("校验整表", "info")
    assert prompt.startswith("校验完成：2 个客户，有效 1 个，无效 1 个。")
    assert [sheet._name for sheet in active.sheet_list] == [DATA, FLAGS_SHEET, SUMMARY_SHEET]
    assert [sheet._name for sheet in other.sheet_list] == [DATA]
    assert [sheet._name for sheet in addin.sheet_list] == ["说明"]

    # The notes macro ran in the add-in and wrote into the active workbook.
    notes = active.sheet(DATA).notes_by_coordinate
    assert notes and all(note.text.startswith(NOTE_MARK) for note in notes.values())
    assert not other.sheet(DATA).notes_by_coordinate


def test_clear_on_active_workbook(excel, log_file):
    app, _, _, active = excel
    before = dict(active.sheet(DATA).cells_by_coordinate)
    ribbon.validate_sheet()
    ribbon.clear_flags()

    assert active.sheet(DATA).cells_by_coordinate == before
    assert not active.sheet(DATA).notes_by_coordinate
    assert [sheet._name for sheet in active.sheet_list] == [DATA]


def test_no_open_workbook_message(monkeypatch, log_file):
    app = FakeApp()
    addin = FakeBook(ADDIN, app=app)
    monkeypatch.setattr(xlwings.Book, "caller", classmethod(lambda cls: addin))
    book = ExcelBook.caller()
    assert not book.has_workbook
    with pytest.raises(NoWorkbookError):
        book.require_workbook()

    ribbon.validate_sheet()
    [(prompt, _, mode)] = app.alerts
    assert mode == "critical"
    assert prompt == str(NoWorkbookError())


def test_environment_without_workbook_checks_computer(monkeypatch, log_file):
    app = FakeApp()
    addin = FakeBook(ADDIN, app=app)
    monkeypatch.setattr(xlwings.Book, "caller", classmethod(lambda cls: addin))
    ribbon.check_environment()

    [(prompt, title, _)] = app.alerts
    items = [line.split("：")[0][2:] for line in prompt.splitlines() if line and line[0] in "✔✘"]
    assert items == ["Python", "xlwings", "leadcheck"]
