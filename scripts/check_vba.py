"""Check that the VBA inside the committed template and add-in equals the sources in addin/.

CI runs this before the tests, so a .bas edit without a rebuild (or a hand-edited
workbook) stops the run with the module named. oletools' olevba is the independent reader.
Exit status 0 when every module matches, 1 otherwise.
Run: .venv/bin/python scripts/check_vba.py
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from oletools.olevba import VBA_Parser

from leadcheck.build.sources import addin_modules, template_modules

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = (
    (ROOT / "template" / "LeadTemplate.xlsm", template_modules),
    (ROOT / "addin" / "LeadCheck.xlam", addin_modules),
)


def embedded_modules(workbook: Path) -> dict[str, str]:
    """Return {module name: source text} as olevba extracts them from ``workbook``."""
    with zipfile.ZipFile(workbook) as package:
        project = package.read("xl/vbaProject.bin")
    parser = VBA_Parser("vbaProject.bin", data=project)
    try:
        return {path.split("/")[-1]: code for _, path, _, code in parser.extract_all_macros()}
    finally:
        parser.close()


def mismatches(workbook: Path, expected_modules) -> list[str]:
    """Return one line per module that is missing or differs from its source."""
    embedded = embedded_modules(workbook)
    sheet_count = sum(1 for name in embedded if name.startswith("Sheet"))
    problems = []
    for module in expected_modules(sheet_count):
        code = embedded.get(module.name)
        if code is None:
            problems.append(f"{workbook.name}: module {module.name} is missing")
        elif code.replace("\r\n", "\n").rstrip("\n") != module.source.replace("\r\n", "\n").rstrip("\n"):
            problems.append(f"{workbook.name}: module {module.name} differs from its source in addin/")
    return problems


def main() -> int:
    problems = [line for workbook, modules in ARTEFACTS for line in mismatches(workbook, modules)]
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print("rebuild with: .venv/bin/leadcheck template build -o template/LeadTemplate.xlsm && "
              ".venv/bin/leadcheck template build-addin -o addin/LeadCheck.xlam",
              file=sys.stderr)
        return 1
    print(f"VBA check: {len(ARTEFACTS)} workbooks match the sources in addin/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
