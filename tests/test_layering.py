"""The engine imports no file, Excel or CLI library, so it can run under Pyodide."""

import subprocess
import sys

FORBIDDEN = ("openpyxl", "xlwings", "python_calamine", "click", "tqdm", "pandas", "xlsxwriter", "rapidfuzz")


def test_engine_imports_no_front_end_library():
    script = (
        "import sys, leadcheck.engine, leadcheck.report; "
        f"print(sorted(name for name in {FORBIDDEN!r} if name in sys.modules))"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
