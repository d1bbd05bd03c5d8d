"""Unit-name normalisation and duplicate grouping, as tables of names and expected parts."""

from __future__ import annotations

from datetime import datetime

import pytest

from leadcheck.merge.dedupe import (
    DUPLICATE, REVIEW, SHARED_PHONE, UnitRecord, find_duplicate_groups, phone_numbers,
)
from leadcheck.merge.names import parse_unit_name

# (name as written, city, district, core)
NAME_CASES = [
    ("浙江省杭州市城建设计研究院有限公司", "杭州", "", "城建设计院"),
    ("杭州城建设计院", "杭州", "", "城建设计院"),
    ("杭州市城建设计院（有限公司）", "杭州", "", "城建设计院"),
    ("杭州 市城建设计研究院 有限责任公司", "杭州", "", "城建设计院"),
    ("上海市富鑫网络科技股份有限公司", "上海", "", "富鑫网络科技"),
    ("杭州市西湖设计研究院有限公司", "杭州", "", "西湖设计院"),
    ("杭州市西湖区城建设计院", "杭州", "西湖区", "城建设计院"),
    ("上海市浦东新区光明食品公司", "上海", "浦东新区", "光明食品"),
    ("深圳市光明网络科技有限公司", "深圳", "", "光明网络科技"),
    ("东海县东海科技有限公司", "", "东海县", "东海科技"),
    ("浙江省建筑设计研究院", "", "", "浙江建筑设计院"),
    ("浙江建筑设计研究院有限公司", "", "", "浙江建筑设计院"),
    ("宁波市余姚市第一建筑公司", "宁波", "", "第1建筑"),
    ("杭州市华新市政工程有限公司", "杭州", "", "华新市政工程"),
    ("杭州市工业园区管委会", "杭州", "", "工业园区管委会"),
    ("ＡＢＣ科技(杭州)有限公司", "", "", "abc科技"),
    ("中建八局", "", "", "中国建筑第8工程局"),
    ("中国建筑第八工程局有限公司", "", "", "中国建筑第8工程局"),
    ("中山大学", "", "", "中山大学"),
]


@pytest.mark.parametrize(("name", "city", "district", "core"), NAME_CASES)
def test_parse_unit_name_parts(name, city, district, core):
    parsed = parse_unit_name(name)
    assert parsed.city == city
    assert parsed.district == district
    assert parsed.core == core


def test_ordinals_compare_by_value():
    assert parse_unit_name("杭州市第二人民医院").numerals == ("2",)
    assert parse_unit_name("杭州市第2人民医院").core == parse_unit_name("杭州市第二人民医院").core
    assert parse_unit_name("杭州市第十二中学").numerals == ("12",)


# (cell, numbers it contains)
PHONE_CASES = [
    ("0571-87654309转8021", {"057187654309"}),
    ("０５７１－８７６５４３２５", {"057187654325"}),
    (13957112345.0, {"13957112345"}),
    ("010-62345678-8021", {"01062345678"}),
    ("0571-87000000（总机）", {"057187000000"}),
    ("+86 571 8765 4321", {"057187654321"}),
    ("13957112300/0571-87654300", {"13957112300", "057187654300"}),
    ("87654321", set()),
    (57187654328, set()),
    (None, set()),
]


@pytest.mark.parametrize(("cell", "numbers"), PHONE_CASES)
def test_phone_numbers_of_cell(cell, numbers):
    assert phone_numbers(cell) == numbers


def _records(*names: str) -> list[UnitRecord]:
    return [UnitRecord(index, name) for index, name in enumerate(names)]


def _table(groups) -> list[tuple[str, tuple]]:
    return [(group.kind, group.keys) for group in groups]


def test_spellings_of_one_unit_group():
    records = _records(
        "浙江省杭州市城建设计研究院有限公司", "杭州城建设计院", "杭州市城建设计院（杭州）",
        "杭州市规划设计研究院有限公司",
    )
    assert _table(find_duplicate_groups(records)) == [(DUPLICATE, (0, 1, 2))]


@pytest.mark.parametrize(("first", "second"), [
    ("上海市富鑫网络科技有限公司", "上海市富辰网络科技有限公司"),
    ("宁波市第一建筑工程有限公司", "宁波市第二建筑工程有限公司"),
    ("深圳市光明网络科技有限公司", "深圳市东海网络科技有限公司"),
    ("深圳市光明网络科技有限公司", "深圳市网络科技有限公司"),
    ("杭州市西湖区人民医院", "杭州市滨江区人民医院"),
    ("杭州市城建设计研究院有限公司", "宁波市城建设计研究院有限公司"),
])
def test_hard_non_duplicates_stay_apart(first, second):
    assert find_duplicate_groups(_records(first, second)) == []


def test_address_city_separates_units():
    records = [
        UnitRecord(0, "城建设计研究院", address="浙江省杭州市西湖区文三路1号"),
        UnitRecord(1, "城建设计研究院", address="江苏省南京市玄武区中山路2号"),
        UnitRecord(2, "城建设计院", address="杭州市上城区解放路3号"),
    ]
    assert _table(find_duplicate_groups(records)) == [(DUPLICATE, (0, 2))]


def test_alias_joins_abbreviation():
    records = _records("中国建筑第八工程局有限公司", "中建八局", "中建三局")
    assert _table(find_duplicate_groups(records)) == [(DUPLICATE, (0, 1))]


def test_middle_band_is_review_only():
    records = _records("杭州市城建设计院", "杭州城建院", "杭州市城建设汁院")
    groups = find_duplicate_groups(records)
    assert _table(groups) == [(REVIEW, (0, 1, 2))]
    assert [member.score for member in groups[0].members] == [100.0, 75.0, 80.0]


def test_first_claim_is_earliest_visit():
    records = [
        UnitRecord("b", "杭州市城建设计院", rep="李娜", visit_date=datetime(2026, 11, 12)),
        UnitRecord("a", "杭州城建设计研究院有限公司", rep="张伟", visit_date=datetime(2026, 11, 10)),
        UnitRecord("c", "杭州市城建设计院", rep="王芳"),
    ]
    groups = find_duplicate_groups(records)
    assert _table(groups) == [(DUPLICATE, ("a", "b", "c"))]
    assert groups[0].first_claim == "a"


def test_shared_phone_between_units_listed():
    records = [
        UnitRecord(0, "杭州市城建设计院", phones=("0571-87000000（总机）",)),
        UnitRecord(1, "杭州市规划设计院", phones=("0571-87000000转8021", "13957112300")),
        UnitRecord(2, "杭州城建设计研究院", phones=("0571-87000000",)),
        UnitRecord(3, "杭州市交通设计院", phones=("13957112300",)),
    ]
    groups = find_duplicate_groups(records)
    assert _table(groups) == [
        (DUPLICATE, (0, 2)),
        (SHARED_PHONE, (0, 1, 2)),
        (SHARED_PHONE, (1, 3)),
    ]
    assert [group.phone for group in groups[1:]] == ["057187000000", "13957112300"]


def test_phone_shared_within_one_unit_not_listed():
    records = [
        UnitRecord(0, "杭州市城建设计院", phones=("0571-87000000",)),
        UnitRecord(1, "杭州城建设计研究院", phones=("0571-87000000",)),
    ]
    assert _table(find_duplicate_groups(records)) == [(DUPLICATE, (0, 1))]


def test_blank_names_never_group():
    assert find_duplicate_groups(_records("", "", "无")) == []
