"""Customer-level rule codes, each with valid and invalid cases, asserted as (row, column, code)."""

from datetime import datetime

import pytest

from builders import codes, codes_of, customer, run

from leadcheck.engine import MissingColumnsError
from leadcheck.model.columns import template_headers


def test_valid_customer_has_no_findings():
    result = run(customer())
    assert result.findings == []
    assert result.customers[0].valid


@pytest.mark.parametrize("header", ["资质", "系统现状", "未来计划", "业务员意见", "业务员", "地址"])
@pytest.mark.parametrize("value", [None, "", "  ", "无", "不详", "XX", "同上", "？"])
def test_missing_field_blank_or_filler(header, value):
    result = run(customer(**{header: value}))
    assert codes(result) >= {(2, header, "missing-field")}
    assert not result.customers[0].valid


def test_missing_date_and_headcount_get_only_missing_field():
    result = run(customer(拜访日期=None, 人数="不详"))
    assert codes(result) == {(2, "拜访日期", "missing-field"), (2, "人数", "missing-field")}


def test_plan_starting_with_wu_is_content():
    result = run(customer(系统现状="无，目前全部手工管理", 未来计划="无，暂不考虑"))
    assert result.findings == []


@pytest.mark.parametrize(
    "header, value",
    [("拜访方式", "上门"), ("重要程度", "很重要"), ("单位类型", "国企")],
)
def test_invalid_choice(header, value):
    assert codes(run(customer(**{header: value}))) == {(2, header, "invalid-choice")}


@pytest.mark.parametrize("value", ["尚不了解", "尚未了解", "马上要做", "关注", "一年之内不会做"])
def test_importance_categories_accepted(value):
    assert run(customer(重要程度=value)).findings == []


def test_unit_type_blank_is_fine():
    assert run(customer(单位类型=None)).findings == []


def test_done_details_one_finding_per_blank_cell():
    result = run(customer(重要程度="已做", 已做厂商="某档案软件公司", 已做模块="收发文"))
    assert codes(result) == {(2, "已做时间", "done-details-missing"), (2, "已做效果", "done-details-missing")}


def test_done_details_complete_is_valid():
    done = customer(重要程度="已做", 已做厂商="某档案软件公司", 已做模块="收发文", 已做时间="2023年", 已做效果="基本满意")
    assert run(done).findings == []


@pytest.mark.parametrize("value", ["2026-11-20", "2026/11/20", "2026.11.20", "2026年11月20日", 46346.0])
def test_visit_date_forms_accepted(value):
    assert run(customer(拜访日期=value)).findings == []


@pytest.mark.parametrize("value", ["上周", "2026-13-01", "11月20日", datetime(2026, 12, 2), "2027-01-05"])
def test_invalid_visit_date(value):
    assert codes(run(customer(拜访日期=value))) == {(2, "拜访日期", "invalid-date")}


@pytest.mark.parametrize("value", [120, "120", "约120人", "大约120人", "120余人", "120多人", "120左右",
                                   "180-200", "180~200", "180～200", "180至200", "180到200", "１２０"])
def test_headcount_forms_accepted(value):
    assert run(customer(人数=value)).findings == []


@pytest.mark.parametrize("value", ["很多", "0", "-5", "12.5", "100-80", "一百"])
def test_invalid_headcount(value):
    assert codes(run(customer(人数=value))) == {(2, "人数", "invalid-headcount")}


@pytest.mark.parametrize("value", ["城建院", "深圳华南院", "杭州城建", "某设计院", "XX设计研究院有限公司", "设计院"])
def test_incomplete_unit_name(value):
    assert codes(run(customer(单位名称=value, 单位类型="设计院"))) == {(2, "单位名称", "incomplete-unit-name")}


@pytest.mark.parametrize("value", ["浙江省建筑设计研究院", "杭州市档案馆", "浙江大学", "中国建筑第八工程局"])
def test_complete_unit_names(value):
    assert "incomplete-unit-name" not in codes_of(run(customer(单位名称=value)))


@pytest.mark.parametrize("value", ["文三路", "杭州市文三路100号", "杭州市西湖区", "西湖区文三路100号"])
def test_incomplete_address(value):
    assert codes(run(customer(地址=value))) == {(2, "地址", "incomplete-address")}


def test_district_of_another_city():
    assert codes(run(customer(地址="浙江省杭州市鼓楼区中山路100号"))) == {(2, "地址", "incomplete-address")}


def test_address_without_province_is_complete():
    assert run(customer(地址="杭州市西湖区文三路100号")).findings == []


def test_extra_required_column_from_config():
    from leadcheck.model.config import config_from_toml

    config = config_from_toml('required_fields = ["业务员", "单位名称", "客户来源"]')
    headers = template_headers() + ["客户来源"]
    result = run(customer(), config=config, headers=headers)
    assert codes(result) == {(2, "客户来源", "missing-field")}


def test_missing_required_headers_named():
    headers = [header for header in template_headers() if header not in ("地址", "人数")]
    with pytest.raises(MissingColumnsError) as raised:
        run(customer(), headers=headers)
    assert raised.value.missing == ["地址", "人数"]


def test_columns_found_by_header_in_any_order():
    headers = list(reversed(template_headers())) + ["客户来源"]
    assert run(customer(), headers=headers).findings == []


def test_message_quotes_value_and_fix():
    finding = run(customer(人数="很多")).findings[0]
    assert "很多" in finding.message
    assert "请" in finding.message


def test_missing_field_message_by_state():
    blank = run(customer(资质=None)).findings[0]
    filler = run(customer(资质="不详")).findings[0]
    assert "「资质」为空" in blank.message
    assert "“”" not in blank.message
    assert "只填了占位词“不详”" in filler.message
