"""The annotated copy that ``leadcheck validate`` writes beside the input.

The copy is the input workbook with what 校验整表 shows in Excel: flagged cells, notes, the
校验结果 column and the 校验汇总 sheet, drawn by the same ``show_result`` through the file
back end. The source is only read. The target appears in one ``os.replace`` of a finished
temporary file from the target's own folder, so a crash never leaves half a workbook.
"""

from __future__ import annotations

import logging
import os
import tempfile
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from leadcheck.commands.validate import show_result
from leadcheck.model.config import DEFAULT_CONFIG, RuleConfig
from leadcheck.model.result import Result
from leadcheck.sheets.filebook import FileBook
from leadcheck.sheets.package import restore_package_parts
from leadcheck.sheets.permissions import apply_target_mode
from leadcheck.sheets.reader import SheetData
from leadcheck.sheets.safety import replace_problem, store_text_cells
from leadcheck.sheets.workbook import SUMMARY_SHEET
from leadcheck.sheets.xmlcopy import PlannedBook, StreamUnsupported, write_streamed_copy

log = logging.getLogger(__name__)

# Infix of the default target name: 客户线索.xlsx → 客户线索.校验.xlsx.
TARGET_INFIX = ".校验"

MACRO_SUFFIX = ".xlsm"

# Sources whose copy is a new workbook built from the values read, not an edited original.
VALUE_SUFFIXES = (".csv", ".txt", ".xls")
WORKBOOK_SUFFIXES = (".xlsx", MACRO_SUFFIX)


class AnnotationError(ValueError):
    """A target that cannot be written; ``str(error)`` is one Chinese sentence with the fix."""


def default_target(source: Path) -> Path:
    """Return ``<name>.校验.xlsm`` for an .xlsm source and ``<name>.校验.xlsx`` for any other."""
    source = Path(source)
    suffix = MACRO_SUFFIX if source.suffix.lower() == MACRO_SUFFIX else ".xlsx"
    return source.with_name(source.stem + TARGET_INFIX + suffix)


def write_annotated_copy(
    source: Path, target: Path, sheet_data: SheetData, result: Result, config: RuleConfig = DEFAULT_CONFIG
) -> Path:
    """Write the annotated copy of ``source`` to ``target`` and return ``target``.

    A .csv, .txt or .xls source becomes a new workbook holding the rows of ``sheet_data``
    (openpyxl cannot open an .xls, and a copy from values loses its formatting). An .xlsm
    copy keeps ``xl/vbaProject.bin`` and the ribbon parts byte for byte. Raises
    ``AnnotationError`` when ``target`` is the source or has an extension Excel would
    refuse for this content, or when its folder does not exist. It also raises it when a
    spreadsheet program has ``target`` open (a lock file beside it), and when openpyxl
    cannot load a source that calamine could read. It does not check that ``result`` was
    computed from ``sheet_data``.
    """
    source, target = Path(source), Path(target)
    _check_target(source, target)
    keep_macros = source.suffix.lower() == MACRO_SUFFIX and target.suffix.lower() == MACRO_SUFFIX

    # A workbook the streamed writer handles is copied part by part, without openpyxl.
    if _write_streamed(source, target, sheet_data, result, config):
        return target

    # Load the source (or build a workbook from the CSV rows) and draw the marks.
    from_values = source.suffix.lower() in VALUE_SUFFIXES
    book = FileBook(_workbook_from_rows(sheet_data) if from_values else _load_source(source, keep_macros))
    book.clear_validation(sheet_data.sheet_name)
    show_result(book, sheet_data, result, config, str(source))

    # Text that came from the rep's cells (all of a CSV's, the rep names in the summary)
    # stays text even when it starts with "=".
    if from_values:
        store_text_cells(book.workbook[sheet_data.sheet_name])
    store_text_cells(book.workbook[SUMMARY_SHEET])

    # Save next to the target, restore the macro parts, then move into place in one step.
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".~", suffix=target.suffix)
    os.close(handle)
    temp = Path(temp_name)
    try:
        book.save(temp)
        if keep_macros:
            restore_package_parts(source, temp)
        apply_target_mode(temp, target)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def _write_streamed(source: Path, target: Path, sheet_data: SheetData, result: Result, config: RuleConfig) -> bool:
    """Write the streamed copy to ``target``; return False, having written nothing, where it does not apply."""
    if source.suffix.lower() not in WORKBOOK_SUFFIXES or source.suffix.lower() != target.suffix.lower():
        return False
    plan = PlannedBook([])
    show_result(plan, sheet_data, result, config, str(source))

    # Write beside the target, then move into place in one step.
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".~", suffix=target.suffix)
    os.close(handle)
    temp = Path(temp_name)
    try:
        write_streamed_copy(source, temp, sheet_data.sheet_name, plan)
        apply_target_mode(temp, target)
        os.replace(temp, target)
    except StreamUnsupported as reason:
        temp.unlink(missing_ok=True)
        log.info("annotated copy through openpyxl: %s", reason)
        return False
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return True


def _check_target(source: Path, target: Path) -> None:
    if target.exists() and source.exists() and os.path.samefile(source, target):
        raise AnnotationError(f"输出文件“{target.name}”就是输入文件：校验从不改写原文件，请另选输出文件名。")
    if not target.parent.is_dir():
        raise AnnotationError(f"输出文件夹“{target.parent}”不存在或不是文件夹：请先创建它，或用 -o 指定其他位置。")
    problem = replace_problem(target, "校验")
    if problem is not None:
        raise AnnotationError(problem)
    suffix = target.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES:
        raise AnnotationError(f"输出文件“{target.name}”的扩展名不是 .xlsx 或 .xlsm：请改用其中之一。")
    if suffix == MACRO_SUFFIX and source.suffix.lower() != MACRO_SUFFIX:
        raise AnnotationError(
            f"输入“{source.name}”不含宏，输出却是 .xlsm 文件“{target.name}”：Excel 会拒绝打开，请改用 .xlsx。"
        )


def _load_source(source: Path, keep_macros: bool) -> openpyxl.Workbook:
    """Load the source with openpyxl, which is stricter than calamine about malformed XML."""
    try:
        return openpyxl.load_workbook(source, keep_vba=keep_macros, rich_text=True)
    except (ParseError, ValueError, KeyError, InvalidFileException, zipfile.BadZipFile) as error:
        raise AnnotationError(
            f"校验已完成，但“{source.name}”的内部格式不规范，无法生成带标记的副本（{error}）："
            "请在 Excel/WPS 中打开后另存为 .xlsx 再校验，或加 --json 只看校验报告。"
        ) from error


def _workbook_from_rows(sheet_data: SheetData) -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet_data.sheet_name
    for column, header in enumerate(sheet_data.headers, start=1):
        worksheet.cell(sheet_data.header_row, column, header)
    for row, values in sheet_data.rows:
        for column, value in enumerate(values, start=1):
            worksheet.cell(row, column, value)
    return workbook
