"""Write examples/示例客户登记.xlsx: an invented lead sheet for the README's first command.

Every name, unit and number is invented. The rows mix valid customers with the defects
reps make most often, so the annotated copy shows red and amber cells and a summary.
Run: .venv/bin/python scripts/make_example.py
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import xlsxwriter

from leadcheck.model.columns import template_headers

TARGET = Path(__file__).resolve().parents[1] / "examples" / "示例客户登记.xlsx"

DAY = datetime(2026, 11, 18)

BASE = {
    "业务员": "王磊", "拜访日期": DAY, "拜访方式": "电话预约并上门",
    "单位类型": "设计院", "资质": "建筑行业(建筑工程)甲级", "人数": "约150人",
    "系统现状": "有OA系统，图纸档案靠共享盘和纸质台账，查找困难", "未来计划": "明年列入信息化预算，计划上半年选型",
    "重要程度": "考虑中", "业务员意见": "信息中心主导选型，下周安排演示，重点讲图档检索",
    "联系人1-称呼": "主任", "联系人1-部门": "信息中心", "联系人1-职务": "主任", "联系人1-性别": "男",
    "联系人1-年龄": "45左右", "联系人1-评价意向": "认为检索和权限管理实用，希望看演示", "联系人1-沟通时间": DAY,
    "联系人2-称呼": "女士", "联系人2-部门": "档案室", "联系人2-职务": "科长", "联系人2-性别": "女",
    "联系人2-年龄": "40", "联系人2-评价意向": "关注电子归档，意向较强", "联系人2-沟通时间": DAY,
}

# (单位名称, 地址, 联系人1 姓名, 电话, 联系人2 姓名, 电话, other changes)
ROWS = [
    ("南京市鼎元建筑设计研究院有限公司", "江苏省南京市鼓楼区中山北路88号", "赵志强", "025-83316600", "钱慧", "13905146601", {}),
    ("苏州市恒远工程设计有限公司", "江苏省苏州市姑苏区干将西路120号", "孙浩", "0512-65201234转8101", "李敏", "0512-65201234转8102",
     {"单位类型": "其他企业"}),
    ("无锡市华泰规划设计院", "江苏省无锡市梁溪区人民中路66号", "周建华", "0510-82701234", "吴芳", "13861701234",
     {"人数": "80-100"}),
    ("常州市天成勘察设计院有限公司", "江苏省常州市新北区太湖东路9号", "郑伟", "82301234", "王丽", "13915001234", {}),
    ("南通市瑞丰建设集团有限公司", "江苏省南通市崇川区工农路57号", "冯军", "0513-85101234", "陈静", "1391360123",
     {"单位类型": "施工企业", "人数": 600}),
    ("扬州城建院", "江苏省扬州市邗江区文昌西路200号", "褚涛", "0514-87301234", "卫红", "13952501234", {}),
    ("镇江市润州设计研究院有限公司", "江苏省镇江市润州区", "蒋斌", "0511-85201234", "沈燕", "13952901234", {}),
    ("徐州市淮海工程设计院有限公司", "江苏省徐州市云龙区解放南路18号", "韩磊", "0516-83701234", "杨主任", "13952101234",
     {"联系人2-职务": "主任", "联系人2-称呼": "先生", "联系人2-性别": "女"}),
    ("盐城市东方设计研究院有限公司", "江苏省盐城市亭湖区解放南路30号", "朱明", "0515-88201234", None, None,
     {"备注": "档案室科长休假，已约下周补充拜访", "联系人2-称呼": None, "联系人2-部门": None, "联系人2-职务": None,
      "联系人2-性别": None, "联系人2-年龄": None, "联系人2-评价意向": None, "联系人2-沟通时间": None}),
    ("淮安市华宇设计院有限公司", "江苏省淮安市清江浦区淮海东路100号", "秦刚", "0517-83601234", "许琳", "13952301234",
     {"重要程度": "已做", "已做厂商": "某档案软件公司"}),
    ("连云港市海州建筑设计院", "江苏省连云港市海州区朝阳东路8号", "何平", "0518-85801234", "吕洁", "13952201234",
     {"人数": 60}),
    ("宿迁市宿城设计研究院有限公司", "江苏省宿迁市宿城区洪泽湖路66号", "施勇", "010-62345678", "张倩", "13952401234", {}),
]

# Valid customers in other cities, so the rep has enough eligible customers for a quota slot.
VALID_ROWS = [
    ("杭州市钱江建筑设计研究院有限公司", "浙江省杭州市上城区解放东路58号", "0571"),
    ("宁波市甬江规划设计院有限公司", "浙江省宁波市鄞州区天童南路188号", "0574"),
    ("温州市瓯海工程设计研究院有限公司", "浙江省温州市鹿城区车站大道66号", "0577"),
    ("绍兴市越城建筑设计院有限公司", "浙江省绍兴市越城区人民中路99号", "0575"),
    ("嘉兴市南湖设计研究院有限公司", "浙江省嘉兴市南湖区中山东路108号", "0573"),
    ("湖州市太湖建筑设计院有限公司", "浙江省湖州市吴兴区人民路20号", "0572"),
    ("金华市婺城勘察设计院有限公司", "浙江省金华市婺城区八一南街36号", "0579"),
    ("台州市椒江建筑设计研究院有限公司", "浙江省台州市椒江区市府大道300号", "0576"),
]
# Column widths in characters, by header or by contact field name.
COLUMN_WIDTHS = {
    "拜访日期": 12, "拜访方式": 15, "单位名称": 32, "地址": 32, "资质": 22, "系统现状": 30, "未来计划": 30,
    "业务员意见": 30, "备注": 24, "电话": 20, "评价意向": 24, "沟通时间": 12,
}
SURNAMES = "董梁萧程曹袁邓许"
GIVEN_NAMES = ("国平", "海燕", "建新", "丽华", "志远", "晓梅", "文斌", "春兰")


def build_rows() -> list[dict[str, object]]:
    """Return the example customers as header → value mappings."""
    records = []
    for unit, address, name1, phone1, name2, phone2, changes in ROWS:
        record = dict(BASE, 单位名称=unit, 地址=address)
        record.update({"联系人1-姓名": name1, "联系人1-电话": phone1, "联系人2-姓名": name2, "联系人2-电话": phone2})
        record["联系人1-称呼"] = f"{name1[0]}主任"
        record["联系人2-称呼"] = f"{name2[0]}女士" if name2 else None
        record.update(changes)
        records.append(record)

    for index, (unit, address, area_code) in enumerate(VALID_ROWS):
        name1 = SURNAMES[index] + GIVEN_NAMES[index]
        name2 = SURNAMES[-index - 1] + GIVEN_NAMES[-index - 1]
        records.append(dict(
            BASE, 单位名称=unit, 地址=address, 重要程度=("马上要做", "考虑中", "关注")[index % 3],
            **{"联系人1-姓名": name1, "联系人1-称呼": f"{name1[0]}主任", "联系人1-电话": f"{area_code}-8800{index:04d}",
               "联系人2-姓名": name2, "联系人2-称呼": f"{name2[0]}女士", "联系人2-电话": f"1390571{index:04d}"},
        ))
    return records


def write_example(target: Path = TARGET) -> None:
    """Write the example workbook with the template's headers, dates formatted as dates."""
    headers = template_headers()
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(target))
    workbook.set_properties({"created": datetime(2026, 11, 20)})
    sheet = workbook.add_worksheet("客户登记")
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
    dated = workbook.add_format({"num_format": "yyyy-mm-dd"})

    sheet.write_row(0, 0, headers, bold)
    for index, record in enumerate(build_rows(), start=1):
        for column, header in enumerate(headers):
            value = record.get(header)
            if isinstance(value, datetime):
                sheet.write_datetime(index, column, value, dated)
            elif value is not None:
                sheet.write(index, column, value)
    sheet.freeze_panes(1, 4)
    for column, header in enumerate(headers):
        sheet.set_column(column, column, COLUMN_WIDTHS.get(header.split("-")[-1], 12))
    workbook.close()


if __name__ == "__main__":
    write_example()
    print(f"已生成 {TARGET}")
