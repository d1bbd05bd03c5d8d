"""Where the build finds its text sources, and which VBA modules each artefact carries.

Sources live in ``addin/`` at the repository root: the xlwings 0.37.8 standalone module
(``xlwings.bas`` and the ``Dictionary.cls`` it needs on macOS), the ribbon callback modules
and the two ``customUI14.xml`` ribbons.
"""

from __future__ import annotations

from pathlib import Path

from leadcheck.build.ribbon import load_ribbon
from leadcheck.build.vbaproject import (
    WORKBOOK_BASE,
    WORKSHEET_BASE,
    VbaModule,
    build_vba_project,
    document_module,
    read_module,
)

ADDIN_DIR = Path(__file__).resolve().parents[2] / "addin"

TEMPLATE_CALLBACKS = "LeadCheckRibbon.bas"
TEMPLATE_RIBBON = "template.customUI14.xml"
ADDIN_CALLBACKS = "LeadCheckAdminRibbon.bas"
ADDIN_RIBBON = "addin.customUI14.xml"


def _documents(sheet_count: int) -> list[VbaModule]:
    modules = [document_module("ThisWorkbook", WORKBOOK_BASE)]
    modules += [document_module(f"Sheet{number}", WORKSHEET_BASE) for number in range(1, sheet_count + 1)]
    return modules


def _xlwings_modules() -> list[VbaModule]:
    return [read_module(ADDIN_DIR / "xlwings.bas"), read_module(ADDIN_DIR / "Dictionary.cls")]


def template_modules(sheet_count: int) -> list[VbaModule]:
    """Return the template's modules: documents, xlwings, callbacks, UDF wrappers."""
    modules = _documents(sheet_count) + _xlwings_modules()
    modules.append(read_module(ADDIN_DIR / TEMPLATE_CALLBACKS))
    udf_wrappers = ADDIN_DIR / "xlwings_udfs.bas"
    if udf_wrappers.exists():
        modules.append(read_module(udf_wrappers))
    return modules


def template_vba_project(sheet_count: int) -> bytes:
    return build_vba_project(template_modules(sheet_count))


def addin_modules(sheet_count: int) -> list[VbaModule]:
    """Return the add-in's modules: documents, xlwings and the admin callbacks."""
    return _documents(sheet_count) + _xlwings_modules() + [read_module(ADDIN_DIR / ADDIN_CALLBACKS)]


def template_ribbon() -> bytes:
    callbacks = (ADDIN_DIR / TEMPLATE_CALLBACKS).read_bytes().decode("ascii")
    return load_ribbon(ADDIN_DIR / TEMPLATE_RIBBON, callbacks)


def addin_ribbon() -> bytes:
    callbacks = (ADDIN_DIR / ADDIN_CALLBACKS).read_bytes().decode("ascii")
    return load_ribbon(ADDIN_DIR / ADDIN_RIBBON, callbacks)
