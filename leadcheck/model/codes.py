"""The catalogue of rule codes: each with its level, a Chinese title and message template.

Codes are stable identifiers that tests, the JSON report and trainers' notes depend on, so
a code is never renamed. Levels: ``error`` makes the customer invalid, ``warning`` is shown
but does not.

Every template is formatted with ``value`` (the cell text as read, quoted in the message)
and ``column`` (the header), plus the named fields listed in ``Code.fields``. A message
says what is wrong, quotes the value, and says how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    """One rule code: its identifier, level, Chinese title and message template."""

    code: str
    level: str
    title: str
    template: str

    def format(self, value: str, column: str, **fields: object) -> str:
        """Fill the message template; unknown placeholders raise ``KeyError`` early."""
        return self.template.format(value=value, column=column, **fields)


_CATALOGUE = (
    Code(
        "missing-field", ERROR, "必填项缺失",
        "「{column}」{state}：请填写真实内容。",
    ),
    Code(
        "invalid-choice", ERROR, "取值不在列表中",
        "「{column}」填的“{value}”不在可选项中：请从下拉列表选择（{choices}）。",
    ),
    Code(
        "done-details-missing", ERROR, "已做客户缺少已做信息",
        "重要程度为“已做”，但「{column}」为空：请填写{what}。",
    ),
    Code(
        "invalid-date", ERROR, "日期无效",
        "「{column}」的“{value}”{reason}：请填写实际日期，如 2026-11-20 或 2026年11月20日。",
    ),
    Code(
        "invalid-headcount", ERROR, "人数无效",
        "「人数」的“{value}”不是正整数：请填写单位人数，如 120、约120人 或 80-100。",
    ),
    Code(
        "incomplete-unit-name", ERROR, "单位名称不全",
        "单位名称“{value}”{reason}：请填写营业执照上的全称，如“杭州市城建设计研究院有限公司”。",
    ),
    Code(
        "incomplete-address", ERROR, "地址不完整",
        "地址“{value}”{reason}：请写明城市、区县和街道门牌，如“杭州市西湖区文三路100号”。",
    ),
    Code(
        "contact-missing-field", WARNING, "联系人信息不全",
        "联系人{number}缺少{missing}：信息不全的联系人不计入部门主管人数，请补全。",
    ),
    Code(
        "invalid-phone", ERROR, "电话号码无效",
        "电话“{value}”{part}{reason}：请填写11位手机号或“区号-号码”，如 0571-87654321。",
    ),
    Code(
        "phone-missing-area-code", ERROR, "电话缺区号",
        "固定电话“{number}”没有区号：请在前面加上区号，如 {area_code}-{number}。",
    ),
    Code(
        "switchboard-missing-extension", ERROR, "总机缺分机号",
        "电话“{value}”{reason}：请写明各自的分机号，如 {example}。",
    ),
    Code(
        "area-code-mismatch", WARNING, "区号与地址城市不符",
        "电话“{value}”的区号 {area_code} 属于{phone_city}，而地址在{address_city}：请核对号码或地址。",
    ),
    Code(
        "salutation-gender-mismatch", ERROR, "称呼与性别不符",
        "“{value}”与性别“{gender}”不符：请核对称呼或性别。",
    ),
    Code(
        "multiple-people-in-block", ERROR, "一栏填了多人",
        "姓名“{value}”包含多个人：每位联系人请单独填在一组联系人栏中。",
    ),
    Code(
        "placeholder-name", WARNING, "姓名以称谓代替",
        "姓名“{value}”不是全名（姓+职务或称谓）：请尽量填写全名；此类客户不得超过 {percent}%。",
    ),
    Code(
        "not-department-head", WARNING, "不是部门主管",
        "职务“{value}”不是部门主管：该联系人不计入部门主管人数；主管职务如主任、部长、科长、经理。",
    ),
    Code(
        "other-department", WARNING, "非信息/档案相关部门",
        "部门“{value}”不是信息中心、档案室、其上级部门或单位领导：仍计入，但请优先联系这些部门。",
    ),
    Code(
        "too-few-departments", ERROR, "部门主管不足",
        "{requirement}，本行只有{actual}：请补充其他部门主管的完整信息，或在「备注」中说明原因。",
    ),
    Code(
        "design-institute-head-missing", ERROR, "小型设计院缺院长信息",
        "人数“{value}”的设计院（100人及以下）须有院长或主管信息化的副院长的完整信息：请补充。",
    ),
    Code(
        "quota-exceeded", ERROR, "超出比例限额",
        "“{quota}”的名额已用完（{rep}共 {base} 个合格客户，此类最多 {allowed} 个）：请{fix}。",
    ),
    Code(
        "duplicate-customer", WARNING, "重复客户",
        "单位“{value}”与第 {other_row} 行{other}重复：请确认是否同一单位。",
    ),
)

CODES: dict[str, Code] = {code.code: code for code in _CATALOGUE}
