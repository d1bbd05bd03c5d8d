"""Writing the merged workbook: 客户登记, 校验汇总, 重复客户 and the hidden sources sheet.

客户登记 and 校验汇总 are drawn by the same ``show_result`` as ``leadcheck validate`` (flags,
notes, the 校验结果 column, the summary and its chart), so a merged sheet reads like an
annotated copy. Every cell is written from a value, so text that starts with "=" (a unit
name, a rep's name) is stored as text, never as a formula. The file appears in one
``os.replace`` of a finished temporary file from the target's folder, so a crash never
leaves half a workbook and never touches an input.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Hashable, Sequence

import openpyxl

from leadcheck.commands.validate import show_result
from leadcheck.merge.dedupe import DUPLICATE, REVIEW, SHARED_PHONE, DuplicateGroup
from leadcheck.merge.master import SOURCES_SHEET, origin_lines
from leadcheck.merge.merge import MergedRow, table_values
from leadcheck.model.config import DATA_SHEET, RuleConfig
from leadcheck.model.result import Result
from leadcheck.sheets.filebook import FileBook
from leadcheck.sheets.permissions import apply_target_mode
from leadcheck.sheets.reader import SheetData
from leadcheck.sheets.safety import replace_problem, store_text_cells
from leadcheck.sheets.workbook import SheetLayout
from leadcheck.sheets.xmlbook import values_package
from leadcheck.sheets.xmlcopy import PlannedBook, StreamUnsupported, write_streamed_copy
from leadcheck.values import normalize_text

log = logging.getLogger(__name__)

DUPLICATES_SHEET = "重复客户"
DUPLICATE_HEADERS = (
    "组号", "类别", "首报", "业务员", "单位名称", "拜访日期", "匹配度", "来源文件", "来源行", "汇总表行",
)
KIND_TITLES = {
    DUPLICATE: "重复（同一单位）",
    REVIEW: "疑似重复，请核对",
    SHARED_PHONE: "不同单位共用电话",
}
FIRST_CLAIM_MARK = "首报"
# 1-based row of DUPLICATE_HEADERS in the sheet, below the title and the explanation.
DUPLICATE_HEADER_ROW = 4

# Widths in characters: 类别 fits a shared phone number, 单位名称 a long registered name
# and 来源文件 a rep's file name.
_DUPLICATE_WIDTHS = ((1, 6), (2, 30), (3, 6), (4, 10), (5, 36), (6, 12), (7, 8), (8, 28), (9, 8), (10, 10))
DUPLICATES_LAYOUT = SheetLayout(bold_rows=(1, DUPLICATE_HEADER_ROW), column_widths=_DUPLICATE_WIDTHS)


class OutputError(ValueError):
    """A target that cannot be written; ``str(error)`` is one Chinese sentence with the fix."""


@dataclass(frozen=True)
class MergedBook:
    """The content of the merged workbook: the table, its validation and the duplicate groups."""

    headers: list[str]
    rows: list[MergedRow]
    result: Result
    groups: list[DuplicateGroup]
    config: RuleConfig


def merged_sheet_data(headers: Sequence[str], rows: Sequence[MergedRow], path: Path) -> SheetData:
    """Return the merged 客户登记 as the reader would return it: headers in row 1, data from row 2."""
    values = table_values(headers, rows)
    return SheetData(path, DATA_SHEET, 1, list(headers), list(enumerate(values, start=2)), None)


def write_merged_book(book: MergedBook, target: Path) -> Path:
    """Write the merged workbook to ``target`` atomically and return ``target``."""
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise OutputError(f"输出文件“{target.name}”的扩展名不是 .xlsx：合并结果只保存为 .xlsx，请改名。")

    # Build the values in memory and stream the marks onto them; openpyxl is the fallback.
    sheet_data = merged_sheet_data(book.headers, book.rows, target)
    plan = PlannedBook([])
    show_result(plan, sheet_data, book.result, book.config, str(target))
    plan.replace_sheet(DUPLICATES_SHEET, duplicate_block(book), DUPLICATES_LAYOUT)
    plan.replace_sheet(SOURCES_SHEET, origin_lines(book.rows), SheetLayout())
    plan.hide(SOURCES_SHEET)
    base = values_package(DATA_SHEET, [list(book.headers), *(values for _, values in sheet_data.rows)])
    try:
        _save_atomically(target, lambda temp: write_streamed_copy(base, temp, DATA_SHEET, plan))
    except StreamUnsupported as reason:
        log.info("merged workbook through openpyxl: %s", reason)
        workbook = _openpyxl_book(book, target)
        _save_atomically(target, workbook.save)
    return target


def _openpyxl_book(book: MergedBook, target: Path) -> openpyxl.Workbook:
    # The data sheet with every merged row, then validation's marks and summary.
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = DATA_SHEET
    sheet_data = merged_sheet_data(book.headers, book.rows, target)
    worksheet.append(list(book.headers))
    for _, values in sheet_data.rows:
        worksheet.append(values)
    worksheet.freeze_panes = "A2"
    files = FileBook(workbook)
    show_result(files, sheet_data, book.result, book.config, str(target))

    # The duplicate groups and the hidden origin of every row.
    files.replace_sheet(DUPLICATES_SHEET, duplicate_block(book), DUPLICATES_LAYOUT)
    sources = workbook.create_sheet(SOURCES_SHEET)
    for line in origin_lines(book.rows):
        sources.append(line)
    sources.sheet_state = "hidden"

    # No sheet of the merged book contains a formula the product meant to write.
    for sheet in workbook.worksheets:
        store_text_cells(sheet)
    return workbook


def duplicate_block(book: MergedBook) -> list[list[object]]:
    """Lay out the 重复客户 sheet: a title, an explanation, then one line per group member."""
    by_key: dict[Hashable, MergedRow] = {
        merged_row: row for merged_row, row in enumerate(book.rows, start=2)
    }
    verdicts = {verdict.row: verdict for verdict in book.result.customers}
    block: list[list[object]] = [
        [f"{DUPLICATES_SHEET}：共 {len(book.groups)} 组"],
        ["同一单位被多次登记（同一业务员或不同业务员，即撞单）。拜访日期最早的一行标为“首报”；"
         "“疑似重复”只供核对，不自动合并；“共用电话”列出不同单位登记了同一号码的行。"],
        [],
        list(DUPLICATE_HEADERS),
    ]
    if not book.groups:
        block.append(["未发现重复客户。"])

    for number, group in enumerate(book.groups, start=1):
        kind = KIND_TITLES[group.kind]
        if group.kind == SHARED_PHONE:
            kind = f"{kind}：{group.phone}"
        for position, member in enumerate(group.members):
            row = by_key[member.key]
            verdict = verdicts.get(member.key)
            block.append([
                number, kind, FIRST_CLAIM_MARK if position == 0 else "",
                verdict.rep if verdict else normalize_text(row.values.get("业务员")),
                normalize_text(row.values.get("单位名称")),
                verdict.visit_date.date().isoformat() if verdict and verdict.visit_date else "",
                member.score if group.kind != SHARED_PHONE else "",
                row.source_file, row.source_row, member.key,
            ])
    return block


def _save_atomically(target: Path, save: Callable[[Path], None]) -> None:
    if not target.parent.is_dir():
        raise OutputError(f"输出文件夹“{target.parent}”不存在或不是文件夹：请先创建它，或换一个输出路径。")
    problem = replace_problem(target, "合并")
    if problem is not None:
        raise OutputError(problem)
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".~", suffix=".xlsx")
    os.close(handle)
    temp = Path(temp_name)
    try:
        save(temp)
        apply_target_mode(temp, target)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise

