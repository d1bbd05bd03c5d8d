"""The annotated copy: written beside the input, read back, input left byte-identical."""

import hashlib
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from fakes.results import hand_result, sheet_data, write_sheet
from leadcheck.commands.annotate import AnnotationError, default_target, write_annotated_copy
from leadcheck.engine import validate_rows
from leadcheck.model.codes import CODES
from leadcheck.sheets.summary import QUOTA_SHORT_TITLES
from leadcheck.sheets.filebook import flag_formula
from leadcheck.sheets.reader import read_lead_sheet
from leadcheck.sheets.workbook import (
    ERROR_FILL, ERROR_FLAG, FLAGS_SHEET, NOTE_MARK, RESULT_HEADER, SUMMARY_SHEET, WARNING_FILL, WARNING_FLAG,
)

CASES = Path(__file__).resolve().parents[2] / "shared" / "cases"
GOLDEN = CASES / "leads-public.xlsx"
EXPECTED = CASES / "leads-public.expected.json"
TODAY = date(2026, 12, 1)
DATA = "客户登记"
CHART_NAMESPACE = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def golden(tmp_path_factory):
    """The golden file copied, validated by the engine and annotated beside the copy."""
    folder = tmp_path_factory.mktemp("golden")
    source = folder / GOLDEN.name
    shutil.copyfile(GOLDEN, source)
    before = _digest(source)

    data = read_lead_sheet(source)
    result = validate_rows(data.headers, data.rows, today=TODAY)
    target = write_annotated_copy(source, default_target(source), data, result)
    return {"source": source, "before": before, "target": target, "result": result, "data": data}


def test_golden_input_unchanged(golden):
    assert _digest(golden["source"]) == golden["before"]
    assert golden["target"].name == "leads-public.校验.xlsx"
    assert sorted(path.name for path in golden["target"].parent.iterdir()) == [
        "leads-public.xlsx", "leads-public.校验.xlsx",
    ]


def test_golden_result_column(golden):
    sheet = openpyxl.load_workbook(golden["target"])[DATA]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index(RESULT_HEADER) + 1
    assert column == len(golden["data"].headers) + 1

    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["cases"]
    for case in expected:
        text = sheet.cell(case["row"], column).value
        assert text.startswith("有效" if case["valid"] else "无效："), (case["id"], text)


def test_golden_flags_and_notes(golden):
    workbook = openpyxl.load_workbook(golden["target"])
    sheet = workbook[DATA]
    grid = workbook[FLAGS_SHEET]
    headers = [cell.value for cell in sheet[1]]
    result = golden["result"]

    for finding in result.findings:
        column = headers.index(finding.column) + 1
        flag = grid.cell(finding.row, column).value
        expected_flag = ERROR_FLAG if finding.is_error else WARNING_FLAG
        assert flag >= expected_flag, (finding.row, finding.column, finding.code)
        note = sheet.cell(finding.row, column).comment
        assert note is not None, (finding.row, finding.column, finding.code)
        assert note.text.startswith(NOTE_MARK)
        assert finding.message in note.text

    fills = {
        rule.formula[0]: rule.dxf.fill.bgColor.rgb
        for cf in sheet.conditional_formatting for rule in cf.rules
    }
    assert fills == {
        flag_formula(ERROR_FLAG): "00" + ERROR_FILL,
        flag_formula(WARNING_FLAG): "00" + WARNING_FILL,
    }


def test_golden_summary_numbers(golden):
    workbook = openpyxl.load_workbook(golden["target"])
    rows = [list(values) for values in workbook[SUMMARY_SHEET].iter_rows(values_only=True)]
    result = golden["result"]

    header = next(index for index, values in enumerate(rows) if values[0] == "业务员")
    for offset, rep in enumerate(result.summary, start=1):
        assert rows[header + offset][:4] == [rep.rep, rep.customers, rep.valid, rep.invalid]

    code_header = next(index for index, values in enumerate(rows) if values[:2] == ["问题", "级别"])
    assert rows[code_header][2:2 + len(result.summary)] == [rep.rep for rep in result.summary]
    counted = {}
    for values in rows[code_header + 1:]:
        if values[0] is None:
            break
        counted[values[0]] = values[2:2 + len(result.summary)]
    for code in {code for rep in result.summary for code in rep.codes}:
        assert counted[CODES[code].title] == [rep.codes.get(code, 0) for rep in result.summary], code

    quota_header = next(index for index, values in enumerate(rows) if values[:2] == ["业务员", "限额"])
    for offset, usage in enumerate(result.quotas, start=1):
        values = rows[quota_header + offset]
        assert values[0] == usage.rep
        assert values[1] == QUOTA_SHORT_TITLES[usage.name]
        assert values[2:6] == [usage.base, usage.allowed, usage.used, usage.exceeded]

    with zipfile.ZipFile(golden["target"]) as package:
        chart = ElementTree.fromstring(package.read("xl/charts/chart1.xml"))
    bars = chart.findall(f".//{{{CHART_NAMESPACE}}}barChart")
    assert len(bars) == 1
    assert len(bars[0].findall(f"{{{CHART_NAMESPACE}}}ser")) == 2


def test_hand_result_copy(tmp_path):
    source = write_sheet(tmp_path / "客户线索 (2).xlsx")
    before = _digest(source)
    target = write_annotated_copy(source, default_target(source), sheet_data(source), hand_result())

    assert _digest(source) == before
    assert target.name == "客户线索 (2).校验.xlsx"
    sheet = openpyxl.load_workbook(target)[DATA]
    assert sheet["H2"].value == "无效：单位名称不全；电话缺区号"
    assert sheet["E2"].comment.text.startswith(NOTE_MARK)


def test_revalidating_a_copy_reuses_column(tmp_path):
    source = write_sheet(tmp_path / "leads.xlsx")
    first = write_annotated_copy(source, tmp_path / "first.xlsx", sheet_data(source), hand_result())
    second = write_annotated_copy(first, tmp_path / "second.xlsx", sheet_data(first), hand_result())

    sheet = openpyxl.load_workbook(second)[DATA]
    headers = [cell.value for cell in sheet[1]]
    assert headers.count(RESULT_HEADER) == 1
    assert sheet.max_column == 8


def test_csv_input_gets_xlsx(tmp_path):
    source = tmp_path / "leads.csv"
    source.write_text("业务员,单位名称\n张伟,杭州某公司\n", encoding="utf-8-sig")
    data = read_lead_sheet(source)
    result = hand_result()

    target = write_annotated_copy(source, default_target(source), data, result)
    assert target.name == "leads.校验.xlsx"
    workbook = openpyxl.load_workbook(target)
    assert workbook[data.sheet_name]["A2"].value == "张伟"
    assert SUMMARY_SHEET in workbook.sheetnames


def test_target_checks(tmp_path):
    source = write_sheet(tmp_path / "leads.xlsx")
    with pytest.raises(AnnotationError, match="就是输入文件"):
        write_annotated_copy(source, source, sheet_data(source), hand_result())
    with pytest.raises(AnnotationError, match="不含宏"):
        write_annotated_copy(source, tmp_path / "leads.xlsm", sheet_data(source), hand_result())
    with pytest.raises(AnnotationError, match=r"\.xlsx 或 \.xlsm"):
        write_annotated_copy(source, tmp_path / "leads.ods", sheet_data(source), hand_result())
    assert sorted(path.name for path in tmp_path.iterdir()) == ["leads.xlsx"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.xlsx", "a.校验.xlsx"), ("a.XLSM", "a.校验.xlsm"), ("a.csv", "a.校验.xlsx"), ("客户 (2).xls", "客户 (2).校验.xlsx")],
)
def test_default_target_names(name, expected):
    assert default_target(Path("/data") / name) == Path("/data") / expected
