"""LibreOffice as an independent spreadsheet engine: dropdowns, tints, VBA import, rendering.

These tests drive LibreOffice through Python-UNO under the system interpreter, so they
skip (with the reason) where ``/usr/bin/python3`` lacks ``uno`` or ``soffice`` is missing.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl.utils import get_column_letter

from leadcheck.build import sources
from leadcheck.model.columns import template_headers
from leadcheck.model.config import DATA_SHEET, DEFAULT_CONFIG

ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "template" / "LeadTemplate.xlsm"
HELPER = Path(__file__).parent / "uno" / "inspect_workbook.py"
SYSTEM_PYTHON = "/usr/bin/python3"

# Fonts that can draw Chinese and that a Linux LibreOffice may pick for it.
CJK_FONTS = ("WenQuanYi", "Noto Sans CJK", "Noto Serif CJK", "Droid Sans Fallback", "AR PL", "Source Han")


def uno_available() -> bool:
    if not shutil.which("soffice") or not Path(SYSTEM_PYTHON).exists():
        return False
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
    return check.returncode == 0


pytestmark = pytest.mark.skipif(not uno_available(), reason="needs soffice and python3-uno")


def cell(header: str, row: int) -> str:
    return f"{get_column_letter(template_headers().index(header) + 1)}{row}"


# (probe cell, typed value, expected list items, expected to be flagged as invalid)
PROBES = [
    (cell("拜访方式", 2), "电话联系", DEFAULT_CONFIG.visit_methods, False),
    (cell("拜访方式", 3), "上门拜访", DEFAULT_CONFIG.visit_methods, True),
    (cell("重要程度", 2), "关注", DEFAULT_CONFIG.importance_levels, False),
    (cell("重要程度", 3), "很重要", DEFAULT_CONFIG.importance_levels, True),
    (cell("单位类型", 2), "设计院", DEFAULT_CONFIG.unit_types, False),
    (cell("单位类型", 3), "设计公司", DEFAULT_CONFIG.unit_types, True),
    (cell("联系人1-性别", 2), "女", DEFAULT_CONFIG.genders, False),
    (cell("联系人3-性别", 2001), "未知", DEFAULT_CONFIG.genders, True),
]


@pytest.fixture(scope="module")
def report() -> dict:
    probes = [f"{address}={value}" for address, value, _, _ in PROBES]
    result = subprocess.run(
        [SYSTEM_PYTHON, str(HELPER), str(TEMPLATE), DATA_SHEET, *probes],
        capture_output=True, text=True, timeout=300, check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("address, value, items, invalid", PROBES)
def test_dropdown_shows_exactly_its_items(report, address, value, items, invalid):
    probe = report["probes"][f"{address}={value}"]
    assert probe["type"] == "LIST"
    assert probe["items"] == list(items)
    assert probe["show_list"] == 1
    assert probe["show_error"] is True
    assert probe["input_message"]


@pytest.mark.parametrize("address, value, items, invalid", PROBES)
def test_show_invalid_rejects_values_outside_list(report, address, value, items, invalid):
    assert report["probes"][f"{address}={value}"]["invalid_flagged"] is invalid


def test_conditional_formats_on_required_columns(report):
    counts = {int(column): count for column, count in report["conditional_formats"].items()}
    headers = template_headers()
    for index, header in enumerate(headers):
        field = header.split("-", 1)[-1]
        required = header in DEFAULT_CONFIG.required_fields or (
            header.startswith("联系人") and field in DEFAULT_CONFIG.contact_required_fields
        )
        if header in DEFAULT_CONFIG.done_fields:
            required = True
        expected = int(required) + int(field == "电话")
        assert counts[index] == expected, header


def basic_text(source: str) -> str:
    """Return VBA source as LibreOffice shows it.

    LibreOffice's VBA import drops every ``Attribute`` line (module and member ones such
    as ``Attribute Item.VB_UserMemId = 0``), uses LF line ends and adds one final LF.
    """
    lines = source.replace("\r\n", "\n").split("\n")
    return "\n".join(line for line in lines if not line.startswith("Attribute ")) + "\n"


def test_libreoffice_imports_vba_source(report):
    imported = report["basic"]
    modules = sources.template_modules(sheet_count=5)
    assert sorted(imported) == sorted(module.name for module in modules)
    assert {"LeadcheckNotes", "LeadcheckTools"} <= set(imported)
    for module in modules:
        text = imported[module.name]
        # LibreOffice prepends its own module-type and compatibility lines.
        body = re.sub(r"^Rem Attribute VBA_ModuleType=\w+\nOption VBASupport 1\n(Option ClassModule\n)?", "", text)
        assert body == basic_text(module.source), module.name


def test_render_uses_cjk_font(tmp_path):
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(TEMPLATE)],
        capture_output=True, timeout=300, check=True,
    )
    pdf = tmp_path / "LeadTemplate.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert any(name in fonts for name in CJK_FONTS), fonts
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    # pdftoppm pads the page number to the width of the page count (page-1, page-01, …).
    pages = list(tmp_path.glob("page-*.png"))
    assert len(pages) == 1
    assert pages[0].stat().st_size > 0
