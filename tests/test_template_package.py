"""The built LeadTemplate.xlsm as a package: parts, sheets, lists, settings, reproducibility."""

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from oletools.olevba import VBA_Parser

from leadcheck.build import sources
from leadcheck.build.package import RIBBON_PART, RIBBON_RELATIONSHIP
from leadcheck.build.template import DATA_ROWS, LIST_SHEET, TEMPLATE_VERSION, XLWINGS_SHEET, build_template
from leadcheck.model.columns import template_headers
from leadcheck.model.config import CONFIG_SHEET, DATA_SHEET, DEFAULT_CONFIG, config_from_toml

COMMITTED = Path(__file__).parent.parent / "template" / "LeadTemplate.xlsm"


@pytest.fixture(scope="module")
def built() -> bytes:
    return build_template()


@pytest.fixture(scope="module")
def workbook(built):
    return openpyxl.load_workbook(io.BytesIO(built), keep_vba=True)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def test_ribbon_part_linked_from_root_rels(built):
    parts = members(built)
    rels = parts["_rels/.rels"].decode()
    assert f'Type="{RIBBON_RELATIONSHIP}" Target="{RIBBON_PART}"' in rels
    assert parts[RIBBON_PART] == sources.template_ribbon()
    assert "xl/vbaProject.bin" in parts


def test_workbook_is_macro_enabled(built):
    types = members(built)["[Content_Types].xml"].decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
    assert "application/vnd.ms-office.vbaProject" in types


# The template embeds every RuleConfig default, so a changed default also makes it stale.
REBUILD_HINT = "stale committed template: run `leadcheck template build -o template/LeadTemplate.xlsm`"


def test_rebuild_equals_committed_template(built):
    committed = members(COMMITTED.read_bytes())
    rebuilt = members(built)
    assert sorted(committed) == sorted(rebuilt), REBUILD_HINT
    for name in rebuilt:
        assert committed[name] == rebuilt[name], f"{name}: {REBUILD_HINT}"


def test_zip_members_sorted_with_fixed_time(built):
    with zipfile.ZipFile(io.BytesIO(built)) as package:
        names = [info.filename for info in package.infolist()]
        times = {info.date_time for info in package.infolist()}
    assert names == sorted(names)
    assert times == {(1980, 1, 1, 0, 0, 0)}


def test_sheet_order_and_visibility(workbook):
    states = {sheet.title: sheet.sheet_state for sheet in workbook.worksheets}
    assert list(states) == [DATA_SHEET, "填写说明", LIST_SHEET, CONFIG_SHEET, XLWINGS_SHEET]
    assert states[DATA_SHEET] == "visible"
    assert states["填写说明"] == "visible"
    assert states[LIST_SHEET] == "hidden"
    assert states[CONFIG_SHEET] == "hidden"
    assert states[XLWINGS_SHEET] == "hidden"
    assert workbook.active.title == DATA_SHEET


def test_headers_in_template_order(workbook):
    row = next(workbook[DATA_SHEET].iter_rows(min_row=1, max_row=1, values_only=True))
    assert list(row) == template_headers()


def test_frozen_panes_and_protection(workbook):
    sheet = workbook[DATA_SHEET]
    assert sheet.freeze_panes == "E2"
    assert sheet.protection.sheet is True
    assert sheet["A1"].protection.locked is True
    for index in (1, 4, len(template_headers()), len(template_headers()) + 1):
        assert column_dimension(sheet, index).protection.locked is False, index


def column_dimension(sheet, index: int):
    """Return the <col> entry covering the 1-based column ``index``."""
    for dimension in sheet.column_dimensions.values():
        if dimension.min and dimension.min <= index <= dimension.max:
            return dimension
    raise LookupError(index)


def test_phone_columns_are_text(workbook):
    sheet = workbook[DATA_SHEET]
    for index, header in enumerate(template_headers(), start=1):
        number_format = column_dimension(sheet, index).number_format
        if header.endswith("-电话"):
            assert number_format == "@", header
        else:
            assert number_format != "@", header


def test_dropdowns_use_named_lists(workbook):
    sheet = workbook[DATA_SHEET]
    headers = template_headers()
    lists: dict[str, list[str]] = {}
    for validation in sheet.data_validations.dataValidation:
        if validation.type == "list":
            lists.setdefault(validation.formula1, []).append(str(validation.sqref))
    letter = openpyxl.utils.get_column_letter(headers.index("拜访方式") + 1)
    assert lists["LeadCheck_VisitMethods"] == [f"{letter}2:{letter}{DATA_ROWS + 1}"]
    assert "LeadCheck_ImportanceLevels" in lists
    assert "LeadCheck_UnitTypes" in lists
    assert len(lists["LeadCheck_Genders"]) == 3


def test_named_lists_hold_config_items(workbook):
    expected = {
        "LeadCheck_VisitMethods": DEFAULT_CONFIG.visit_methods,
        "LeadCheck_ImportanceLevels": DEFAULT_CONFIG.importance_levels,
        "LeadCheck_Genders": DEFAULT_CONFIG.genders,
        "LeadCheck_UnitTypes": DEFAULT_CONFIG.unit_types,
    }
    for name, items in expected.items():
        (sheet_name, cells), = workbook.defined_names[name].destinations
        values = [row[0].value for row in workbook[sheet_name][cells.replace("$", "")]]
        assert tuple(values) == items, name


def test_every_header_has_input_message(workbook):
    sheet = workbook[DATA_SHEET]
    helped = {
        str(validation.sqref): validation.prompt
        for validation in sheet.data_validations.dataValidation
        if validation.type is None and validation.showInputMessage
    }
    for index, header in enumerate(template_headers(), start=1):
        cell = f"{openpyxl.utils.get_column_letter(index)}1"
        assert helped.get(cell), header


def test_config_sheet_reads_back_as_default(workbook):
    lines = [row[0] for row in workbook[CONFIG_SHEET].iter_rows(values_only=True)]
    assert config_from_toml("\n".join(line or "" for line in lines)) == DEFAULT_CONFIG


def test_xlwings_settings_name_udf_module(workbook):
    settings = {row[0]: row[1] for row in workbook[XLWINGS_SHEET].iter_rows(values_only=True)}
    assert settings["UDF Modules"] == "leadcheck_udfs"
    assert settings["Show Console"] is False


def test_version_visible_on_guide(workbook):
    assert TEMPLATE_VERSION in workbook["填写说明"]["A2"].value
    assert workbook.custom_doc_props["LeadCheckTemplateVersion"].value == TEMPLATE_VERSION


def test_conditional_formats_cover_required_and_phones(built):
    sheet_xml = members(built)["xl/worksheets/sheet1.xml"].decode()
    headers = template_headers()
    ranges = set(re.findall(r'<conditionalFormatting sqref="([A-Z]+)2:[A-Z]+\d+"', sheet_xml))
    for header in ("业务员", "单位名称", "联系人1-电话", "联系人3-姓名", "已做厂商"):
        assert openpyxl.utils.get_column_letter(headers.index(header) + 1) in ranges, header
    assert openpyxl.utils.get_column_letter(headers.index("备注") + 1) not in ranges


def test_vba_project_holds_template_modules(built):
    parser = VBA_Parser("LeadTemplate.xlsm", data=built)
    extracted = {path.split("/")[-1]: code for _, path, _, code in parser.extract_all_macros()}
    parser.close()
    for module in sources.template_modules(sheet_count=5):
        assert extracted[module.name] == module.source, module.name


def test_sheet_code_names_match_document_modules(built):
    parts = members(built)
    assert b'codeName="ThisWorkbook"' in parts["xl/workbook.xml"]
    for number in range(1, 6):
        assert f'codeName="Sheet{number}"'.encode() in parts[f"xl/worksheets/sheet{number}.xml"]


def test_guide_example_is_valid_customer():
    from datetime import date

    from leadcheck.build.guide import EXAMPLE_CUSTOMER
    from leadcheck.engine import validate_rows

    headers = template_headers()
    values = [EXAMPLE_CUSTOMER.get(header, "") for header in headers]
    result = validate_rows(headers, [(2, values)], today=date(2026, 12, 1))
    assert [finding.code for finding in result.findings_for(2)] == []
    assert result.verdict_text(2) == "有效"


def test_guide_example_row_matches_headers(workbook):
    from leadcheck.build.guide import EXAMPLE_CUSTOMER

    rows = list(workbook["填写说明"].iter_rows(values_only=True))
    header_row = next(index for index, row in enumerate(rows) if row[0] == "业务员")
    assert list(rows[header_row][:len(template_headers())]) == template_headers()
    example = rows[header_row + 1]
    for index, header in enumerate(template_headers()):
        assert (example[index] or "") == EXAMPLE_CUSTOMER.get(header, ""), header
