"""Where the build finds its text sources, and which VBA modules each artefact carries.

Sources live in ``addin/`` at the repository root: the xlwings 0.37.8 standalone module
(``xlwings.bas`` and the ``Dictionary.cls`` it needs on macOS), the ribbon callback modules,
the helper modules that ``ExcelBook`` calls (``LeadcheckNotes.bas``, ``LeadcheckTools.bas``)
and the two ``customUI14.xml`` ribbons. An installed package carries the same folder as
``leadcheck/addin`` (see pyproject.toml), so ``leadcheck template build`` works there too.
"""

from __future__ import annotations

from pathlib import Path

import leadcheck
from leadcheck.build.ribbon import load_ribbon
from leadcheck.build.vbaproject import (
    WORKBOOK_BASE,
    WORKSHEET_BASE,
    VbaModule,
    build_vba_project,
    document_module,
    read_module,
)
from leadcheck.sheets.excelbook import HELPER_MODULES


def _source_dir(name: str) -> Path:
    """Return the repository's ``name`` folder, or the installed package's copy of it."""
    checkout = Path(__file__).resolve().parents[2] / name
    return checkout if checkout.is_dir() else Path(leadcheck.__file__).resolve().parent / name


ADDIN_DIR = _source_dir("addin")

TEMPLATE_CALLBACKS = "LeadCheckRibbon.bas"
TEMPLATE_RIBBON = "template.customUI14.xml"
ADDIN_CALLBACKS = "LeadCheckAdminRibbon.bas"
ADDIN_RIBBON = "addin.customUI14.xml"


def _documents(sheet_count: int) -> list[VbaModule]:
    modules = [document_module("ThisWorkbook", WORKBOOK_BASE)]
    modules += [document_module(f"Sheet{number}", WORKSHEET_BASE) for number in range(1, sheet_count + 1)]
    return modules


def _xlwings_modules() -> list[VbaModule]:
    """Return xlwings' module, its Dictionary class and the helpers that ``ExcelBook`` calls."""
    modules = [read_module(ADDIN_DIR / "xlwings.bas"), read_module(ADDIN_DIR / "Dictionary.cls")]
    return modules + [read_module(ADDIN_DIR / f"{name}.bas") for name in HELPER_MODULES]


def template_modules(sheet_count: int) -> list[VbaModule]:
    """Return the template's modules: documents, xlwings, helpers, callbacks, UDF wrappers."""
    modules = _documents(sheet_count) + _xlwings_modules()
    modules.append(read_module(ADDIN_DIR / TEMPLATE_CALLBACKS))
    udf_wrappers = ADDIN_DIR / "xlwings_udfs.bas"
    if udf_wrappers.exists():
        modules.append(read_module(udf_wrappers))
    return modules


def template_vba_project(sheet_count: int) -> bytes:
    return build_vba_project(template_modules(sheet_count))


def addin_modules(sheet_count: int) -> list[VbaModule]:
    """Return the add-in's modules: documents, xlwings, helpers and the admin callbacks."""
    return _documents(sheet_count) + _xlwings_modules() + [read_module(ADDIN_DIR / ADDIN_CALLBACKS)]


def template_ribbon() -> bytes:
    callbacks = (ADDIN_DIR / TEMPLATE_CALLBACKS).read_bytes().decode("ascii")
    return load_ribbon(ADDIN_DIR / TEMPLATE_RIBBON, callbacks)


def addin_ribbon() -> bytes:
    callbacks = (ADDIN_DIR / ADDIN_CALLBACKS).read_bytes().decode("ascii")
    return load_ribbon(ADDIN_DIR / ADDIN_RIBBON, callbacks)
