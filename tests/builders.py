"""Building rule-test rows: a valid customer, changed one field at a time.

``customer(**changes)`` returns a header → value mapping; keys use the sheet headers, with
``None`` meaning an empty cell. ``run(*records)`` validates records as rows 2, 3, … of one
sheet and returns the engine's ``Result``.
"""

from __future__ import annotations

from datetime import date, datetime

from leadcheck.engine import validate_rows
from leadcheck.model.columns import template_headers
from leadcheck.model.config import DEFAULT_CONFIG, RuleConfig
from leadcheck.model.result import Result

TODAY = date(2026, 12, 1)
VISIT = datetime(2026, 11, 10)

# A valid customer: appointment visit, two complete heads of qualifying departments.
VALID = {
    "业务员": "张伟",
    "拜访日期": VISIT,
    "拜访方式": "电话预约并上门",
    "单位名称": "杭州市城建设计研究院有限公司",
    "单位类型": "设计院",
    "资质": "建筑行业(建筑工程)甲级",
    "地址": "浙江省杭州市西湖区文三路100号",
    "人数": 320,
    "系统现状": "已有OA系统，档案仍为手工台账管理，对现状不满意",
    "未来计划": "计划明年上半年建设档案管理系统，已列入年度预算",
    "重要程度": "考虑中",
    "业务员意见": "信息中心主任是关键决策人，下周安排演示",
    "联系人1-姓名": "陈建国",
    "联系人1-称呼": "陈主任",
    "联系人1-部门": "信息中心",
    "联系人1-职务": "主任",
    "联系人1-性别": "男",
    "联系人1-年龄": "45左右",
    "联系人1-电话": "0571-87654300",
    "联系人1-评价意向": "认为系统先进，希望看演示",
    "联系人1-沟通时间": VISIT,
    "联系人2-姓名": "林晓燕",
    "联系人2-称呼": "林女士",
    "联系人2-部门": "档案室",
    "联系人2-职务": "科长",
    "联系人2-性别": "女",
    "联系人2-年龄": "38",
    "联系人2-电话": "13957112300",
    "联系人2-评价意向": "关注检索功能，意向较强",
    "联系人2-沟通时间": VISIT,
}

CONTACT_FIELDS = ("姓名", "称呼", "部门", "职务", "性别", "年龄", "电话", "评价意向", "沟通时间")


def customer(**changes: object) -> dict[str, object]:
    """Return the valid customer with ``changes`` applied (keys are headers)."""
    record = dict(VALID)
    record.update(changes)
    return record


def without_contact(record: dict[str, object], number: int) -> dict[str, object]:
    """Return ``record`` with contact block ``number`` emptied (absent)."""
    emptied = dict(record)
    for name in CONTACT_FIELDS:
        emptied[f"联系人{number}-{name}"] = None
    return emptied


def peers(count: int = 9) -> list[dict[str, object]]:
    """Return ``count`` distinct valid customers, so one quota slot is available (N = 10)."""
    return [customer(单位名称=f"杭州市第{index}设计研究院有限公司") for index in range(count)]


def run(*records: dict[str, object], config: RuleConfig = DEFAULT_CONFIG,
        headers: list[str] | None = None) -> Result:
    """Validate ``records`` as rows 2, 3, … of one sheet with the template headers."""
    headers = headers or template_headers()
    rows = [(index + 2, [record.get(header) for header in headers]) for index, record in enumerate(records)]
    return validate_rows(headers, rows, config=config, today=TODAY)


def codes(result: Result) -> set[tuple[int, str, str]]:
    """Return the findings as a set of (row, column, code)."""
    return {(finding.row, finding.column, finding.code) for finding in result.findings}


def codes_of(result: Result, row: int = 2) -> set[str]:
    """Return the codes found on one row."""
    return {finding.code for finding in result.findings_for(row)}
