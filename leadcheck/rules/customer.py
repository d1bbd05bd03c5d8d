"""Rules over customer-level fields: presence, choices, dates, headcount, name, address.

Each function takes a ``Customer`` and a ``RuleContext`` and yields findings of its own
code only, so that one defect gets one code. A blank 拜访日期 or 人数 gets only
``missing-field``; a blank 已做* field only ``done-details-missing``.
"""

from __future__ import annotations

from typing import Iterator

from leadcheck.checks.names import unit_name_problem
from leadcheck.model.findings import Finding, make_finding
from leadcheck.records import Customer
from leadcheck.rules.context import RuleContext
from leadcheck.values import parse_date, parse_headcount

# What each 已做* column should contain, for the done-details-missing message.
_DONE_FIELD_HINTS = {
    "已做厂商": "做的是哪家厂商的产品",
    "已做模块": "做了哪些模块",
    "已做时间": "何时做的",
    "已做效果": "使用效果和用户评价",
}


def check_required_fields(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """missing-field: a required customer field is blank or holds only filler."""
    for header in context.config.required_fields:
        if customer.is_blank(header):
            value = customer.value(header)
            state = f"只填了占位词“{value}”" if value else "为空"
            yield make_finding(customer.row, header, "missing-field", value, state=state)


def canonical_importance(text: str, context: RuleContext) -> str:
    """Return the 重要程度 category a value means (尚不了解 reads as 尚未了解)."""
    return context.config.importance_aliases.get(text, text)


def check_choices(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """invalid-choice: 拜访方式, 重要程度 or 单位类型 contains a value outside its list."""
    config = context.config
    lists = (
        ("拜访方式", config.visit_methods, lambda text: text),
        ("重要程度", config.importance_levels, lambda text: canonical_importance(text, context)),
        ("单位类型", config.unit_types, lambda text: text),
    )
    for header, choices, canonical in lists:
        if customer.is_blank(header):
            continue
        text = customer.value(header)
        if canonical(text) not in choices:
            yield make_finding(customer.row, header, "invalid-choice", text, choices="、".join(choices))


def check_done_details(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """done-details-missing: 重要程度 is 已做 but a 已做* field is blank (one per cell)."""
    config = context.config
    if canonical_importance(customer.value("重要程度"), context) != config.done_level:
        return
    for header in config.done_fields:
        if customer.is_blank(header):
            hint = _DONE_FIELD_HINTS.get(header, header)
            yield make_finding(customer.row, header, "done-details-missing", customer.value(header), what=hint)


def date_problem(raw: object, context: RuleContext) -> str | None:
    """Return why a non-blank date cell is invalid, or ``None`` when it is a usable date."""
    moment = parse_date(raw)
    if moment is None:
        return "不是有效日期"
    if moment.date() > context.today:
        return f"晚于今天（{context.today.isoformat()}）"
    return None


def check_visit_date(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """invalid-date: a non-blank 拜访日期 is not a date or lies after the run date."""
    if customer.is_blank("拜访日期"):
        return
    reason = date_problem(customer.raw_value("拜访日期"), context)
    if reason:
        yield make_finding(customer.row, "拜访日期", "invalid-date", customer.value("拜访日期"), reason=reason)


def check_headcount(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """invalid-headcount: a non-blank 人数 is not a positive whole number."""
    if customer.is_blank("人数"):
        return
    if headcount_of(customer) is None:
        yield make_finding(customer.row, "人数", "invalid-headcount", customer.value("人数"))


def headcount_of(customer: Customer) -> int | None:
    """Return 人数 as read by the standard, or ``None`` when blank or unreadable."""
    raw = customer.raw_value("人数")
    return parse_headcount(raw if not isinstance(raw, str) else customer.value("人数"))


def check_unit_name(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """incomplete-unit-name: too short, no organisational suffix, or a placeholder word."""
    if customer.is_blank("单位名称"):
        return
    name = customer.value("单位名称")
    reason = unit_name_problem(name, context.config)
    if reason:
        yield make_finding(customer.row, "单位名称", "incomplete-unit-name", name, reason=reason)


def check_address(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """incomplete-address: no city, no district or town, no street detail, or a wrong district."""
    if customer.is_blank("地址"):
        return
    text = customer.value("地址")
    address = customer.address
    if address is not None and address.problems:
        reason = "，".join(address.problems)
        yield make_finding(customer.row, "地址", "incomplete-address", text, reason=reason)


CUSTOMER_RULES = (
    check_required_fields,
    check_choices,
    check_done_details,
    check_visit_date,
    check_headcount,
    check_unit_name,
    check_address,
)
