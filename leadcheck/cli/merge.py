"""``leadcheck merge FILE_OR_DIR… -o 汇总.xlsx``: merge reps' sheets into one checked workbook.

Exit status: 0 when the merged workbook was written, 1 when ``--strict`` rejected a file
(the others are still merged; nothing is written when all are rejected), 2 when nothing
was written for any other reason.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from leadcheck.cli.common import EXIT_INVALID_CUSTOMERS, fail, parse_today
from leadcheck.merge.dedupe import DUPLICATE, REVIEW, SHARED_PHONE
from leadcheck.merge.output import OutputError
from leadcheck.merge.pipeline import (
    ALREADY_MERGED, REJECTED, SKIPPED, FileReport, MergeError, MergeOptions, MergeOutcome, NothingToMergeError,
    run_merge,
)
from leadcheck.model.config import ConfigError, config_from_toml


@click.command("merge", help="合并多个业务员的客户登记表，统一校验，并列出重复客户（撞单）。")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="合并结果的保存路径（.xlsx）；与 --into 同用时另存到此处，不改动原汇总表。")
@click.option("--into", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="已有的汇总表（.xlsx）：只追加新行，已合并过的行不重复加入；业务员和单位未变、只改了其他内容的行就地更新（单位名称改了则作为新行加入）。")
@click.option("--skip-bad", is_flag=True, help="跳过无法读取的文件并列出它们；默认遇到这类文件就停止合并。")
@click.option("--strict", is_flag=True, help="拒绝合并含无效客户的文件并列出其无效行，其余文件照常合并。")
@click.option("--today", callback=parse_today, metavar="YYYY-MM-DD",
              help="校验日期：晚于此日期的拜访日期和沟通时间视为无效；默认为今天。")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="规则配置文件（TOML）；默认使用输入文件内嵌的规则（各文件一致时），否则用标准规则。")
@click.help_option("-h", "--help")
def merge_command(inputs, output, into, skip_bad, strict, today, config_path) -> None:
    target = output or into
    if target is None:
        fail("请用 -o 指定合并结果的保存路径，或用 --into 指定已有的汇总表。")
    try:
        config = config_from_toml(config_path.read_text(encoding="utf-8")) if config_path else None
        options = MergeOptions(into=into, skip_bad=skip_bad, strict=strict, config=config, today=today)
        outcome = run_merge(inputs, target, options, progress=_progress_bar)
    except NothingToMergeError as error:
        _refuse_all(error)
    except (MergeError, ConfigError, OutputError) as error:
        fail(str(error))
    except PermissionError:
        fail(f"无法写入“{target}”：没有写入权限，或文件正在 Excel 中打开。请关闭该文件或换一个输出路径。")
    except OSError as error:
        fail(f"无法写入“{target}”（系统错误 {error.errno}：{error.strerror or error}）。请换一个输出路径。")

    _print_outcome(outcome)
    if any(report.status == REJECTED for report in outcome.files):
        sys.exit(EXIT_INVALID_CUSTOMERS)


def _refuse_all(error: NothingToMergeError) -> None:
    """Print why each file was left out; exit 1 when --strict rejected them, else 2."""
    for report in error.reports:
        click.echo(_file_line(report))
    if any(report.status == REJECTED for report in error.reports):
        click.echo(f"错误：{error}", err=True)
        sys.exit(EXIT_INVALID_CUSTOMERS)
    fail(str(error))


def _progress_bar(paths):
    # disable=None turns the bar off when stderr is not a terminal (logs, pipes).
    return tqdm(paths, desc="读取", unit="个文件", file=sys.stderr, leave=False, disable=None)


def _print_outcome(outcome: MergeOutcome) -> None:
    for report in outcome.files:
        click.echo(_file_line(report))

    groups = outcome.book.groups
    counts = {kind: sum(1 for group in groups if group.kind == kind) for kind in (DUPLICATE, REVIEW, SHARED_PHONE)}
    click.echo(f"重复客户：{counts[DUPLICATE]} 组，疑似重复待核对：{counts[REVIEW]} 组，"
               f"不同单位共用电话：{counts[SHARED_PHONE]} 组（见“重复客户”工作表）")

    added = sum(report.counts.added for report in outcome.files)
    if outcome.previous_rows:
        click.echo(f"合计：读取 {outcome.rows_read} 行；汇总表原有 {outcome.previous_rows} 行 + 新增 {added} 行 "
                   f"= 输出 {outcome.output_rows} 行")
    else:
        click.echo(f"合计：输入 {outcome.rows_read} 行，输出 {outcome.output_rows} 行")
    click.echo(f"合并结果已保存到：{outcome.target}")


def _file_line(report: FileReport) -> str:
    name = report.path.name
    if report.status == SKIPPED:
        return f"已跳过 {name}：{report.reason}"
    if report.status == REJECTED:
        return f"已拒绝 {name}：{report.reason}。请退回业务员修改后再合并。"
    counts = report.counts
    line = f"{name}：读取 {counts.read} 行，有效 {report.valid}，无效 {report.invalid}"
    if report.status == ALREADY_MERGED:
        return line + "（此文件已合并过，未重复加入）"
    if counts.updated or counts.unchanged:
        line += f"；新增 {counts.added}，更新 {counts.updated}，已在汇总表中 {counts.unchanged}"
    return line

