"""The 填写说明 sheet: the standard in the reps' words and one filled example customer.

The example row is a valid customer under the default rules (a test runs it through the
engine), so trainers can point at it and say "like this".
"""

from __future__ import annotations

from leadcheck.model.config import RuleConfig

# One valid customer: appointment visit with two complete heads in two departments, a
# Hangzhou address matching the 0571 area code, and a full registered unit name.
EXAMPLE_CUSTOMER = {
    "业务员": "张伟",
    "拜访日期": "2026-11-10",
    "拜访方式": "电话预约并上门",
    "单位名称": "浙江省建筑设计研究院有限公司",
    "单位类型": "设计院",
    "资质": "建筑行业甲级",
    "地址": "杭州市西湖区文三路90号",
    "人数": "约300人",
    "系统现状": "档案管理用单机版软件，检索慢，不满意",
    "未来计划": "计划明年上半年建设数字档案馆",
    "重要程度": "考虑中",
    "业务员意见": "档案室主任推动意愿强，先做档案模块试点",
    "联系人1-姓名": "陈建国",
    "联系人1-称呼": "先生",
    "联系人1-部门": "档案室",
    "联系人1-职务": "主任",
    "联系人1-性别": "男",
    "联系人1-年龄": "45",
    "联系人1-电话": "0571-87654321转8021",
    "联系人1-评价意向": "认可检索功能，希望看演示",
    "联系人1-沟通时间": "2026-11-10 上午",
    "联系人2-姓名": "李娜",
    "联系人2-称呼": "女士",
    "联系人2-部门": "信息中心",
    "联系人2-职务": "副主任",
    "联系人2-性别": "女",
    "联系人2-年龄": "38",
    "联系人2-电话": "13957112345",
    "联系人2-评价意向": "关注与办公系统的集成，愿意安排技术交流",
    "联系人2-沟通时间": "2026-11-10 下午",
}


def guide_lines(config: RuleConfig) -> list[str]:
    """Return the explanatory lines of the 填写说明 sheet, one paragraph a line."""
    percent = config.quota_percent
    return [
        "一、什么是有效客户",
        "只要有一项条件不满足，就不能算有效客户。点“有效客户 → 校验整表”会逐格写明原因。",
        f"1. 必填项都要填实：{'、'.join(config.required_fields)}。"
        f"“{'”“'.join(config.filler_words[:5])}”等占位词等于没填。",
        "2. 单位名称写全称，不写简称；地址写到市、区（县）和街道门牌。",
        f"3. 重要程度从六类中选：{'、'.join(config.importance_levels)}；选“已做”要写清厂商、模块、时间和效果。",
        "4. 电话联系或直接上门：至少接触两个部门，其中至少一位部门负责人的信息完整。",
        "5. 电话预约并上门：至少两个部门的负责人信息完整。",
        f"6. 部门不够但在备注里写明原因的客户，以及联系人只写了“王主任”这类称呼的客户，"
        f"各自最多占有效客户的 {percent}%，按拜访日期先到先得。",
        "7. 100 人以下（含 100 人）的设计院，要有院长或分管信息化的副院长的完整信息。",
        "",
        "二、怎样填写",
        "每行一个客户。带下拉箭头的列请从列表选择；点表头可以看到这一列的要求。",
        "电话列已设为文本格式，区号前面的 0 不会丢。空着的必填格和明显不对的电话会自动变色。",
        "发送文件前先点“清除标记”。不要改表头的文字，可以调整列的顺序。",
        "",
        "三、示例（一条有效客户）",
    ]
