"""Rules over customer-level fields: presence, choices, dates, headcount, name, address.

Each function takes the ``Table`` of all customers and a ``RuleContext`` and yields
findings of its own code only, so that one defect gets one code. A blank 拜访日期 or 人数
gets only ``missing-field``; a blank 已做* field only ``done-details-missing``. Per-cell
judgements are computed once per distinct value of a column.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterator

from leadcheck.checks.names import unit_name_problem
from leadcheck.checks.places import Address, parse_address
from leadcheck.model.findings import Finding, make_finding
from leadcheck.rules.context import RuleContext
from leadcheck.table import Table, positions_where, positions_where_not
from leadcheck.values import normalize_text, parse_date, parse_headcount

# What each 已做* column should contain, for the done-details-missing message.
_DONE_FIELD_HINTS = {
    "已做厂商": "做的是哪家厂商的产品",
    "已做模块": "做了哪些模块",
    "已做时间": "何时做的",
    "已做效果": "使用效果和用户评价",
}


def check_required_fields(table: Table, context: RuleContext) -> Iterator[Finding]:
    """missing-field: a required customer field is blank or holds only filler."""
    for header in context.config.required_fields:
        for position in positions_where_not(table.filled(header)):
            value = table.texts(header)[position]
            state = f"只填了占位词“{value}”" if value else "为空"
            yield make_finding(table.rows[position], header, "missing-field", value, state=state)


def canonical_importance(text: str, context: RuleContext) -> str:
    """Return the 重要程度 category a value means (尚不了解 reads as 尚未了解)."""
    return context.config.importance_aliases.get(text, text)


def importance_of(table: Table, context: RuleContext) -> list[str]:
    """Return each customer's 重要程度 as its canonical category ("" when blank)."""
    return table.reading(
        "重要程度", "importance", lambda raw: canonical_importance(normalize_text(raw), context)
    )


def check_choices(table: Table, context: RuleContext) -> Iterator[Finding]:
    """invalid-choice: 拜访方式, 重要程度 or 单位类型 contains a value outside its list."""
    config = context.config
    lists = (
        ("拜访方式", config.visit_methods, lambda text: text),
        ("重要程度", config.importance_levels, lambda text: canonical_importance(text, context)),
        ("单位类型", config.unit_types, lambda text: text),
    )
    for header, choices, canonical in lists:
        listed = table.reading(header, "listed", lambda raw: canonical(normalize_text(raw)) in choices)
        texts = table.texts(header)
        for position in positions_where(table.filled(header)):
            if not listed[position]:
                yield make_finding(
                    table.rows[position], header, "invalid-choice", texts[position], choices="、".join(choices)
                )


def check_done_details(table: Table, context: RuleContext) -> Iterator[Finding]:
    """done-details-missing: 重要程度 is 已做 but a 已做* field is blank (one per cell)."""
    config = context.config
    done = [importance == config.done_level for importance in importance_of(table, context)]
    if not any(done):
        return
    for header in config.done_fields:
        filled, texts = table.filled(header), table.texts(header)
        hint = _DONE_FIELD_HINTS.get(header, header)
        for position in positions_where(done):
            if not filled[position]:
                yield make_finding(table.rows[position], header, "done-details-missing", texts[position], what=hint)


def date_problem(raw: object, context: RuleContext) -> str | None:
    """Return why a non-blank date cell is invalid, or ``None`` when it is a usable date."""
    moment = parse_date(raw)
    if moment is None:
        return "不是有效日期"
    if moment.date() > context.today:
        return f"晚于今天（{context.today.isoformat()}）"
    return None


def visit_dates(table: Table) -> list[datetime | None]:
    """Return each customer's 拜访日期, ``None`` when blank or unreadable."""
    return table.reading("拜访日期", "date", parse_date)


def check_visit_date(table: Table, context: RuleContext) -> Iterator[Finding]:
    """invalid-date: a non-blank 拜访日期 is not a date or lies after the run date."""
    problems = table.reading("拜访日期", "date-problem", lambda raw: date_problem(raw, context))
    texts = table.texts("拜访日期")
    for position in positions_where(table.filled("拜访日期")):
        reason = problems[position]
        if reason:
            yield make_finding(table.rows[position], "拜访日期", "invalid-date", texts[position], reason=reason)


def headcounts(table: Table) -> list[int | None]:
    """Return each customer's 人数 as read by the standard, ``None`` when blank or unreadable."""
    return table.reading("人数", "headcount", _headcount)


def _headcount(raw: object) -> int | None:
    return parse_headcount(normalize_text(raw) if isinstance(raw, str) else raw)


def check_headcount(table: Table, context: RuleContext) -> Iterator[Finding]:
    """invalid-headcount: a non-blank 人数 is not a positive whole number."""
    counts, texts = headcounts(table), table.texts("人数")
    for position in positions_where(table.filled("人数")):
        if counts[position] is None:
            yield make_finding(table.rows[position], "人数", "invalid-headcount", texts[position])


def check_unit_name(table: Table, context: RuleContext) -> Iterator[Finding]:
    """incomplete-unit-name: too short, no organisational suffix, or a placeholder word."""
    config = context.config
    problems = table.filled_reading(
        "单位名称", "unit-name", lambda raw: unit_name_problem(normalize_text(raw), config)
    )
    texts = table.texts("单位名称")
    for position, reason in enumerate(problems):
        if reason:
            yield make_finding(table.rows[position], "单位名称", "incomplete-unit-name", texts[position], reason=reason)


def addresses(table: Table) -> list[Address | None]:
    """Return each customer's parsed 地址, ``None`` where it is blank or filler."""
    return table.filled_reading("地址", "address", _parse_address)


def _parse_address(raw: object) -> Address | None:
    text = normalize_text(raw)
    return parse_address(text) if text else None


def address_cities(table: Table) -> list[str | None]:
    """Return the city of each customer's 地址, ``None`` when blank or not found."""
    return table.derived(
        "address-cities", lambda: [address.city if address else None for address in addresses(table)]
    )


def check_address(table: Table, context: RuleContext) -> Iterator[Finding]:
    """incomplete-address: no city, no district or town, no street detail, or a wrong district."""
    for position, address in enumerate(addresses(table)):
        if address is not None and address.problems:
            reason = "，".join(address.problems)
            value = table.text_at("地址", position)
            yield make_finding(table.rows[position], "地址", "incomplete-address", value, reason=reason)


CUSTOMER_RULES = (
    check_required_fields,
    check_choices,
    check_done_details,
    check_visit_date,
    check_headcount,
    check_unit_name,
    check_address,
)
