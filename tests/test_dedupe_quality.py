"""Precision and recall of duplicate grouping on generated names with planted duplicates.

The generated set contains spellings of one unit (place prefix, legal form, brackets, spaces,
a doubled character) and hard non-duplicates (富鑫/富辰, 第一/第二, 东海/光明 as trade names).
"""

from __future__ import annotations

from leadcheck.merge.dedupe import DUPLICATE, REVIEW, UnitRecord, find_duplicate_groups
from tests.mergefixtures import (
    generate_names, plain_threshold_pairs, precision_recall, predicted_pairs, true_pairs,
)

NAME_COUNT = 3000


def _measure():
    names = generate_names(NAME_COUNT, seed=11)
    records = [UnitRecord(index, item.name, address=item.address) for index, item in enumerate(names)]
    groups = find_duplicate_groups(records)
    return names, true_pairs(names), groups


def test_duplicates_precise_and_complete():
    names, expected, groups = _measure()
    merged = predicted_pairs(groups, DUPLICATE)
    review = predicted_pairs(groups, REVIEW)

    precision, _ = precision_recall(merged, expected)
    _, recall_with_review = precision_recall(merged | review, expected)
    assert len(expected) > 300
    assert precision >= 0.95
    assert recall_with_review >= 0.99


def test_automatic_merge_misses_only_typos():
    names, expected, groups = _measure()
    _, recall = precision_recall(predicted_pairs(groups, DUPLICATE), expected)
    assert recall >= 0.9


def test_plain_threshold_is_imprecise():
    names, expected, _ = _measure()
    precision, _ = precision_recall(plain_threshold_pairs(names, 80), expected)
    assert precision < 0.2


def test_hard_non_duplicates_generated():
    names = generate_names(NAME_COUNT, seed=11)
    texts = " ".join(item.name for item in names)
    assert "第一建筑工程" in texts or "第1建筑工程" in texts
    assert "光明" in texts
    assert "东海" in texts
