"""R-DEPT, its 备注 exception, the design-institute rule and both quotas."""

from datetime import datetime

import pytest

from builders import codes, codes_of, customer, peers, run, without_contact

from leadcheck.model.result import Q_DEPT, Q_NAME

ONE_HEAD = without_contact(customer(), 2)


@pytest.mark.parametrize("method", ["电话联系", "直接上门"])
def test_phone_visit_two_departments_one_complete(method):
    record = customer(拜访方式=method, **{"联系人2-电话": None, "联系人2-年龄": None})
    result = run(record)
    assert "too-few-departments" not in codes_of(result)
    assert result.customers[0].valid


@pytest.mark.parametrize("method", ["电话联系", "直接上门"])
def test_phone_visit_one_department_fails(method):
    assert codes(run(dict(ONE_HEAD, 拜访方式=method))) == {(2, "备注", "too-few-departments")}


def test_phone_visit_two_departments_none_complete():
    record = customer(拜访方式="电话联系", **{"联系人1-年龄": None, "联系人2-年龄": None})
    assert "too-few-departments" in codes_of(run(record))


def test_appointment_needs_two_complete():
    record = customer(**{"联系人2-年龄": None})
    assert "too-few-departments" in codes_of(run(record))
    assert codes(run(ONE_HEAD)) == {(2, "备注", "too-few-departments")}


def test_same_department_counts_once():
    record = customer(**{"联系人2-部门": "信息中心"})
    assert "too-few-departments" in codes_of(run(record))


def test_placeholder_head_identifies_department():
    record = customer(拜访方式="电话联系", **{"联系人2-姓名": "林科长", "联系人2-年龄": None})
    result = run(record, *peers())
    assert "too-few-departments" not in codes_of(result)


def test_exception_with_reason_is_valid():
    result = run(dict(ONE_HEAD, 备注="档案室主任出差，下周电话补充"), *peers())
    assert result.findings == []
    assert result.customers[0].valid


@pytest.mark.parametrize("remark", ["无", "出差", "-/-", "待定。"])
def test_exception_reason_too_short(remark):
    assert "too-few-departments" in codes_of(run(dict(ONE_HEAD, 备注=remark)))


def test_exception_needs_one_complete_head():
    record = dict(ONE_HEAD, 备注="档案室主任出差，下周电话补充", **{"联系人1-年龄": None})
    assert "too-few-departments" in codes_of(run(record))


def test_blank_or_invalid_method_skips_rdept():
    assert codes(run(dict(ONE_HEAD, 拜访方式=None))) == {(2, "拜访方式", "missing-field")}
    assert codes(run(dict(ONE_HEAD, 拜访方式="上门"))) == {(2, "拜访方式", "invalid-choice")}


def test_small_design_institute_needs_head():
    assert codes(run(customer(人数=60))) == {(2, "人数", "design-institute-head-missing")}
    assert codes(run(customer(人数=100))) == {(2, "人数", "design-institute-head-missing")}
    assert run(customer(人数=101)).findings == []


@pytest.mark.parametrize(
    "title, department, valid",
    [("院长", "院领导", True), ("副院长(主管信息化)", "院领导", True), ("副院长", "信息化领导小组", True),
     ("副院长", "院领导", False)],
)
def test_design_institute_head_forms(title, department, valid):
    record = customer(人数=60, **{
        "联系人3-姓名": "周立新", "联系人3-部门": department, "联系人3-职务": title, "联系人3-性别": "男",
        "联系人3-年龄": "52", "联系人3-电话": "0571-87654399", "联系人3-评价意向": "支持",
        "联系人3-沟通时间": "2026-11-10",
    })
    assert ("design-institute-head-missing" not in codes_of(run(record))) is valid


def test_design_institute_by_name_when_type_blank():
    assert "design-institute-head-missing" in codes_of(run(customer(单位类型=None, 人数=60)))
    other = customer(单位类型="施工企业", 单位名称="杭州市建工集团有限公司", 人数=60)
    assert "design-institute-head-missing" not in codes_of(run(other))


def test_design_institute_skipped_without_headcount():
    assert codes(run(customer(人数="很多"))) == {(2, "人数", "invalid-headcount")}


def _dated(record, day):
    return dict(record, 拜访日期=datetime(2026, 11, day))


def test_name_quota_first_by_date_then_order():
    placeholder = customer(**{"联系人2-姓名": "林科长"})
    records = [_dated(customer(单位名称=f"杭州市第{i}设计研究院有限公司"), 5) for i in range(8)]
    records.insert(0, _dated(placeholder, 9))
    records.append(_dated(placeholder, 3))
    records.append(_dated(placeholder, 9))
    result = run(*records)
    usage = {item.name: item for item in result.quotas}
    assert (usage[Q_NAME].base, usage[Q_NAME].allowed, usage[Q_NAME].used, usage[Q_NAME].exceeded) == (11, 1, 3, 2)
    exceeded = sorted(finding.row for finding in result.findings if finding.code == "quota-exceeded")
    assert exceeded == [2, 12]


def test_quotas_do_not_share_slots():
    reason = dict(ONE_HEAD, 备注="档案室主任出差，下周电话补充")
    placeholder = customer(**{"联系人2-姓名": "林科长"})
    plain = [customer(单位名称=f"杭州市第{i}设计研究院有限公司") for i in range(8)]
    result = run(reason, placeholder, *plain)
    assert all(verdict.valid for verdict in result.customers)
    assert {(item.name, item.allowed, item.used) for item in result.quotas} == {(Q_DEPT, 1, 1), (Q_NAME, 1, 1)}


def test_invalid_customers_do_not_raise_allowance():
    placeholder = customer(**{"联系人2-姓名": "林科长"})
    junk = [customer(单位名称=f"杭州市第{i}设计研究院有限公司", 资质=None) for i in range(20)]
    result = run(placeholder, *junk)
    assert codes_of(result, 2) == {"placeholder-name", "quota-exceeded"}


def test_quotas_per_rep():
    placeholder = customer(**{"联系人2-姓名": "林科长"})
    records = [dict(placeholder, 业务员="李娜")] + [customer(单位名称=f"杭州市第{i}设计研究院有限公司") for i in range(10)]
    result = run(*records)
    assert "quota-exceeded" in codes_of(result, 2)


def test_both_quotas_need_a_slot_each():
    both = dict(ONE_HEAD, 备注="档案室主任出差，下周电话补充", **{"联系人1-姓名": "陈主任"})
    result = run(both)
    assert codes(result) == {(2, "联系人1-姓名", "placeholder-name"), (2, "联系人1-姓名", "quota-exceeded"),
                             (2, "备注", "quota-exceeded")}


def test_duplicate_unit_in_sheet():
    result = run(customer(), customer(单位名称="杭州市城建设计研究院有限责任公司"), customer(单位名称="杭州市规划设计研究院有限公司"))
    assert {(row, code) for row, _, code in codes(result)} == {(2, "duplicate-customer"), (3, "duplicate-customer")}
