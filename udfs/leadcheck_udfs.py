"""Excel worksheet functions (xlwings UDFs) over the leadcheck engine and checks.

Each function is a thin call into ``leadcheck.engine.validate_rows`` or
``leadcheck.checks``; the VBA wrappers that Excel calls are generated from this module at
build time (``addin/xlwings_udfs.bas``). Functions return Chinese text, never a Python
error: a value that cannot be checked gets a 无法校验 reason, never a stale 有效.

The parameters carry no type hints on purpose, because xlwings 0.37.8 turns a hint into
a converter. Arguments arrive as xlwings passes them: numbers as float, dates as
datetime, empty cells as None and, with ``err_to_str``, error cells as text like "#N/A".
Without a ``rules`` range the default standard applies; pass the 校验规则 sheet's column
A to apply a customised template's rules.
"""

from __future__ import annotations

import xlwings as xw

from leadcheck.checks.names import is_placeholder_name, split_people
from leadcheck.checks.phones import INVALID, MISSING_AREA_CODE, parse_phone_cell
from leadcheck.engine import MissingColumnsError, validate_rows
from leadcheck.model.codes import CODES
from leadcheck.model.config import DEFAULT_CONFIG, ConfigError, config_from_toml
from leadcheck.values import normalize_text

# Cell error values as xlwings passes them with err_to_str=True.
EXCEL_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!"})

VALID = "有效"
QUOTA_CODE = "quota-exceeded"

# The first data row of a sheet whose header is row 1, used when the caller gives no row.
FIRST_DATA_ROW = 2


def _config(rules):
    """Return the configuration from a 校验规则 column, or the default standard."""
    if rules is None:
        return DEFAULT_CONFIG
    lines = rules if isinstance(rules, list) else [rules]
    return config_from_toml("\n".join("" if line is None else str(line) for line in lines))


def _first_error(values) -> str | None:
    for value in values:
        if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
            return value.strip()
    return None


def _is_blank_row(values) -> bool:
    return all(normalize_text(value) == "" for value in values)


def _row_text(result, row: int, quota_decided: bool, percent: int) -> str:
    """Return the verdict text of ``row``; a single-row check leaves quotas undecided."""
    findings = result.findings_for(row)
    errors = [finding for finding in findings if finding.is_error and (quota_decided or finding.code != QUOTA_CODE)]
    if errors:
        titles = dict.fromkeys(CODES[finding.code].title for finding in errors)
        return "无效：" + "；".join(titles)
    if any(finding.code == QUOTA_CODE for finding in findings):
        return f"待定：需占用 {percent}% 名额，请点“校验整表”按整表确定"
    return VALID


@xw.func
@xw.arg("headers", ndim=1, err_to_str=True)
@xw.arg("values", ndim=1, err_to_str=True)
@xw.arg("rules", ndim=1)
def leadcheck_row(headers, values, row=None, rules=None):
    """Check one customer row against the header row; return 有效 or the reasons."""
    error = _first_error(values) or _first_error(headers)
    if error:
        return f"无法校验：这一行含有错误值 {error}，请先修正对应的公式或单元格"
    if _is_blank_row(values):
        return ""
    try:
        config = _config(rules)
        number = int(row) if row else FIRST_DATA_ROW
        result = validate_rows(headers, [(number, values)], config=config)
    except MissingColumnsError as missing:
        return f"无法校验：表头缺少 {'、'.join(missing.missing)}，请选中完整的表头行"
    except ConfigError as invalid:
        return f"无法校验：校验规则有误（{invalid}）"
    return _row_text(result, number, quota_decided=False, percent=config.quota_percent)


@xw.func
@xw.arg("table", ndim=2, err_to_str=True)
@xw.arg("rules", ndim=1)
@xw.ret(expand="table")
def leadcheck_rows(table, rules=None):
    """Check a whole table (header row first) with quotas; return one verdict per row."""
    if not table:
        return [["无法校验：没有选中任何单元格"]]
    headers, data = table[0], table[1:]
    try:
        config = _config(rules)
    except ConfigError as invalid:
        return [[f"无法校验：校验规则有误（{invalid}）"]] * max(len(data), 1)

    # Rows with error values or nothing in them are reported but not judged.
    texts: dict[int, str] = {}
    checked = []
    for offset, values in enumerate(data):
        row = FIRST_DATA_ROW + offset
        error = _first_error(values)
        if error:
            texts[row] = f"无法校验：这一行含有错误值 {error}，请先修正"
        elif _is_blank_row(values):
            texts[row] = ""
        else:
            checked.append((row, values))

    try:
        result = validate_rows(headers, checked, config=config)
    except MissingColumnsError as missing:
        return [[f"无法校验：表头缺少 {'、'.join(missing.missing)}"]] * max(len(data), 1)
    for row, _ in checked:
        texts[row] = _row_text(result, row, quota_decided=True, percent=config.quota_percent)
    return [[texts[FIRST_DATA_ROW + offset]] for offset in range(len(data))]


def _phone_text(value) -> str:
    if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
        return f"无法校验：单元格是错误值 {value.strip()}"
    numbers = parse_phone_cell(value)
    if not numbers:
        return ""
    reasons = []
    for number in numbers:
        if number.kind == MISSING_AREA_CODE:
            reasons.append(f"“{number.text}”缺少区号，请在前面加上区号，如 0571-")
        elif number.kind == INVALID or number.reason:
            reasons.append(f"“{number.text}”{number.reason or '不是有效的号码'}")
    return "；".join(reasons) if reasons else VALID


def _name_text(value, config) -> str:
    if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
        return f"无法校验：单元格是错误值 {value.strip()}"
    name = normalize_text(value)
    if not name:
        return ""
    people = split_people(name, config)
    if people:
        return f"一格写了多个人：{'、'.join(people)}，每位联系人请单独填写"
    if is_placeholder_name(name, config):
        return f"“{name}”不是全名，请写联系人的真实姓名"
    return VALID


@xw.func
@xw.arg("value", err_to_str=True)
def leadcheck_phone(value):
    """Check one 电话 cell; return 有效, the reasons, or empty text for an empty cell."""
    return _phone_text(value)


@xw.func
@xw.arg("column", ndim=1, err_to_str=True)
@xw.ret(expand="table")
def leadcheck_phones(column):
    """Check a column of 电话 cells in one call; return one text per cell."""
    return [[_phone_text(value)] for value in column]


@xw.func
@xw.arg("value", err_to_str=True)
@xw.arg("rules", ndim=1)
def leadcheck_name(value, rules=None):
    """Check one 姓名 cell for a full name of one person."""
    return _name_text(value, _config(rules))


@xw.func
@xw.arg("column", ndim=1, err_to_str=True)
@xw.arg("rules", ndim=1)
@xw.ret(expand="table")
def leadcheck_names(column, rules=None):
    """Check a column of 姓名 cells in one call; return one text per cell."""
    config = _config(rules)
    return [[_name_text(value, config)] for value in column]
