"""The helper modules ExcelBook calls: embedded in the template and the add-in, with the
signatures the Python side passes.

olevba reads the modules back from the committed files; LibreOffice's import of the
template's modules is checked in test_template_libreoffice.py.
"""

import inspect
import re
from pathlib import Path

import pytest
from oletools.olevba import VBA_Parser

from fakes.recording_xlwings import FakeBook
from leadcheck.build.vbaproject import read_module
from leadcheck.sheets import excelbook

ROOT = Path(__file__).parent.parent
ARTEFACTS = (ROOT / "template" / "LeadTemplate.xlsm", ROOT / "addin" / "LeadCheck.xlam")

# Every macro ExcelBook calls, with the number of arguments it passes.
CALLED = {
    excelbook.SET_NOTES_MACRO: 5,
    excelbook.CLEAR_NOTES_MACRO: 3,
    excelbook.UNPROTECT_MACRO: 2,
    excelbook.PROTECT_MACRO: 3,
    excelbook.CHOOSE_FILES_MACRO: 1,
    excelbook.CHOOSE_SAVE_MACRO: 2,
    excelbook.XLWINGS_VERSION_MACRO: 0,
}

_PUBLIC_FUNCTION = re.compile(r"^Public Function (\w+)\(([^)]*)\)", re.MULTILINE)


def _signatures() -> dict[str, int]:
    """Return {function: parameter count} of the public functions of the helper modules."""
    signatures = {}
    for name in excelbook.HELPER_MODULES:
        source = read_module(ROOT / "addin" / f"{name}.bas").source
        for function, parameters in _PUBLIC_FUNCTION.findall(source):
            signatures[function] = len([part for part in parameters.split(",") if part.strip()])
    return signatures


@pytest.mark.parametrize("artefact", ARTEFACTS, ids=lambda path: path.name)
def test_helpers_embedded_verbatim(artefact):
    parser = VBA_Parser(artefact.name, data=artefact.read_bytes())
    extracted = {path.split("/")[-1]: code for _, path, _, code in parser.extract_all_macros()}
    parser.close()
    for name in excelbook.HELPER_MODULES:
        assert extracted[name] == read_module(ROOT / "addin" / f"{name}.bas").source, name


def test_every_called_macro_declared_with_its_arguments():
    assert {name: count for name, count in _signatures().items() if name in CALLED} == CALLED


def test_macros_take_workbook_name_first():
    # In the add-in the module runs in the add-in, so a macro that edits a sheet must be told the workbook.
    for name in excelbook.HELPER_MODULES:
        source = read_module(ROOT / "addin" / f"{name}.bas").source
        assert "ThisWorkbook" not in source, name
        assert "ActiveWorkbook" not in source, name


def test_fake_plays_the_same_signatures():
    fake = FakeBook()
    methods = {
        excelbook.SET_NOTES_MACRO: fake._set_notes, excelbook.CLEAR_NOTES_MACRO: fake._clear_notes,
        excelbook.UNPROTECT_MACRO: fake._unprotect, excelbook.PROTECT_MACRO: fake._protect,
        excelbook.CHOOSE_FILES_MACRO: fake._choose_files, excelbook.CHOOSE_SAVE_MACRO: fake._choose_save_as,
    }
    for name, method in methods.items():
        assert len(inspect.signature(method).parameters) == CALLED[name], name


def test_version_macro_reads_xlwings_constant():
    tools = read_module(ROOT / "addin" / "LeadcheckTools.bas").source
    assert f"{excelbook.XLWINGS_VERSION_MACRO} = XLWINGS_VERSION" in tools
    xlwings_module = read_module(ROOT / "addin" / "xlwings.bas").source
    assert 'Public Const XLWINGS_VERSION As String = "0.37.8"' in xlwings_module
