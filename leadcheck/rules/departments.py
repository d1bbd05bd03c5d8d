"""R-DEPT (department heads reached) and the small design institute rule.

R-DEPT counts contacts by completeness, not by their format errors. D is the number of
distinct 部门 among contacts that identify a head; C the number among those that are
also complete. Departments are compared by their normalised text.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

from leadcheck.checks.names import is_design_institute, is_institute_head
from leadcheck.model.findings import Finding, make_finding
from leadcheck.rules.context import RuleContext
from leadcheck.rules.contacts import identifies_head
from leadcheck.rules.customer import headcounts
from leadcheck.table import Table
from leadcheck.values import meaningful_length, normalize_text

# Outcomes of R-DEPT for one customer.
MET = "met"
EXCEPTION = "exception"  # valid only through a reason in 备注; needs a Q-DEPT slot
FAILED = "failed"
NOT_EVALUATED = "not-evaluated"  # 拜访方式 blank or invalid: only that field's own finding is reported


class DepartmentCount(NamedTuple):
    departments: int  # D
    complete_departments: int  # C


class DepartmentOutcome(NamedTuple):
    """R-DEPT for one customer: the outcome and the counts it was decided on.

    Named tuples, like ``DepartmentCount``, because one of each is built per customer.
    """

    outcome: str
    count: DepartmentCount | None  # None when NOT_EVALUATED


def department_outcomes(table: Table, context: RuleContext) -> list[DepartmentOutcome]:
    """Return R-DEPT for every customer, computed once per table."""
    return table.derived("department-outcomes", lambda: _decide_all(table, context))


def _decide_all(table: Table, context: RuleContext) -> list[DepartmentOutcome]:
    config = context.config
    methods = table.texts("拜访方式")
    counts = _count_departments(table, context)
    has_reasons = table.reading(
        "备注", "reason", lambda raw: meaningful_length(normalize_text(raw), config) >= config.reason_min_chars
    )
    outcomes = []
    for method, count, has_reason in zip(methods, counts, has_reasons):
        if method not in config.visit_methods:
            outcomes.append(DepartmentOutcome(NOT_EVALUATED, None))
            continue
        if method == config.appointment_method:
            met = count.complete_departments >= 2
        else:
            met = count.departments >= 2 and count.complete_departments >= 1
        if met:
            outcome = MET
        elif count.complete_departments >= 1 and has_reason:
            # With at least one complete head, what fails is the number of departments,
            # and a reason in 备注 makes the customer valid within the Q-DEPT quota.
            outcome = EXCEPTION
        else:
            outcome = FAILED
        outcomes.append(DepartmentOutcome(outcome, count))
    return outcomes


def _count_departments(table: Table, context: RuleContext) -> list[DepartmentCount]:
    """Count D and C for every customer."""
    blocks = [(identifies_head(block, context), block.complete, block.texts("部门")) for block in table.contacts]

    counts = []
    for position in range(table.size):
        departments, complete = set(), set()
        for heads, completes, names in blocks:
            if heads[position]:
                departments.add(names[position])
                if completes[position]:
                    complete.add(names[position])
        counts.append(DepartmentCount(len(departments), len(complete)))
    return counts


def check_departments(table: Table, context: RuleContext) -> Iterator[Finding]:
    """too-few-departments: R-DEPT is not met and the 备注 exception does not apply."""
    config = context.config
    column = "备注" if table.has_column("备注") else "拜访方式"
    methods, values = table.texts("拜访方式"), table.texts(column)
    for position, decision in enumerate(department_outcomes(table, context)):
        if decision.outcome != FAILED:
            continue
        count = decision.count
        if methods[position] == config.appointment_method:
            requirement = "电话预约并上门的客户须有至少 2 个部门主管的完整信息"
            actual = f" {count.complete_departments} 个部门有完整的主管信息"
        else:
            requirement = "电话联系或直接上门的客户须联系至少 2 个部门的主管，且至少 1 位主管信息完整"
            actual = f" {count.departments} 个部门的主管、其中 {count.complete_departments} 个信息完整"
        yield make_finding(
            table.rows[position], column, "too-few-departments", values[position],
            requirement=requirement, actual=actual,
        )


def check_design_institute(table: Table, context: RuleContext) -> Iterator[Finding]:
    """design-institute-head-missing: a 设计院 of at most 100 people without its head's full information."""
    config = context.config
    unit_types, type_filled = table.texts("单位类型"), table.filled("单位类型")
    names, counts = table.texts("单位名称"), headcounts(table)
    for position, headcount in enumerate(counts):
        # The headcount test comes first because it is the cheaper one.
        if headcount is None or headcount > config.small_design_institute_max_headcount:
            continue
        unit_type = unit_types[position] if type_filled[position] else ""
        if not is_design_institute(unit_type, names[position], config):
            continue
        if not _has_institute_head(table, position):
            yield make_finding(table.rows[position], "人数", "design-institute-head-missing", table.texts("人数")[position])


def _has_institute_head(table: Table, position: int) -> bool:
    """Tell whether a complete contact is the institute's head or its deputy for informatisation."""
    return any(
        block.complete[position]
        and is_institute_head(block.texts("职务")[position], block.texts("部门")[position])
        for block in table.contacts
    )


DEPARTMENT_RULES = (check_departments, check_design_institute)
