"""Rule configuration: the standard's lists and numbers, with a trainer's overrides.

Every list here is a default that a company may change in a small TOML file (``leadcheck
template build --config rules.toml``). The built template embeds the same TOML text in a
hidden sheet, so a rep's workbook is judged by the rules of the template it was made from.

A TOML file may set any field of ``RuleConfig`` by name; a field it leaves out keeps its
default. A list set at the top level replaces the default list; a list under ``[add]`` is
appended to it. Unknown keys raise ``ConfigError`` naming the key, because a misspelt key
would otherwise silently leave a default rule in force.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

# Hidden sheet in which a built template stores its configuration as TOML, one line a cell
# in column A. Readers join those cells with newlines.
CONFIG_SHEET = "校验规则"

# TOML table whose lists are appended to the defaults rather than replacing them.
ADD_TABLE = "add"

# Sheet that holds the customers, fixed by the template.
DATA_SHEET = "客户登记"


class ConfigError(ValueError):
    """A rule configuration that cannot be applied; the message names the key or value."""


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class RuleConfig:
    """The valid-customer standard as data. Defaults follow the company standard."""

    # Values that mean "nothing written"; compared case-insensitively after NFKC.
    filler_words: tuple[str, ...] = (
        "无", "-", "/", "不详", "待定", "?", "xx", "同上", "暂无", "未知",
    )

    # Customer fields that must hold real content (a filler word counts as blank).
    required_fields: tuple[str, ...] = (
        "业务员", "拜访日期", "拜访方式", "单位名称", "资质", "地址", "人数",
        "系统现状", "未来计划", "重要程度", "业务员意见",
    )

    # Contact fields that make a present contact complete; 称呼 is optional.
    contact_required_fields: tuple[str, ...] = (
        "姓名", "部门", "职务", "性别", "年龄", "电话", "评价意向", "沟通时间",
    )

    visit_methods: tuple[str, ...] = ("电话联系", "直接上门", "电话预约并上门")

    # The visit method that needs two complete heads (C ≥ 2) instead of D ≥ 2 and C ≥ 1.
    appointment_method: str = "电话预约并上门"

    importance_levels: tuple[str, ...] = (
        "马上要做", "考虑中", "关注", "一年之内不会做", "已做", "尚未了解",
    )
    importance_aliases: Mapping[str, str] = field(
        default_factory=lambda: _frozen({"尚不了解": "尚未了解"})
    )

    # 重要程度 value that requires the 已做* details.
    done_level: str = "已做"
    done_fields: tuple[str, ...] = ("已做厂商", "已做模块", "已做时间", "已做效果")

    genders: tuple[str, ...] = ("男", "女")
    gender_aliases: Mapping[str, str] = field(
        default_factory=lambda: _frozen({"男性": "男", "女性": "女"})
    )

    unit_types: tuple[str, ...] = (
        "设计院", "勘察院", "研究院", "施工企业", "房地产企业", "政府机关", "事业单位", "其他企业",
    )
    design_institute_type: str = "设计院"
    # A blank 单位类型 counts as 设计院 when the unit name contains one of these.
    design_institute_markers: tuple[str, ...] = ("设计院", "设计研究院", "勘察设计")
    # The standard's "100人以下" includes 100.
    small_design_institute_max_headcount: int = 100

    unit_suffixes: tuple[str, ...] = (
        "有限公司", "有限责任公司", "股份有限公司", "公司", "集团", "设计院", "设计研究院",
        "研究院", "勘察院", "科学院", "研究所", "设计所", "事务所", "学院", "大学", "学校",
        "医院", "中心", "局", "厅", "委员会", "办公室", "馆", "站", "队", "所",
        # Government and court names, which the standard's list misses: 杭州市人民政府.
        "政府", "法院", "检察院", "卫生院",
    )
    # Shorter names cannot be a full registered name.
    unit_name_min_length: int = 4

    head_titles: tuple[str, ...] = (
        "主任", "副主任", "部长", "副部长", "经理", "副经理", "科长", "副科长", "处长", "副处长",
        "主管", "负责人", "院长", "副院长", "所长", "副所长", "馆长", "副馆长", "总工",
        "总工程师", "总经理", "副总经理", "总监", "书记", "董事长",
    )
    # Titles that contain a head title but are not heads.
    non_head_titles: tuple[str, ...] = ("主任科员", "主任医师")

    # Qualifying departments for R-DEPT: canonical name → the names that mean it.
    qualifying_departments: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: _frozen({
            "信息中心": ("信息中心", "信息部", "信息化部", "信息技术部", "IT部", "网络中心", "计算机中心"),
            "档案室": ("档案室", "档案馆", "档案科", "档案处", "资料室"),
            "管理部门": ("综合办公室", "院办", "办公室", "技术质量部"),
            "单位领导": ("院领导", "所领导", "公司领导", "领导班子"),
        })
    )

    # Each quota's allowance is floor(eligible × percent / 100).
    quota_percent: int = 10

    # A 备注 reason needs this many characters after removing filler and punctuation.
    reason_min_chars: int = 4

    # Plausible contact ages; outside this range a contact's age is not a real reading.
    min_age: int = 18
    max_age: int = 80

    def allowance(self, eligible: int) -> int:
        """Return floor(eligible × percent / 100) in integer arithmetic."""
        return eligible * self.quota_percent // 100


_MAPPING_FIELDS = {"importance_aliases", "gender_aliases", "qualifying_departments"}


def config_from_mapping(values: Mapping[str, Any], base: RuleConfig | None = None) -> RuleConfig:
    """Return ``base`` (default: the standard) with the fields that ``values`` sets."""
    base = base or RuleConfig()
    known = {item.name: item for item in dataclasses.fields(RuleConfig)}
    changes: dict[str, Any] = {}

    for key, value in values.items():
        if key == ADD_TABLE:
            continue
        if key not in known:
            raise ConfigError(f"未知的配置项“{key}”：可用的配置项有 {', '.join(sorted(known))}")
        changes[key] = _coerce(key, value, getattr(base, key))

    # Lists under [add] extend the list in force instead of replacing it.
    additions = values.get(ADD_TABLE, {})
    if not isinstance(additions, Mapping):
        raise ConfigError(f"“{ADD_TABLE}”应为表（TOML table），实际为 {additions!r}")
    for key, value in additions.items():
        current = changes.get(key, getattr(base, key, None))
        if not isinstance(current, tuple):
            raise ConfigError(f"[{ADD_TABLE}] 中的“{key}”不是列表型配置项：只有列表可以追加")
        extra = _coerce(key, value, current)
        changes[key] = current + tuple(item for item in extra if item not in current)

    config = dataclasses.replace(base, **changes)
    if not 1 <= config.quota_percent <= 100:
        raise ConfigError(f"quota_percent 为 {config.quota_percent}：应为 1 到 100 之间的整数")
    return config


def _coerce(key: str, value: Any, default: Any) -> Any:
    """Convert a TOML value to the type of the field's default, or raise ``ConfigError``."""
    if key in _MAPPING_FIELDS:
        if not isinstance(value, Mapping):
            raise ConfigError(f"配置项“{key}”应为表（TOML table），实际为 {value!r}")
        if key == "qualifying_departments":
            return _frozen({name: tuple(aliases) for name, aliases in value.items()})
        return _frozen({str(alias): str(target) for alias, target in value.items()})
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"配置项“{key}”应为字符串列表，实际为 {value!r}")
        return tuple(value)
    if isinstance(default, bool) or not isinstance(value, type(default)):
        expected = _TYPE_NAMES.get(type(default), type(default).__name__)
        raise ConfigError(f"配置项“{key}”应为{expected}，实际为 {value!r}")
    return value


# Names of the field types in messages to a trainer editing the TOML file.
_TYPE_NAMES = {int: "整数（不加引号，如 10）", str: "文本（加英文双引号）", float: "数字"}

# tomllib ends each syntax error with "(at line L, column C)".
_ERROR_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def config_from_toml(text: str, base: RuleConfig | None = None) -> RuleConfig:
    """Parse TOML text into a configuration; syntax errors raise ``ConfigError``."""
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib's own explanation is English, so only its position is passed on.
        position = _ERROR_POSITION.search(str(error))
        if position:
            where = f"第 {position.group(1)} 行第 {position.group(2)} 列附近"
        else:
            where = "文件末尾" if "end of document" in str(error) else "某处"
        raise ConfigError(
            f"TOML 格式有误，{where}有语法错误。请对照 examples/rules.toml 检查引号、括号和等号。"
        ) from error
    return config_from_mapping(values, base)


DEFAULT_CONFIG = RuleConfig()
