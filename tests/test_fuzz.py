"""Property test of the engine over arbitrary cell values: a verdict per row, never an exception.

Each example is a sheet of 100 rows; 100 examples make 10,000 rows. A row is either the
valid customer of the rule tests with a few cells replaced (so the deep rules run: phones,
departments, quotas, duplicates) or a row of a few arbitrary cells and blanks elsewhere.
Cells are anything a reader or live Excel can hand over: any Unicode text, numbers
including NaN and infinities, dates, times, booleans, None, Excel error text and filler.

The "ci" profile is derandomized, so CI runs the same examples every time; set
HYPOTHESIS_PROFILE=explore for fresh random examples on a workstation.
"""

from __future__ import annotations

import json
import os
from datetime import date

from builders import TODAY, VALID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadcheck.engine import validate_rows
from leadcheck.model.codes import CODES, ERROR
from leadcheck.model.columns import template_headers
from leadcheck.report import report_json
from leadcheck.sheets.reader import EXCEL_ERRORS

HEADERS = template_headers()
ROWS_PER_SHEET = 100

# Text that the rules treat specially: filler, separators, phones, titles and dates as text.
SPECIAL_TEXT = (
    "无", "-", "/", "——", "不详", "某某", "某主任", "0571-87654321", "0571-87654321-8001",
    "+86 571 87654321", "13957112345", "1395711234", "转8001", "主任", "科长", "信息中心",
    "2026-11-31", "2026年11月10日", "上周三", "约120人", "80-100", "=1+1", "@SUM(A1)", "\t", "\r\n",
)

cells = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from(sorted(EXCEL_ERRORS) + list(SPECIAL_TEXT)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.booleans(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(),
    st.times(),
)

columns = st.integers(min_value=0, max_value=len(HEADERS) - 1)
changes = st.lists(st.tuples(columns, cells), max_size=6)


@st.composite
def rows(draw: st.DrawFn) -> list[object]:
    """A near-valid customer (three rows in four) or a row of a few arbitrary cells."""
    near_valid = draw(st.integers(min_value=0, max_value=3)) > 0
    values = [VALID.get(header) for header in HEADERS] if near_valid else [None] * len(HEADERS)
    for index, value in draw(changes):
        values[index] = value
    return values


settings.register_profile(
    "ci", max_examples=100, deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "explore", max_examples=100, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@given(st.lists(rows(), min_size=ROWS_PER_SHEET, max_size=ROWS_PER_SHEET))
def test_every_row_gets_a_verdict(sheet: list[list[object]]) -> None:
    numbered = list(enumerate(sheet, start=2))
    result = validate_rows(HEADERS, numbered, today=TODAY)

    # One verdict per row, in order, and the verdict agrees with the row's error findings.
    assert [verdict.row for verdict in result.customers] == [row for row, _ in numbered]
    for verdict in result.customers:
        errors = [finding for finding in result.findings_for(verdict.row) if finding.level == ERROR]
        assert verdict.valid == (not errors)
        text = result.verdict_text(verdict.row)
        assert text == "有效" if verdict.valid else text.startswith("无效：")

    # Every finding has a known code, that code's level, a row of the sheet and a message.
    for finding in result.findings:
        assert finding.code in CODES
        assert finding.level == CODES[finding.code].level
        assert 2 <= finding.row <= ROWS_PER_SHEET + 1
        assert isinstance(finding.message, str) and finding.message

    # The JSON report is valid JSON with no NaN or infinity in it.
    report = json.loads(report_json(result, "fuzz.xlsx", "客户登记"), parse_constant=_refuse_constant)
    assert len(report["customers"]) == ROWS_PER_SHEET


def _refuse_constant(name: str) -> float:
    raise AssertionError(f"the JSON report contains {name}")

