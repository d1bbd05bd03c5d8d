"""The machine-readable report: one JSON object per validated sheet.

Shape: ``file``, ``sheet``, ``customers`` (row, rep, unit, valid, findings), ``quotas``
(rep, name, base, allowed, used, exceeded) and ``summary`` (rep, customers, valid,
invalid). Extra keys may be added; existing keys keep their meaning.
"""

from __future__ import annotations

import json
from typing import Any

from leadcheck.model.result import Result


def report_dict(result: Result, file: str, sheet: str) -> dict[str, Any]:
    """Build the report of one sheet as plain JSON-ready data."""
    customers = []
    for verdict in result.customers:
        customers.append({
            "row": verdict.row,
            "rep": verdict.rep,
            "unit": verdict.unit,
            "valid": verdict.valid,
            "findings": [
                {
                    "code": finding.code,
                    "level": finding.level,
                    "column": finding.column,
                    "value": finding.value,
                    "message": finding.message,
                }
                for finding in result.findings_for(verdict.row)
            ],
        })

    quotas = [
        {
            "rep": usage.rep, "name": usage.name, "base": usage.base,
            "allowed": usage.allowed, "used": usage.used, "exceeded": usage.exceeded,
        }
        for usage in result.quotas
    ]
    summary = [
        {
            "rep": rep.rep, "customers": rep.customers, "valid": rep.valid, "invalid": rep.invalid,
            "codes": dict(rep.codes), "pipeline": dict(rep.pipeline),
        }
        for rep in result.summary
    ]
    return {"file": file, "sheet": sheet, "customers": customers, "quotas": quotas, "summary": summary}


def report_json(result: Result, file: str, sheet: str) -> str:
    """Return the report as indented JSON text, Chinese kept readable (not escaped)."""
    return json.dumps(report_dict(result, file, sheet), ensure_ascii=False, indent=2)
