"""校验整表 and 清除标记 on a protected 客户登记, on a recording fake of xlwings (not Excel).

The fake refuses every edit of a protected sheet, so these commands pass only when they
lift the protection first; the tests also check that the same options come back.
"""

import pytest

from builders import customer
from fakes.recording_xlwings import FakeBook
from leadcheck.commands import ribbon
from leadcheck.model.columns import template_headers
from leadcheck.sheets.excelbook import ExcelBook, SheetProtectedError
from leadcheck.sheets.workbook import NOTE_MARK

DATA = "客户登记"

# The template's options in LeadcheckUnprotect's order: contents protected, formatting,
# inserting, deleting rows, sorting and filtering allowed.
TEMPLATE_OPTIONS = "0,1,0,1,1,1,1,1,1,0,1,1,1,0"

MACROS = ("Macro.LeadcheckUnprotect", "Macro.LeadcheckProtect")


@pytest.fixture(autouse=True)
def log_file(tmp_path, monkeypatch):
    monkeypatch.setenv(ribbon.LOG_ENVIRONMENT, str(tmp_path / "leadcheck.log"))


def _protected_book(password: bool = False) -> FakeBook:
    headers = template_headers()
    rows = [customer(), customer(**{"联系人1-电话": "62345678"})]
    book = FakeBook()
    sheet = book.add_sheet(DATA, [headers, *[[row.get(header) for header in headers] for row in rows]])
    sheet.protection = TEMPLATE_OPTIONS
    sheet.password = password
    return book


def _run(monkeypatch, fake: FakeBook, command) -> None:
    monkeypatch.setattr(ribbon.ExcelBook, "caller", classmethod(lambda cls: ExcelBook(fake)))
    command()


def _edits_between_macros(calls: list[str]) -> list[str]:
    """Return the data-changing calls between unprotecting and protecting again."""
    first = calls.index(MACROS[0])
    last = calls.index(MACROS[1])
    assert first < last
    return [call for call in calls[first:last] if call.endswith("=") or call.startswith(("Macro.LeadcheckSet", "ConditionalFormats.add"))]


def test_validate_unprotects_writes_and_protects_again(monkeypatch):
    fake = _protected_book()
    _run(monkeypatch, fake, ribbon.validate_sheet)

    assert fake.app.alerts[-1][2] == "info", fake.app.alerts
    assert [call for call in fake.calls if call in MACROS] == list(MACROS)
    edits = _edits_between_macros(fake.calls)
    assert "ConditionalFormats.add_custom" in edits
    assert "Macro.LeadcheckSetNotes" in edits
    assert fake.sheet(DATA).protection == TEMPLATE_OPTIONS
    assert any(note.text.startswith(NOTE_MARK) for note in fake.sheet(DATA).notes_by_coordinate.values())


def test_clear_unprotects_and_protects_again(monkeypatch):
    fake = _protected_book()
    _run(monkeypatch, fake, ribbon.validate_sheet)
    fake.calls.clear()
    _run(monkeypatch, fake, ribbon.clear_flags)

    assert fake.app.alerts[-1] == ("已清除校验标记，表格已恢复校验前的样子。", "清除标记", "info")
    assert [call for call in fake.calls if call in MACROS] == list(MACROS)
    assert fake.calls.index("Macro.LeadcheckClearNotes") < fake.calls.index(MACROS[1])
    assert not fake.sheet(DATA).notes_by_coordinate
    assert fake.sheet(DATA).protection == TEMPLATE_OPTIONS


def test_unprotected_sheet_stays_unprotected(monkeypatch):
    fake = _protected_book()
    fake.sheet(DATA).protection = ""
    _run(monkeypatch, fake, ribbon.validate_sheet)

    assert "Macro.LeadcheckUnprotect" in fake.calls
    assert "Macro.LeadcheckProtect" not in fake.calls
    assert fake.sheet(DATA).protection == ""


def test_password_protected_sheet_is_left_alone(monkeypatch):
    fake = _protected_book(password=True)
    _run(monkeypatch, fake, ribbon.validate_sheet)

    [(prompt, _, mode)] = fake.app.alerts
    assert mode == "critical"
    assert prompt == str(SheetProtectedError(DATA))
    assert "撤消工作表保护" in prompt
    assert "Macro.LeadcheckSetNotes" not in fake.calls
    assert not fake.sheet(DATA).notes_by_coordinate


def test_failure_inside_protects_again(monkeypatch):
    fake = _protected_book()
    book = ExcelBook(fake)
    with pytest.raises(RuntimeError):
        with book.unprotected(DATA):
            assert fake.sheet(DATA).protection == ""
            raise RuntimeError("engine failed")
    assert fake.sheet(DATA).protection == TEMPLATE_OPTIONS


def test_quota_summary_leaves_protection(monkeypatch):
    fake = _protected_book()
    _run(monkeypatch, fake, ribbon.quota_summary)

    assert fake.app.alerts[-1][2] == "info"
    assert not any(call in MACROS for call in fake.calls)
    assert fake.sheet(DATA).protection == TEMPLATE_OPTIONS


def test_without_helpers_nothing_is_unprotected():
    fake = _protected_book()
    with ExcelBook(fake, notes_macro=False).unprotected(DATA):
        assert fake.sheet(DATA).protection == TEMPLATE_OPTIONS
    assert not any(call in MACROS for call in fake.calls)
