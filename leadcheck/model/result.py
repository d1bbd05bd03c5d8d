"""What one validation run returns: the findings table plus what is derived from it.

``row`` is the 1-based Excel row everywhere. The findings table is the single source: the
verdicts, quota usage and per-rep summary are computed from it, and every front end (the
annotated copy, the JSON report, the ribbon, the UDFs, merge) reads this object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from leadcheck.model.codes import CODES
from leadcheck.model.columns import ColumnMap
from leadcheck.model.findings import Finding

Q_DEPT = "Q-DEPT"
Q_NAME = "Q-NAME"

# Chinese names of the quotas, for messages and the summary sheet.
QUOTA_TITLES = {Q_DEPT: "部门不足例外（备注说明原因）", Q_NAME: "称谓代替姓名"}


@dataclass(frozen=True, slots=True)
class CustomerVerdict:
    """The verdict on one customer row."""

    row: int
    rep: str
    unit: str
    valid: bool
    visit_date: datetime | None
    importance: str


@dataclass(frozen=True, slots=True)
class QuotaUsage:
    """One rep's use of one quota: ``used`` counts competitors, ``exceeded`` those left out."""

    rep: str
    name: str
    base: int
    allowed: int
    used: int
    exceeded: int


@dataclass(slots=True)
class RepSummary:
    """Counts for one rep: customers, valid, invalid, findings per code, 重要程度 pipeline."""

    rep: str
    customers: int
    valid: int
    invalid: int
    codes: dict[str, int]
    pipeline: dict[str, int]


@dataclass
class Result:
    """Findings and verdicts for one sheet (or, in a merge, for all merged rows)."""

    columns: ColumnMap
    findings: list[Finding]
    customers: list[CustomerVerdict]
    quotas: list[QuotaUsage]
    summary: list[RepSummary]
    _by_row: dict[int, list[Finding]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for finding in self.findings:
            self._by_row.setdefault(finding.row, []).append(finding)

    def findings_for(self, row: int) -> list[Finding]:
        """Return the findings of one row, in rule order."""
        return self._by_row.get(row, [])

    def verdict_text(self, row: int) -> str:
        """Return the 校验结果 text: 有效, or 无效 with the titles of the errors."""
        errors = [finding for finding in self.findings_for(row) if finding.is_error]
        if not errors:
            return "有效"
        titles = list(dict.fromkeys(CODES[finding.code].title for finding in errors))
        return "无效：" + "；".join(titles)
