"""RowMerger: rows added, updated in place or unchanged, file by file."""

from datetime import datetime

from leadcheck.merge.master import RowMerger
from leadcheck.merge.merge import MergedRow, content_hash


def merged(file: str, row: int, **values: object) -> MergedRow:
    cells = {"业务员": "王磊", "单位名称": "杭州市鼎元建筑设计研究院有限公司", "拜访日期": datetime(2026, 11, 2), **values}
    return MergedRow(file, file + "-digest", row, cells, content_hash(cells))


def test_two_rows_of_one_file_both_added():
    merger = RowMerger([])
    counts = merger.merge([merged("甲.xlsx", 2, 备注="上午"), merged("甲.xlsx", 3, 备注="下午")])
    assert (counts.added, counts.updated) == (2, 0)
    assert len(merger.rows) == 2


def test_edit_in_later_file_updates_in_place():
    merger = RowMerger([])
    merger.merge([merged("甲.xlsx", 2, 备注="初次拜访")])
    counts = merger.merge([merged("甲.xlsx", 2, 备注="已约演示")])
    assert (counts.added, counts.updated, counts.updated_rows) == (0, 1, [1])
    assert merger.rows[0].values["备注"] == "已约演示"


def test_same_content_counts_unchanged():
    merger = RowMerger([merged("甲.xlsx", 2)])
    counts = merger.merge([merged("乙.xlsx", 7)])
    assert (counts.unchanged, counts.added) == (1, 0)


def test_replaced_version_no_longer_unchanged():
    merger = RowMerger([])
    merger.merge([merged("甲.xlsx", 2, 备注="初次拜访")])
    merger.merge([merged("甲.xlsx", 2, 备注="已约演示")])
    counts = merger.merge([merged("甲.xlsx", 2, 备注="初次拜访")])
    assert counts.unchanged == 0
    assert counts.updated == 1
    assert [row.values["备注"] for row in merger.rows] == ["初次拜访"]
