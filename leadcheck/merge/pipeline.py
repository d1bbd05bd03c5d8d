"""One merge run: read the inputs, merge them (into a master if given), validate, write.

Nothing is lost: the merged sheet contains the master's rows plus every added row, and
``MergeOutcome`` carries the counts that prove it. The run stops with ``MergeError`` on
the first unreadable input unless ``skip_bad`` is set, in which case it lists it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Sequence

from leadcheck.engine import MissingColumnsError, missing_columns, summarize, validate_rows
from leadcheck.merge.dedupe import DUPLICATE, DuplicateGroup, UnitRecord, find_duplicate_groups
from leadcheck.merge.master import FileCounts, Master, RowMerger, read_master
from leadcheck.merge.merge import (
    SOURCE_FILE_HEADER, SOURCE_HEADERS, SOURCE_ROW_HEADER, MergedRow, canonical_header, collect_inputs,
    file_digest, merged_rows, source_sheet, table_values, union_headers,
)
from leadcheck.merge.output import MergedBook, write_merged_book
from leadcheck.model.columns import ColumnMap
from leadcheck.model.config import DEFAULT_CONFIG, RuleConfig, config_from_toml
from leadcheck.model.findings import make_finding
from leadcheck.model.result import Result
from leadcheck.sheets.errors import InputError
from leadcheck.sheets.reader import SheetData, read_lead_sheet
from leadcheck.values import normalize_text

# Status of one input file in the run.
MERGED = "merged"
ALREADY_MERGED = "already-merged"
SKIPPED = "skipped"
REJECTED = "rejected"


class MergeError(Exception):
    """A merge that cannot go on; ``str(error)`` is one Chinese sentence naming the cause."""


class NothingToMergeError(MergeError):
    """Every input was skipped or rejected; ``reports`` gives the reason for each file."""

    def __init__(self, message: str, reports: list[FileReport]) -> None:
        super().__init__(message)
        self.reports = reports


@dataclass
class MergeOptions:
    """How to merge: the master to merge into, and how strictly to treat inputs."""

    into: Path | None = None
    skip_bad: bool = False
    strict: bool = False
    config: RuleConfig | None = None
    today: date | None = None


@dataclass
class FileReport:
    """The result for one input: its status, row counts and verdicts, or why it was left out."""

    path: Path
    status: str
    counts: FileCounts = field(default_factory=FileCounts)
    valid: int = 0
    invalid: int = 0
    reason: str = ""
    invalid_rows: list[int] = field(default_factory=list)


@dataclass
class MergeOutcome:
    """The run's result: per-file reports, the written book and the row totals."""

    files: list[FileReport]
    book: MergedBook
    previous_rows: int
    target: Path

    @property
    def rows_read(self) -> int:
        return sum(report.counts.read for report in self.files if report.status in (MERGED, ALREADY_MERGED))

    @property
    def output_rows(self) -> int:
        return len(self.book.rows)


def run_merge(
    inputs: Iterable[Path], target: Path, options: MergeOptions,
    progress: Callable[[Sequence[Path]], Iterable[Path]] = iter,
) -> MergeOutcome:
    """Merge ``inputs`` (files or folders) and write the merged workbook to ``target``.

    ``progress`` wraps the list of files, so the CLI can show a bar. Raises
    ``MergeError`` for an unreadable input (without ``skip_bad``), for no inputs at all,
    and for a master that is not a merged workbook.
    """
    excluded = [target] + ([options.into] if options.into else [])
    paths = collect_inputs(inputs, exclude=excluded)
    if not paths:
        raise MergeError("没有找到可合并的文件：请给出 .xlsx、.xlsm、.xls 或 .csv 文件，或包含它们的文件夹。")
    master = _read_master(options.into)
    merger = RowMerger(master.rows)
    digests = master.digests
    reports: list[FileReport] = []
    headers = [master.headers]
    configs: list[str] = []

    # Read each file, then merge its rows unless it was merged before or is rejected.
    named = {Path(argument).resolve() for argument in inputs if not Path(argument).is_dir()}
    for path in progress(paths):
        report, sheet = _read_input(path, options)
        reports.append(report)
        if sheet is None or _skip_incomplete(report, sheet, options):
            continue
        if path.resolve() not in named and _is_merged_book(sheet):
            report.status = SKIPPED
            report.reason = "这是合并生成的汇总表，它的行来自各业务员的文件；要在它的基础上追加，请用 --into"
            continue
        digest = file_digest(path)
        source = source_sheet(path, sheet, digest)
        report.counts.read = len(source.rows)
        if digest in digests:
            report.status = ALREADY_MERGED
            report.counts.unchanged = len(source.rows)
            report.counts.positions = merger.locate(merged_rows(source))
            continue
        if options.strict and _reject_invalid(report, sheet, options):
            continue
        digests.add(digest)
        headers.append(source.headers)
        configs.append(sheet.config_text or "")
        report.counts = merger.merge(merged_rows(source))

    rows = merger.rows
    _check_row_count(master, reports, rows)
    if not rows:
        raise NothingToMergeError("没有可合并的行：所有输入文件都被跳过或拒绝，未写入任何文件。", reports)
    all_headers = union_headers(headers) + list(SOURCE_HEADERS)
    config = options.config or _common_config(configs)
    book = _validate(all_headers, rows, config, options.today)
    _count_verdicts(reports, book)
    write_merged_book(book, target)
    return MergeOutcome(reports, book, len(master.rows), target)


def _read_master(path: Path | None) -> Master:
    if path is None:
        return Master([], [])
    try:
        return read_master(path)
    except InputError as error:
        raise MergeError(f"汇总表无法使用：{error}") from error


def _read_input(path: Path, options: MergeOptions) -> tuple[FileReport, SheetData | None]:
    try:
        return FileReport(path, MERGED), read_lead_sheet(path)
    except InputError as error:
        if not options.skip_bad:
            raise MergeError(f"{error}（合并已停止；加 --skip-bad 可跳过无法读取的文件）") from error
        return FileReport(path, SKIPPED, reason=str(error)), None


def _is_merged_book(sheet: SheetData) -> bool:
    """Tell whether a sheet was written by merge: it has the 来源文件 and 来源行 columns.

    Only files found in a folder are tested. An earlier merged workbook often lies in the
    reps' folder, and its rows would be counted a second time as input.
    """
    headers = {canonical_header(header) for header in sheet.headers}
    return SOURCE_FILE_HEADER in headers and SOURCE_ROW_HEADER in headers


def _skip_incomplete(report: FileReport, sheet: SheetData, options: MergeOptions) -> bool:
    """Stop the merge, or skip the file with ``--skip-bad``, when it lacks required headers.

    Its rows would all be invalid, and their blank unit names would pair them with other
    units through their phones. ``--strict`` rejects such a file instead (see below).
    """
    if options.strict:
        return False
    config = options.config or _embedded_config(sheet.config_text or "")
    missing = missing_columns(ColumnMap.from_headers(list(sheet.headers)), config)
    if not missing:
        return False
    reason = f"缺少必需的列：{'、'.join(missing)}"
    if not options.skip_bad:
        raise MergeError(
            f"文件“{sheet.path.name}”{reason}。合并已停止：请按模板补上这些表头，或加 --skip-bad 跳过此文件。"
        )
    report.status, report.reason = SKIPPED, reason
    return True


def _reject_invalid(report: FileReport, sheet: SheetData, options: MergeOptions) -> bool:
    """Judge a file on its own for ``--strict``; return whether it is rejected.

    quota-exceeded does not count here, because quotas are defined over all of a rep's
    rows in the merge, and one file alone may hold too few rows for any slot.
    """
    config = options.config or _embedded_config(sheet.config_text or "")
    try:
        result = validate_rows(sheet.headers, sheet.rows, config, options.today)
    except MissingColumnsError as error:
        report.status, report.reason = REJECTED, f"缺少必需的列：{'、'.join(error.missing)}"
        return True
    invalid = sorted({
        finding.row for finding in result.findings if finding.is_error and finding.code != "quota-exceeded"
    })
    if invalid:
        report.status, report.invalid_rows = REJECTED, invalid
        report.reason = f"有 {len(invalid)} 个无效客户（第 {'、'.join(map(str, invalid))} 行）"
    return bool(invalid)


def _embedded_config(text: str) -> RuleConfig:
    return config_from_toml(text) if text else DEFAULT_CONFIG


def _common_config(texts: list[str]) -> RuleConfig:
    """Use the rules embedded in the inputs when they agree, else the standard.

    NOTE: inputs made from different template versions are judged by the standard then,
    not each by its own rules, because quotas need one rule set over all rows.
    """
    distinct = set(texts)
    return _embedded_config(distinct.pop()) if len(distinct) == 1 else DEFAULT_CONFIG


def _check_row_count(master: Master, reports: list[FileReport], rows: list[MergedRow]) -> None:
    added = sum(report.counts.added for report in reports if report.status == MERGED)
    if len(rows) != len(master.rows) + added:
        raise MergeError(
            f"行数核对失败：汇总表原有 {len(master.rows)} 行，新增 {added} 行，合并后却有 {len(rows)} 行。"
            "未写入任何文件，请报告此问题。"
        )


def _validate(headers: list[str], rows: list[MergedRow], config: RuleConfig, today: date | None) -> MergedBook:
    """Validate the merged table as one sheet, then add the fuzzy duplicate groups."""
    table = list(enumerate(table_values(headers, rows), start=2))
    try:
        result = validate_rows(headers, table, config, today)
    except MissingColumnsError as error:
        raise MergeError(f"合并后的表仍缺少必需的列：{'、'.join(error.missing)}。请检查输入文件的表头。") from error
    groups = find_duplicate_groups(_unit_records(rows, result))
    return MergedBook(headers, rows, _with_duplicate_findings(result, groups), groups, config)


def _unit_records(rows: list[MergedRow], result: Result) -> list[UnitRecord]:
    dates = {verdict.row: verdict.visit_date for verdict in result.customers}
    records = []
    for merged_row, row in enumerate(rows, start=2):
        phones = tuple(
            value for header, value in row.values.items() if header.endswith("-电话") and value is not None
        )
        records.append(UnitRecord(
            merged_row, normalize_text(row.values.get("单位名称")), normalize_text(row.values.get("业务员")),
            dates.get(merged_row), normalize_text(row.values.get("地址")), phones,
        ))
    return records


def _with_duplicate_findings(result: Result, groups: list[DuplicateGroup]) -> Result:
    """Add duplicate-customer to rows of a fuzzy duplicate group that the engine left out."""
    flagged = {finding.row for finding in result.findings if finding.code == "duplicate-customer"}
    verdicts = {verdict.row: verdict for verdict in result.customers}
    extra = []
    for group in groups:
        if group.kind != DUPLICATE:
            continue
        for key in group.keys:
            if key in flagged:
                continue
            other = group.first_claim if key != group.first_claim else group.keys[1]
            same_rep = verdicts[other].rep == verdicts[key].rep
            extra.append(make_finding(
                key, "单位名称", "duplicate-customer", verdicts[key].unit,
                other_row=other, other="" if same_rep else f"（业务员 {verdicts[other].rep}）",
            ))
    if not extra:
        return result
    findings = sorted(result.findings + extra, key=lambda finding: finding.row)
    return Result(result.columns, findings, result.customers, result.quotas, summarize(result.customers, findings))


def _count_verdicts(reports: list[FileReport], book: MergedBook) -> None:
    # A file's rows are counted where they sit in the output: added, updated, or already
    # there from an earlier merge of this or an older version of the file.
    valid = {verdict.row: verdict.valid for verdict in book.result.customers}
    for report in reports:
        if report.status in (MERGED, ALREADY_MERGED):
            verdicts = [valid[position + 2] for position in set(report.counts.positions)]
            report.valid = sum(verdicts)
            report.invalid = len(verdicts) - report.valid
