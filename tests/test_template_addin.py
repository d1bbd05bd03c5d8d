"""LeadCheck.xlam: add-in content type, ribbon link, VBA modules, reproducibility.

LibreOffice 7 does not open .xlam files and openpyxl rejects their workbook content type,
so these tests read the package parts directly.
"""

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from oletools.olevba import VBA_Parser

from leadcheck.build import sources
from leadcheck.build.addin import ABOUT_SHEET, build_addin
from leadcheck.build.package import (
    ADDIN_WORKBOOK_TYPE,
    MACRO_WORKBOOK_TYPE,
    RIBBON_PART,
    RIBBON_RELATIONSHIP,
    write_sorted_zip,
)
from leadcheck.build.template import XLWINGS_SHEET

COMMITTED = Path(__file__).parent.parent / "addin" / "LeadCheck.xlam"


@pytest.fixture(scope="module")
def built() -> bytes:
    return build_addin()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_rebuild_equals_committed_addin(built):
    committed = members(COMMITTED.read_bytes())
    rebuilt = members(built)
    assert sorted(committed) == sorted(rebuilt)
    for name in rebuilt:
        assert committed[name] == rebuilt[name], name


def test_workbook_part_has_addin_type(built):
    types = members(built)["[Content_Types].xml"].decode()
    assert ADDIN_WORKBOOK_TYPE in types
    assert MACRO_WORKBOOK_TYPE not in types


def test_admin_ribbon_linked(built):
    parts = members(built)
    assert f'Type="{RIBBON_RELATIONSHIP}" Target="{RIBBON_PART}"' in parts["_rels/.rels"].decode()
    assert parts[RIBBON_PART] == sources.addin_ribbon()
    assert "有效客户管理" in parts[RIBBON_PART].decode()


def test_addin_vba_equals_sources(built):
    parser = VBA_Parser("LeadCheck.xlam", data=built)
    extracted = {path.split("/")[-1]: code for _, path, _, code in parser.extract_all_macros()}
    parser.close()
    modules = sources.addin_modules(sheet_count=2)
    assert sorted(extracted) == sorted(module.name for module in modules)
    for module in modules:
        assert extracted[module.name] == module.source, module.name


def test_addin_sheets_read_back(built):
    # openpyxl finds the workbook part by the .xlsm content type only, so swap it back.
    parts = members(built)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        ADDIN_WORKBOOK_TYPE.encode(), MACRO_WORKBOOK_TYPE.encode()
    )
    workbook = openpyxl.load_workbook(io.BytesIO(write_sorted_zip(parts)), keep_vba=True)
    assert workbook.sheetnames == [ABOUT_SHEET, XLWINGS_SHEET]
    settings = {row[0]: row[1] for row in workbook[XLWINGS_SHEET].iter_rows(values_only=True)}
    assert settings["UDF Modules"] == "leadcheck_udfs"
