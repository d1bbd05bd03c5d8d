"""The installed package: ``leadcheck_udfs`` importable, template and VBA sources shipped.

Excel's Python imports the UDF module by the name xlwings.conf gives (``leadcheck_udfs``),
so a plain install must put it on the path. The test builds a wheel from a copy of the
sources, installs it without dependencies into a fresh virtual environment (the
dependencies come from this environment's site-packages through a .pth file) and imports
from a folder outside the repository. Measured here, a full `pip install .` with its
dependencies from the index into a fresh environment gives the same layout.
"""

import json
import shutil
import site
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import openpyxl
import pytest
from setuptools import find_packages

from leadcheck.build.template import XLWINGS_SHEET

ROOT = Path(__file__).resolve().parent.parent
# Folders of the checkout that the package does not need, or that an earlier build left.
SKIPPED_AT_ROOT = {"tests", "docs", "benchmarks", "build", "dist", "leadcheck.egg-info"}


def _skipped(folder: str, names: list[str]) -> set[str]:
    hidden = {name for name in names if name.startswith(".") or name == "__pycache__"}
    return hidden | (SKIPPED_AT_ROOT & set(names) if Path(folder) == ROOT else set())

PROBE = """
import json, leadcheck, leadcheck_udfs
from leadcheck.build import sheet, sources
print(json.dumps({
    "udfs": leadcheck_udfs.__file__,
    "package": leadcheck.__file__,
    "template": str(sheet.template_path()),
    "template_exists": sheet.template_path().is_file(),
    "addin": str(sources.ADDIN_DIR),
    "phone": leadcheck_udfs.leadcheck_phone("0571-87654321"),
}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, object]:
    work = tmp_path_factory.mktemp("install")
    source = work / "源码"
    shutil.copytree(ROOT, source, ignore=_skipped)

    # Build the wheel as `pip install .` does: pip fetches the build backend that
    # pyproject.toml declares (setuptools>=69) from the package index, or its cache.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "wheel"), str(source)],
        check=True, cwd=work,
    )
    [wheel] = (work / "wheel").glob("leadcheck-*.whl")

    environment = work / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True, cwd=work)
    packages = Path(subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip())
    (packages / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")

    probe = subprocess.run([python, "-c", PROBE], check=True, capture_output=True, text=True, cwd=work)
    return {"packages": packages, **json.loads(probe.stdout)}


def test_udf_module_installed_top_level(installed):
    assert Path(installed["udfs"]) == installed["packages"] / "leadcheck_udfs.py"
    assert Path(installed["package"]).parent == installed["packages"] / "leadcheck"
    assert installed["phone"] == "有效"


def test_template_and_vba_sources_installed(installed):
    assert installed["template_exists"]
    assert Path(installed["template"]) == installed["packages"] / "leadcheck" / "template" / "LeadTemplate.xlsm"
    assert Path(installed["addin"]) == installed["packages"] / "leadcheck" / "addin"
    for name in ("LeadcheckNotes.bas", "LeadcheckTools.bas", "xlwings.bas", "addin.customUI14.xml"):
        assert (Path(installed["addin"]) / name).is_file(), name


def test_package_list_covers_every_subpackage():
    configured = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    found = find_packages(str(ROOT), include=["leadcheck", "leadcheck.*"])
    # Folders that ship data only, and the ones mapped from outside leadcheck/.
    data_only = ["leadcheck.addin", "leadcheck.data", "leadcheck.template"]
    assert sorted(found + data_only) == sorted(configured)


def test_template_names_udf_module():
    workbook = openpyxl.load_workbook(ROOT / "template" / "LeadTemplate.xlsm", keep_vba=True)
    settings = {row[0]: row[1] for row in workbook[XLWINGS_SHEET].iter_rows(values_only=True)}
    assert settings["UDF Modules"] == "leadcheck_udfs"
    assert workbook[XLWINGS_SHEET].sheet_state == "hidden"
