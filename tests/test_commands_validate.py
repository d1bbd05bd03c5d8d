"""校验整表, 配额汇总 and 清除标记 through the file back end, on a copy of the golden file."""

import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from leadcheck.cli import cli
from leadcheck.commands.clear import clear_book
from leadcheck.commands.summary import summarize_book
from leadcheck.commands.validate import validate_book
from leadcheck.engine import MissingColumnsError
from leadcheck.sheets.filebook import FileBook
from leadcheck.sheets.workbook import FLAGS_SHEET, RESULT_HEADER, SUMMARY_SHEET, SheetNotFoundError

GOLDEN = Path(__file__).resolve().parents[2] / "shared" / "cases" / "leads-public.xlsx"
TODAY = date(2026, 12, 1)
DATA = "客户登记"
DATA_XML = "xl/worksheets/sheet1.xml"


@pytest.fixture
def golden_copy(tmp_path) -> Path:
    copy = tmp_path / "客户线索 (2).xlsx"
    shutil.copyfile(GOLDEN, copy)
    return copy


def _cli_verdicts(path: Path) -> dict[int, bool]:
    result = CliRunner().invoke(cli, ["validate", str(path), "--json", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    return {customer["row"]: customer["valid"] for customer in json.loads(result.stdout)["customers"]}


def test_verdicts_match_cli(golden_copy, tmp_path):
    cli_copy = tmp_path / "cli.xlsx"
    shutil.copyfile(golden_copy, cli_copy)
    expected = _cli_verdicts(cli_copy)

    book = FileBook.open(golden_copy)
    result = validate_book(book, today=TODAY, source=str(golden_copy))

    assert {verdict.row: verdict.valid for verdict in result.customers} == expected


def test_validate_writes_marks(golden_copy, tmp_path):
    book = FileBook.open(golden_copy)
    result = validate_book(book, today=TODAY)
    saved = tmp_path / "validated.xlsx"
    book.save(saved)

    workbook = openpyxl.load_workbook(saved)
    sheet = workbook[DATA]
    column = [cell.value for cell in sheet[1]].index(RESULT_HEADER) + 1
    for verdict in result.customers:
        assert sheet.cell(verdict.row, column).value == result.verdict_text(verdict.row)
    assert workbook[FLAGS_SHEET].sheet_state == "hidden"
    assert workbook.sheetnames == [DATA, FLAGS_SHEET, SUMMARY_SHEET]


def test_validate_twice_same_sheet(golden_copy, tmp_path):
    book = FileBook.open(golden_copy)
    validate_book(book, today=TODAY)
    once = tmp_path / "once.xlsx"
    book.save(once)

    book = FileBook.open(once)
    validate_book(book, today=TODAY)
    twice = tmp_path / "twice.xlsx"
    book.save(twice)

    with zipfile.ZipFile(once) as first, zipfile.ZipFile(twice) as second:
        assert second.read(DATA_XML) == first.read(DATA_XML)


def test_clear_restores_golden_sheet(golden_copy, tmp_path):
    baseline = tmp_path / "baseline.xlsx"
    FileBook.open(golden_copy).save(baseline)

    book = FileBook.open(golden_copy)
    validate_book(book, today=TODAY)
    validated = tmp_path / "validated.xlsx"
    book.save(validated)

    book = FileBook.open(validated)
    clear_book(book)
    cleared = tmp_path / "cleared.xlsx"
    book.save(cleared)

    with zipfile.ZipFile(baseline) as expected, zipfile.ZipFile(cleared) as actual:
        assert actual.read(DATA_XML) == expected.read(DATA_XML)
        assert actual.read("xl/workbook.xml") == expected.read("xl/workbook.xml")

    # Against the original file itself: every value and every cell style is unchanged.
    original = openpyxl.load_workbook(golden_copy)[DATA]
    restored = openpyxl.load_workbook(cleared)[DATA]
    assert restored.dimensions == original.dimensions
    for before_row, after_row in zip(original.iter_rows(), restored.iter_rows(), strict=True):
        for before, after in zip(before_row, after_row, strict=True):
            assert (after.coordinate, after.value, after.style_id) == (before.coordinate, before.value, before.style_id)


def test_summary_leaves_data_sheet(golden_copy, tmp_path):
    baseline = tmp_path / "baseline.xlsx"
    FileBook.open(golden_copy).save(baseline)

    book = FileBook.open(golden_copy)
    result = summarize_book(book, today=TODAY)
    saved = tmp_path / "summary.xlsx"
    book.save(saved)

    with zipfile.ZipFile(baseline) as expected, zipfile.ZipFile(saved) as actual:
        assert actual.read(DATA_XML) == expected.read(DATA_XML)
    workbook = openpyxl.load_workbook(saved)
    assert workbook.sheetnames == [DATA, SUMMARY_SHEET]
    rows = [list(values) for values in workbook[SUMMARY_SHEET].iter_rows(values_only=True)]
    header = next(index for index, values in enumerate(rows) if values[0] == "业务员")
    for offset, rep in enumerate(result.summary, start=1):
        assert rows[header + offset][:4] == [rep.rep, rep.customers, rep.valid, rep.invalid]


def test_missing_sheet_and_columns(tmp_path):
    path = tmp_path / "other.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "拜访记录"
    workbook.save(path)
    with pytest.raises(SheetNotFoundError):
        validate_book(FileBook.open(path))

    workbook.active.title = DATA
    workbook.active.append(["业务员", "单位名称"])
    workbook.active.append(["张伟", "杭州市城建设计研究院有限公司"])
    workbook.save(path)
    with pytest.raises(MissingColumnsError):
        validate_book(FileBook.open(path))
