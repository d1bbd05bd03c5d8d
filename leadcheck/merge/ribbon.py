"""合并工作簿 from the ribbon: ask for the reps' sheets, merge them, say where the result is.

The merge is ``leadcheck merge``'s own pipeline (``run_merge``) with its default options:
an unreadable file stops the merge with its name and reason. The result is a new workbook
beside the active one (beside the first chosen file when the active workbook was never
saved) and never replaces an existing file. The chosen files are read from disk, so
changes not yet saved in Excel are not merged.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Protocol

from leadcheck.commands.ribbon import unused_path
from leadcheck.merge.dedupe import DUPLICATE, REVIEW
from leadcheck.merge.pipeline import ALREADY_MERGED, MergeOptions, MergeOutcome, run_merge

log = logging.getLogger(__name__)

# Name of the result file, followed by the day of the merge.
MERGED_NAME = "合并汇总"
CHOOSE_TITLE = "选择要合并的客户登记表（可按住 Ctrl 多选）"

# Files listed one by one in the message; a longer list would overflow the message box.
LISTED_FILES = 10


class FileChooser(Protocol):
    """What the merge needs from the workbook: its folder and a file dialog (``ExcelBook`` has both)."""

    @property
    def folder(self) -> Path | None:
        """Return the saved workbook's folder, or ``None``."""

    def choose_files(self, title: str) -> list[Path]:
        """Return the files the rep chose; an empty list when the dialog was cancelled."""


def merge_into_workbook(book: FileChooser, today: date | None = None) -> str | None:
    """Ask for files, merge them into a new workbook, and return the message for the rep.

    Returns ``None`` when the rep cancels the dialog. Raises ``MergeError`` or
    ``OutputError`` with a Chinese sentence when the merge cannot be done.
    """
    paths = book.choose_files(CHOOSE_TITLE)
    if not paths:
        log.info("merge cancelled")
        return None

    # The result goes beside the active workbook under a name not yet taken.
    folder = book.folder or paths[0].parent
    day = (today or date.today()).isoformat()
    target = unused_path(folder / f"{MERGED_NAME}-{day}.xlsx")
    outcome = run_merge(paths, target, MergeOptions(today=today))
    log.info("merged files=%d rows=%d target=%s", len(outcome.files), outcome.output_rows, target)
    return merge_message(outcome)


def merge_message(outcome: MergeOutcome) -> str:
    """Return the message box text: per-file counts, totals, duplicate groups, the result's path."""
    lines = []
    for report in outcome.files[:LISTED_FILES]:
        line = f"{report.path.name}：{report.counts.read} 行，有效 {report.valid}，无效 {report.invalid}"
        if report.status == ALREADY_MERGED:
            line += "（与已选的另一文件内容相同，未重复加入）"
        lines.append(line)
    if len(outcome.files) > LISTED_FILES:
        lines.append(f"……另有 {len(outcome.files) - LISTED_FILES} 个文件")

    groups = outcome.book.groups
    duplicates = sum(1 for group in groups if group.kind == DUPLICATE)
    reviews = sum(1 for group in groups if group.kind == REVIEW)
    lines.append(
        f"合并完成：{len(outcome.files)} 个文件，输入 {outcome.rows_read} 行，输出 {outcome.output_rows} 行；"
        f"重复客户 {duplicates} 组，疑似重复待核对 {reviews} 组。"
    )
    lines.append(f"结果已保存到：{outcome.target}")
    lines.append("原文件没有改动。请打开结果文件查看“校验汇总”和“重复客户”表。")
    return "\n".join(lines)
