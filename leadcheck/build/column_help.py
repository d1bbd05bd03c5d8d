"""Chinese help shown in the template: what each column needs, in the reps' words.

Excel shows a data-validation input message when a cell is selected; it allows a title of
32 characters and a message of 255, which ``template`` checks when it writes them.
"""

from __future__ import annotations

from leadcheck.model.config import RuleConfig

CUSTOMER_HELP = {
    "业务员": "填写你自己的姓名，汇总时按业务员统计。",
    "拜访日期": "填写拜访当天的日期，如 2026-11-20 或 2026年11月20日。不能晚于今天。",
    "拜访方式": "从下拉列表选择：{visit_methods}。“电话预约并上门”需要两个部门负责人的完整信息。",
    "单位名称": "写单位的完整注册名称，如“华东建筑设计研究院有限公司”，不要写简称或“某院”。",
    "单位类型": "从下拉列表选择：{unit_types}。留空时，名称里有“设计院”的按设计院算。",
    "资质": "单位的资质等级，如“建筑行业甲级”。",
    "地址": "写到能找到的程度：市、区（县）和街道门牌，如“杭州市西湖区文三路 90 号”。省可以不写。",
    "人数": "单位人数，整数，如 120、约120人、80-100（按 100 算）。",
    "系统现状": "单位现在用什么信息系统、哪些模块、满意不满意。“无”要写清楚情况，如“无，目前全部手工管理”。",
    "未来计划": "单位今后的信息化打算和时间。",
    "重要程度": "从下拉列表选择六类之一：{importance_levels}。选“已做”时，已做厂商、模块、时间、效果都要填。",
    "已做厂商": "重要程度为“已做”时必填：现在用的是哪家厂商的系统。",
    "已做模块": "重要程度为“已做”时必填：做了哪些模块。",
    "已做时间": "重要程度为“已做”时必填：什么时候做的。",
    "已做效果": "重要程度为“已做”时必填：用得怎么样。",
    "业务员意见": "你自己对这家单位信息化走向的判断，以及怎样拿下。",
    "备注": "只在接触的部门不够时填写原因（至少 4 个字）。有原因的客户占用 {quota_percent}% 的名额。",
}

CONTACT_HELP = {
    "姓名": "联系人的全名，如“王海”。不要写“王主任”“张工”这类称呼；一格只写一个人。",
    "称呼": "可不填。填写时要与性别一致：先生对应男，女士、小姐、太太对应女。",
    "部门": "联系人所在部门，如信息中心、档案室、办公室、院领导。",
    "职务": "联系人的职务。要算作部门负责人，需写主任、部长、科长、处长、院长、所长等。",
    "性别": "从下拉列表选择：{genders}。",
    "年龄": "大致年龄即可，如 45、45岁、40多、40-50。",
    "电话": "手机 11 位；座机要带区号，如 0571-87654321 转 8021。总机必须写分机号。多个号码用“/”隔开。",
    "评价意向": "联系人对我们系统的评价和合作意向。",
    "沟通时间": "和这位联系人沟通的日期，可加时间或上午、下午。",
}


def column_help(field_name: str, contact: bool, config: RuleConfig) -> str:
    """Return the help text of a customer field or a contact field, with lists filled in."""
    helps = CONTACT_HELP if contact else CUSTOMER_HELP
    # A company's extra column has no standard help text of its own.
    template = helps.get(field_name, "公司要求填写的信息。")
    required = config.contact_required_fields if contact else config.required_fields
    if field_name in required:
        template += "必填。"
    return template.format(
        quota_percent=config.quota_percent,
        visit_methods="、".join(config.visit_methods),
        unit_types="、".join(config.unit_types),
        importance_levels="、".join(config.importance_levels),
        genders="、".join(config.genders),
    )
