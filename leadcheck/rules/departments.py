"""R-DEPT (department heads reached) and the small design institute rule.

R-DEPT counts contacts by completeness, not by their format errors. D is the number of
distinct 部门 among contacts that identify a head; C the number among those that are
also complete. Departments are compared by their normalised text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from leadcheck.checks.names import is_design_institute, is_institute_head
from leadcheck.model.findings import Finding, make_finding
from leadcheck.records import Customer
from leadcheck.rules.context import RuleContext
from leadcheck.rules.contacts import identifies_head
from leadcheck.rules.customer import headcount_of
from leadcheck.values import meaningful_length

# Outcomes of R-DEPT for one customer.
MET = "met"
EXCEPTION = "exception"  # valid only through a reason in 备注; needs a Q-DEPT slot
FAILED = "failed"
NOT_EVALUATED = "not-evaluated"  # 拜访方式 blank or invalid: only that field's own finding is reported


@dataclass(frozen=True, slots=True)
class DepartmentCount:
    departments: int  # D
    complete_departments: int  # C


def count_departments(customer: Customer, context: RuleContext) -> DepartmentCount:
    """Count D and C for a customer."""
    heads = [contact for contact in customer.contacts if identifies_head(contact, context)]
    departments = {contact.value("部门") for contact in heads}
    complete = {contact.value("部门") for contact in heads if contact.complete}
    return DepartmentCount(len(departments), len(complete))


def department_outcome(customer: Customer, context: RuleContext) -> str:
    """Return MET, EXCEPTION, FAILED or NOT_EVALUATED for R-DEPT."""
    config = context.config
    method = customer.value("拜访方式")
    if method not in config.visit_methods:
        return NOT_EVALUATED

    count = count_departments(customer, context)
    if method == config.appointment_method:
        met = count.complete_departments >= 2
    else:
        met = count.departments >= 2 and count.complete_departments >= 1
    if met:
        return MET

    # With at least one complete head, what fails is the number of departments, and a
    # reason in 备注 makes the customer valid within the Q-DEPT quota.
    if count.complete_departments >= 1 and has_reason(customer, context):
        return EXCEPTION
    return FAILED


def has_reason(customer: Customer, context: RuleContext) -> bool:
    """Tell whether 备注 gives a reason: at least a few real characters."""
    remark = customer.value("备注")
    return meaningful_length(remark, context.config) >= context.config.reason_min_chars


def check_departments(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """too-few-departments: R-DEPT is not met and the 备注 exception does not apply."""
    if department_outcome(customer, context) != FAILED:
        return
    config = context.config
    count = count_departments(customer, context)
    if customer.value("拜访方式") == config.appointment_method:
        requirement = "电话预约并上门的客户须有至少 2 个部门主管的完整信息"
        actual = f" {count.complete_departments} 个部门有完整的主管信息"
    else:
        requirement = "电话联系或直接上门的客户须联系至少 2 个部门的主管，且至少 1 位主管信息完整"
        actual = f" {count.departments} 个部门的主管、其中 {count.complete_departments} 个信息完整"
    column = "备注" if customer.has_column("备注") else "拜访方式"
    yield make_finding(
        customer.row, column, "too-few-departments", customer.value(column),
        requirement=requirement, actual=actual,
    )


def check_design_institute(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """design-institute-head-missing: a 设计院 of at most 100 people without its head's full information."""
    config = context.config
    unit_type = "" if customer.is_blank("单位类型") else customer.value("单位类型")
    if not is_design_institute(unit_type, customer.value("单位名称"), config):
        return
    headcount = headcount_of(customer)
    if headcount is None or headcount > config.small_design_institute_max_headcount:
        return
    for contact in customer.contacts:
        if contact.complete and is_institute_head(contact.value("职务"), contact.value("部门")):
            return
    yield make_finding(customer.row, "人数", "design-institute-head-missing", customer.value("人数"))


DEPARTMENT_RULES = (check_departments, check_design_institute)
