"""The column store: one reading per distinct value, cells that compare equal but read differently, ragged rows."""

import subprocess
import sys
from datetime import datetime

from builders import TODAY, codes, customer, run

from leadcheck.engine import VALIDATION_STEPS, validate_rows
from leadcheck.model.columns import ColumnMap, template_headers
from leadcheck.model.config import DEFAULT_CONFIG
from leadcheck.table import ColumnStore, Table, map_distinct


def test_map_distinct_calls_once_per_value():
    calls = []
    result = map_distinct(lambda value: calls.append(value) or len(value), ["甲", "乙乙", "甲", "甲"])
    assert result == [1, 2, 1, 1]
    assert sorted(calls) == ["乙乙", "甲"]


def test_map_distinct_keeps_booleans_apart_from_numbers():
    assert map_distinct(repr, [True, 1, 1.0, False, 0]) == ["True", "1", "1.0", "False", "0"]


def test_map_distinct_accepts_unhashable_cells():
    assert map_distinct(len, [[1, 2], "abc"]) == [2, 3]


def test_headcount_true_and_one_read_differently():
    result = run(customer(人数=True, 单位名称="杭州市甲设计研究院有限公司"), customer(人数=1, 单位类型="施工企业"))
    assert (2, "人数", "invalid-headcount") in codes(result)
    assert not any(row == 3 and code == "invalid-headcount" for row, _, code in codes(result))


def test_ragged_rows_are_padded_and_cut():
    headers = template_headers()
    full = [customer().get(header) for header in headers]
    rows = [(2, full[:10]), (3, full + ["extra", "cells"])]
    table = Table(rows, ColumnMap.from_headers(headers), DEFAULT_CONFIG)
    assert table.texts("地址") == [customer()["地址"]] * 2
    assert table.contacts[0].texts("电话") == ["", customer()["联系人1-电话"]]
    assert table.contacts[0].present == [False, True]


def test_filled_reading_masks_blank_and_filler():
    store = ColumnStore([["无"], [None], ["13957112345"], ["无"]], 1, DEFAULT_CONFIG)
    assert store.filled_reading(0, "length", lambda value: len(str(value)), blank=-1) == [-1, -1, 11, -1]


def test_progress_advances_once_per_step():
    headers = template_headers()
    steps = []
    rows = [(2, [customer().get(header) for header in headers])]
    validate_rows(headers, rows, today=TODAY, advance=lambda: steps.append(1))
    assert len(steps) == VALIDATION_STEPS


def test_validate_json_loads_no_openpyxl(tmp_path):
    csv = tmp_path / "客户.csv"
    headers = template_headers()
    values = customer(拜访日期=datetime(2026, 11, 20))
    lines = [",".join(headers), ",".join(str(values.get(header) or "") for header in headers)]
    csv.write_text("\n".join(lines), encoding="utf-8")
    script = (
        "import sys; from leadcheck.cli import cli; "
        f"cli(['validate', {str(csv)!r}, '--json', '--today', '2026-12-01'], standalone_mode=False); "
        "print('openpyxl' in sys.modules, file=sys.stderr)"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert completed.stderr.strip().splitlines()[-1] == "False"
