"""Every hostile input of the catalogue through the real CLI: a verdict or one clear error.

Each case runs ``leadcheck validate FILE --json`` and ``leadcheck validate FILE`` (the
annotated copy) in-process through click's runner, so an escaping exception shows as the
runner's exception rather than as an exit status. The input must be byte-identical
afterwards, and a refused run must leave nothing new in the input's folder.
"""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from badinput.catalogue import CATALOGUE, FORMULA_TEXTS, Case, Refused, Verdicts
from badinput.inputs import base_rows, write_book, write_raw
from badinput.packages import sheet_parts, write_parts
from privileges import without_file_override
from leadcheck.cli import cli
from leadcheck.model.codes import CODES
from leadcheck.model.config import DATA_SHEET
from leadcheck.sheets import reader, safety

TODAY = ["--today", "2026-12-01"]
REPO = Path(__file__).parent.parent


def sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def run(*arguments: str) -> Result:
    result = CliRunner().invoke(cli, list(arguments), prog_name="leadcheck")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"an exception escaped the CLI: {result.exception!r}") from result.exception
    assert "Traceback" not in result.output + result.stderr
    return result


def assert_refused(result: Result, outcome: Refused) -> None:
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("错误：")]
    assert len(errors) == 1, result.stderr
    for word in outcome.words:
        assert word in errors[0], errors[0]


def assert_report(result: Result, outcome: Verdicts) -> None:
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    customers = report["customers"]
    assert len(customers) == outcome.customers
    assert sum(customer["valid"] for customer in customers) == outcome.valid
    if customers:
        assert customers[0]["row"] == outcome.first_row
    found = {(customer["row"], finding["column"], finding["code"])
             for customer in customers for finding in customer["findings"]}
    assert outcome.findings <= found
    for customer in customers:
        for finding in customer["findings"]:
            assert finding["code"] in CODES
            assert finding["level"] == CODES[finding["code"]].level


@pytest.mark.parametrize("case", CATALOGUE, ids=[case.name for case in CATALOGUE])
def test_catalogue_case(case: Case, tmp_path: Path) -> None:
    source = case.build(tmp_path)
    before = sha256(source)
    listing = sorted(path.name for path in tmp_path.iterdir())

    # The JSON report: verdicts on stdout, or one error line and status 2.
    result = run("validate", str(source), "--json", *TODAY)
    if isinstance(case.expected, Refused):
        assert_refused(result, case.expected)
    else:
        assert_report(result, case.expected)

    # The annotated copy: written and readable, or refused without leaving any file.
    options = case.options(source)
    result = run("validate", str(source), *TODAY, *options)
    if isinstance(case.copy_outcome, Refused):
        assert_refused(result, case.copy_outcome)
        assert sorted(path.name for path in tmp_path.iterdir()) == listing
    else:
        assert result.exit_code == 0, result.stderr
        target = Path(result.stdout.strip().splitlines()[-1].split("：", 1)[1])
        assert openpyxl.load_workbook(target).sheetnames

    assert sha256(source) == before


def test_catalogue_size() -> None:
    assert len(CATALOGUE) >= 40
    assert len({case.name for case in CATALOGUE}) == len(CATALOGUE)


def test_formula_text_stays_text(tmp_path: Path) -> None:
    """Text that a spreadsheet would run as a formula is stored as a text cell, unchanged.

    The one change is XML's: a carriage return inside a cell is read back as a line feed.
    """
    formulas = next(case for case in CATALOGUE if case.name == "csv-formula-text")
    source = formulas.build(tmp_path)
    run("validate", str(source), *TODAY)

    copy = openpyxl.load_workbook(tmp_path / "formulas.校验.xlsx")
    worksheet = copy.worksheets[0]
    headers = [cell.value for cell in worksheet[1]]
    for header, text in FORMULA_TEXTS.items():
        cell = worksheet.cell(2, headers.index(header) + 1)
        assert (cell.data_type, cell.value) == ("s", text.replace("\r", "\n"))


def _text_cells(worksheet) -> None:
    for row in range(2, worksheet.max_row + 1):
        worksheet.cell(row, 1).data_type = "s"


@pytest.mark.parametrize("writer", ["openpyxl", "hand-made"])
def test_merged_rep_names_as_text(tmp_path: Path, writer: str) -> None:
    """A rep named like a formula stays text in 校验汇总 and in a merged workbook.

    The openpyxl-written source takes the streamed copy; the hand-made package, whose
    parts the streamed writer does not handle, takes the openpyxl copy.
    """
    rows = base_rows()
    for values in rows[1:]:
        values[0] = "=1+1"
    path = tmp_path / "客户登记.xlsx"
    source = write_book(path, rows, edit=_text_cells) if writer == "openpyxl" else write_raw(path, rows)
    run("validate", str(source), *TODAY)
    run("merge", str(source), "-o", str(tmp_path / "汇总.xlsx"), *TODAY)

    summary = openpyxl.load_workbook(tmp_path / "客户登记.校验.xlsx")["校验汇总"]
    merged = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    cells = [cell for row in summary.iter_rows() for cell in row if cell.value == "=1+1"]
    cells += [cell for sheet in merged.worksheets for row in sheet.iter_rows() for cell in row if cell.value == "=1+1"]
    assert len(cells) >= 5
    assert {cell.data_type for cell in cells} == {"s"}


def test_calamine_does_not_expand_entities(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the DTD check, calamine itself rejects the entity reference instead of expanding it."""
    laughs = next(case for case in CATALOGUE if case.name == "billion-laughs").build(tmp_path)
    monkeypatch.setattr(reader, "check_xml_parts", lambda path, archive: 0)

    result = run("validate", str(laughs), "--json", *TODAY)

    assert_refused(result, Refused(("已损坏", "lol9")))


def test_defusedxml_guards_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl, used when calamine is absent, parses through defusedxml and never expands."""
    laughs = next(case for case in CATALOGUE if case.name == "billion-laughs").build(tmp_path)
    monkeypatch.setattr(reader, "check_xml_parts", lambda path, archive: 0)
    monkeypatch.setattr(reader, "python_calamine", None)

    with pytest.raises(ValueError, match="could not read strings"):
        reader.read_lead_sheet(laughs)


def test_prolog_limit(tmp_path: Path) -> None:
    """A part whose root element starts after 64 KB of whitespace is refused."""
    parts = sheet_parts(base_rows(), DATA_SHEET)
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace("\n", "\n" + " " * safety.MAX_PROLOG_BYTES, 1)
    padded = write_parts(tmp_path / "padded.xlsx", parts)

    assert_refused(run("validate", str(padded), "--json", *TODAY), Refused(("xl/workbook.xml", "KB")))


def test_read_only_folder(tmp_path: Path) -> None:
    """A folder the user may not write to: one Chinese error, status 2, input unchanged."""
    source = write_book(tmp_path / "客户登记.xlsx", base_rows())
    before = sha256(source)
    tmp_path.chmod(0o555)
    command = without_file_override([str(REPO / ".venv/bin/leadcheck"), "validate", str(source), *TODAY])
    try:
        completed = subprocess.run(command, capture_output=True, text=True)
    finally:
        tmp_path.chmod(0o755)

    assert completed.returncode == 2
    assert completed.stderr.startswith("错误：无法写入")
    assert "没有写入权限" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert sha256(source) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["客户登记.xlsx"]


def test_no_network(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Validating and merging the golden file opens no socket."""
    def refuse(*arguments: object, **keywords: object) -> None:
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    source = next(case for case in CATALOGUE if case.name == "golden-copy").build(tmp_path)

    assert run("validate", str(source), "--json", *TODAY).exit_code == 0
    assert run("validate", str(source), *TODAY).exit_code == 0
    assert run("merge", str(source), "-o", str(tmp_path / "汇总.xlsx"), *TODAY).exit_code == 0
    assert sys.modules.get("leadcheck.cli") is not None


# Where the openpyxl fallback differs: it reads no .xls, its streaming mode sees no merged
# areas (so the merged rep name counts only for its first row), and its XML parser
# rejects a raw control character that calamine tolerates.
FALLBACK_OUTCOMES = {
    "xls": Refused(("旧版 .xls",)),
    "merged-cells": Verdicts(3, 1, first_row=3, findings=frozenset({(4, "业务员", "missing-field"), (5, "业务员", "missing-field")})),
    "malformed-xml": Refused(("已损坏",)),
}


@pytest.mark.parametrize("case", CATALOGUE, ids=[case.name for case in CATALOGUE])
def test_fallback_reader_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the openpyxl fallback (no calamine wheel): a report or one error line, never a crash.

    Three outcomes differ from calamine's, listed in ``FALLBACK_OUTCOMES``.
    """
    monkeypatch.setattr(reader, "python_calamine", None)
    source = case.build(tmp_path)
    before = sha256(source)
    expected = FALLBACK_OUTCOMES.get(case.name, case.expected)

    result = run("validate", str(source), "--json", *TODAY)

    if isinstance(expected, Refused):
        assert_refused(result, expected)
    else:
        assert_report(result, expected)
    assert sha256(source) == before


def test_merge_open_target(tmp_path: Path) -> None:
    """merge refuses a target that Excel has open, naming the lock file, and writes nothing."""
    source = write_book(tmp_path / "客户登记.xlsx", base_rows())
    (tmp_path / "~$汇总.xlsx").write_text("张伟", encoding="utf-8")
    listing = sorted(path.name for path in tmp_path.iterdir())

    result = run("merge", str(source), "-o", str(tmp_path / "汇总.xlsx"), *TODAY)

    assert_refused(result, Refused(("锁定文件", "~$汇总.xlsx")))
    assert sorted(path.name for path in tmp_path.iterdir()) == listing


def test_merge_target_under_file(tmp_path: Path) -> None:
    source = write_book(tmp_path / "客户登记.xlsx", base_rows())
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")

    result = run("merge", str(source), "-o", str(tmp_path / "not-a-folder" / "汇总.xlsx"), *TODAY)

    assert_refused(result, Refused(("不是文件夹",)))
