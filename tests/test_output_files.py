"""Output files as a user finds them: modes, .xls inputs in merges, refusals with reasons."""

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from leadcheck.cli import cli
from leadcheck.model.columns import template_headers
from tests.mergefixtures import GOLDEN
from tests.privileges import without_file_override

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



def test_read_only_master_not_replaced(tmp_path):
    """A master marked read-only is not replaced by --into, even though its folder is writable."""
    source = tmp_path / "李娜.xlsx"
    shutil.copy(GOLDEN, source)
    master = tmp_path / "汇总.xlsx"
    assert CliRunner().invoke(cli, ["merge", str(source), "-o", str(master), "--today", "2026-12-01"]).exit_code == 0
    master.chmod(0o444)
    before = master.read_bytes()

    command = [str(Path(sys.executable).with_name("leadcheck")), "merge", str(source), "--into", str(master)]
    completed = subprocess.run(without_file_override(command), capture_output=True, text=True)

    assert completed.returncode == 2
    assert "是只读文件，合并不会覆盖它" in completed.stderr
    assert master.read_bytes() == before


def test_strict_validate_says_why(tmp_path):
    source = tmp_path / "李娜.xlsx"
    shutil.copy(GOLDEN, source)
    result = CliRunner().invoke(cli, ["validate", str(source), "--strict", "--today", "2026-12-01"])

    assert result.exit_code == 1
    assert "个无效客户：按 --strict 以退出码 1 结束。" in result.output


def test_csv_missing_columns_names_file(tmp_path):
    source = tmp_path / "缺列.csv"
    source.write_text("业务员,拜访日期\n王磊,2026-11-02\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(source), "--json"])

    assert result.exit_code == 2
    assert "文件“缺列.csv”缺少必需的列：" in result.output
    assert "工作表" not in result.output


def test_empty_sheet_says_no_customers(tmp_path):
    source = tmp_path / "空表.csv"
    source.write_text(",".join(template_headers()) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(source), "-o", str(tmp_path / "空表.校验.xlsx")])

    assert result.exit_code == 0, result.output
    assert "没有客户记录" in result.output


def test_click_errors_use_chinese_punctuation(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["validate"])
    absent = runner.invoke(cli, ["merge", str(tmp_path), "--into", str(tmp_path / "无.xlsx")])

    assert missing.exit_code == 2
    assert "缺少参数“文件”。" in missing.output
    assert absent.exit_code == 2
    assert "“--into”的取值无效：文件“" in absent.output
    assert "'" not in missing.output + absent.output


def test_unicode_text_export_read(tmp_path):
    source = tmp_path / "客户.txt"
    headers = template_headers()
    source.write_bytes(("\t".join(headers) + "\r\n").encode("utf-16"))
    result = CliRunner().invoke(cli, ["validate", str(source), "-o", str(tmp_path / "客户.校验.xlsx")])

    assert result.exit_code == 0, result.output
    assert "没有客户记录" in result.output


def test_folder_merge_leaves_out_annotated_copies(tmp_path):
    folder = tmp_path / "本周"
    folder.mkdir()
    shutil.copy(GOLDEN, folder / "张伟.xlsx")
    runner = CliRunner()
    assert runner.invoke(cli, ["validate", str(folder / "张伟.xlsx"), "--today", "2026-12-01"]).exit_code == 0
    result = runner.invoke(cli, ["merge", str(folder), "-o", str(tmp_path / "汇总.xlsx"), "--today", "2026-12-01"])

    assert result.exit_code == 0, result.output
    assert "张伟.校验.xlsx" not in result.output
    assert "合计：输入 41 行，输出 41 行" in result.output
