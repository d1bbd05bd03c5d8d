"""The 校验汇总 sheet: per-rep counts, quota usage, the 重要程度 pipeline and a bar chart.

The sheet is one block of values written at A1, so a live back end writes it in one call.
Four tables follow each other, each under a bold label and separated by a blank row:

1. per rep: 客户数, 有效, 无效, and a 合计 row;
2. findings per rule code: one row per code that occurs (errors and warnings alike), one
   column per rep, and a 合计 column; codes are rows so the sheet stays narrow;
3. quota usage per rep and quota: 基数 (eligible customers), 允许, 已用, 超出;
4. the 重要程度 pipeline per rep, one column per category.

The chart of valid vs invalid per rep sits to the right of the tables and reads the first
table, without its 合计 row.
"""

from __future__ import annotations

from dataclasses import dataclass

from leadcheck.model.codes import CODES, ERROR, WARNING
from leadcheck.model.config import DEFAULT_CONFIG, RuleConfig
from leadcheck.model.result import Q_DEPT, Q_NAME, Result
from leadcheck.sheets.workbook import ChartSpec, SheetLayout

TITLE = "校验汇总"
REP_HEADERS = ("业务员", "客户数", "有效", "无效")
QUOTA_HEADERS = ("业务员", "限额", "合格客户数", "允许", "已用", "超出")
TOTAL_LABEL = "合计"
REP_LABEL = "一、各业务员客户数"
CODE_LABEL = "二、问题分布（每行一条规则，数的是问题个数，一个客户可有多个问题；提醒也计数，但不影响有效）"
CODE_HEADERS = ("问题", "级别")
LEVEL_TITLES = {ERROR: "错误", WARNING: "提醒"}
QUOTA_LABEL = (
    "三、比例限额（部门不足例外：备注说明原因的客户；称谓代替姓名：有联系人以“姓+职务”代替姓名的客户。"
    "每种限额为合格客户数的 {percent}%，向下取整；合格客户指比例限额之前没有错误的客户）"
)
PIPELINE_LABEL = "四、重要程度分布"
CHART_TITLE = "各业务员有效 / 无效客户数"

# The chart's top edge: level with the first table, below the title and explanation.
CHART_ROW = 4

# Column widths in characters: column A fits a rule title such as 小型设计院缺院长信息,
# the others a count or a short header.
REP_COLUMN_WIDTH = 22
COUNT_COLUMN_WIDTH = 12
# Column B also contains the short quota titles below. A wider column B would leave each
# right-aligned count far from its left-aligned header.
QUOTA_COLUMN_WIDTH = 14

# Quota titles short enough for column B; the table label explains both quotas.
QUOTA_SHORT_TITLES = {Q_DEPT: "部门不足例外", Q_NAME: "称谓代替姓名"}


@dataclass(frozen=True, slots=True)
class SummarySheet:
    """Everything a back end needs to write the sheet: values, emphasis and the chart."""

    block: list[list[object]]
    layout: SheetLayout
    chart: ChartSpec
    # 1-based rows of each table's header, for readers that check the numbers.
    rep_header_row: int
    code_header_row: int
    quota_header_row: int
    pipeline_header_row: int


def build_summary(result: Result, config: RuleConfig = DEFAULT_CONFIG, source: str = "") -> SummarySheet:
    """Lay out the summary of ``result``; ``source`` names the validated file in the title."""
    block: list[list[object]] = [
        [TITLE + (f"：{source}" if source else "")],
        ["有效 = 满足全部条件的客户；问题按规则分列计数，数的是问题个数而不是客户个数（提醒也计数，但不影响有效）。"],
        [],
    ]

    # Table 1: customers, valid and invalid per rep, with a total row.
    block.append([REP_LABEL])
    rep_header_row = len(block) + 1
    block.append(list(REP_HEADERS))
    for rep in result.summary:
        block.append([rep.rep, rep.customers, rep.valid, rep.invalid])
    block.append([
        TOTAL_LABEL,
        sum(rep.customers for rep in result.summary),
        sum(rep.valid for rep in result.summary),
        sum(rep.invalid for rep in result.summary),
    ])
    last_rep_row = len(block) - 1
    block.append([])

    # Table 2: findings per rule code (rows) and rep (columns), codes in catalogue order.
    codes = [code for code in CODES if any(rep.codes.get(code) for rep in result.summary)]
    block.append([CODE_LABEL])
    code_header_row = len(block) + 1
    block.append([*CODE_HEADERS, *(rep.rep for rep in result.summary), TOTAL_LABEL])
    for code in codes:
        counts = [rep.codes.get(code, 0) for rep in result.summary]
        level = LEVEL_TITLES.get(CODES[code].level, CODES[code].level)
        block.append([CODES[code].title, level, *counts, sum(counts)])
    block.append([])

    # Table 3: quota usage.
    block.append([QUOTA_LABEL.format(percent=config.quota_percent)])
    quota_header_row = len(block) + 1
    block.append(list(QUOTA_HEADERS))
    for usage in result.quotas:
        block.append([usage.rep, QUOTA_SHORT_TITLES.get(usage.name, usage.name), usage.base, usage.allowed, usage.used, usage.exceeded])
    block.append([])

    # Table 4: the 重要程度 pipeline, template categories first, anything else after them.
    categories = list(config.importance_levels)
    for rep in result.summary:
        categories.extend(name for name in rep.pipeline if name not in categories)
    block.append([PIPELINE_LABEL])
    pipeline_header_row = len(block) + 1
    block.append(["业务员", *categories])
    for rep in result.summary:
        block.append([rep.rep, *(rep.pipeline.get(name, 0) for name in categories)])

    width = max(len(values) for values in block)
    chart = ChartSpec(
        title=CHART_TITLE,
        header_row=rep_header_row,
        first_row=rep_header_row + 1,
        last_row=max(last_rep_row, rep_header_row + 1),
        categories_column=1,
        series_columns=(3, 4),
        anchor_row=CHART_ROW,
        anchor_column=width + 2,
    )
    layout = SheetLayout(
        bold_rows=(
            1, rep_header_row - 1, rep_header_row, last_rep_row + 1, code_header_row - 1, code_header_row,
            quota_header_row - 1, quota_header_row, pipeline_header_row - 1, pipeline_header_row,
        ),
        column_widths=(
            (1, REP_COLUMN_WIDTH),
            (2, QUOTA_COLUMN_WIDTH),
            *((column, COUNT_COLUMN_WIDTH) for column in range(3, width + 1)),
        ),
    )
    return SummarySheet(
        block=[values + [None] * (width - len(values)) for values in block],
        layout=layout,
        chart=chart,
        rep_header_row=rep_header_row,
        code_header_row=code_header_row,
        quota_header_row=quota_header_row,
        pipeline_header_row=pipeline_header_row,
    )
