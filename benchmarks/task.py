"""One measurement, run in its own process so that its peak memory is its own.

Usage: python -m benchmarks.task NAME PATH [OUTPUT]. Prints one JSON object on stdout:
``seconds`` (wall time of the measured work only), ``peak_mb`` (peak resident memory of
the process doing the work) and, for some tasks, ``count`` (customers or cells handled).

Tasks that time a ``leadcheck`` command start it as a child process and time the whole
child, Python start-up and imports included, because that is what a user waits for; its
peak memory is read from ``RUSAGE_CHILDREN``. In-process tasks time only the work, not
the imports, and report this process's own peak.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

# The date that the generated visits are judged against, so verdicts do not drift with the clock.
TODAY = "2026-12-01"

LEADCHECK = [sys.executable, "-m", "leadcheck"]

# Rows handed to the vectorised UDFs: the size of a column a rep selects in Excel.
UDF_ROWS = 1000


def _peak_mb(scope: int) -> float:
    # Linux reports ru_maxrss in kibibytes.
    return resource.getrusage(scope).ru_maxrss / 1024


def _command(arguments: list[str]) -> dict:
    start = time.perf_counter()
    subprocess.run(arguments, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb(resource.RUSAGE_CHILDREN)}


def _timed(work) -> dict:
    start = time.perf_counter()
    count = work()
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb(resource.RUSAGE_SELF), "count": count}


def openpyxl_floor(path: Path, output: Path) -> dict:
    """Bare openpyxl load and save with the options the annotated copy used to load with."""
    import openpyxl

    def work() -> int:
        workbook = openpyxl.load_workbook(path, keep_vba=path.suffix == ".xlsm", rich_text=True)
        workbook.save(output)
        return 0
    return _timed(work)


def calamine_floor(path: Path, output: Path) -> dict:
    """Read the data sheet into Python values with calamine, and nothing else."""
    import python_calamine

    def work() -> int:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        return len(workbook.get_sheet_by_name("客户登记").to_python())
    return _timed(work)


def read_inputs(path: Path, output: Path) -> dict:
    """leadcheck's own reader over every workbook in a folder: the floor for merge."""
    from leadcheck.sheets.reader import read_lead_sheet

    files = sorted(path.glob("*.xlsx"))
    return _timed(lambda: sum(len(read_lead_sheet(file).rows) for file in files))


def rules(path: Path, output: Path) -> dict:
    """Time the engine alone over rows already read: customers per second on one core."""
    from datetime import date

    from leadcheck.engine import validate_rows
    from leadcheck.sheets.reader import read_lead_sheet

    sheet = read_lead_sheet(path)
    today = date.fromisoformat(TODAY)
    return _timed(lambda: len(validate_rows(sheet.headers, sheet.rows, today=today).customers))


def udf_rows(path: Path, output: Path) -> dict:
    """``LEADCHECK_ROWS`` over a 1,000-row table, as Excel would pass it (header row first)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "udfs"))
    import leadcheck_udfs
    from leadcheck.sheets.reader import read_lead_sheet

    sheet = read_lead_sheet(path)
    table = [list(sheet.headers)] + [list(values) for _, values in sheet.rows[:UDF_ROWS]]
    return _timed(lambda: len(leadcheck_udfs.leadcheck_rows(table)))


def udf_phones(path: Path, output: Path) -> dict:
    """``LEADCHECK_PHONES`` over a 1,000-cell column of 联系人1-电话."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "udfs"))
    import leadcheck_udfs
    from leadcheck.sheets.reader import read_lead_sheet

    sheet = read_lead_sheet(path)
    column = list(sheet.headers).index("联系人1-电话")
    values = [values[column] for _, values in sheet.rows[:UDF_ROWS]]
    return _timed(lambda: len(leadcheck_udfs.leadcheck_phones(values)))


def validate_json(path: Path, output: Path) -> dict:
    return _command([*LEADCHECK, "validate", str(path), "--json", "--today", TODAY])


def validate_copy(path: Path, output: Path) -> dict:
    return _command([*LEADCHECK, "validate", str(path), "-o", str(output), "--today", TODAY])


def merge(path: Path, output: Path) -> dict:
    output.unlink(missing_ok=True)
    return _command([*LEADCHECK, "merge", str(path), "-o", str(output), "--today", TODAY])


TASKS = {
    function.__name__: function
    for function in (openpyxl_floor, calamine_floor, read_inputs, rules, udf_rows, udf_phones,
                     validate_json, validate_copy, merge)
}

if __name__ == "__main__":
    name, source = sys.argv[1], Path(sys.argv[2])
    target = Path(sys.argv[3]) if len(sys.argv) > 3 else source.with_suffix(".out.xlsx")
    print(json.dumps(TASKS[name](source, target)))
