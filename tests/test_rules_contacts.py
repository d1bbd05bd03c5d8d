"""Contact rule codes: completeness, gender, phones, names and titles, as (row, column, code)."""

import pytest

from builders import codes, codes_of, customer, peers, run, without_contact


def test_contact_missing_field_one_per_blank_cell():
    record = customer(拜访方式="电话联系", **{"联系人2-年龄": None, "联系人2-电话": "无"})
    result = run(record)
    assert codes(result) == {(2, "联系人2-年龄", "contact-missing-field"), (2, "联系人2-电话", "contact-missing-field")}
    assert result.customers[0].valid


def test_salutation_optional():
    assert run(customer(**{"联系人1-称呼": None})).findings == []


def test_invalid_gender():
    assert codes(run(customer(**{"联系人1-性别": "M"}))) == {(2, "联系人1-性别", "invalid-choice")}


@pytest.mark.parametrize("value", ["男性", "男"])
def test_gender_aliases(value):
    assert run(customer(**{"联系人1-性别": value})).findings == []


@pytest.mark.parametrize(
    "changes, column",
    [
        ({"联系人2-称呼": "林先生"}, "联系人2-称呼"),
        ({"联系人1-称呼": "陈女士"}, "联系人1-称呼"),
        ({"联系人1-称呼": "陈小姐"}, "联系人1-称呼"),
    ],
)
def test_salutation_gender_mismatch(changes, column):
    assert codes(run(customer(**changes))) == {(2, column, "salutation-gender-mismatch")}


def test_invalid_contact_time():
    record = customer(**{"联系人1-沟通时间": "下次"})
    assert codes(run(record)) == {(2, "联系人1-沟通时间", "invalid-date")}


@pytest.mark.parametrize("value", ["2026-11-10 下午", "2026年11月10日 14:30", "2026/11/10 上午"])
def test_contact_time_forms(value):
    assert run(customer(**{"联系人1-沟通时间": value})).findings == []


@pytest.mark.parametrize("value", ["0571-87654300", "(0571)87654300", "0571 8765 4300", "+86 571 87654300",
                                   "13957112300", 13957112300.0, "400-800-1234", "0571-87654300转8021",
                                   "0571-87654300分机8021", "0571-87654300-8021", "13957112300/0571-87654300",
                                   "０５７１－８７６５４３００"])
def test_valid_phone_forms(value):
    assert run(customer(**{"联系人1-电话": value})).findings == []


@pytest.mark.parametrize("value", ["1395711234", "0571-8765", "57187654300", 57187654300.0, "571-87654300", "电话"])
def test_invalid_phone(value):
    assert codes(run(customer(**{"联系人1-电话": value}))) == {(2, "联系人1-电话", "invalid-phone")}


@pytest.mark.parametrize("value", ["87654321", "8765432"])
def test_phone_missing_area_code(value):
    assert codes(run(customer(**{"联系人1-电话": value}))) == {(2, "联系人1-电话", "phone-missing-area-code")}


def test_switchboard_without_extension():
    record = customer(**{"联系人1-电话": "0571-87000000(总机)"})
    assert codes(run(record)) == {(2, "联系人1-电话", "switchboard-missing-extension")}


def test_shared_line_needs_distinct_extensions():
    same = customer(**{"联系人1-电话": "0571-87654309", "联系人2-电话": "0571-87654309"})
    assert codes(run(same)) == {
        (2, "联系人1-电话", "switchboard-missing-extension"),
        (2, "联系人2-电话", "switchboard-missing-extension"),
    }
    equal = customer(**{"联系人1-电话": "0571-87654309转8021", "联系人2-电话": "0571-87654309转8021"})
    assert {column for _, column, _ in codes(run(equal))} == {"联系人1-电话", "联系人2-电话"}
    distinct = customer(**{"联系人1-电话": "0571-87654309转8021", "联系人2-电话": "0571-87654309转8033"})
    assert run(distinct).findings == []


def test_area_code_mismatch_is_warning():
    result = run(customer(**{"联系人1-电话": "010-62345678"}))
    assert codes(result) == {(2, "联系人1-电话", "area-code-mismatch")}
    assert result.customers[0].valid


def test_mobile_region_not_compared():
    assert run(customer(**{"联系人2-电话": "13812345678"})).findings == []


def test_two_people_in_one_block():
    for value in ("陈建国、王海", "陈建国/王海", "陈建国和王海", "陈建国;王海"):
        assert codes(run(customer(**{"联系人1-姓名": value}))) == {(2, "联系人1-姓名", "multiple-people-in-block")}
    assert run(customer(**{"联系人1-姓名": "王和平"})).findings == []


@pytest.mark.parametrize("value", ["陈主任", "陈 信息中心 主任", "陈工", "陈总", "陈某"])
def test_placeholder_name_is_warning(value):
    result = run(customer(**{"联系人1-姓名": value}), *peers())
    assert codes(result) == {(2, "联系人1-姓名", "placeholder-name")}
    assert result.customers[0].valid


def test_not_department_head():
    record = customer(**{"联系人2-职务": "档案员"})
    assert ("联系人2-职务", "not-department-head") in {(c, code) for _, c, code in codes(run(record))}


@pytest.mark.parametrize("value", ["主任科员", "主任医师"])
def test_non_head_titles(value):
    assert "not-department-head" in codes_of(run(customer(**{"联系人2-职务": value})))


def test_other_department_counts_with_warning():
    result = run(customer(**{"联系人2-部门": "财务部", "联系人2-职务": "部长"}))
    assert codes(result) == {(2, "联系人2-部门", "other-department")}
    assert result.customers[0].valid


def test_format_errors_keep_contact_complete():
    # A bad phone is its own error; the contact still counts as complete for R-DEPT.
    result = run(customer(**{"联系人2-电话": "1395711234"}))
    assert codes(result) == {(2, "联系人2-电话", "invalid-phone")}


def test_absent_block_not_reported():
    record = without_contact(customer(), 2)
    record.update({"联系人3-姓名": None})
    result = run(record)
    assert "contact-missing-field" not in codes_of(result)


def test_fourth_contact_block_read():
    from builders import VALID

    from leadcheck.model.columns import template_headers

    headers = template_headers(4)
    record = without_contact(customer(), 2)
    for name in ("姓名", "称呼", "部门", "职务", "性别", "年龄", "电话", "评价意向", "沟通时间"):
        record[f"联系人4-{name}"] = VALID[f"联系人2-{name}"]
    assert run(record, headers=headers).findings == []


def test_missing_area_code_suggests_city_code():
    record = customer(地址="江苏省南京市鼓楼区中山北路88号", **{"联系人1-电话": "83316600"})
    finding = run(record).findings[0]
    assert finding.code == "phone-missing-area-code"
    assert "025-83316600" in finding.message
