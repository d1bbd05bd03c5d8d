"""The file back end: flags, notes, summary and clearing, written to disk and read back."""

import zipfile

import openpyxl
import pytest

from fakes.results import REP_NOTE_CELL, REP_NOTE_TEXT, hand_result, sheet_data, write_sheet
from leadcheck.commands.validate import show_result
from leadcheck.model.config import DEFAULT_CONFIG
from leadcheck.sheets.filebook import FileBook, flag_formula
from leadcheck.sheets.workbook import (
    ERROR_FLAG, FLAGS_NAME, FLAGS_SHEET, NOTE_MARK, RESULT_HEADER, SUMMARY_SHEET, WARNING_FLAG,
    CellFlag, SheetNotFoundError,
)

DATA = "客户登记"
DATA_XML = "xl/worksheets/sheet1.xml"


def _validated(tmp_path):
    source = write_sheet(tmp_path / "leads.xlsx")
    book = FileBook.open(source)
    show_result(book, sheet_data(source), hand_result(), DEFAULT_CONFIG)
    target = tmp_path / "validated.xlsx"
    book.save(target)
    return source, target


def test_flags_grid_and_rules(tmp_path):
    _, target = _validated(tmp_path)
    workbook = openpyxl.load_workbook(target)

    grid = workbook[FLAGS_SHEET]
    assert grid.sheet_state == "hidden"
    flagged = {(cell.row, cell.column): cell.value for row in grid.iter_rows() for cell in row if cell.value}
    assert flagged == {
        (2, 3): ERROR_FLAG, (2, 5): WARNING_FLAG, (2, 7): ERROR_FLAG, (2, 8): ERROR_FLAG,
        (4, 6): WARNING_FLAG, (4, 8): WARNING_FLAG,
    }

    assert workbook.defined_names[FLAGS_NAME].attr_text == f"'{FLAGS_SHEET}'!$A$1:$H$4"
    rules = [(str(cf.sqref), rule.formula[0], rule.stopIfTrue)
             for cf in workbook[DATA].conditional_formatting for rule in cf.rules]
    assert rules == [
        ("A1:H4", flag_formula(ERROR_FLAG), True),
        ("A1:H4", flag_formula(WARNING_FLAG), True),
    ]


def test_result_column_values(tmp_path):
    _, target = _validated(tmp_path)
    sheet = openpyxl.load_workbook(target)[DATA]
    assert [sheet.cell(row, 8).value for row in range(1, 5)] == [
        RESULT_HEADER, "无效：单位名称不全；电话缺区号", "有效", "有效",
    ]


def test_notes_keep_rep_note(tmp_path):
    _, target = _validated(tmp_path)
    sheet = openpyxl.load_workbook(target)[DATA]

    assert sheet[REP_NOTE_CELL].comment.text == REP_NOTE_TEXT
    assert sheet["E2"].comment.text == NOTE_MARK + "姓名“王主任”不是全名：请尽量填写全名。"
    assert sheet["G2"].comment.text.startswith(NOTE_MARK + "固定电话“62345678”")
    assert sheet["H2"].comment.text.startswith(NOTE_MARK + "1. 单位名称“杭州某公司”")
    assert "3. 固定电话" in sheet["H2"].comment.text
    assert sheet["A3"].comment is None


def test_summary_sheet_and_chart(tmp_path):
    _, target = _validated(tmp_path)
    workbook = openpyxl.load_workbook(target)
    summary = workbook[SUMMARY_SHEET]
    rows = [list(values) for values in summary.iter_rows(values_only=True)]

    header = next(index for index, values in enumerate(rows) if values[0] == "业务员")
    assert rows[header][:4] == ["业务员", "客户数", "有效", "无效"]
    assert rows[header + 1][:4] == ["张伟", 2, 1, 1]
    assert rows[header + 2][:4] == ["李娜", 1, 1, 0]
    assert rows[header + 3][:4] == ["合计", 3, 2, 1]

    with zipfile.ZipFile(target) as package:
        charts = [name for name in package.namelist() if name.startswith("xl/charts/chart")]
    assert len(charts) == 1


def test_clear_restores_sheet_xml(tmp_path):
    source, target = _validated(tmp_path)

    # Baseline: the untouched source saved once by the same back end.
    baseline = tmp_path / "baseline.xlsx"
    FileBook.open(source).save(baseline)

    book = FileBook.open(target)
    book.clear_validation(DATA)
    cleared = tmp_path / "cleared.xlsx"
    book.save(cleared)

    with zipfile.ZipFile(baseline) as expected, zipfile.ZipFile(cleared) as actual:
        assert actual.read(DATA_XML) == expected.read(DATA_XML)
        assert actual.read("xl/workbook.xml") == expected.read("xl/workbook.xml")
    assert openpyxl.load_workbook(cleared).sheetnames == [DATA]


def test_flags_replace_previous_run(tmp_path):
    _, target = _validated(tmp_path)
    book = FileBook.open(target)
    book.set_flags(DATA, [CellFlag(3, 1, WARNING_FLAG)], 4, 8)
    book.save(target)

    workbook = openpyxl.load_workbook(target)
    flagged = [(cell.row, cell.column) for row in workbook[FLAGS_SHEET].iter_rows() for cell in row if cell.value]
    assert flagged == [(3, 1)]
    assert len([rule for cf in workbook[DATA].conditional_formatting for rule in cf.rules]) == 2


def test_missing_sheet_names_sheets(tmp_path):
    book = FileBook.open(write_sheet(tmp_path / "leads.xlsx"))
    with pytest.raises(SheetNotFoundError) as raised:
        book.read_values("拜访记录")
    assert "拜访记录" in str(raised.value)
    assert "客户登记" in str(raised.value)
