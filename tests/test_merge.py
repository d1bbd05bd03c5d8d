"""leadcheck merge on the public golden file plus a reordered and an older-layout sheet.

Merged rows: golden rows 2-42 keep their rows, 王芳's reordered sheet follows as merged
rows 43-51 and the older-layout sheet as rows 52-58. Every test checks that the merged
row count equals the sum of the input rows.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from leadcheck.cli.merge import merge_command
from leadcheck.merge.dedupe import DUPLICATE, REVIEW, SHARED_PHONE
from leadcheck.merge.output import DUPLICATE_HEADER_ROW, DUPLICATES_SHEET
from leadcheck.merge.pipeline import MERGED, MergeOptions, run_merge
from leadcheck.model.result import Q_NAME
from tests.mergefixtures import GOLDEN, TODAY, data_row_count, merge_inputs

EXPECTED_GROUPS = [
    (DUPLICATE, (43, 2)),     # 王芳 claimed 杭州市城建设计研究院 before 张伟
    (DUPLICATE, (56, 3)),     # 赵强 claimed 杭州市规划设计研究院 before 张伟
    (DUPLICATE, (32, 44)),    # 李娜 claimed 杭州市东方设计研究院 before 王芳
    (DUPLICATE, (45, 46)),    # 王芳 entered 杭州市恒达信息技术 twice
    (REVIEW, (43, 2, 21)),    # 城建院 abbreviates 城建设计研究院
    (REVIEW, (51, 4)),        # 杭州交通院 abbreviates 杭州市交通设计研究院
    (SHARED_PHONE, (55, 50)),  # 星河数据服务 and 云帆软件 list one mobile
]


@pytest.fixture()
def inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "本周"
    folder.mkdir()
    return merge_inputs(folder)


def _merge(inputs, target, **options):
    """Merge into a new file and check that every merged input row is there once."""
    outcome = run_merge(inputs, target, MergeOptions(today=TODAY, **options))
    merged_files = [report.path for report in outcome.files if report.status == MERGED]
    assert outcome.output_rows == sum(data_row_count(path) for path in merged_files)
    return outcome


def _sheet_rows(path: Path, sheet: str) -> list[tuple]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = list(workbook[sheet].iter_rows(values_only=True))
    workbook.close()
    return rows


def _edit_plan(path: Path) -> None:
    """Change 未来计划 of the third customer of ``path``, as a rep edits a row."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    plan_column = [cell.value for cell in sheet[1]].index("未来计划") + 1
    sheet.cell(4, plan_column, "已确定明年三月招标")
    workbook.save(path)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_merge_keeps_every_row_once(inputs, tmp_path):
    target = tmp_path / "汇总.xlsx"
    outcome = _merge(inputs, target)

    expected_rows = sum(data_row_count(path) for path in inputs)
    assert expected_rows == 57
    assert outcome.rows_read == expected_rows
    assert outcome.output_rows == expected_rows
    assert len(_sheet_rows(target, "客户登记")) == expected_rows + 1


def test_merge_source_columns_and_union(inputs, tmp_path):
    target = tmp_path / "汇总.xlsx"
    _merge(inputs, target)
    rows = _sheet_rows(target, "客户登记")
    headers = list(rows[0])

    assert headers[:4] == ["业务员", "拜访日期", "拜访方式", "单位名称"]
    assert "客户来源" in headers
    assert headers.index("来源文件") + 1 == headers.index("来源行")
    by_header = [dict(zip(headers, row)) for row in rows[1:]]
    assert (by_header[0]["来源文件"], by_header[0]["来源行"]) == (inputs[0].name, 2)
    assert (by_header[54]["来源文件"], by_header[54]["来源行"]) == (inputs[2].name, 7)
    assert by_header[54]["单位名称"] == "浙江省杭州市规划设计研究院"
    assert by_header[54]["客户来源"] == "展会"
    assert by_header[0]["客户来源"] is None


def test_merge_per_rep_counts(inputs, tmp_path):
    outcome = _merge(inputs, tmp_path / "汇总.xlsx")
    table = {(rep.rep, rep.customers, rep.valid, rep.invalid) for rep in outcome.book.result.summary}
    expected = json.loads(GOLDEN.with_name("leads-public.expected.json").read_text(encoding="utf-8"))
    golden_valid = {row: case["valid"] for case in expected["cases"] for row in [case["row"]]}

    assert ("张伟", 29, sum(golden_valid[row] for row in range(2, 31)), 17) in table
    assert ("李娜", 12, sum(golden_valid[row] for row in range(31, 43)), 1) in table
    assert ("王芳", 11, 9, 2) in table
    assert ("赵强", 5, 5, 0) in table


def test_quota_counts_rows_of_both_files(inputs, tmp_path):
    outcome = _merge(inputs, tmp_path / "汇总.xlsx")
    result = outcome.book.result
    usage = {(quota.rep, quota.name): quota for quota in result.quotas}[("王芳", Q_NAME)]

    assert (usage.base, usage.allowed, usage.used, usage.exceeded) == (10, 1, 2, 1)
    exceeded = [(finding.row, finding.code) for finding in result.findings if finding.code == "quota-exceeded"]
    assert (47, "quota-exceeded") in exceeded      # 富鑫, 11-06, first file
    assert (57, "quota-exceeded") not in exceeded  # 锦程, 11-02, later file but earlier date


def test_merge_finds_planted_groups_only(inputs, tmp_path):
    outcome = _merge(inputs, tmp_path / "汇总.xlsx")
    assert [(group.kind, group.keys) for group in outcome.book.groups] == EXPECTED_GROUPS


def test_duplicate_findings_on_fuzzy_groups(inputs, tmp_path):
    outcome = _merge(inputs, tmp_path / "汇总.xlsx")
    flagged = {finding.row for finding in outcome.book.result.findings if finding.code == "duplicate-customer"}
    assert {43, 2, 56, 3, 32, 44, 45, 46} <= flagged
    assert 51 not in flagged
    assert 21 not in flagged


def test_duplicates_sheet_marks_first_claim(inputs, tmp_path):
    target = tmp_path / "汇总.xlsx"
    _merge(inputs, target)
    rows = _sheet_rows(target, DUPLICATES_SHEET)
    lines = rows[DUPLICATE_HEADER_ROW:]

    assert rows[DUPLICATE_HEADER_ROW - 1][:3] == ("组号", "类别", "首报")
    assert lines[0][:5] == (1, "重复（同一单位）", "首报", "王芳", "杭州城建设计研究院")
    assert lines[1][2] is None
    assert [line[9] for line in lines] == [key for _, keys in EXPECTED_GROUPS for key in keys]
    assert {line[1] for line in lines if line[0] == 6} == {"疑似重复，请核对"}


def test_merge_never_changes_inputs(inputs, tmp_path):
    before = [_digest(path) for path in inputs]
    _merge(inputs, tmp_path / "汇总.xlsx")
    assert [_digest(path) for path in inputs] == before


def test_remerge_into_output_adds_nothing(inputs, tmp_path):
    target = tmp_path / "汇总.xlsx"
    _merge(inputs, target)
    again = run_merge(inputs, target, MergeOptions(into=target, today=TODAY))

    assert again.output_rows == 57
    assert again.previous_rows == 57
    assert [report.counts.added for report in again.files] == [0, 0, 0]
    assert len(_sheet_rows(target, "客户登记")) == 58
    assert [(group.kind, group.keys) for group in again.book.groups] == EXPECTED_GROUPS


def test_edited_row_reported_as_updated(inputs, tmp_path):
    target = tmp_path / "汇总.xlsx"
    _merge(inputs, target)
    _edit_plan(inputs[1])

    again = run_merge(inputs, target, MergeOptions(into=target, today=TODAY))
    counts = again.files[1].counts
    assert (counts.read, counts.added, counts.updated, counts.unchanged) == (9, 0, 1, 8)
    assert again.output_rows == 57
    row = dict(zip(_sheet_rows(target, "客户登记")[0], _sheet_rows(target, "客户登记")[44]))
    assert row["未来计划"] == "已确定明年三月招标"


def test_cli_prints_line_per_file(inputs, tmp_path):
    target = tmp_path / "汇总.xlsx"
    result = CliRunner().invoke(merge_command, [str(inputs[0].parent), "-o", str(target), "--today", "2026-12-01"])

    assert result.exit_code == 0, result.output
    assert f"{inputs[0].name}：读取 41 行，有效 23，无效 18" in result.output
    assert f"{inputs[1].name}：读取 9 行，有效 7，无效 2" in result.output
    assert f"{inputs[2].name}：读取 7 行，有效 7，无效 0" in result.output
    assert "合计：输入 57 行，输出 57 行" in result.output


def test_cli_into_reports_already_merged(inputs, tmp_path):
    target = tmp_path / "汇总.xlsx"
    runner = CliRunner()
    runner.invoke(merge_command, [str(path) for path in inputs] + ["-o", str(target), "--today", "2026-12-01"])
    result = runner.invoke(merge_command, [str(path) for path in inputs] + ["--into", str(target)])

    assert result.exit_code == 0, result.output
    assert result.output.count("此文件已合并过") == 3
    assert "汇总表原有 57 行 + 新增 0 行 = 输出 57 行" in result.output


def test_strict_rejects_sheet_with_invalid(inputs, tmp_path):
    target = tmp_path / "汇总.xlsx"
    result = CliRunner().invoke(
        merge_command, [str(path) for path in inputs] + ["-o", str(target), "--strict", "--today", "2026-12-01"]
    )

    assert result.exit_code == 1, result.output
    # 18 invalid in the merge, less 李娜's quota-exceeded row: quotas are judged over the merge.
    assert f"已拒绝 {inputs[0].name}：有 17 个无效客户" in result.output
    assert f"已拒绝 {inputs[1].name}" in result.output
    assert "合计：输入 7 行，输出 7 行" in result.output
    assert len(_sheet_rows(target, "客户登记")) == 8


def test_unreadable_input_stops_merge(inputs, tmp_path):
    broken = inputs[0].parent / "d-损坏.xlsx"
    broken.write_text("不是工作簿", encoding="utf-8")
    target = tmp_path / "汇总.xlsx"
    result = CliRunner().invoke(merge_command, [str(inputs[0].parent), "-o", str(target)])

    assert result.exit_code == 2
    assert "d-损坏.xlsx" in result.output
    assert not target.exists()


def test_skip_bad_lists_skipped_file(inputs, tmp_path):
    broken = inputs[0].parent / "d-损坏.xlsx"
    broken.write_text("不是工作簿", encoding="utf-8")
    target = tmp_path / "汇总.xlsx"
    result = CliRunner().invoke(
        merge_command, [str(inputs[0].parent), "-o", str(target), "--skip-bad", "--today", "2026-12-01"]
    )

    assert result.exit_code == 0, result.output
    assert "已跳过 d-损坏.xlsx" in result.output
    assert "合计：输入 57 行，输出 57 行" in result.output


def _without_column(path: Path, header: str) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    sheet.delete_cols([cell.value for cell in sheet[1]].index(header) + 1)
    workbook.save(path)


def test_missing_required_column_stops_merge(inputs, tmp_path):
    _without_column(inputs[1], "单位名称")
    target = tmp_path / "汇总.xlsx"
    result = CliRunner().invoke(merge_command, [str(path) for path in inputs] + ["-o", str(target)])

    assert result.exit_code == 2
    assert f"文件“{inputs[1].name}”缺少必需的列：单位名称" in result.output
    assert "--skip-bad" in result.output
    assert not target.exists()


def test_skip_bad_skips_missing_column(inputs, tmp_path):
    _without_column(inputs[1], "单位名称")
    target = tmp_path / "汇总.xlsx"
    result = CliRunner().invoke(
        merge_command, [str(path) for path in inputs] + ["-o", str(target), "--skip-bad", "--today", "2026-12-01"]
    )

    assert result.exit_code == 0, result.output
    assert f"已跳过 {inputs[1].name}：缺少必需的列：单位名称" in result.output
    assert "合计：输入 48 行，输出 48 行" in result.output


def test_into_counts_every_row_of_edited_file(inputs, tmp_path):
    target = tmp_path / "汇总.xlsx"
    runner = CliRunner()
    runner.invoke(merge_command, [str(path) for path in inputs] + ["-o", str(target), "--today", "2026-12-01"])
    _edit_plan(inputs[1])

    edited = runner.invoke(merge_command, [str(inputs[1]), "--into", str(target), "--today", "2026-12-01"])
    again = runner.invoke(merge_command, [str(inputs[1]), "--into", str(target), "--today", "2026-12-01"])

    assert f"{inputs[1].name}：读取 9 行，有效 7，无效 2；新增 0，更新 1，已在汇总表中 8" in edited.output
    assert f"{inputs[1].name}：读取 9 行，有效 7，无效 2（此文件已合并过" in again.output


def test_folder_merge_skips_earlier_merged_book(inputs, tmp_path):
    folder = inputs[0].parent
    runner = CliRunner()
    first = runner.invoke(merge_command, [str(folder), "-o", str(folder / "上周汇总.xlsx"), "--today", "2026-12-01"])
    again = runner.invoke(merge_command, [str(folder), "-o", str(tmp_path / "汇总.xlsx"), "--today", "2026-12-01"])

    assert first.exit_code == 0, first.output
    assert again.exit_code == 0, again.output
    assert "已跳过 上周汇总.xlsx：这是合并生成的汇总表" in again.output
    assert "合计：输入 57 行，输出 57 行" in again.output


def test_named_merged_book_still_merged(inputs, tmp_path):
    earlier = tmp_path / "上周汇总.xlsx"
    runner = CliRunner()
    runner.invoke(merge_command, [str(path) for path in inputs] + ["-o", str(earlier), "--today", "2026-12-01"])
    result = runner.invoke(merge_command, [str(earlier), "-o", str(tmp_path / "汇总.xlsx"), "--today", "2026-12-01"])

    assert result.exit_code == 0, result.output
    assert "上周汇总.xlsx：读取 57 行" in result.output
