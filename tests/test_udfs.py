"""The xlwings UDFs called as plain Python, and the VBA wrappers generated from them."""

import datetime
import importlib.util
import inspect
import re
from pathlib import Path

import openpyxl
import pytest

from leadcheck.build.udfwrappers import UDF_SOURCE, generate_udf_module
from leadcheck.engine import validate_rows
from leadcheck.model.columns import template_headers

ROOT = Path(__file__).parent.parent
# The public golden file, committed with its expected report.
GOLDEN = ROOT / "tests" / "golden" / "leads-public.xlsx"
COMMITTED_WRAPPERS = ROOT / "addin" / "xlwings_udfs.bas"
UDF_NAMES = [
    "leadcheck_row", "leadcheck_rows", "leadcheck_phone", "leadcheck_phones",
    "leadcheck_name", "leadcheck_names",
]


def load_udfs():
    spec = importlib.util.spec_from_file_location("leadcheck_udfs", UDF_SOURCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


udfs = load_udfs()


@pytest.fixture(scope="module")
def golden_table():
    if not GOLDEN.exists():
        pytest.skip(f"golden file {GOLDEN} is not present")
    sheet = openpyxl.load_workbook(GOLDEN, data_only=True)["客户登记"]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture(scope="module")
def engine_result(golden_table):
    headers, data = golden_table[0], golden_table[1:]
    rows = [(number, values) for number, values in enumerate(data, start=2) if any(v is not None for v in values)]
    return validate_rows(headers, rows)


def test_committed_wrappers_match_generator():
    generated = generate_udf_module()
    committed = COMMITTED_WRAPPERS.read_bytes().decode("ascii")
    assert committed == generated


def test_every_udf_has_vba_wrapper():
    source = COMMITTED_WRAPPERS.read_bytes().decode("ascii")
    declared = re.findall(r"^Function (\w+)\(", source, re.MULTILINE)
    assert sorted(declared) == sorted(UDF_NAMES)
    for name in UDF_NAMES:
        assert f'XLPy.CallUDF("leadcheck_udfs", "{name}"' in source, name


def test_wrapper_arguments_follow_signatures():
    source = COMMITTED_WRAPPERS.read_bytes().decode("ascii")
    for name in UDF_NAMES:
        parameters = inspect.signature(getattr(udfs, name)).parameters
        expected = ", ".join(
            ("Optional " if parameter.default is not inspect.Parameter.empty else "") + parameter.name
            for parameter in parameters.values()
        )
        assert f"Function {name}({expected})" in source, name


def test_rows_udf_matches_engine_on_golden(golden_table, engine_result):
    verdicts = udfs.leadcheck_rows(golden_table)
    assert len(verdicts) == len(golden_table) - 1
    for customer in engine_result.customers:
        assert verdicts[customer.row - 2] == [engine_result.verdict_text(customer.row)], customer.row


def test_row_udf_matches_engine_outside_quotas(golden_table, engine_result):
    # One row alone cannot decide a quota slot, so a competitor reads 待定, never 有效.
    headers = golden_table[0]
    pending = 0
    for customer in engine_result.customers:
        text = udfs.leadcheck_row(headers, golden_table[customer.row - 1], customer.row)
        codes = {finding.code for finding in engine_result.findings_for(customer.row) if finding.is_error}
        if text.startswith("待定"):
            pending += 1
            assert codes <= {"quota-exceeded"}, customer.row
        else:
            assert text == engine_result.verdict_text(customer.row), customer.row
    assert pending > 0


def test_golden_validity_agrees_with_expected(golden_table, engine_result):
    verdicts = udfs.leadcheck_rows(golden_table)
    for customer in engine_result.customers:
        assert (verdicts[customer.row - 2][0] == "有效") is customer.valid, customer.row


def example_row(**changes):
    from leadcheck.build.guide import EXAMPLE_CUSTOMER

    values = dict(EXAMPLE_CUSTOMER, **changes)
    return template_headers(), [values.get(header) for header in template_headers()]


def test_row_udf_accepts_excel_types():
    headers, values = example_row(**{
        "拜访日期": datetime.datetime(2026, 11, 10),
        "人数": 300.0,
        "联系人2-电话": 13957112345.0,
        "联系人1-年龄": 45.0,
    })
    assert udfs.leadcheck_row(headers, values, 2.0) == "有效"


def test_row_udf_never_stale_valid_on_error_value():
    headers, values = example_row(**{"人数": "#N/A"})
    text = udfs.leadcheck_row(headers, values)
    assert text.startswith("无法校验")
    assert "#N/A" in text


def test_row_udf_reports_missing_headers():
    headers, values = example_row()
    text = udfs.leadcheck_row(headers[1:], values[1:])
    assert text.startswith("无法校验")
    assert "业务员" in text


def test_row_udf_blank_row_is_empty():
    headers, _ = example_row()
    assert udfs.leadcheck_row(headers, [None] * len(headers)) == ""


def test_rows_udf_marks_error_rows_unchecked():
    headers, values = example_row()
    broken = list(values)
    broken[0] = "#VALUE!"
    verdicts = udfs.leadcheck_rows([headers, values, broken, [None] * len(headers)])
    assert verdicts[0] == ["有效"]
    assert verdicts[1][0].startswith("无法校验")
    assert verdicts[2] == [""]


def test_rows_udf_applies_rules_range():
    headers, values = example_row(**{"重要程度": "很重要"})
    rules = ['importance_levels = ["很重要", "一般"]']
    assert udfs.leadcheck_rows([headers, values], rules) == [["有效"]]
    assert udfs.leadcheck_rows([headers, values])[0][0].startswith("无效")


@pytest.mark.parametrize("value, expected", [
    ("0571-87654321转8021", "有效"),
    (13957112345.0, "有效"),
    (None, ""),
    ("#N/A", "无法校验：单元格是错误值 #N/A"),
])
def test_phone_udf_cases(value, expected):
    assert udfs.leadcheck_phone(value) == expected


@pytest.mark.parametrize("value", ["62345678", "755-26881234", "1395711234", "abc"])
def test_phone_udf_rejects_bad_numbers(value):
    text = udfs.leadcheck_phone(value)
    assert text not in ("有效", "")
    assert value in text


def test_phones_udf_one_result_per_cell():
    assert udfs.leadcheck_phones(["13957112345", "62345678", None]) == [
        ["有效"], [udfs.leadcheck_phone("62345678")], [""],
    ]


@pytest.mark.parametrize("value, prefix", [
    ("陈建国", "有效"),
    ("王主任", "“王主任”不是全名"),
    ("陈建国和王海", "一格写了多个人"),
    (None, ""),
    ("#REF!", "无法校验"),
])
def test_name_udf_cases(value, prefix):
    assert udfs.leadcheck_name(value).startswith(prefix)


def test_names_udf_one_result_per_cell():
    assert udfs.leadcheck_names(["陈建国", "张工"]) == [["有效"], [udfs.leadcheck_name("张工")]]
