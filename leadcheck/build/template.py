"""Build LeadTemplate.xlsm: the rep's lead sheet with dropdowns, tints, ribbon and VBA.

Sheets, in workbook order (VBA code names in brackets):
  客户登记 (Sheet1)    the data sheet: headers, dropdowns, input messages, tints;
  填写说明 (Sheet2)    the standard in plain words, the template version, an example row;
  下拉列表 (Sheet3)    hidden source of the dropdowns and of the filler-word tint;
  校验规则 (Sheet4)    hidden rule configuration as TOML, one line a cell in column A;
  xlwings.conf (Sheet5) hidden settings read by the xlwings VBA module.

Naming: ``row`` and ``column`` are 0-based, as XlsxWriter counts; the sheet shows row + 1.
"""

from __future__ import annotations

import datetime
from io import BytesIO

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from leadcheck import __version__
from leadcheck.build import package, sources
from leadcheck.build.column_help import column_help
from leadcheck.build.config_toml import config_to_toml
from leadcheck.build.guide import EXAMPLE_CUSTOMER, guide_lines
from leadcheck.model.columns import (
    CONTACT_FIELDS,
    contact_header,
    extra_required_headers,
    template_headers,
)
from leadcheck.model.config import CONFIG_SHEET, DATA_SHEET, DEFAULT_CONFIG, RuleConfig

# Version of the sheet layout and its VBA; shown on 填写说明, in the 校验规则 header (where
# 检查环境 reads it) and stored as a document property. 1.1.0 added the helper modules
# LeadcheckNotes and LeadcheckTools, without which 校验整表 cannot write notes.
TEMPLATE_VERSION = "1.1.0"

# Data rows that get dropdowns, text format and tints. Reps log a few hundred customers a
# quarter; a range far beyond that only slows LibreOffice and WPS when they open the file.
DATA_ROWS = 2000

GUIDE_SHEET = "填写说明"
LIST_SHEET = "下拉列表"
XLWINGS_SHEET = "xlwings.conf"

# Fixed creation date in docProps/core.xml, so rebuilds are byte-equal.
BUILD_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)

# Header fills: customer fields, then one colour per contact block (repeating from the 4th).
CUSTOMER_FILL = "#D9E1F2"
CONTACT_FILLS = ("#E2EFDA", "#FFF2CC", "#FCE4D6")
# Light red tint of blank required cells and malformed phones, readable under black text.
WARNING_FILL = "#FFC7CE"

# Column widths in characters; other columns get DEFAULT_WIDTH.
DEFAULT_WIDTH = 12
WIDTHS = {
    "单位名称": 30, "地址": 34, "资质": 16, "系统现状": 30, "未来计划": 30, "业务员意见": 30,
    "备注": 24, "已做模块": 16, "电话": 20, "评价意向": 28, "沟通时间": 16, "拜访方式": 14,
    "重要程度": 14, "单位类型": 12,
}

# Columns of 填写说明 that its printout covers: wide enough for the longest line.
GUIDE_PRINT_COLUMNS = 16

# Fewer digits than this cannot be a valid number: mobiles have 11, landlines with area
# code and 400/800 numbers at least 10.
MIN_PHONE_DIGITS = 10

# Excel's limits on data-validation input messages.
MAX_INPUT_TITLE = 32
MAX_INPUT_MESSAGE = 255

# xlwings.conf rows: the module the UDF wrappers call, and no console window or debug server.
XLWINGS_SETTINGS = (
    ("UDF Modules", "leadcheck_udfs"),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
)

# Dropdown lists: (defined name, 下拉列表 header, RuleConfig field).
DROPDOWNS = (
    ("LeadCheck_VisitMethods", "拜访方式", "visit_methods"),
    ("LeadCheck_ImportanceLevels", "重要程度", "importance_levels"),
    ("LeadCheck_Genders", "性别", "genders"),
    ("LeadCheck_UnitTypes", "单位类型", "unit_types"),
    ("LeadCheck_FillerWords", "占位词", "filler_words"),
)


class TemplateError(ValueError):
    """A configuration that would make a broken template; the message names the value."""


def build_template(config: RuleConfig = DEFAULT_CONFIG, config_header: str = "") -> bytes:
    """Return the bytes of LeadTemplate.xlsm built with ``config``.

    ``config_header`` becomes comment lines above the TOML in 校验规则 (e.g. the trainer's
    file name). The result depends only on the arguments and the source files.
    """
    output = BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    workbook.set_properties({
        "title": "有效客户登记模板",
        "comments": f"模板版本 {TEMPLATE_VERSION}，leadcheck {__version__}",
        "created": BUILD_DATE,
    })
    workbook.set_custom_property("LeadCheckTemplateVersion", TEMPLATE_VERSION)

    # Sheets in order; code names must match the document modules of the VBA project.
    data = workbook.add_worksheet(DATA_SHEET)
    guide = workbook.add_worksheet(GUIDE_SHEET)
    lists = workbook.add_worksheet(LIST_SHEET)
    rules = workbook.add_worksheet(CONFIG_SHEET)
    settings = workbook.add_worksheet(XLWINGS_SHEET)
    for number, sheet in enumerate((data, guide, lists, rules, settings), start=1):
        sheet.set_vba_name(f"Sheet{number}")
    workbook.set_vba_name("ThisWorkbook")

    _write_lists(workbook, lists, config)
    _write_data_sheet(workbook, data, config)
    _write_guide(workbook, guide, config)
    _write_rules(workbook, rules, config, config_header)
    write_xlwings_settings(settings)
    for sheet in (lists, rules, settings):
        sheet.hide()
    data.activate()

    vba = sources.template_vba_project(sheet_count=5)
    workbook.add_vba_project(BytesIO(vba), is_stream=True)
    workbook.close()

    ribbon = sources.template_ribbon()
    return package.finish_package(output.getvalue(), ribbon)


def _write_lists(workbook, sheet, config: RuleConfig) -> None:
    """Write one column per dropdown and name each list for the validations."""
    for column, (name, title, field) in enumerate(DROPDOWNS):
        items = getattr(config, field)
        if not items:
            raise TemplateError(f"配置项“{field}”为空：下拉列表至少需要一项")
        sheet.write_string(0, column, title)
        for row, item in enumerate(items, start=1):
            sheet.write_string(row, column, item)
        letter = xl_col_to_name(column)
        workbook.define_name(name, f"='{LIST_SHEET}'!${letter}$2:${letter}${len(items) + 1}")


def _header_formats(workbook) -> list:
    common = {"bold": True, "border": 1, "text_wrap": True, "valign": "vcenter", "locked": True}
    fills = (CUSTOMER_FILL, *CONTACT_FILLS)
    return [workbook.add_format({**common, "bg_color": fill}) for fill in fills]


def _write_data_sheet(workbook, sheet, config: RuleConfig) -> None:
    """Write 客户登记: headers, formats, dropdowns, input messages and tints."""
    headers = template_headers(extra=extra_required_headers(config.required_fields))
    last_column = len(headers) - 1
    header_formats = _header_formats(workbook)
    unlocked = workbook.add_format({"locked": False})
    text = workbook.add_format({"locked": False, "num_format": "@"})
    date = workbook.add_format({"locked": False, "num_format": "yyyy-mm-dd"})

    # Every cell is unlocked except the header cells, so protection guards only headers.
    sheet.set_column(last_column + 1, 16383, None, unlocked)
    sheet.set_row(0, 36)

    for column, header in enumerate(headers):
        block, field = _split_header(header)
        sheet.write_string(0, column, header, header_formats[_fill_index(block)])
        cell_format = text if field == "电话" else date if field == "拜访日期" else unlocked
        sheet.set_column(column, column, WIDTHS.get(field, DEFAULT_WIDTH), cell_format)
        _add_header_help(sheet, column, header, column_help(field, block > 0, config))

    _add_dropdowns(sheet, headers, config)
    _add_required_tints(workbook, sheet, headers, config)
    _add_phone_tints(workbook, sheet, headers)

    # Freeze the header row and the identity columns up to 单位名称.
    sheet.freeze_panes(1, headers.index("单位名称") + 1)
    sheet.autofilter(0, 0, 0, last_column)
    sheet.set_landscape()
    sheet.repeat_rows(0)
    sheet.protect("", {
        "format_cells": True, "format_columns": True, "format_rows": True,
        "insert_columns": True, "insert_rows": True, "insert_hyperlinks": True,
        "delete_rows": True, "sort": True, "autofilter": True, "objects": True,
    })


def _split_header(header: str) -> tuple[int, str]:
    """Return (contact block number or 0, field name) of a template header."""
    if not header.startswith("联系人"):
        return 0, header
    block, field = header.removeprefix("联系人").split("-", 1)
    return int(block), field


def _fill_index(block: int) -> int:
    return 0 if block == 0 else 1 + (block - 1) % len(CONTACT_FILLS)


def _input_message(title: str, message: str) -> dict:
    if len(title) > MAX_INPUT_TITLE or len(message) > MAX_INPUT_MESSAGE:
        raise TemplateError(
            f"“{title}”的提示超过 Excel 的上限（标题 {MAX_INPUT_TITLE} 字，内容 {MAX_INPUT_MESSAGE} 字）：{message}"
        )
    return {"input_title": title, "input_message": message}


def _add_header_help(sheet, column: int, header: str, help_text: str) -> None:
    # An "any value" validation shows its input message when the header cell is selected.
    sheet.data_validation(0, column, 0, column, {"validate": "any", **_input_message(header, help_text)})


def _add_dropdowns(sheet, headers: list[str], config: RuleConfig) -> None:
    """Attach list validations to the dropdown columns, sourced from 下拉列表."""
    sources_by_field = {title: name for name, title, _ in DROPDOWNS}
    for column, header in enumerate(headers):
        block, field = _split_header(header)
        if field not in ("拜访方式", "重要程度", "性别", "单位类型"):
            continue
        options = {
            "validate": "list",
            "source": f"={sources_by_field[field]}",
            **_input_message(header, column_help(field, block > 0, config)),
            "error_type": "stop",
            "error_title": f"{header}不在列表中",
            "error_message": f"请从下拉列表选择{header}，不要手工输入其他写法。",
        }
        sheet.data_validation(1, column, DATA_ROWS, column, options)


def _row_range(headers: list[str], row: int) -> str:
    return f"$A{row}:${xl_col_to_name(len(headers) - 1)}{row}"


def _blank_test(cell: str) -> str:
    """Return a formula that is true when ``cell`` is empty or holds a filler word."""
    return f'OR(LEN(TRIM({cell}))=0,ISNUMBER(MATCH(TRIM({cell}),LeadCheck_FillerWords,0)))'


def _add_required_tints(workbook, sheet, headers: list[str], config: RuleConfig) -> None:
    """Tint blank required cells, but only in rows (or contact blocks) that hold data."""
    tint = workbook.add_format({"bg_color": WARNING_FILL})
    row_in_use = f"COUNTA({_row_range(headers, 2)})>0"

    for column, header in enumerate(headers):
        block, field = _split_header(header)
        cell = xl_rowcol_to_cell(1, column)
        if block == 0 and field in config.required_fields:
            condition = f"AND({row_in_use},{_blank_test(cell)})"
        elif block == 0 and field in config.done_fields:
            importance = xl_rowcol_to_cell(1, headers.index("重要程度"), col_abs=True)
            condition = f'AND({importance}="{config.done_level}",{_blank_test(cell)})'
        elif block > 0 and field in config.contact_required_fields:
            first = xl_rowcol_to_cell(1, headers.index(contact_header(block, CONTACT_FIELDS[0])), col_abs=True)
            last = xl_rowcol_to_cell(1, headers.index(contact_header(block, CONTACT_FIELDS[-1])), col_abs=True)
            condition = f"AND(COUNTA({first}:{last})>0,{_blank_test(cell)})"
        else:
            continue
        sheet.conditional_format(1, column, DATA_ROWS, column, {
            "type": "formula", "criteria": f"={condition}", "format": tint,
        })


def _digit_count(cell: str) -> str:
    """Return a formula counting the digits 0-9 in ``cell``."""
    stripped = cell
    for digit in "0123456789":
        stripped = f'SUBSTITUTE({stripped},"{digit}","")'
    return f"(LEN({cell})-LEN({stripped}))"


def _add_phone_tints(workbook, sheet, headers: list[str]) -> None:
    """Tint phone cells that are filled but hold too few digits to be any valid number."""
    tint = workbook.add_format({"bg_color": WARNING_FILL})
    for column, header in enumerate(headers):
        if _split_header(header)[1] != "电话":
            continue
        cell = xl_rowcol_to_cell(1, column, col_abs=False)
        condition = f"AND(LEN(TRIM({cell}))>0,{_digit_count(cell)}<{MIN_PHONE_DIGITS})"
        sheet.conditional_format(1, column, DATA_ROWS, column, {
            "type": "formula", "criteria": f"={condition}", "format": tint,
        })


def _write_guide(workbook, sheet, config: RuleConfig) -> None:
    """Write 填写说明: title, version, rule summary and the example customer."""
    title = workbook.add_format({"bold": True, "font_size": 16})
    heading = workbook.add_format({"bold": True, "bg_color": CUSTOMER_FILL, "border": 1})
    sheet.set_column(0, 0, 14)
    sheet.write_string(0, 0, "有效客户登记模板：填写说明", title)
    sheet.write_string(1, 0, f"模板版本：{TEMPLATE_VERSION}（leadcheck {__version__}）")

    row = 3
    for line in guide_lines(config):
        sheet.write_string(row, 0, line)
        row += 1

    # The example as a header row and a value row, in the data sheet's column order, so a
    # trainer can copy the row into 客户登记.
    headers = template_headers(extra=extra_required_headers(config.required_fields))
    for column, header in enumerate(headers):
        sheet.write_string(row, column, header, heading)
        sheet.write_string(row + 1, column, EXAMPLE_CUSTOMER.get(header, ""))

    # Print the explanation on one page width; the long lines overflow into columns B-P.
    sheet.set_landscape()
    sheet.print_area(0, 0, row - 1, GUIDE_PRINT_COLUMNS - 1)
    sheet.fit_to_pages(1, 0)


def _write_rules(workbook, sheet, config: RuleConfig, config_header: str) -> None:
    """Write the configuration as TOML, one line a cell in column A."""
    header = f"有效客户校验规则（由 leadcheck template build 生成，请勿手工修改）\n模板版本 {TEMPLATE_VERSION}"
    if config_header:
        header += "\n" + config_header
    sheet.set_column(0, 0, 120)
    for row, line in enumerate(config_to_toml(config, header).splitlines()):
        sheet.write_string(row, 0, line)


def write_xlwings_settings(sheet) -> None:
    """Write the xlwings.conf keys in column A and their values in column B."""
    for row, (key, value) in enumerate(XLWINGS_SETTINGS):
        sheet.write_string(row, 0, key)
        if isinstance(value, bool):
            sheet.write_boolean(row, 1, value)
        else:
            sheet.write_string(row, 1, value)
