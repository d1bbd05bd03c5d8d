"""The two 10 % quotas per rep: Q-DEPT (the 备注 exception) and Q-NAME (placeholder names).

Only eligible customers (no error before quotas) count and compete, so junk rows cannot
raise a rep's allowance. Each quota has its own allowance, floor(N × percent / 100) for
N eligible customers of the rep. Slots go to competitors by 拜访日期 (earliest first), then
input order (file order, then row). A customer that competes for both needs a slot in each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from leadcheck.model.config import RuleConfig
from leadcheck.model.findings import Finding, make_finding
from leadcheck.model.result import Q_DEPT, Q_NAME, QUOTA_TITLES, QuotaUsage

# What a rep can do to free a slot, per quota.
_QUOTA_FIXES = {
    Q_DEPT: "补充第二个部门主管的完整信息",
    Q_NAME: "把以称谓代替的姓名补成全名",
}

# Sorts customers without a readable date after all dated ones. Eligible customers always
# have a date (a blank or invalid one is an error), so this only keeps sorting total.
_NO_DATE = datetime.max


@dataclass(frozen=True, slots=True)
class Competitor:
    """An eligible customer that needs a slot in one quota."""

    row: int
    order: int  # position in the input: file order, then row
    visit_date: datetime | None
    column: str  # the cell the quota-exceeded finding goes on
    value: str


@dataclass
class RepQuotas:
    """One rep's eligible count and the competitors for each quota."""

    rep: str
    eligible: int = 0
    competitors: dict[str, list[Competitor]] = field(default_factory=lambda: {Q_DEPT: [], Q_NAME: []})


def allocate(quotas: RepQuotas, config: RuleConfig) -> tuple[list[QuotaUsage], list[Finding]]:
    """Give slots in order and return the usage per quota and the quota-exceeded findings."""
    allowed = config.allowance(quotas.eligible)
    usages: list[QuotaUsage] = []
    findings: list[Finding] = []

    for name in (Q_DEPT, Q_NAME):
        ranked = sorted(quotas.competitors[name], key=lambda item: (item.visit_date or _NO_DATE, item.order))
        left_out = ranked[allowed:]
        usages.append(QuotaUsage(quotas.rep, name, quotas.eligible, allowed, len(ranked), len(left_out)))
        for competitor in left_out:
            findings.append(make_finding(
                competitor.row, competitor.column, "quota-exceeded", competitor.value,
                quota=QUOTA_TITLES[name], rep=quotas.rep or "本业务员", base=quotas.eligible,
                allowed=allowed, fix=_QUOTA_FIXES[name],
            ))
    return usages, findings
