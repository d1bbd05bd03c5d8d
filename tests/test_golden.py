"""The public golden file: every row gets exactly the expected verdict through the CLI."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from leadcheck.cli import cli

# The shared cases folder beside the repository is the reference; tests/golden holds a
# copy of the public case so that a clone on its own still runs this test.
SHARED_CASES = Path(__file__).resolve().parents[2] / "shared" / "cases"
CASES = SHARED_CASES if (SHARED_CASES / "leads-public.xlsx").exists() else Path(__file__).parent / "golden"
GOLDEN = CASES / "leads-public.xlsx"
EXPECTED = CASES / "leads-public.expected.json"


@pytest.fixture(scope="module")
def golden_report(tmp_path_factory):
    copy = tmp_path_factory.mktemp("golden") / GOLDEN.name
    shutil.copyfile(GOLDEN, copy)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()

    result = CliRunner().invoke(cli, ["validate", str(copy), "--json", "--today", "2026-12-01"])

    assert result.exit_code == 0, result.output
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
    return {customer["row"]: customer for customer in json.loads(result.stdout)["customers"]}


def _expected_cases():
    return json.loads(EXPECTED.read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", _expected_cases(), ids=lambda case: case["id"])
def test_golden_row(golden_report, case):
    customer = golden_report[case["row"]]
    errors = {finding["code"] for finding in customer["findings"] if finding["level"] == "error"}
    warnings = {finding["code"] for finding in customer["findings"] if finding["level"] == "warning"}

    assert customer["valid"] is case["valid"]
    assert errors == set(case["errors"])
    assert warnings >= set(case["warnings"])


def test_golden_covers_every_row(golden_report):
    assert sorted(golden_report) == [case["row"] for case in _expected_cases()]
