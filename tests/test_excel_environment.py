"""检查环境: template version and the xlwings VBA module's version.

The template version is read from real workbooks (the committed template and a copy made
with an older version line); the VBA module's version comes from the helper macro, played
by a recording fake of xlwings (not Excel).
"""

import importlib.metadata
from pathlib import Path

import openpyxl
import pytest

from fakes.recording_xlwings import FakeBook
from leadcheck.build.template import TEMPLATE_VERSION
from leadcheck.commands import environment
from leadcheck.commands.environment import check_template_version, check_xlwings, environment_checks
from leadcheck.sheets import excelbook
from leadcheck.sheets.excelbook import ExcelBook
from leadcheck.sheets.filebook import FileBook

TEMPLATE = Path(__file__).parent.parent / "template" / "LeadTemplate.xlsm"
INSTALLED_XLWINGS = importlib.metadata.version("xlwings")


def _items(checks) -> dict[str, tuple[bool, str]]:
    return {check.item: (check.ok, check.detail) for check in checks}


def test_committed_template_states_current_version():
    checks = _items(environment_checks(FileBook.open(TEMPLATE)))
    assert checks["模板版本"] == (True, TEMPLATE_VERSION)
    assert checks["客户登记"][0]


@pytest.mark.parametrize("line, ok, phrase", [
    ("# 模板版本 0.9.0", False, "旧"),
    ("# 模板版本 99.0.0", False, "pip install --upgrade leadcheck"),
])
def test_other_template_versions(tmp_path, line, ok, phrase):
    workbook = openpyxl.load_workbook(TEMPLATE, keep_vba=True)
    rules = workbook["校验规则"]
    assert rules["A2"].value == f"# 模板版本 {TEMPLATE_VERSION}"
    rules["A2"].value = line
    path = tmp_path / "客户登记.xlsm"
    workbook.save(path)

    check = check_template_version(FileBook.open(path))
    assert check.ok is ok
    assert phrase in check.detail


def test_older_template_version_on_guide_sheet():
    # Templates before 1.1.0 state the version only on 填写说明.
    fake = FakeBook()
    fake.add_sheet("客户登记", [["业务员"]])
    fake.add_sheet("填写说明", [["有效客户登记模板：填写说明"], ["模板版本：1.0.0（leadcheck 0.1.0）"]])
    check = check_template_version(ExcelBook(fake))
    assert (check.ok, check.detail.split("，")[0]) == (False, "1.0.0")


def test_workbook_without_template():
    fake = FakeBook()
    fake.add_sheet("客户登记", [["业务员"]])
    check = check_template_version(ExcelBook(fake))
    assert check.ok
    assert "不是用模板新建的" in check.detail


def test_xlwings_matches_vba_module():
    fake = FakeBook()
    fake.xlwings_vba_version = INSTALLED_XLWINGS
    check = check_xlwings(ExcelBook(fake).xlwings_vba_version())
    assert check.ok
    assert check.detail == f"{INSTALLED_XLWINGS}（与工作簿中的 xlwings VBA 模块一致）"


def test_xlwings_differs_from_vba_module():
    fake = FakeBook()
    fake.xlwings_vba_version = "0.30.0"
    check = check_xlwings(ExcelBook(fake).xlwings_vba_version())
    assert not check.ok
    assert "xlwings VBA 模块是 0.30.0" in check.detail
    assert f"xlwings 是 {INSTALLED_XLWINGS}" in check.detail


def test_workbook_without_helper_macros(monkeypatch):
    class MissingMacro(Exception):
        pass

    fake = FakeBook()

    def refuse(name):
        raise MissingMacro(f"macro {name} not found")

    monkeypatch.setattr(fake, "macro", refuse)
    monkeypatch.setattr(excelbook, "MACRO_ERRORS", (MissingMacro,))
    version = ExcelBook(fake).xlwings_vba_version()
    assert version == ""
    check = check_xlwings(version)
    assert not check.ok
    assert "缺少 leadcheck 的辅助宏" in check.detail


def test_no_vba_question_without_excel():
    assert ExcelBook(FakeBook(), notes_macro=False).xlwings_vba_version() is None
    assert check_xlwings(None).detail == INSTALLED_XLWINGS
    assert environment.pinned_xlwings() == INSTALLED_XLWINGS
