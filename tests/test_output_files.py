"""Output files as a user finds them: modes, .xls inputs in merges, refusals with reasons."""

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from leadcheck.cli import cli

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "示例客户登记.xlsx"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_annotated_copy_mode_follows_umask(tmp_path, umask_022):
    source = tmp_path / "登记.xlsx"
    shutil.copyfile(EXAMPLE, source)
    result = CliRunner().invoke(cli, ["validate", str(source), "--today", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert _mode(tmp_path / "登记.校验.xlsx") == 0o644


def test_merge_into_keeps_master_mode(tmp_path, umask_022):
    folder = tmp_path / "本周"
    folder.mkdir()
    shutil.copyfile(EXAMPLE, folder / "王磊.xlsx")
    master = tmp_path / "汇总.xlsx"
    runner = CliRunner()
    assert runner.invoke(cli, ["merge", str(folder), "-o", str(master), "--today", "2026-12-01"]).exit_code == 0
    assert _mode(master) == 0o644

    master.chmod(0o664)
    result = runner.invoke(cli, ["merge", str(folder), "--into", str(master), "--today", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert _mode(master) == 0o664


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed to write an .xls file")
def test_merge_folder_reads_xls(tmp_path):
    folder = tmp_path / "本周"
    folder.mkdir()
    subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", str(folder), str(EXAMPLE)],
                   check=True, capture_output=True, timeout=180)
    target = tmp_path / "汇总.xlsx"
    result = CliRunner().invoke(cli, ["merge", str(folder), "-o", str(target), "--today", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "示例客户登记.xls：读取 20 行" in result.output
    assert "输入 20 行，输出 20 行" in result.output


def test_strict_rejecting_every_file_names_them(tmp_path):
    folder = tmp_path / "本周"
    folder.mkdir()
    shutil.copyfile(EXAMPLE, folder / "王磊.xlsx")
    target = tmp_path / "汇总.xlsx"
    result = CliRunner().invoke(cli, ["merge", str(folder), "-o", str(target), "--strict", "--today", "2026-12-01"])
    assert result.exit_code == 1
    assert "已拒绝 王磊.xlsx" in result.output
    assert not target.exists()
