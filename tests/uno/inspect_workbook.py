"""Read a workbook through LibreOffice's own import and print what it found as JSON.

Run with the system interpreter that has python3-uno (``/usr/bin/python3``), not the venv:
    /usr/bin/python3 tests/uno/inspect_workbook.py BOOK.xlsm SHEET CELL=VALUE ...

For each CELL=VALUE probe the script reports the cell's list validation (items resolved
through named ranges, ShowList) and whether ``showInvalid()`` flags VALUE typed there.
It also reports the conditional-format count per column of row 2 and the Basic source
LibreOffice imported from the VBA project. It starts its own soffice with a throwaway
profile and stops it on exit.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import DisposedException

# Seconds to wait for soffice to accept the pipe connection.
CONNECT_TIMEOUT = 60


def _property(name, value):
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def _start_office(profile):
    pipe = "leadcheck_" + uuid.uuid4().hex
    process = subprocess.Popen([
        "soffice", "--headless", "--invisible", "--nologo", "--norestore",
        "-env:UserInstallation=file://" + profile,
        "--accept=pipe,name=" + pipe + ";urp;",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while True:
        try:
            context = resolver.resolve("uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext")
            return process, context
        except NoConnectException:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise
            time.sleep(0.5)


def _validation(document, cell):
    validation = cell.getPropertyValue("Validation")
    formula = validation.getFormula1()
    items = []
    ranges = document.NamedRanges
    if ranges.hasByName(formula):
        data = ranges.getByName(formula).getReferredCells().getDataArray()
        items = [row[0] for row in data]
    return {
        "type": validation.Type.value,
        "formula": formula,
        "items": items,
        "show_list": int(validation.ShowList),
        "show_error": bool(validation.ShowErrorMessage),
        "input_message": validation.InputMessage,
    }


def _conditional_counts(sheet, columns):
    counts = {}
    for column in range(columns):
        cell = sheet.getCellByPosition(column, 1)
        counts[column] = cell.getPropertyValue("ConditionalFormat").getCount()
    return counts


def _basic_modules(document):
    libraries = document.BasicLibraries
    if not libraries.hasByName("VBAProject"):
        return {}
    libraries.loadLibrary("VBAProject")
    library = libraries.getByName("VBAProject")
    return {name: library.getByName(name) for name in library.getElementNames()}


def inspect(path, sheet_name, probes):
    profile = tempfile.mkdtemp(prefix="leadcheck-lo-")
    process, context = _start_office(profile)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    try:
        # A copy keeps LibreOffice's lock file out of the caller's folder.
        copy = os.path.join(profile, "book" + os.path.splitext(path)[1])
        shutil.copyfile(path, copy)
        url = uno.systemPathToFileUrl(copy)
        document = desktop.loadComponentFromURL(url, "_blank", 0, (
            _property("Hidden", True), _property("MacroExecutionMode", 0),
        ))
        sheet = document.Sheets.getByName(sheet_name)
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        header_count = cursor.getRangeAddress().EndColumn + 1

        report = {"probes": {}, "conditional_formats": _conditional_counts(sheet, header_count)}
        for probe in probes:
            address, value = probe.split("=", 1)
            cell = sheet.getCellRangeByName(address)
            entry = _validation(document, cell)
            cell.setString(value)
            entry["invalid_flagged"] = bool(sheet.showInvalid())
            sheet.clearArrows()
            cell.setString("")
            report["probes"][probe] = entry
        report["basic"] = _basic_modules(document)
        document.close(True)
        return report
    finally:
        try:
            desktop.terminate()
        except DisposedException:
            # The bridge closes while terminate() returns; the office is stopping anyway.
            pass
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    book, sheet_name = sys.argv[1], sys.argv[2]
    json.dump(inspect(book, sheet_name, sys.argv[3:]), sys.stdout, ensure_ascii=False)
