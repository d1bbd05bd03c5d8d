"""The engine: rows in, one findings table out, with verdicts, quotas and per-rep counts.

No file, Excel or CLI code is imported here, so the engine runs anywhere plain Python
runs (including Pyodide). ``row`` is the 1-based Excel row throughout.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Callable, Iterable, Sequence

from leadcheck.model.codes import CODES, ERROR
from leadcheck.model.columns import ColumnMap
from leadcheck.model.config import DEFAULT_CONFIG, RuleConfig
from leadcheck.model.findings import Finding
from leadcheck.model.result import Q_DEPT, Q_NAME, CustomerVerdict, RepSummary, Result
from leadcheck.rules.contacts import CONTACT_RULES
from leadcheck.rules.context import RuleContext
from leadcheck.rules.customer import CUSTOMER_RULES, importance_of, visit_dates
from leadcheck.rules.departments import DEPARTMENT_RULES, EXCEPTION, department_outcomes
from leadcheck.rules.duplicates import find_duplicates
from leadcheck.rules.quotas import Competitor, RepQuotas, allocate
from leadcheck.table import Table

ROW_RULES = (*CUSTOMER_RULES, *CONTACT_RULES, *DEPARTMENT_RULES)

# Steps reported to a progress callback: reading the columns, each row rule, duplicates
# and quotas.
VALIDATION_STEPS = len(ROW_RULES) + 3

# Shown in summaries for rows whose 业务员 cell is blank.
UNNAMED_REP = "（未填业务员）"


class MissingColumnsError(ValueError):
    """The sheet lacks required headers; ``missing`` lists them in template order."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__("缺少必需的列：" + "、".join(missing))


def validate_rows(
    headers: Sequence[object],
    rows: Iterable[tuple[int, Sequence[object]]],
    config: RuleConfig = DEFAULT_CONFIG,
    today: date | None = None,
    advance: Callable[[], object] | None = None,
) -> Result:
    """Check every row against the standard and return the findings with the verdicts.

    ``rows`` yields (row, values) in input order, which is the quota tie-break after
    拜访日期. ``advance``, when given, is called after each of ``VALIDATION_STEPS`` steps,
    for a progress bar. Raises ``MissingColumnsError`` when a required header is absent or
    the sheet has no contact columns at all.
    """
    columns = ColumnMap.from_headers(list(headers))
    _require_columns(columns, config)
    context = RuleContext(config, today or date.today())
    advance = advance or _no_progress
    table = Table(list(rows), columns, config)
    advance()

    # Step 1: the per-customer rules, column by column. Findings are kept in row order.
    findings: dict[int, list[Finding]] = {row: [] for row in table.rows}
    for rule in ROW_RULES:
        for finding in rule(table, context):
            findings[finding.row].append(finding)
        advance()
    for finding in find_duplicates(table):
        findings[finding.row].append(finding)
    advance()

    # Step 2: the quotas, over eligible customers (no error so far) of each rep in input order.
    invalid_rows = {
        finding.row for row_findings in findings.values() for finding in row_findings if finding.level == ERROR
    }
    quotas, quota_findings = _apply_quotas(table, findings, invalid_rows, context)
    for finding in quota_findings:
        findings[finding.row].append(finding)
        if finding.level == ERROR:
            invalid_rows.add(finding.row)
    advance()

    table_of_findings = [finding for row in table.rows for finding in findings[row]]
    verdicts = _verdicts(table, invalid_rows, context)
    return Result(columns, table_of_findings, verdicts, quotas, summarize(verdicts, table_of_findings))


def _no_progress() -> None:
    pass


def _require_columns(columns: ColumnMap, config: RuleConfig) -> None:
    missing = missing_columns(columns, config)
    if missing:
        raise MissingColumnsError(missing)


def missing_columns(columns: ColumnMap, config: RuleConfig = DEFAULT_CONFIG) -> list[str]:
    """Return the required headers a sheet lacks, in template order, and a note when it has no contacts."""
    missing = columns.missing(config.required_fields)
    if not columns.contacts:
        missing.append("联系人1-姓名 等联系人列")
    return missing


def _apply_quotas(table: Table, findings: dict[int, list[Finding]], invalid_rows: set[int], context: RuleContext):
    reps: dict[str, RepQuotas] = {}
    rep_names, remarks = table.texts("业务员"), table.texts("备注")
    dates, outcomes = visit_dates(table), department_outcomes(table, context)
    for position, row in enumerate(table.rows):
        # Every rep gets both quota rows, even with no eligible customer (base 0).
        rep = rep_names[position]
        quotas = reps.get(rep)
        if quotas is None:
            quotas = reps[rep] = RepQuotas(rep)
        if row in invalid_rows:
            continue
        row_findings = findings[row]
        quotas.eligible += 1
        visit_date = dates[position]

        if outcomes[position].outcome == EXCEPTION:
            quotas.competitors[Q_DEPT].append(Competitor(row, position, visit_date, "备注", remarks[position]))
        placeholder = next((item for item in row_findings if item.code == "placeholder-name"), None)
        if placeholder is not None:
            quotas.competitors[Q_NAME].append(
                Competitor(row, position, visit_date, placeholder.column, placeholder.value)
            )

    usages, quota_findings = [], []
    for quotas in reps.values():
        rep_usages, rep_findings = allocate(quotas, context.config)
        usages.extend(rep_usages)
        quota_findings.extend(rep_findings)
    return usages, quota_findings


def _verdicts(table: Table, invalid_rows: set[int], context: RuleContext) -> list[CustomerVerdict]:
    return [
        CustomerVerdict(
            row=row,
            rep=rep,
            unit=unit,
            valid=row not in invalid_rows,
            visit_date=visit_date,
            importance=importance,
        )
        for row, rep, unit, visit_date, importance in zip(
            table.rows, table.texts("业务员"), table.texts("单位名称"), visit_dates(table), importance_of(table, context)
        )
    ]


def summarize(verdicts: list[CustomerVerdict], findings: list[Finding]) -> list[RepSummary]:
    """Count customers, valid, invalid, findings per code and the 重要程度 pipeline per rep."""
    rep_of_row = {verdict.row: verdict.rep for verdict in verdicts}
    codes: dict[str, Counter[str]] = {}
    for finding in findings:
        codes.setdefault(rep_of_row[finding.row], Counter())[finding.code] += 1

    summaries: dict[str, RepSummary] = {}
    for verdict in verdicts:
        summary = summaries.get(verdict.rep)
        if summary is None:
            summary = RepSummary(verdict.rep, 0, 0, 0, {}, {})
            summaries[verdict.rep] = summary
        summary.customers += 1
        if verdict.valid:
            summary.valid += 1
        else:
            summary.invalid += 1
        category = verdict.importance or "未填"
        summary.pipeline[category] = summary.pipeline.get(category, 0) + 1

    for rep, summary in summaries.items():
        counts = codes.get(rep, Counter())
        summary.codes.update({code: counts[code] for code in CODES if counts[code]})
    return list(summaries.values())
