"""The 校验汇总 sheet: per-rep counts, quota usage, the 重要程度 pipeline and a bar chart.

The sheet is one block of values written at A1, so a live back end writes it in one call.
Three tables follow each other, separated by a blank row:

1. per rep: 客户数, 有效, 无效, then one column per rule code that occurs (error and
   warning findings counted separately by code), and a 合计 row;
2. quota usage per rep and quota: 基数 (eligible customers), 允许, 已用, 超出;
3. the 重要程度 pipeline per rep, one column per category.

The chart of valid vs invalid per rep sits to the right of the tables and reads the first
table, without its 合计 row.
"""

from __future__ import annotations

from dataclasses import dataclass

from leadcheck.model.codes import CODES
from leadcheck.model.config import DEFAULT_CONFIG, RuleConfig
from leadcheck.model.result import QUOTA_TITLES, Result
from leadcheck.sheets.workbook import ChartSpec, SheetLayout

TITLE = "校验汇总"
REP_HEADERS = ("业务员", "客户数", "有效", "无效")
QUOTA_HEADERS = ("业务员", "限额", "基数（合格客户）", "允许", "已用", "超出")
TOTAL_LABEL = "合计"
REP_LABEL = "一、各业务员客户数与问题分布"
QUOTA_LABEL = "二、比例限额（每种限额为合格客户数的 {percent}%，向下取整）"
PIPELINE_LABEL = "三、重要程度分布"
CHART_TITLE = "各业务员有效 / 无效客户数"

# The chart's top edge: level with the first table, below the title and explanation.
CHART_ROW = 4

# Column widths in characters: the rep column fits a name or 合计, the others a title.
REP_COLUMN_WIDTH = 14
COUNT_COLUMN_WIDTH = 12


@dataclass(frozen=True, slots=True)
class SummarySheet:
    """Everything a back end needs to write the sheet: values, emphasis and the chart."""

    block: list[list[object]]
    layout: SheetLayout
    chart: ChartSpec
    # 1-based rows of each table's header, for readers that check the numbers.
    rep_header_row: int
    quota_header_row: int
    pipeline_header_row: int


def build_summary(result: Result, config: RuleConfig = DEFAULT_CONFIG, source: str = "") -> SummarySheet:
    """Lay out the summary of ``result``; ``source`` names the validated file in the title."""
    block: list[list[object]] = [
        [TITLE + (f"：{source}" if source else "")],
        ["有效 = 满足全部条件的客户；无效原因按规则分列计数（警告也计数，但不影响有效）。"],
        [],
    ]

    # Table 1: customers, valid, invalid and findings per rule code, per rep.
    codes = [code for code in CODES if any(rep.codes.get(code) for rep in result.summary)]
    block.append([REP_LABEL])
    rep_header_row = len(block) + 1
    block.append([*REP_HEADERS, *(CODES[code].title for code in codes)])
    for rep in result.summary:
        block.append([rep.rep, rep.customers, rep.valid, rep.invalid, *(rep.codes.get(code, 0) for code in codes)])
    block.append([
        TOTAL_LABEL,
        sum(rep.customers for rep in result.summary),
        sum(rep.valid for rep in result.summary),
        sum(rep.invalid for rep in result.summary),
        *(sum(rep.codes.get(code, 0) for rep in result.summary) for code in codes),
    ])
    last_rep_row = len(block) - 1
    block.append([])

    # Table 2: quota usage.
    block.append([QUOTA_LABEL.format(percent=config.quota_percent)])
    quota_header_row = len(block) + 1
    block.append(list(QUOTA_HEADERS))
    for usage in result.quotas:
        title = QUOTA_TITLES.get(usage.name, usage.name)
        block.append([usage.rep, f"{usage.name} {title}", usage.base, usage.allowed, usage.used, usage.exceeded])
    block.append([])

    # Table 3: the 重要程度 pipeline, template categories first, anything else after them.
    categories = list(config.importance_levels)
    for rep in result.summary:
        categories.extend(name for name in rep.pipeline if name not in categories)
    pipeline_header_row = len(block) + 1
    block.append([PIPELINE_LABEL])
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
            1, rep_header_row - 1, rep_header_row, last_rep_row + 1,
            quota_header_row - 1, quota_header_row, pipeline_header_row - 1, pipeline_header_row,
        ),
        column_widths=((1, REP_COLUMN_WIDTH), *((column, COUNT_COLUMN_WIDTH) for column in range(2, width + 1))),
    )
    return SummarySheet(
        block=[values + [None] * (width - len(values)) for values in block],
        layout=layout,
        chart=chart,
        rep_header_row=rep_header_row,
        quota_header_row=quota_header_row,
        pipeline_header_row=pipeline_header_row,
    )
