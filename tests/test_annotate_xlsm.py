"""An .xlsm annotated copy keeps its VBA project and its ribbon, byte for byte and linked."""

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
import xlsxwriter
import xlwings

from fakes.results import HEADERS, ROWS, hand_result
from leadcheck.commands.annotate import default_target, write_annotated_copy
from leadcheck.sheets.filebook import FileBook
from leadcheck.sheets.package import RELS_NAMESPACE
from leadcheck.sheets.reader import SheetData

VBA_PART = "xl/vbaProject.bin"
RIBBON_PART = "customUI/customUI14.xml"
RIBBON_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
MACRO_WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
RIBBON_XML = Path(__file__).resolve().parents[1] / "addin" / "template.customUI14.xml"
QUICKSTART = Path(xlwings.__file__).parent / "quickstart.xlsm"


def _ribbon_targets(package: zipfile.ZipFile) -> list[tuple[str, str]]:
    root = ElementTree.fromstring(package.read("_rels/.rels"))
    return [
        (element.get("Type"), element.get("Target").lstrip("/"))
        for element in root.iter(f"{{{RELS_NAMESPACE}}}Relationship")
        if "customUI" in element.get("Target", "")
    ]


@pytest.fixture
def macro_workbook(tmp_path) -> Path:
    """A small .xlsm: XlsxWriter with xlwings' own VBA project, then a ribbon at zip level."""
    vba = tmp_path / "vbaProject.bin"
    with zipfile.ZipFile(QUICKSTART) as quickstart:
        vba.write_bytes(quickstart.read(VBA_PART))

    plain = tmp_path / "plain.xlsm"
    workbook = xlsxwriter.Workbook(plain)
    sheet = workbook.add_worksheet("客户登记")
    sheet.write_row(0, 0, HEADERS)
    for index, values in enumerate(ROWS, start=1):
        sheet.write_row(index, 0, [str(value) for value in values])
    workbook.add_vba_project(str(vba))
    workbook.close()

    # Add the ribbon part and its root relationship the way Excel stores them.
    path = tmp_path / "客户线索 (2).xlsm"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as output:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "_rels/.rels":
                relationship = f'<Relationship Id="rIdRibbon" Type="{RIBBON_TYPE}" Target="{RIBBON_PART}"/>'
                data = data.replace(b"</Relationships>", relationship.encode() + b"</Relationships>")
            output.writestr(info, data)
        output.writestr(RIBBON_PART, RIBBON_XML.read_bytes())
    return path


def _sheet_data(path: Path) -> SheetData:
    rows = [(index, [str(value) for value in values]) for index, values in enumerate(ROWS, start=2)]
    return SheetData(path, "客户登记", 1, list(HEADERS), rows, None)


def test_openpyxl_alone_drops_ribbon(macro_workbook, tmp_path):
    saved = tmp_path / "openpyxl.xlsm"
    FileBook.open(macro_workbook).save(saved)
    with zipfile.ZipFile(saved) as package:
        assert RIBBON_PART in package.namelist()
        assert _ribbon_targets(package) == []


def test_copy_keeps_vba_and_ribbon(macro_workbook):
    target = write_annotated_copy(macro_workbook, default_target(macro_workbook), _sheet_data(macro_workbook), hand_result())
    assert target.name == "客户线索 (2).校验.xlsm"

    with zipfile.ZipFile(macro_workbook) as source, zipfile.ZipFile(target) as copy:
        assert copy.read(VBA_PART) == source.read(VBA_PART)
        assert copy.read(RIBBON_PART) == source.read(RIBBON_PART)
        assert _ribbon_targets(copy) == [(RIBBON_TYPE, RIBBON_PART)]
        assert MACRO_WORKBOOK_TYPE in copy.read("[Content_Types].xml").decode("utf-8")
        assert copy.testzip() is None


def test_copy_is_still_annotated(macro_workbook):
    target = write_annotated_copy(macro_workbook, default_target(macro_workbook), _sheet_data(macro_workbook), hand_result())
    workbook = openpyxl.load_workbook(target, keep_vba=True)
    assert workbook["客户登记"]["H2"].value == "无效：单位名称不全；电话缺区号"
    assert "校验汇总" in workbook.sheetnames
