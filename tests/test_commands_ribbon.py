"""The ribbon entry points on a recording fake of xlwings (not Excel): messages and logging."""

import pytest

from builders import customer
from fakes.recording_xlwings import FakeBook
from leadcheck.commands import ribbon
from leadcheck.model.columns import template_headers
from leadcheck.model.config import CONFIG_SHEET
from leadcheck.sheets.excelbook import ExcelBook
from leadcheck.sheets.workbook import FLAGS_SHEET, SUMMARY_SHEET

DATA = "客户登记"


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    path = tmp_path / "日志" / "leadcheck.log"
    monkeypatch.setenv(ribbon.LOG_ENVIRONMENT, str(path))
    return path


def _book_with_rows(name: str = "客户线索 (2).xlsm") -> FakeBook:
    headers = template_headers()
    rows = [[customer().get(header) for header in headers], [customer(**{"联系人1-电话": "62345678"}).get(header) for header in headers]]
    book = FakeBook(name)
    book.add_sheet(DATA, [headers, *rows])
    return book


def _caller(monkeypatch, fake: FakeBook) -> None:
    monkeypatch.setattr(ribbon.ExcelBook, "caller", classmethod(lambda cls: ExcelBook(fake)))


def test_validate_sheet_message(monkeypatch, log_file):
    fake = _book_with_rows()
    _caller(monkeypatch, fake)
    ribbon.validate_sheet()

    [(prompt, title, mode)] = fake.app.alerts
    assert title == "校验整表"
    assert mode == "info"
    assert prompt.startswith("校验完成：2 个客户，有效 1 个，无效 1 个。")
    assert [sheet._name for sheet in fake.sheet_list] == [DATA, FLAGS_SHEET, SUMMARY_SHEET]
    assert "command done title=校验整表 book=客户线索 (2).xlsm" in log_file.read_text(encoding="utf-8")


def test_clear_flags_restores(monkeypatch, log_file):
    fake = _book_with_rows()
    before = dict(fake.sheet(DATA).cells_by_coordinate)
    _caller(monkeypatch, fake)
    ribbon.validate_sheet()
    ribbon.clear_flags()

    assert fake.sheet(DATA).cells_by_coordinate == before
    assert [sheet._name for sheet in fake.sheet_list] == [DATA]
    assert fake.app.alerts[-1][1] == "清除标记"


def test_missing_sheet_message(monkeypatch, log_file):
    fake = FakeBook()
    fake.add_sheet("Sheet1", [["业务员"]])
    _caller(monkeypatch, fake)
    ribbon.validate_sheet()

    [(prompt, title, mode)] = fake.app.alerts
    assert mode == "critical"
    assert "没有名为“客户登记”的工作表" in prompt
    assert "Sheet1" in prompt
    assert "Traceback" not in prompt


def test_missing_columns_next_step(monkeypatch, log_file):
    fake = FakeBook()
    fake.add_sheet(DATA, [["业务员", "单位名称"], ["张伟", "杭州市城建设计研究院有限公司"]])
    _caller(monkeypatch, fake)
    ribbon.validate_sheet()

    [(prompt, _, mode)] = fake.app.alerts
    assert mode == "critical"
    assert "拜访日期" in prompt
    assert "请按模板补上这些列标题" in prompt


def test_unexpected_error_names_log(monkeypatch, log_file):
    fake = _book_with_rows()

    def broken(book):
        raise RuntimeError("disk full")

    ribbon.run_command("校验整表", broken, lambda: ExcelBook(fake))

    [(prompt, _, mode)] = fake.app.alerts
    assert mode == "critical"
    assert str(log_file) in prompt
    assert "disk full" not in prompt
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged
    assert "RuntimeError: disk full" in logged


def test_bad_config_sheet_message(monkeypatch, log_file):
    fake = _book_with_rows()
    fake.add_sheet(CONFIG_SHEET, [["quota_percent = 'ten'"]])
    _caller(monkeypatch, fake)
    ribbon.validate_sheet()

    [(prompt, _, mode)] = fake.app.alerts
    assert mode == "critical"
    assert "quota_percent" in prompt
    assert "校验规则" in prompt


def test_check_environment_lines(monkeypatch, log_file):
    fake = _book_with_rows()
    _caller(monkeypatch, fake)
    ribbon.check_environment()

    [(prompt, title, _)] = fake.app.alerts
    assert title == "检查环境"
    lines = prompt.splitlines()
    assert lines[0].startswith("✔ Python：")
    assert any(line.startswith("✔ xlwings：0.37.8") for line in lines)
    assert any(line.startswith("✔ 客户登记：2 行数据，联系人 3 组") for line in lines)
    assert any(line.startswith("✔ 校验规则：工作簿中没有规则表") for line in lines)


def test_environment_reports_missing_columns(monkeypatch, log_file):
    fake = FakeBook()
    fake.add_sheet(DATA, [["业务员", "单位名称"]])
    _caller(monkeypatch, fake)
    ribbon.check_environment()

    prompt = fake.app.alerts[0][0]
    assert "✘ 客户登记：缺少列 拜访日期" in prompt
    assert "请按 ✘ 行的说明处理" in prompt


def test_help_and_missing_features(monkeypatch, log_file):
    fake = _book_with_rows()
    _caller(monkeypatch, fake)
    ribbon.show_help()
    ribbon.run_command("合并工作簿", ribbon._optional("leadcheck.merge.absent", "merge_into_workbook", "合并工作簿"))

    assert fake.app.alerts[0] == (ribbon.HELP_TEXT, "帮助", "info")
    assert "合并工作簿" in fake.app.alerts[1][0]
    assert "pip install --upgrade leadcheck" in fake.app.alerts[1][0]


@pytest.mark.parametrize("module, function", [
    ("leadcheck.merge.ribbon", "merge_into_workbook"),
    ("leadcheck.build.sheet", "new_lead_sheet"),
])
def test_optional_entry_points_installed(module, function):
    action = ribbon._optional(module, function, "功能")
    assert action.__module__ == module
    assert action.__name__ == function


def test_log_path_platforms(monkeypatch):
    monkeypatch.delenv(ribbon.LOG_ENVIRONMENT, raising=False)
    monkeypatch.setattr(ribbon.sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\张伟\AppData\Local")
    assert ribbon.log_path().name == "leadcheck.log"
    assert "张伟" in str(ribbon.log_path())
