"""``leadcheck validate FILE``: check one lead sheet, print a summary, write an annotated copy."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from leadcheck.cli.common import EXIT_INVALID_CUSTOMERS, fail, parse_today
from leadcheck.engine import UNNAMED_REP, VALIDATION_STEPS, MissingColumnsError, validate_rows
from leadcheck.model.config import ConfigError, RuleConfig, config_from_toml
from leadcheck.model.result import QUOTA_TITLES, Result
from leadcheck.report import report_json
from leadcheck.sheets.reader import InputError, SheetData, read_lead_sheet

# Sheets with more rows than this show a progress bar on stderr; smaller ones finish in
# well under a second, where a bar would only flicker.
PROGRESS_MIN_ROWS = 2000


@click.command("validate", help="校验一个客户登记表（.xlsx、.xlsm、.xls、.csv 或 Excel 导出的 Unicode 文本 .txt），并在旁边生成带标记的副本。原文件不会被修改。")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="以 JSON 格式输出校验报告到标准输出；此时只有给出 -o 才生成带标记的副本。")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="带标记副本的保存路径；默认在原文件旁，名为“<原名>.校验.xlsx”（.xlsm 文件为 .校验.xlsm）。")
@click.option("--today", callback=parse_today, metavar="YYYY-MM-DD",
              help="校验日期：晚于此日期的拜访日期和沟通时间视为无效；默认为今天。")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="规则配置文件（TOML）；默认使用工作簿内嵌的规则，没有则用标准规则。")
@click.option("--strict", is_flag=True, help="有无效客户时以退出码 1 结束（用于把关后再合并）。")
@click.help_option("-h", "--help", help="显示本帮助并退出。")
def validate_command(file: Path, as_json: bool, output: Path | None, today: date | None,
                     config_path: Path | None, strict: bool) -> None:
    sheet = _read(file)
    config = _load_config(sheet, config_path)
    result = _validate(sheet, config, today)

    if as_json:
        click.echo(report_json(result, str(file), sheet.sheet_name))
    if output is not None or not as_json:
        target = _write_copy(file, output, sheet, result, config)
        if not as_json:
            _print_summary(result, target)

    invalid = sum(not verdict.valid for verdict in result.customers)
    if strict and invalid:
        click.echo(f"有 {invalid} 个无效客户：按 --strict 以退出码 {EXIT_INVALID_CUSTOMERS} 结束。", err=True)
        sys.exit(EXIT_INVALID_CUSTOMERS)


def _read(file: Path) -> SheetData:
    try:
        return read_lead_sheet(file)
    except InputError as error:
        fail(str(error))


def _load_config(sheet: SheetData, config_path: Path | None) -> RuleConfig:
    """Use an explicit TOML file first, else the workbook's embedded rules, else the standard."""
    try:
        if config_path is not None:
            return config_from_toml(config_path.read_text(encoding="utf-8"))
        if sheet.config_text:
            return config_from_toml(sheet.config_text)
    except ConfigError as error:
        fail(f"规则配置无法使用：{error}")
    return RuleConfig()


def _validate(sheet: SheetData, config: RuleConfig, today: date | None) -> Result:
    try:
        if len(sheet.rows) < PROGRESS_MIN_ROWS:
            return validate_rows(sheet.headers, sheet.rows, config=config, today=today)
        # Imported here because tqdm is only needed for large sheets. disable=None turns
        # the bar off when stderr is not a terminal (logs, pipes).
        from tqdm import tqdm

        with tqdm(total=VALIDATION_STEPS, desc="校验", unit="步", file=sys.stderr, leave=False, disable=None) as bar:
            return validate_rows(sheet.headers, sheet.rows, config=config, today=today, advance=bar.update)
    except MissingColumnsError as error:
        # A text file has no sheets, so its name alone says where the headers are missing.
        where = "" if sheet.path.suffix.lower() in (".csv", ".txt") else f"的“{sheet.sheet_name}”工作表"
        fail(f"文件“{sheet.path.name}”{where}缺少必需的列：{'、'.join(error.missing)}。请按模板补上这些表头后再校验。")


def _write_copy(source: Path, output: Path | None, sheet: SheetData, result: Result, config: RuleConfig) -> Path:
    """Write the annotated copy to ``output``, or beside the source by default, and return its path."""
    # Imported here because `validate --json` writes no copy and need not load openpyxl.
    from leadcheck.commands.annotate import AnnotationError, default_target, write_annotated_copy

    target = output or default_target(source)
    try:
        write_annotated_copy(source, target, sheet, result, config)
    except AnnotationError as error:
        fail(str(error))
    except PermissionError:
        fail(f"无法写入“{target}”：没有写入权限，或文件正在 Excel 中打开。请关闭该文件或用 -o 指定其他位置。")
    except OSError as error:
        fail(f"无法写入“{target}”（系统错误 {error.errno}：{error.strerror or error}）。请用 -o 指定其他位置。")
    return target


def _print_summary(result: Result, target: Path) -> None:
    if not result.customers:
        click.echo("没有客户记录：表头下面还没有填写任何客户。")
    for rep in result.summary:
        click.echo(f"{rep.rep or UNNAMED_REP}：客户 {rep.customers} 个，有效 {rep.valid} 个，无效 {rep.invalid} 个")
        for usage in result.quotas:
            if usage.rep != rep.rep or not usage.used:
                continue
            status = f"，超出 {usage.exceeded} 个" if usage.exceeded else ""
            click.echo(f"  {QUOTA_TITLES[usage.name]}：合格客户 {usage.base} 个，"
                       f"限额 {usage.allowed} 个，占用 {usage.used} 个{status}")
    click.echo(f"带标记的副本已保存到：{target}")
