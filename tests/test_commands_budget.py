"""Round-trip budget of the live back end, counted on a recording fake of xlwings (not Excel).

Every xlwings call is a round trip to Excel, so 校验整表 must make a small number of calls
that does not grow with the rows: one read of the used range, one write per block.
"""

from collections import Counter

import pytest

from builders import TODAY, customer
from fakes.recording_xlwings import FakeBook, FakeNote
from leadcheck.commands.clear import clear_book
from leadcheck.commands.validate import validate_book
from leadcheck.model.columns import template_headers
from leadcheck.sheets.excelbook import ExcelBook
from leadcheck.sheets.workbook import (
    ERROR_FILL, ERROR_FLAG, FLAGS_NAME, FLAGS_SHEET, NOTE_MARK, RESULT_HEADER, SUMMARY_SHEET, WARNING_FLAG,
)

DATA = "客户登记"

# The maximum number of round trips 校验整表 may make on any number of rows. Measured: 48 with the
# notes macro; the margin leaves room for a few more fixed steps, never one per row.
BUDGET = 60

REP_NOTE = "张伟自己的批注"


def _records(count: int) -> list[list[object]]:
    """Rows of two reps; every third has an invalid phone, every fifth a placeholder name."""
    headers = template_headers()
    rows = []
    for index in range(count):
        changes: dict[str, object] = {"业务员": "张伟" if index % 2 else "李娜"}
        changes["单位名称"] = f"杭州市第{index + 1}建筑设计研究院有限公司"
        if index % 3 == 0:
            changes["联系人2-电话"] = "1395711230"
        if index % 5 == 0:
            changes["联系人1-姓名"] = "王主任"
        record = customer(**changes)
        rows.append([record.get(header) for header in headers])
    return [headers, *rows]


def _fake_with_rep_note(count: int) -> FakeBook:
    book = FakeBook()
    sheet = book.add_sheet(DATA, _records(count))
    sheet.notes_by_coordinate[(2, 4)] = FakeNote(REP_NOTE)
    return book


@pytest.fixture(scope="module")
def large_run():
    fake = _fake_with_rep_note(5000)
    result = validate_book(ExcelBook(fake), today=TODAY)
    return fake, result


def test_calls_fixed_for_any_rows(large_run):
    small = _fake_with_rep_note(50)
    validate_book(ExcelBook(small), today=TODAY)
    large, _ = large_run

    assert len(large.calls) <= BUDGET, Counter(large.calls)
    assert Counter(large.calls) == Counter(small.calls)


def test_one_read_one_write_per_block(large_run):
    fake, _ = large_run
    calls = Counter(fake.calls)

    # One full read of the data sheet, plus one read of its first rows when clearing.
    assert calls["Range.value"] == 2
    # The 校验结果 column, the flags grid and the summary sheet.
    assert calls["Range.value="] == 3
    assert calls["Macro.LeadcheckSetNotes"] == 1
    assert calls["Range.add_note"] == 0


def test_flags_notes_and_summary(large_run):
    fake, result = large_run
    data = fake.sheet(DATA)
    headers = template_headers()
    result_column = len(headers) + 1

    grid = fake.sheet(FLAGS_SHEET)
    assert grid.hidden
    assert fake.names.refers_to[FLAGS_NAME] == f"='{FLAGS_SHEET}'!$A$1:$AS$5001"
    for finding in result.findings[:500]:
        column = headers.index(finding.column) + 1
        level = grid.cells_by_coordinate[(finding.row, column)]
        assert level >= (ERROR_FLAG if finding.is_error else WARNING_FLAG)
        note = data.notes_by_coordinate[(finding.row, column)].text
        assert note.startswith(NOTE_MARK)
        assert finding.message in note

    # Excel puts each new rule on top, so the error rule ends up first.
    assert [rule.fill_color for rule in data.rules][0] == "#" + ERROR_FILL
    assert [rule.formula for rule in data.rules] == [
        f"=INDEX({FLAGS_NAME},ROW(),COLUMN())={ERROR_FLAG}",
        f"=INDEX({FLAGS_NAME},ROW(),COLUMN())={WARNING_FLAG}",
    ]

    assert data.cells_by_coordinate[(1, result_column)] == RESULT_HEADER
    for verdict in result.customers[:500]:
        assert data.cells_by_coordinate[(verdict.row, result_column)] == result.verdict_text(verdict.row)

    summary = fake.sheet(SUMMARY_SHEET)
    assert len(summary.charts) == 1
    assert summary.charts[0].chart_type == "column_clustered"
    reps = {summary.cells_by_coordinate.get((row, 1)) for row in range(1, 20)}
    assert {"张伟", "李娜", "合计"} <= reps


def test_rep_note_kept(large_run):
    fake, result = large_run
    assert fake.sheet(DATA).notes_by_coordinate[(2, 4)].text == REP_NOTE


def test_clear_restores_fake_sheet():
    fake = _fake_with_rep_note(200)
    before = dict(fake.sheet(DATA).cells_by_coordinate)
    book = ExcelBook(fake)
    validate_book(book, today=TODAY)
    clear_book(book)

    data = fake.sheet(DATA)
    assert data.cells_by_coordinate == before
    assert {key: note.text for key, note in data.notes_by_coordinate.items()} == {(2, 4): REP_NOTE}
    assert data.rules == []
    assert [sheet._name for sheet in fake.sheet_list] == [DATA]
    assert fake.names.refers_to == {}


def test_without_macro_notes_per_cell():
    fake = _fake_with_rep_note(20)
    result = validate_book(ExcelBook(fake, notes_macro=False), today=TODAY)
    data = fake.sheet(DATA)

    assert Counter(fake.calls)["Range.add_note"] >= len({(finding.row, finding.column) for finding in result.findings})
    assert data.notes_by_coordinate[(2, 4)].text == REP_NOTE
