"""A hand-built engine ``Result`` and the small sheet it describes, for back-end tests.

The findings are written out by hand, not computed, so these tests exercise the workbook
layer alone: a failure here points at the back ends, never at a rule.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from leadcheck.model.columns import ColumnMap
from leadcheck.model.findings import Finding
from leadcheck.model.result import CustomerVerdict, QuotaUsage, RepSummary, Result
from leadcheck.sheets.reader import SheetData

HEADERS = ["业务员", "拜访日期", "单位名称", "重要程度", "联系人1-姓名", "联系人1-职务", "联系人1-电话"]
ROWS = [
    ["张伟", datetime(2026, 11, 10), "杭州某公司", "考虑中", "王主任", "主任", "62345678"],
    ["张伟", datetime(2026, 11, 11), "杭州市城建设计研究院有限公司", "关注", "陈建国", "主任", "0571-87654300"],
    ["李娜", datetime(2026, 11, 12), "宁波市规划设计院", "已做", "林晓燕", "科员", "13957112300"],
]

# (row, column header, code, level, message)
FINDINGS = [
    (2, "单位名称", "incomplete-unit-name", "error", "单位名称“杭州某公司”含“某”：请填写全称。"),
    (2, "联系人1-姓名", "placeholder-name", "warning", "姓名“王主任”不是全名：请尽量填写全名。"),
    (2, "联系人1-电话", "phone-missing-area-code", "error", "固定电话“62345678”没有区号：请加上区号。"),
    (4, "联系人1-职务", "not-department-head", "warning", "职务“科员”不是部门主管。"),
]

# The rep's own note on a cell that validation also flags: it must survive.
REP_NOTE_CELL = "C2"
REP_NOTE_TEXT = "客户自称集团子公司，名称待核实"


def hand_result() -> Result:
    findings = [Finding(row, column, code, level, "", message) for row, column, code, level, message in FINDINGS]
    customers = [
        CustomerVerdict(2, "张伟", ROWS[0][2], False, ROWS[0][1], "考虑中"),
        CustomerVerdict(3, "张伟", ROWS[1][2], True, ROWS[1][1], "关注"),
        CustomerVerdict(4, "李娜", ROWS[2][2], True, ROWS[2][1], "已做"),
    ]
    quotas = [
        QuotaUsage("张伟", "Q-NAME", 1, 0, 0, 0),
        QuotaUsage("李娜", "Q-NAME", 1, 0, 0, 0),
    ]
    summary = [
        RepSummary("张伟", 2, 1, 1, {"incomplete-unit-name": 1, "phone-missing-area-code": 1, "placeholder-name": 1},
                   {"考虑中": 1, "关注": 1}),
        RepSummary("李娜", 1, 1, 0, {"not-department-head": 1}, {"已做": 1}),
    ]
    return Result(ColumnMap.from_headers(list(HEADERS)), findings, customers, quotas, summary)


def write_sheet(path: Path) -> Path:
    """Write the sheet with some of a rep's own formatting: a bold header, a fill, a note."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "客户登记"
    sheet.append(HEADERS)
    for values in ROWS:
        sheet.append(values)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet["D3"].fill = PatternFill(fill_type="solid", start_color="DDEBF7", end_color="DDEBF7")
    sheet.column_dimensions["C"].width = 30
    sheet[REP_NOTE_CELL].comment = Comment(REP_NOTE_TEXT, "张伟")
    workbook.save(path)
    return path


def sheet_data(path: Path) -> SheetData:
    rows = [(index, list(values)) for index, values in enumerate(ROWS, start=2)]
    return SheetData(path, "客户登记", 1, list(HEADERS), rows, None)
