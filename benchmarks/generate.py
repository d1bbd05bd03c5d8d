"""Generate realistic lead sheets for the benchmarks: N customers, three contacts each.

Every name, unit, address and number is invented from small word lists with a seeded
random generator, so the same arguments always give the same rows (the file bytes also
carry XlsxWriter's fixed creation date). About a third of the customers carry one of the
defects reps make most often: missing area code, placeholder name, vague address, a
future date or too few departments. The rest are valid customers.

The file looks like a rep's: bold tinted headers, date formats, column widths, frozen
panes and a few hand-filled cells, so an annotated copy has formatting to keep.
Run: .venv/bin/python -m benchmarks.generate 1000 out.xlsx
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

import xlsxwriter

from leadcheck.model.columns import template_headers

# Fixed so that two runs write byte-identical files.
CREATED = datetime(2026, 11, 20)
FIRST_VISIT = datetime(2026, 9, 1)
VISIT_DAYS = 80

# Share of customers given one defect: an estimate, chosen so about a quarter come out invalid.
DEFECT_RATE = 0.35

REPS = ("王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄勇")
CITIES = (
    ("江苏省", "南京市", "鼓楼区", "025"), ("江苏省", "苏州市", "姑苏区", "0512"),
    ("浙江省", "杭州市", "上城区", "0571"), ("浙江省", "宁波市", "鄞州区", "0574"),
    ("安徽省", "合肥市", "蜀山区", "0551"), ("山东省", "济南市", "历下区", "0531"),
    ("湖北省", "武汉市", "江汉区", "027"), ("广东省", "广州市", "天河区", "020"),
    ("四川省", "成都市", "武侯区", "028"), ("河南省", "郑州市", "金水区", "0371"),
)
WORDS = ("鼎元", "恒远", "华泰", "天成", "瑞丰", "东方", "华宇", "海州", "宏达", "正源", "中信", "新纪元", "金桥", "长城")
UNIT_KINDS = (
    ("建筑设计研究院有限公司", "设计院"), ("工程勘察设计院有限公司", "勘察院"), ("规划设计研究院", "研究院"),
    ("建设集团有限公司", "施工企业"), ("置业有限公司", "房地产企业"),
)
STREETS = ("中山北路", "解放东路", "人民中路", "文昌西路", "天童南路", "车站大道", "太湖东路", "朝阳东路")
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜"
GIVEN = ("志强", "慧", "浩", "敏", "建华", "芳", "伟", "丽", "军", "静", "涛", "红", "国平", "海燕", "晓梅", "文斌")
CONTACTS = (("信息中心", "主任"), ("档案室", "科长"), ("院办", "副主任"), ("技术质量部", "部长"), ("信息中心", "工程师"))
STATUS = ("有OA系统，图纸档案靠共享盘和纸质台账，查找困难", "无专门系统，资料分散在各所电脑里", "用过某厂商档案软件，已停用")
PLANS = ("明年列入信息化预算，计划上半年选型", "暂无计划，领导有意向", "今年四季度启动调研")
OPINIONS = ("信息中心主导选型，下周安排演示，重点讲图档检索", "档案室科长很积极，需要说服院领导", "关系一般，先保持联系")
INTENTIONS = ("认为检索和权限管理实用，希望看演示", "关注电子归档，意向较强", "态度中立，要求先报价")
IMPORTANCE = ("马上要做", "考虑中", "关注", "一年之内不会做", "尚未了解")

COLUMN_WIDTHS = {"单位名称": 32, "地址": 32, "系统现状": 30, "未来计划": 30, "业务员意见": 30, "电话": 20, "评价意向": 24}


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _contact(rng: random.Random, number: int, area_code: str, visit: datetime) -> dict[str, object]:
    department, title = CONTACTS[(number - 1) % len(CONTACTS)] if number < 3 else rng.choice(CONTACTS)
    name = _name(rng)
    phone = f"{area_code}-{rng.randint(6000_0000, 8999_9999)}" if number == 1 else f"139{rng.randint(0, 99_999_999):08d}"
    prefix = f"联系人{number}-"
    return {
        prefix + "姓名": name, prefix + "称呼": name[0] + title[-2:], prefix + "部门": department,
        prefix + "职务": title, prefix + "性别": rng.choice("男女"), prefix + "年龄": str(rng.randint(30, 58)),
        prefix + "电话": phone, prefix + "评价意向": rng.choice(INTENTIONS), prefix + "沟通时间": visit,
    }


def _defect(rng: random.Random, record: dict[str, object]) -> None:
    """Give ``record`` one of the common defects."""
    kind = rng.randrange(6)
    if kind == 0:
        record["联系人1-电话"] = str(record["联系人1-电话"]).split("-")[1]
    elif kind == 1:
        record["联系人2-姓名"] = str(record["联系人2-姓名"])[0] + "女士"
    elif kind == 2:
        record["地址"] = str(record["地址"])[:6]
    elif kind == 3:
        record["拜访日期"] = datetime(2027, 3, 1)
    elif kind == 4:
        record["联系人2-部门"] = record["联系人3-部门"] = "技术质量部"
    else:
        record["联系人1-电话"] = "1391360123"


def build_records(customers: int, seed: int = 1, reps: tuple[str, ...] = REPS[:4]) -> list[dict[str, object]]:
    """Return ``customers`` records as header → value mappings, a fixed mix for ``seed``."""
    rng = random.Random(seed)
    records = []
    for index in range(customers):
        province, city, district, area_code = rng.choice(CITIES)
        word, (suffix, unit_type) = rng.choice(WORDS), rng.choice(UNIT_KINDS)
        visit = FIRST_VISIT + timedelta(days=rng.randrange(VISIT_DAYS))
        record: dict[str, object] = {
            "业务员": reps[index % len(reps)], "拜访日期": visit, "拜访方式": "电话预约并上门",
            "单位名称": f"{city}{word}{index}{suffix}", "单位类型": unit_type, "资质": "建筑行业(建筑工程)甲级",
            "地址": f"{province}{city}{district}{rng.choice(STREETS)}{rng.randint(1, 300)}号",
            "人数": f"约{rng.randint(6, 60) * 10}人", "系统现状": rng.choice(STATUS), "未来计划": rng.choice(PLANS),
            "重要程度": rng.choice(IMPORTANCE), "业务员意见": rng.choice(OPINIONS),
        }
        for number in (1, 2, 3):
            record.update(_contact(rng, number, area_code, visit))
        if rng.random() < DEFECT_RATE:
            _defect(rng, record)
        records.append(record)
    return records


def write_sheet(target: Path, customers: int, seed: int = 1, reps: tuple[str, ...] = REPS[:4]) -> Path:
    """Write a 客户登记 workbook of ``customers`` generated records to ``target``."""
    headers = template_headers()
    workbook = xlsxwriter.Workbook(str(target), {"constant_memory": False})
    workbook.set_properties({"created": CREATED})
    sheet = workbook.add_worksheet("客户登记")
    header_format = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    dated = workbook.add_format({"num_format": "yyyy-mm-dd"})
    marked = workbook.add_format({"bg_color": "#E2EFDA"})

    # Headers, then the rows; every tenth unit name is tinted the way reps mark follow-ups.
    sheet.write_row(0, 0, headers, header_format)
    for row, record in enumerate(build_records(customers, seed, reps), start=1):
        for column, header in enumerate(headers):
            value = record.get(header)
            if isinstance(value, datetime):
                sheet.write_datetime(row, column, value, dated)
            elif value is not None:
                sheet.write_string(row, column, str(value), marked if header == "单位名称" and row % 10 == 0 else None)

    sheet.freeze_panes(1, 4)
    sheet.autofilter(0, 0, customers, len(headers) - 1)
    for column, header in enumerate(headers):
        sheet.set_column(column, column, COLUMN_WIDTHS.get(header.split("-")[-1], 12))
    workbook.close()
    return target


if __name__ == "__main__":
    count, path = int(sys.argv[1]), Path(sys.argv[2])
    write_sheet(path, count)
    print(f"已生成 {path}：{count} 个客户")
