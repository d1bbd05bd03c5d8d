"""Tables of input → expected output for the name, title, department and unit-name checks."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadcheck.checks.names import (
    REASON_ABBREVIATION,
    REASON_FILLER,
    REASON_FILLER_ONLY,
    REASON_NO_SUFFIX,
    REASON_STAND_IN,
    REASON_TOO_SHORT,
    implied_gender,
    is_design_institute,
    is_head_title,
    is_institute_head,
    is_placeholder_name,
    qualifying_department,
    split_people,
    unit_name_problem,
)
from leadcheck.checks.surnames import COMPOUND_SURNAMES, SINGLE_SURNAMES, surname_length
from leadcheck.model.codes import CODES
from leadcheck.model.config import DEFAULT_CONFIG, config_from_mapping


def nfkc(text: str) -> str:
    """Normalise as the reader does before any check runs."""
    return unicodedata.normalize("NFKC", text).strip()


# --- split_people ---------------------------------------------------------------------

SPLIT_CASES = [
    # Separators, full-width ones as NFKC leaves them.
    ("陈建国、王海", ("陈建国", "王海")),
    ("陈建国，王海", ("陈建国", "王海")),
    ("陈建国；王海", ("陈建国", "王海")),
    ("陈建国／王海", ("陈建国", "王海")),
    ("陈建国,王海,李强", ("陈建国", "王海", "李强")),
    ("陈建国\n王海", ("陈建国", "王海")),
    ("王主任、李科长", ("王主任", "李科长")),
    # Connectors between names of 2–4 characters.
    ("陈建国和王海", ("陈建国", "王海")),
    ("陈建国及王海", ("陈建国", "王海")),
    ("陈建国与王海", ("陈建国", "王海")),
    ("陈建国以及王海", ("陈建国", "王海")),
    ("张三 和 李四", ("张三", "李四")),
    ("王和平与李强", ("王和平", "李强")),
    ("欧阳明和司马光", ("欧阳明", "司马光")),
    ("张三和李四和王五", ("张三", "李四", "王五")),
    ("陈建国、王海和李强", ("陈建国", "王海", "李强")),
    # One person.
    ("陈建国", None),
    ("王和平", None),
    ("李和", None),
    ("欧阳和平", None),
    ("陈建国、", None),
    ("陈建国;", None),
    ("陈建国、主任", None),
    ("陈建国/档案室", None),
    ("陈建国,男", None),
    ("陈建国(信息中心、档案室)", None),
    ("", None),
]


@pytest.mark.parametrize(("name", "expected"), SPLIT_CASES)
def test_split_people(name, expected):
    assert split_people(nfkc(name)) == expected


# --- is_placeholder_name --------------------------------------------------------------

PLACEHOLDER_CASES = [
    # Surname and title or form of address.
    ("王主任", True),
    ("林科长", True),
    ("张工", True),
    ("陈总", True),
    ("刘老师", True),
    ("王先生", True),
    ("林小姐", True),
    ("李女士", True),
    ("赵太太", True),
    ("孙师傅", True),
    ("周老板", True),
    ("吴秘书", True),
    ("郑助理", True),
    ("王工程师", True),
    ("冯会计", True),
    ("陈书记", True),
    ("褚局长", True),
    ("卫董事长", True),
    ("蒋副院长", True),
    ("沈总经理助理", True),
    ("韩主任科员", True),
    ("杨总工", True),
    ("李局", True),
    ("张所", True),
    ("高工", True),
    # Compound surnames.
    ("欧阳主任", True),
    ("欧阳工", True),
    ("司马科长", True),
    ("诸葛先生", True),
    # Departments, with or without a title, with spaces.
    ("李 档案室 科长", True),
    ("李档案室科长", True),
    ("李档案科长", True),
    ("王信息中心主任", True),
    ("王技术主管", True),
    ("李IT部主任", True),
    ("王院办", True),
    ("刘财务部", True),
    # Stand-ins and other forms.
    ("王某", True),
    ("王某某", True),
    ("王XX", True),
    ("王**", True),
    ("老王", True),
    ("小李", True),
    ("王(主任)", True),
    # A surname alone, or no name at all.
    ("王", True),
    ("上官", True),
    ("主任", True),
    ("某主任", True),
    ("档案室主任", True),
    ("某某", True),
    # Real full names.
    ("陈建国", False),
    ("王和平", False),
    ("欧阳明", False),
    ("林晓燕", False),
    ("周立新", False),
    ("王建科", False),
    ("李文科", False),
    ("王科", False),
    ("陈建国先生", False),
    ("陈建国主任", False),
    ("陈建国(主任)", False),
    ("David Wang", False),
    ("", False),
    # 工程 is not a title: a given name that starts like one stays a name.
    ("张工程", False),
    # 主 alone is no title.
    ("陈主", False),
    # 欧阳 alone may be 欧 + 阳, and 东方 may be 东 + 方.
    ("欧阳", False),
    ("东方", False),
]


@pytest.mark.parametrize(("name", "expected"), PLACEHOLDER_CASES)
def test_is_placeholder_name(name, expected):
    assert is_placeholder_name(nfkc(name)) is expected


def test_placeholder_uses_configured_titles():
    config = config_from_mapping({"head_titles": ["首席信息官"]})
    assert is_placeholder_name("王首席信息官", config) is True
    assert is_placeholder_name("王首席信息官") is False


# --- implied_gender -------------------------------------------------------------------

GENDER_CASES = [
    ("王先生", "男"),
    ("先生", "男"),
    ("陈建国先生", "男"),
    ("王 先生", "男"),
    ("王先生(信息中心)", "男"),
    ("林女士", "女"),
    ("林小姐", "女"),
    ("赵太太", "女"),
    ("王主任", None),
    ("刘老师", None),
    ("陈总", None),
    ("先生们好", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), GENDER_CASES)
def test_implied_gender(text, expected):
    assert implied_gender(nfkc(text)) == expected


# --- is_head_title --------------------------------------------------------------------

HEAD_TITLE_CASES = [
    ("主任", True),
    ("副主任", True),
    ("信息中心主任", True),
    ("科长", True),
    ("总工程师", True),
    ("副院长（主管信息化）", True),
    ("主任科员兼档案室主任", True),
    ("董事长", True),
    ("主任科员", False),
    ("副主任科员", False),
    ("主任医师", False),
    ("副主任医师", False),
    ("档案员", False),
    ("科员", False),
    ("工程师", False),
    ("", False),
]


@pytest.mark.parametrize(("title", "expected"), HEAD_TITLE_CASES)
def test_is_head_title(title, expected):
    assert is_head_title(nfkc(title), DEFAULT_CONFIG) is expected


def test_head_title_follows_config():
    config = config_from_mapping({"non_head_titles": ["主任科员", "主任医师", "院长助理"]})
    assert is_head_title("院长助理", DEFAULT_CONFIG) is True
    assert is_head_title("院长助理", config) is False
    assert is_head_title("院长", config) is True


# --- qualifying_department ------------------------------------------------------------

DEPARTMENT_CASES = [
    ("信息中心", "信息中心"),
    ("院信息中心", "信息中心"),
    ("信息化部", "信息中心"),
    ("IT部", "信息中心"),
    ("it部", "信息中心"),
    ("计算机中心", "信息中心"),
    ("档案室", "档案室"),
    ("档案资料室", "档案室"),
    ("技术资料室", "档案室"),
    ("档案馆", "档案室"),
    ("综合办公室", "管理部门"),
    ("公司办公室", "管理部门"),
    ("综合办公室（档案）", "管理部门"),
    ("院办", "管理部门"),
    ("技术质量部", "管理部门"),
    ("院领导", "单位领导"),
    ("领导班子", "单位领导"),
    ("单位领导", "单位领导"),
    ("信息 中心", "信息中心"),
    ("财务部", None),
    ("生产经营部", None),
    ("信息中心财务科", None),
    ("档案", None),
    ("", None),
]


@pytest.mark.parametrize(("department", "expected"), DEPARTMENT_CASES)
def test_qualifying_department(department, expected):
    assert qualifying_department(nfkc(department), DEFAULT_CONFIG) == expected


def test_qualifying_department_follows_config():
    config = config_from_mapping({"qualifying_departments": {"数字化": ["数字化部"]}})
    assert qualifying_department("数字化部", config) == "数字化"
    assert qualifying_department("信息中心", config) is None


# --- unit_name_problem ----------------------------------------------------------------

UNIT_NAME_CASES = [
    # Full names.
    ("杭州市城建设计研究院有限公司", None),
    ("上海建工集团", None),
    ("上海建工集团股份有限公司", None),
    ("南京大学", None),
    ("中国建筑设计研究院", None),
    ("杭州市第一人民医院", None),
    ("浙江省档案馆", None),
    ("无锡市建筑设计研究院有限公司", None),
    ("杭州市规划设计研究院（原规划院）", None),
    ("杭州市城建设计研究院有限公司。", None),
    ("EXXON中国有限公司", None),
    # Stand-ins and filler.
    ("某档案公司", REASON_STAND_IN),
    ("XX设计院", REASON_STAND_IN),
    ("xx市设计院", REASON_STAND_IN),
    ("杭州××设计院", REASON_STAND_IN),
    ("未知公司", REASON_FILLER.format(word="未知")),
    ("杭州？设计院", REASON_FILLER.format(word="?")),
    ("不详", REASON_FILLER_ONLY),
    ("无", REASON_FILLER_ONLY),
    # Bare 院 after a place or brand word.
    ("城建院", REASON_ABBREVIATION),
    ("华东院", REASON_ABBREVIATION),
    ("深圳华南院", REASON_ABBREVIATION),
    ("杭州市规划院", REASON_ABBREVIATION),
    # Too short.
    ("设计院", REASON_TOO_SHORT),
    ("A公司", REASON_TOO_SHORT),
    ("院", REASON_TOO_SHORT),
    ("", REASON_TOO_SHORT),
    # No suffix.
    ("杭州市城建设计", REASON_NO_SUFFIX),
    ("阿里巴巴", REASON_NO_SUFFIX),
    ("杭州市中级人民检查", REASON_NO_SUFFIX),
]


@pytest.mark.parametrize(("name", "expected"), UNIT_NAME_CASES)
def test_unit_name_problem(name, expected):
    assert unit_name_problem(nfkc(name), DEFAULT_CONFIG) == expected


@pytest.mark.parametrize(
    "reason",
    [REASON_ABBREVIATION, REASON_FILLER_ONLY, REASON_NO_SUFFIX, REASON_STAND_IN, REASON_TOO_SHORT],
)
def test_unit_reason_fills_message(reason):
    message = CODES["incomplete-unit-name"].format(value="城建院", column="单位名称", reason=reason)
    assert message.startswith(f"单位名称“城建院”{reason}：")


def test_unit_name_follows_config():
    config = config_from_mapping({
        "unit_suffixes": [*DEFAULT_CONFIG.unit_suffixes, "商行"],
        "unit_name_min_length": 6,
    })
    assert unit_name_problem("杭州市西湖区文三商行", config) is None
    assert unit_name_problem("南京大学", config) == REASON_TOO_SHORT


# --- is_design_institute and is_institute_head ----------------------------------------

DESIGN_INSTITUTE_CASES = [
    ("设计院", "杭州市城建规划有限公司", True),
    ("", "杭州市城建设计研究院有限公司", True),
    ("", "浙江华东勘察设计有限公司", True),
    ("无", "杭州市园林设计院", True),
    ("", "杭州市建工集团", False),
    ("施工企业", "杭州市城建设计研究院有限公司", False),
    ("设计单位", "杭州市城建设计研究院有限公司", False),
]


@pytest.mark.parametrize(("unit_type", "unit_name", "expected"), DESIGN_INSTITUTE_CASES)
def test_is_design_institute(unit_type, unit_name, expected):
    assert is_design_institute(unit_type, unit_name, DEFAULT_CONFIG) is expected


INSTITUTE_HEAD_CASES = [
    ("院长", "院领导", True),
    ("执行院长", "院领导", True),
    ("副院长(主管信息化)", "院领导", True),
    ("副院长", "信息中心", True),
    ("副院长", "院领导", False),
    ("常务副院长", "院领导", False),
    ("所长", "所领导", False),
    ("主任", "信息中心", False),
    ("", "", False),
]


@pytest.mark.parametrize(("title", "department", "expected"), INSTITUTE_HEAD_CASES)
def test_is_institute_head(title, department, expected):
    assert is_institute_head(nfkc(title), nfkc(department)) is expected


# --- surnames -------------------------------------------------------------------------

def test_surname_lists_hold_known_names():
    for surname in ("王", "李", "张", "刘", "陈", "肖", "覃", "闫"):
        assert surname in SINGLE_SURNAMES, surname
    for surname in ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "司徒",
                    "夏侯", "尉迟", "长孙", "宇文", "公孙", "澹台", "端木", "轩辕"):
        assert surname in COMPOUND_SURNAMES, surname


@pytest.mark.parametrize(
    ("name", "expected"), [("欧阳明", 2), ("王海", 1), ("主任", 0), ("", 0)],
)
def test_surname_length(name, expected):
    assert surname_length(name) == expected


# --- no function raises ---------------------------------------------------------------

@given(st.text(max_size=30))
def test_checks_never_raise(text):
    text = nfkc(text)
    split_people(text)
    is_placeholder_name(text)
    implied_gender(text)
    is_head_title(text, DEFAULT_CONFIG)
    qualifying_department(text, DEFAULT_CONFIG)
    unit_name_problem(text, DEFAULT_CONFIG)
    is_design_institute(text, text, DEFAULT_CONFIG)
    is_institute_head(text, text)


def test_empty_word_lists_match_nothing():
    config = config_from_mapping({"qualifying_departments": {}, "non_head_titles": []})
    assert qualifying_department("信息中心", config) is None
    assert is_head_title("主任科员", config) is True
    assert is_placeholder_name("王主任", config) is True
    assert is_placeholder_name("陈建国", config) is False
