"""The streamed annotated copy: the same marks as the openpyxl copy, every other part unchanged."""

import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from fakes.results import HEADERS, ROWS, hand_result
from leadcheck.commands import annotate
from leadcheck.commands.annotate import write_annotated_copy
from leadcheck.commands.validate import show_result
from leadcheck.engine import validate_rows
from leadcheck.model.config import DEFAULT_CONFIG
from leadcheck.sheets.reader import SheetData, read_lead_sheet
from leadcheck.sheets.workbook import FLAGS_SHEET, NOTE_MARK, SUMMARY_SHEET
from leadcheck.sheets.xmlbook import values_package
from leadcheck.sheets.xmlcopy import PlannedBook, StreamUnsupported, write_streamed_copy

GOLDEN = Path(__file__).resolve().parents[2] / "shared" / "cases" / "leads-public.xlsx"
TODAY = date(2026, 12, 1)
DATA = "客户登记"
CHANGED_PARTS = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "[Content_Types].xml"}


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """The golden file annotated twice: through the streamed writer and through openpyxl."""
    folder = tmp_path_factory.mktemp("stream")
    source = folder / "leads.xlsx"
    shutil.copyfile(GOLDEN, source)
    data = read_lead_sheet(source)
    result = validate_rows(data.headers, data.rows, today=TODAY)

    streamed = write_annotated_copy(source, folder / "streamed.xlsx", data, result)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(annotate, "_write_streamed", lambda *arguments: False)
        loaded = write_annotated_copy(source, folder / "openpyxl.xlsx", data, result)
    return {"source": source, "streamed": streamed, "openpyxl": loaded, "data": data}


def _values(workbook, sheet):
    return [list(values) for values in workbook[sheet].iter_rows(values_only=True)]


def _notes(workbook):
    return {cell.coordinate: cell.comment.text for row in workbook[DATA].iter_rows() for cell in row if cell.comment}


def _rules(workbook):
    return sorted(
        (str(target.sqref), rule.formula[0], rule.dxf.fill.bgColor.rgb, rule.stopIfTrue)
        for target in workbook[DATA].conditional_formatting for rule in target.rules
    )


def test_streamed_copy_used_for_golden(copies):
    with zipfile.ZipFile(copies["streamed"]) as package:
        assert "xl/comments1.xml" in package.namelist()
    with zipfile.ZipFile(copies["openpyxl"]) as package:
        assert "xl/comments1.xml" not in package.namelist()


@pytest.mark.parametrize("sheet", [DATA, FLAGS_SHEET, SUMMARY_SHEET])
def test_sheet_values_match(copies, sheet):
    streamed = openpyxl.load_workbook(copies["streamed"])
    loaded = openpyxl.load_workbook(copies["openpyxl"])
    assert _values(streamed, sheet) == _values(loaded, sheet)


def test_marks_match(copies):
    streamed = openpyxl.load_workbook(copies["streamed"])
    loaded = openpyxl.load_workbook(copies["openpyxl"])
    assert streamed.sheetnames == loaded.sheetnames
    assert streamed[FLAGS_SHEET].sheet_state == "hidden"
    assert _notes(streamed) == _notes(loaded)
    assert len(_notes(streamed)) > 0
    assert _rules(streamed) == _rules(loaded)
    assert [(name, value.attr_text) for name, value in streamed.defined_names.items()] == [
        (name, value.attr_text) for name, value in loaded.defined_names.items()
    ]


def test_summary_bold_rows_match(copies):
    streamed = openpyxl.load_workbook(copies["streamed"])[SUMMARY_SHEET]
    loaded = openpyxl.load_workbook(copies["openpyxl"])[SUMMARY_SHEET]
    bold = [[cell.font.b for cell in row] for row in streamed.iter_rows()]
    assert bold == [[bool(cell.font.b) for cell in row] for row in loaded.iter_rows()]
    assert streamed.column_dimensions["A"].width == loaded.column_dimensions["A"].width


def test_other_parts_byte_identical(copies):
    with zipfile.ZipFile(copies["source"]) as source, zipfile.ZipFile(copies["streamed"]) as copy:
        data_sheet = "xl/worksheets/sheet1.xml"
        for name in source.namelist():
            if name not in CHANGED_PARTS | {data_sheet}:
                assert copy.read(name) == source.read(name), name

        # The data sheet is the source with the result cells, rules and note drawing added.
        column = openpyxl.utils.get_column_letter(len(copies["data"].headers) + 1)
        text = copy.read(data_sheet).decode("utf-8")
        text = re.sub(rf'<c r="{column}\d+" t="inlineStr">.*?</c>', "", text)
        text = re.sub(r"<conditionalFormatting .*?</conditionalFormatting>|<legacyDrawing [^>]*/>", "", text)
        original = source.read(data_sheet).decode("utf-8")
        strip = re.compile(r'<dimension [^>]*/>|\sspans="[^"]*"')
        assert strip.sub("", text) == strip.sub("", original)


def test_marked_workbook_rejected(copies, tmp_path):
    data = read_lead_sheet(copies["streamed"])
    result = validate_rows(data.headers, data.rows, today=TODAY)
    plan = PlannedBook([])
    show_result(plan, data, result, DEFAULT_CONFIG)
    target = tmp_path / "again.xlsx"
    with pytest.raises(StreamUnsupported, match="VML drawings|earlier run"):
        write_streamed_copy(copies["streamed"], target, DATA, plan)
    assert not target.exists()


def test_values_package_marked_and_compressed(tmp_path):
    rows = [(index, list(values) + [None, "=1+1", 3.5, True]) for index, values in enumerate(ROWS, start=2)]
    headers = list(HEADERS) + ["备注", "已做模块", "人数", "已做效果"]
    data = SheetData(tmp_path / "merged.xlsx", DATA, 1, headers, rows, None)
    plan = PlannedBook([])
    show_result(plan, data, hand_result(), DEFAULT_CONFIG)
    target = tmp_path / "merged.xlsx"
    write_streamed_copy(values_package(DATA, [headers, *(values for _, values in rows)]), target, DATA, plan)

    with zipfile.ZipFile(target) as package:
        assert package.getinfo("xl/worksheets/sheet1.xml").compress_type == zipfile.ZIP_DEFLATED
    workbook = openpyxl.load_workbook(target)
    sheet = workbook[DATA]
    assert sheet.freeze_panes == "A2"
    assert [list(values) for values in sheet.iter_rows(min_row=2, max_col=len(headers), values_only=True)] == [
        values for _, values in rows
    ]
    assert sheet.cell(2, len(headers) + 1).value == "无效：单位名称不全；电话缺区号"
    assert sheet["E2"].comment.text.startswith(NOTE_MARK)
    assert workbook.sheetnames == [DATA, FLAGS_SHEET, SUMMARY_SHEET]
