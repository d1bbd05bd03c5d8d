"""Tests of the 电话 cell grammar and of the area-code city table."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadcheck.checks.area_codes import (
    RENAMED_CITIES,
    SHARED_CODE_CITIES,
    area_code_cities,
    short_city_name,
)
from leadcheck.checks.phones import (
    area_code_city_label,
    area_code_matches_city,
    is_valid_national_number,
    parse_phone_cell,
)

ROOT = Path(__file__).resolve().parent.parent

# Cell value -> one (kind, area_code, extension, switchboard) per number in the cell.
A_MOBILE = ("mobile", None, None, False)
A_HANGZHOU_LANDLINE = ("landline", "0571", None, False)

CELL_CASES = [
    # Mobiles.
    ("13957112345", [("mobile", None, None, False)]),
    ("139 5711 2345", [("mobile", None, None, False)]),
    ("139-5711-2345", [("mobile", None, None, False)]),
    ("+86 139 5711 2345", [("mobile", None, None, False)]),
    ("008613957112345", [("mobile", None, None, False)]),
    # Landlines with dashes, spaces, dots and brackets.
    ("0571-87654321", [("landline", "0571", None, False)]),
    ("0571 8765 4321", [("landline", "0571", None, False)]),
    ("0571.87654321", [("landline", "0571", None, False)]),
    ("(0571)87654321", [("landline", "0571", None, False)]),
    ("（0571）87654321", [("landline", "0571", None, False)]),
    ("010-62345678", [("landline", "010", None, False)]),
    ("02112345678", [("landline", "021", None, False)]),
    ("0755-26881234", [("landline", "0755", None, False)]),
    ("0731-88888888", [("landline", "0731", None, False)]),
    ("+86 571 8765 4321", [("landline", "0571", None, False)]),
    ("+86-10-62345678", [("landline", "010", None, False)]),
    ("0086 10 62345678", [("landline", "010", None, False)]),
    # Service numbers.
    ("400-800-1234", [("service", None, None, False)]),
    ("4008001234", [("service", None, None, False)]),
    ("800-810-1234", [("service", None, None, False)]),
    ("400-800-1234转5", [("service", None, "5", False)]),
    # Extensions.
    ("010-62345678转8021", [("landline", "010", "8021", False)]),
    ("010-62345678 转 8021", [("landline", "010", "8021", False)]),
    ("010-62345678转分机8021", [("landline", "010", "8021", False)]),
    ("010-62345678分机8021", [("landline", "010", "8021", False)]),
    ("010-62345678 分机号:8021", [("landline", "010", "8021", False)]),
    ("010-62345678 ext 8021", [("landline", "010", "8021", False)]),
    ("010-62345678 ext. 8021", [("landline", "010", "8021", False)]),
    ("010-62345678 EXT.8021", [("landline", "010", "8021", False)]),
    ("010-62345678x8021", [("landline", "010", "8021", False)]),
    ("010-62345678#8021", [("landline", "010", "8021", False)]),
    ("010-62345678-8021", [("landline", "010", "8021", False)]),
    ("0571-87654321-1", [("landline", "0571", "1", False)]),
    ("0571-8765-4321", [("landline", "0571", None, False)]),
    # Switchboards.
    ("0571-87000000（总机）", [("landline", "0571", None, True)]),
    ("0571-87000000(总机)", [("landline", "0571", None, True)]),
    ("总机 0571-87000000", [("landline", "0571", None, True)]),
    ("总机：0571-87000000转8021", [("landline", "0571", "8021", True)]),
    # Several numbers, with each separator.
    ("13957112345/0571-87654321", [A_MOBILE, A_HANGZHOU_LANDLINE]),
    ("13957112345;0571-87654321", [A_MOBILE, A_HANGZHOU_LANDLINE]),
    ("13957112345；0571-87654321", [A_MOBILE, A_HANGZHOU_LANDLINE]),
    ("13957112345,0571-87654321", [A_MOBILE, A_HANGZHOU_LANDLINE]),
    ("13957112345，0571-87654321", [A_MOBILE, A_HANGZHOU_LANDLINE]),
    ("13957112345、13812345678", [A_MOBILE, A_MOBILE]),
    ("13957112345\n0571-87654321", [A_MOBILE, A_HANGZHOU_LANDLINE]),
    ("0571-87000000(总机) / 13957112345", [("landline", "0571", None, True), A_MOBILE]),
    ("13957112345 / ", [A_MOBILE]),
    # Full-width digits and dashes.
    ("０５７１－８７６５４３２５", [("landline", "0571", None, False)]),
    ("１３９５７１１２３４５", [("mobile", None, None, False)]),
    # Numeric cells.
    (13957112345.0, [("mobile", None, None, False)]),
    (13957112345, [("mobile", None, None, False)]),
    (4008001234, [("service", None, None, False)]),
    (57187654321.0, [("invalid", None, None, False)]),
    (62345678, [("missing-area-code", None, None, False)]),
    # An area code without its leading 0.
    ("57187654321", [("invalid", None, None, False)]),
    ("10-62345678", [("invalid", None, None, False)]),
    ("755-26881234", [("invalid", None, None, False)]),
    ("755-26881234-8021", [("invalid", None, "8021", False)]),
    # No area code.
    ("62345678", [("missing-area-code", None, None, False)]),
    ("8765432", [("missing-area-code", None, None, False)]),
    ("6234-5678", [("missing-area-code", None, None, False)]),
    ("62345678转8021", [("missing-area-code", None, "8021", False)]),
    # Other invalid numbers.
    ("1395711234", [("invalid", None, None, False)]),
    ("139571123456", [("invalid", None, None, False)]),
    ("12345678901", [("invalid", None, None, False)]),
    ("14012345678", [("invalid", None, None, False)]),
    ("010-6234567", [("invalid", None, None, False)]),
    ("010-6234567转8021", [("invalid", None, "8021", False)]),
    ("013957112345", [("invalid", None, None, False)]),
    ("+86 0571 87654321", [("invalid", None, None, False)]),
    ("+852 2345 6789", [("invalid", None, None, False)]),
    ("0571-876543", [("invalid", None, None, False)]),
    ("0571-876543210", [("invalid", None, None, False)]),
    ("400-800-123", [("invalid", None, None, False)]),
    ("12345", [("invalid", None, None, False)]),
    ("13957112345 13812345678", [("invalid", None, None, False)]),
    ("0571-87654321转", [("invalid", None, None, False)]),
    ("0571-87654321转一二", [("invalid", None, None, False)]),
    ("0571-87654321转1234567", [("invalid", None, None, False)]),
    ("手机13957112345", [("mobile", None, None, False)]),
    ("13957112300(手机)", [("mobile", None, None, False)]),
    ("办公:0571-87654321转8021", [("landline", "0571", "8021", False)]),
    ("传真0571-87654321", [("invalid", None, None, False)]),
    ("不方便透露", [("invalid", None, None, False)]),
    ("总机", [("invalid", None, None, True)]),
    # Empty cells.
    ("", []),
    ("   ", []),
    (None, []),
]


@pytest.mark.parametrize(
    ("value", "expected"), CELL_CASES, ids=[repr(case[0]) for case in CELL_CASES]
)
def test_cell_forms(value, expected):
    numbers = parse_phone_cell(value)
    actual = [(n.kind, n.area_code, n.extension, n.switchboard) for n in numbers]
    assert actual == expected


# Cell value -> the reason of its single invalid number must contain this phrase.
REASON_CASES = [
    ("1395711234", "手机号应为11位"),
    ("57187654321", "区号缺少开头的 0"),
    ("57187654321", "0571-87654321"),
    ("755-26881234", "0755-26881234"),
    ("013957112345", "多了 0"),
    ("0571-87654321转", "后没有分机号"),
    ("0571-876543", "7或8位"),
    ("14012345678", "不是有效的手机号段"),
    ("010-6234567", "不是有效的固定电话号码"),
    ("0123-4567890", "区号 012 不存在"),
    ("传真0571-87654321", "传真"),
    ("13957112345 13812345678", "用“/”分隔"),
    ("+852 2345 6789", "不是中国大陆号码"),
    ("++8613957112345", "不是手机号、固定电话或 400/800 号码"),
]


@pytest.mark.parametrize(("value", "phrase"), REASON_CASES)
def test_invalid_reasons(value, phrase):
    [number] = parse_phone_cell(value)
    assert number.kind == "invalid"
    assert phrase in number.reason


def test_valid_numbers_have_no_reason():
    for number in parse_phone_cell("13957112345/0571-87654321转8021/400-800-1234"):
        assert number.reason is None


def test_numbers_keep_their_text():
    numbers = parse_phone_cell("１３９５７１１２３４５ / 0571-87654321（总机）")
    assert [n.text for n in numbers] == ["13957112345", "0571-87654321(总机)"]


def test_subscriber_digits():
    cell = "(0571) 8765-4321转8021/139 5711 2345/400-800-1234"
    [landline, mobile, service] = parse_phone_cell(cell)
    assert landline.subscriber == "87654321"
    assert mobile.subscriber == "13957112345"
    assert service.subscriber == "4008001234"


def test_line_key_ignores_extension_and_formatting():
    [first] = parse_phone_cell("0571-87654321转8021")
    [second] = parse_phone_cell("(0571) 8765 4321 分机 8033")
    assert first.line_key == "057187654321"
    assert second.line_key == first.line_key


def test_line_key_only_for_landlines():
    for cell in ("13957112345", "400-800-1234", "62345678", "57187654321"):
        [number] = parse_phone_cell(cell)
        assert number.line_key is None


def test_cached_result_is_a_fresh_list():
    first = parse_phone_cell("13957112345")
    first.clear()
    assert len(parse_phone_cell("13957112345")) == 1


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789", min_size=7, max_size=12).filter(lambda s: s[0] != "0"))
def test_validity_agrees_with_phonenumbers(national):
    number = phonenumbers.PhoneNumber(country_code=86, national_number=int(national))
    assert is_valid_national_number(national) == phonenumbers.is_valid_number(number)


@pytest.mark.parametrize(
    "national",
    ["13957112345", "57187654321", "1062345678", "2112345678", "4008001234", "8008101234",
     "1395711234", "62345678", "5718765432", "16012345678", "10101234"],
)
def test_validity_agrees_on_known_numbers(national):
    number = phonenumbers.PhoneNumber(country_code=86, national_number=int(national))
    assert is_valid_national_number(national) == phonenumbers.is_valid_number(number)


# (area code, city as an address parser returns it, expected match).
MATCH_CASES = [
    ("0571", "杭州市", True),
    ("0571", "杭州", True),
    ("010", "北京市", True),
    ("021", "上海市", True),
    ("020", "广州市", True),
    ("0755", "深圳市", True),
    ("010", "杭州市", False),
    ("0755", "广州市", False),
    ("0731", "长沙市", True),
    ("0731", "湘潭市", True),
    ("0731", "株洲市", True),
    ("0731", "岳阳市", False),
    ("024", "本溪市", True),
    ("0718", "恩施土家族苗族自治州", True),
    ("0718", "恩施州", True),
    ("0433", "延边朝鲜族自治州", True),
    ("0710", "襄阳市", True),
    ("0856", "铜仁市", True),
    ("0479", "锡林郭勒盟", True),
    ("0371", "开封市", True),
    ("0775", "贵港市", True),
    ("0898", "儋州市", True),
    ("0937", "嘉峪关市", True),
    ("0978", "杭州市", None),
    ("0123", "杭州市", None),
    ("0571", "", None),
]


@pytest.mark.parametrize(("area_code", "city", "expected"), MATCH_CASES)
def test_area_code_matches_city(area_code, city, expected):
    assert area_code_matches_city(area_code, city) is expected


def test_city_labels():
    assert area_code_city_label("0571") == "杭州市"
    assert area_code_city_label("010") == "北京市"
    assert area_code_city_label("0731") == "长沙市、湘潭市、株洲市"
    assert area_code_city_label("0896") == "那曲市"
    assert area_code_city_label("0123") == "未知城市"


def test_geocoder_typo_corrected():
    assert "株州市" not in area_code_cities("0731")
    assert "株洲市" in area_code_cities("0731")


@pytest.mark.parametrize(
    ("name", "short"),
    [("杭州市", "杭州"), ("杭州", "杭州"), ("大兴安岭地区", "大兴安岭"), ("锡林郭勒盟", "锡林郭勒"),
     ("海西蒙古族藏族自治州", "海西"), ("克孜勒苏柯尔克孜自治州", "克孜勒苏"), ("恩施州", "恩施"),
     ("神农架林区", "神农架")],
)
def test_short_city_name(name, short):
    assert short_city_name(name) == short


def _generated_table() -> dict[str, list[str]]:
    path = ROOT / "leadcheck" / "data" / "area_codes.json"
    return json.loads(path.read_text(encoding="utf-8"))["area_codes"]


def test_corrections_refer_to_generated_entries():
    table = _generated_table()
    generated_names = {name for names in table.values() for name in names}
    assert set(RENAMED_CITIES) <= generated_names
    assert set(SHARED_CODE_CITIES) <= set(table)


def test_committed_table_matches_geocoder():
    script = ROOT / "scripts" / "generate_area_codes.py"
    spec = importlib.util.spec_from_file_location("generate_area_codes", script)
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    # A failure after upgrading phonenumbers means: rerun scripts/generate_area_codes.py.
    assert generator.build_table() == _generated_table()
