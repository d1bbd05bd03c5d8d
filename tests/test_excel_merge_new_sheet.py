"""合并工作簿 and 新建登记表 through a recording fake of xlwings (not Excel) and real files.

The fake plays the file dialogs; the merge reads and writes real workbooks in a temporary
folder, and the new lead sheet is a real copy of the committed template.
"""

import zipfile

import openpyxl
import pytest

from fakes.recording_xlwings import FakeApp, FakeBook
from leadcheck.build import sheet as new_sheet
from leadcheck.build.template import TEMPLATE_VERSION
from leadcheck.commands import ribbon
from leadcheck.merge.pipeline import MergeError
from leadcheck.merge.ribbon import merge_into_workbook
from leadcheck.sheets.excelbook import ExcelBook
from tests.mergefixtures import TODAY, data_row_count, merge_inputs

RIBBON_PART = "customUI/customUI14.xml"


@pytest.fixture(autouse=True)
def log_file(tmp_path, monkeypatch):
    monkeypatch.setenv(ribbon.LOG_ENVIRONMENT, str(tmp_path / "日志" / "leadcheck.log"))


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "本周"
    folder.mkdir()
    return merge_inputs(folder)


def _addin_with_active(folder) -> tuple[FakeApp, ExcelBook]:
    app = FakeApp()
    addin = FakeBook("LeadCheck.xlam", app=app)
    FakeBook("主管汇总.xlsx", app=app, folder=str(folder))
    return app, ExcelBook.for_caller(addin)


def test_merge_writes_beside_active_workbook(inputs, tmp_path):
    master_folder = tmp_path / "主管"
    master_folder.mkdir()
    app, book = _addin_with_active(master_folder)
    app.open_answer = "\x1e".join(str(path) for path in inputs)

    message = merge_into_workbook(book, today=TODAY)

    target = master_folder / f"合并汇总-{TODAY.isoformat()}.xlsx"
    assert app.dialogs == [("open", "选择要合并的客户登记表（可按住 Ctrl 多选）")]
    assert f"结果已保存到：{target}" in message
    expected_rows = sum(data_row_count(path) for path in inputs)
    assert f"输出 {expected_rows} 行" in message
    merged = openpyxl.load_workbook(target, read_only=True)
    assert {"客户登记", "校验汇总", "重复客户"} <= set(merged.sheetnames)
    data_rows = [row for row in merged["客户登记"].iter_rows(min_row=2, values_only=True) if any(row)]
    assert len(data_rows) == expected_rows
    merged.close()


def test_merge_never_overwrites(inputs, tmp_path):
    app, book = _addin_with_active(tmp_path)
    app.open_answer = str(inputs[0])
    taken = tmp_path / f"合并汇总-{TODAY.isoformat()}.xlsx"
    taken.write_bytes(b"supervisor's own file")

    message = merge_into_workbook(book, today=TODAY)

    assert taken.read_bytes() == b"supervisor's own file"
    second = tmp_path / f"合并汇总-{TODAY.isoformat()} (2).xlsx"
    assert second.is_file()
    assert str(second) in message


def test_merge_beside_first_file_for_unsaved_workbook(inputs):
    app = FakeApp()
    addin = FakeBook("LeadCheck.xlam", app=app)
    FakeBook("工作簿1", app=app, folder="")
    book = ExcelBook.for_caller(addin)
    assert book.folder is None
    app.open_answer = str(inputs[1])

    merge_into_workbook(book, today=TODAY)
    assert (inputs[1].parent / f"合并汇总-{TODAY.isoformat()}.xlsx").is_file()


def test_merge_cancelled_shows_nothing(monkeypatch, tmp_path):
    app, book = _addin_with_active(tmp_path)
    monkeypatch.setattr(ribbon.ExcelBook, "caller", classmethod(lambda cls: book))
    ribbon.merge_workbooks()
    assert app.alerts == []
    assert list(tmp_path.glob("合并汇总*")) == []


def test_merge_unreadable_file_message(monkeypatch, inputs, tmp_path):
    broken = inputs[0].parent / "坏文件.xlsx"
    broken.write_bytes(b"not a workbook")
    app, book = _addin_with_active(tmp_path)
    app.open_answer = "\x1e".join([str(inputs[0]), str(broken)])
    with pytest.raises(MergeError):
        merge_into_workbook(book, today=TODAY)

    monkeypatch.setattr(ribbon.ExcelBook, "caller", classmethod(lambda cls: book))
    ribbon.merge_workbooks()
    [(prompt, title, mode)] = app.alerts
    assert (title, mode) == ("合并工作簿", "critical")
    assert "坏文件.xlsx" in prompt
    assert list(tmp_path.glob("合并汇总*")) == []


def test_new_lead_sheet_copies_template(monkeypatch, tmp_path):
    app, book = _addin_with_active(tmp_path)
    app.save_answer = str(tmp_path / "张伟-客户登记.xlsx")
    monkeypatch.setattr(ribbon.ExcelBook, "caller", classmethod(lambda cls: book))
    ribbon.new_lead_sheet()

    target = tmp_path / "张伟-客户登记.xlsm"
    [(prompt, title, mode)] = app.alerts
    assert (title, mode) == ("新建登记表", "info")
    assert str(target) in prompt and TEMPLATE_VERSION in prompt
    assert app.dialogs == [("save", str(tmp_path / "客户登记.xlsm"), new_sheet.SAVE_TITLE)]
    assert target.read_bytes() == new_sheet.template_path().read_bytes()
    with zipfile.ZipFile(target) as package:
        assert RIBBON_PART in package.namelist()
        assert "xl/vbaProject.bin" in package.namelist()


def test_new_lead_sheet_never_overwrites(monkeypatch, tmp_path):
    app, book = _addin_with_active(tmp_path)
    existing = tmp_path / "客户登记.xlsm"
    existing.write_bytes(b"rep's data")
    app.save_answer = str(existing)
    monkeypatch.setattr(ribbon.ExcelBook, "caller", classmethod(lambda cls: book))
    ribbon.new_lead_sheet()

    # The dialog suggested a free name; the rep typed the existing one anyway.
    assert app.dialogs[0][1] == str(tmp_path / "客户登记 (2).xlsm")
    [(prompt, _, mode)] = app.alerts
    assert mode == "critical"
    assert "已存在，没有覆盖它" in prompt
    assert existing.read_bytes() == b"rep's data"


def test_new_lead_sheet_cancelled(tmp_path):
    app, book = _addin_with_active(tmp_path)
    assert new_sheet.new_lead_sheet(book) is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("typed, saved", [
    ("张伟.xlsm", "张伟.xlsm"), ("张伟.XLSX", "张伟.xlsm"), ("张伟", "张伟.xlsm"), ("第3周.v2", "第3周.v2.xlsm"),
])
def test_macro_path_endings(tmp_path, typed, saved):
    assert new_sheet.macro_path(tmp_path / typed) == tmp_path / saved
