"""Generated inputs for the merge and duplicate tests: unit names and lead sheets.

Every generator takes a seed, so a failing case can be rebuilt exactly. Run this module
(``python -m tests.mergefixtures``) to measure duplicate detection on 20,000 names.
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from itertools import combinations
from pathlib import Path

# (province, city) of the generated units; cities share trade names on purpose.
CITIES = (
    ("浙江省", "杭州"), ("浙江省", "宁波"), ("浙江省", "温州"), ("江苏省", "南京"), ("江苏省", "苏州"),
    ("广东省", "广州"), ("广东省", "深圳"), ("四川省", "成都"), ("湖北省", "武汉"), ("山东省", "青岛"),
    ("", "上海"), ("", "北京"),
)

# Districts whose short form is also a trade name below; only 光明区 and 西湖区 are real
# districts of their cities, and a name prefixed by one must not lose its trade name.
DISTRICT_TRADE_NAMES = ("东海", "光明", "西湖", "滨江")

INDUSTRIES = (
    "网络科技", "信息技术", "建筑设计研究院", "勘察设计院", "市政工程", "建设工程", "工程咨询",
    "规划设计研究院", "软件", "环境科技", "智能科技", "数据服务",
)

_TRADE_CHARACTERS = "富鑫辰华宏泰恒瑞安康盛达新源明德兴旺中联天宇博远嘉禾云海锦程永信立诚"

LEGAL_FORMS = ("有限公司", "有限责任公司", "股份有限公司", "")


@dataclass(frozen=True)
class GeneratedName:
    """A generated unit name with the identity of the unit it names."""

    name: str
    unit: int
    address: str


def _canonical_parts(rng: random.Random, used: set[tuple[str, str, str]]) -> tuple[str, str, str, str]:
    while True:
        province, city = rng.choice(CITIES)
        trade = rng.choice(_TRADE_CHARACTERS) + rng.choice(_TRADE_CHARACTERS)
        industry = rng.choice(INDUSTRIES)
        if (city, trade, industry) not in used:
            used.add((city, trade, industry))
            return province, city, trade, industry


def _spelling(rng: random.Random, province: str, city: str, trade: str, industry: str) -> str:
    """Return one way a rep may write the unit: prefix, legal form, brackets, width."""
    prefix = rng.choice((f"{province}{city}市", f"{city}市", city))
    legal = rng.choice(LEGAL_FORMS)
    body = trade + industry
    variant = rng.randrange(6)
    if variant == 1:
        body = body.replace("设计研究院", "设计院")
    elif variant == 2:
        body = f"{trade}({city}){industry}" if rng.random() < 0.5 else f"{trade}{industry}（{city}）"
    elif variant == 3:
        prefix = prefix + " "
    elif variant == 4:
        legal = legal.replace("有限", "有限 ")
    elif variant == 5:
        # A typo after the trade name: one character of the industry doubled.
        position = rng.randrange(len(industry))
        body = trade + industry[:position] + industry[position] + industry[position:]
    return prefix + body + legal


def generate_names(count: int, seed: int = 7, duplicate_share: float = 0.2) -> list[GeneratedName]:
    """Generate ``count`` names: planted duplicates plus hard non-duplicates.

    Hard non-duplicates: sibling trade names one character apart (富鑫/富辰) in the same
    city and industry, ordinals (第一/第二建筑工程公司), and district short names used as
    trade names (东海, 光明).
    """
    rng = random.Random(seed)
    used: set[tuple[str, str, str]] = set()
    names: list[GeneratedName] = []
    unit = 0

    while len(names) < count:
        unit += 1
        province, city, trade, industry = _canonical_parts(rng, used)
        address = f"{province}{city}市中山路{rng.randrange(1, 999)}号"
        kind = rng.random()

        if kind < 0.08:
            # A sibling: the same city and industry, one trade character changed.
            sibling = trade[0] + rng.choice(_TRADE_CHARACTERS.replace(trade[1], ""))
            if (city, sibling, industry) not in used:
                used.add((city, sibling, industry))
                names.append(GeneratedName(f"{city}市{sibling}{industry}有限公司", unit, address))
                unit += 1
        elif kind < 0.12:
            ordinal = rng.choice("一二三四五六七八九")
            trade = f"第{ordinal}"
            if (city, trade, "建筑工程") in used:
                continue
            used.add((city, trade, "建筑工程"))
            industry = "建筑工程"
        elif kind < 0.16:
            trade = rng.choice(DISTRICT_TRADE_NAMES)
            if (city, trade, industry) in used:
                continue
            used.add((city, trade, industry))

        names.append(GeneratedName(_spelling(rng, province, city, trade, industry), unit, address))
        if rng.random() < duplicate_share:
            names.append(GeneratedName(_spelling(rng, province, city, trade, industry), unit, address))
    return names[:count]


def true_pairs(names: list[GeneratedName]) -> set[tuple[int, int]]:
    """Return the index pairs (lower first) that name one unit."""
    by_unit: dict[int, list[int]] = {}
    for index, name in enumerate(names):
        by_unit.setdefault(name.unit, []).append(index)
    return {pair for indices in by_unit.values() for pair in combinations(indices, 2)}


def predicted_pairs(groups: list, kind: str) -> set[tuple[int, int]]:
    """Return the index pairs inside groups of ``kind`` (record keys are indices)."""
    pairs: set[tuple[int, int]] = set()
    for group in groups:
        if group.kind == kind:
            pairs.update(combinations(sorted(group.keys), 2))
    return pairs


def precision_recall(predicted: set, expected: set) -> tuple[float, float]:
    hits = len(predicted & expected)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(expected) if expected else 1.0
    return precision, recall


def plain_threshold_pairs(names: list[GeneratedName], threshold: float) -> set[tuple[int, int]]:
    """Pair names of one city whose normalised cores score ``threshold`` or more, ungated."""
    from rapidfuzz import fuzz, process

    from leadcheck.merge.names import parse_unit_name

    by_city: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        city = next(city for _, city in CITIES if city in name.name)
        by_city.setdefault(city, []).append(index)

    pairs: set[tuple[int, int]] = set()
    for indices in by_city.values():
        texts = [parse_unit_name(names[index].name).core for index in indices]
        scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=threshold, workers=-1)
        for row, column in zip(*scores.nonzero()):
            if row < column:
                pairs.add((indices[row], indices[column]))
    return pairs


def _benchmark(count: int = 20_000) -> None:
    from leadcheck.merge.dedupe import DUPLICATE, UnitRecord, find_duplicate_groups

    names = generate_names(count)
    expected = true_pairs(names)
    records = [UnitRecord(index, item.name, address=item.address) for index, item in enumerate(names)]

    started = time.perf_counter()
    groups = find_duplicate_groups(records)
    elapsed = time.perf_counter() - started
    precision, recall = precision_recall(predicted_pairs(groups, DUPLICATE), expected)
    print(f"{count} names, {len(expected)} true pairs")
    print(f"gated: {elapsed:.2f} s, precision {precision:.3f}, recall {recall:.3f}")

    review = predicted_pairs(groups, "review")
    print(f"review pairs: {len(review)}, of which true: {len(review & expected)}")

    started = time.perf_counter()
    plain = plain_threshold_pairs(names, 80)
    elapsed = time.perf_counter() - started
    precision, recall = precision_recall(plain, expected)
    print(f"plain ratio >= 80 per city: {elapsed:.2f} s, precision {precision:.3f}, recall {recall:.3f}")


if __name__ == "__main__":
    _benchmark(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)


# ---------------------------------------------------------------------------------------
# Lead sheets for merge tests. The public golden file holds reps 张伟 (rows 2-30) and 李娜
# (rows 31-42); the two generated sheets add 王芳 and 赵强 with planted duplicates.

GOLDEN = Path(__file__).parent / "golden" / "leads-public.xlsx"

# The run date of every merge test, after every 拜访日期 below and in the golden file.
TODAY = date(2026, 12, 1)

# Planted rows: (rep, 拜访日期, 单位名称, placeholder contact, shared mobile or None).
REORDERED_ROWS = (
    ("王芳", date(2026, 11, 8), "杭州城建设计研究院", False, None),          # golden row 2
    ("王芳", date(2026, 11, 12), "杭州市东方设计研究院（有限公司）", False, None),  # golden row 31
    ("王芳", date(2026, 11, 3), "杭州市恒达信息技术有限公司", False, None),
    ("王芳", date(2026, 11, 5), "杭州恒达信息技术有限责任公司", False, None),  # row above
    ("王芳", date(2026, 11, 6), "杭州市富鑫网络科技有限公司", True, None),
    ("王芳", date(2026, 11, 4), "杭州市第一建筑工程有限公司", False, None),
    ("王芳", date(2026, 11, 4), "杭州市光明科技有限公司", False, None),
    ("王芳", date(2026, 11, 7), "杭州市云帆软件有限公司", False, "13800001111"),
    ("王芳", date(2026, 11, 7), "杭州交通院", False, None),                  # golden row 4, review
)
OLDER_LAYOUT_ROWS = (
    ("赵强", date(2026, 11, 6), "杭州市富辰网络科技有限公司", False, None),
    ("赵强", date(2026, 11, 6), "杭州市第二建筑工程有限公司", False, None),
    ("赵强", date(2026, 11, 6), "杭州市东海科技有限公司", False, None),
    ("赵强", date(2026, 11, 6), "杭州市星河数据服务有限公司", False, "13800001111"),
    ("赵强", date(2026, 11, 9), "浙江省杭州市规划设计研究院", False, None),   # golden row 3
    ("王芳", date(2026, 11, 2), "杭州市锦程环境科技有限公司", True, None),
    ("王芳", date(2026, 11, 9), "杭州市明远工程咨询有限公司", False, None),
)

# Older template: no 单位类型 or 备注, two contact blocks, marked headers, a title row.
OLDER_TITLE = "2026年11月客户登记表（旧版模板）"
OLDER_EXTRA_HEADER = "客户来源"


def golden_template_row() -> dict[str, object]:
    """Return golden row 2 (a valid customer) as {header: value}."""
    import openpyxl

    workbook = openpyxl.load_workbook(GOLDEN, read_only=True)
    rows = list(workbook["客户登记"].iter_rows(min_row=1, max_row=2, values_only=True))
    workbook.close()
    return dict(zip(rows[0], rows[1]))


def planted_row(base: dict[str, object], spec: tuple, serial: int) -> dict[str, object]:
    """Fill the valid template row with one planted customer; phones unique per ``serial``."""
    rep, visit, unit, placeholder, shared_mobile = spec
    row = dict(base)
    visit_time = datetime(visit.year, visit.month, visit.day)
    row.update({
        "业务员": rep, "拜访日期": visit_time, "单位名称": unit,
        "单位类型": "其他企业", "地址": f"浙江省杭州市西湖区天目山路{serial}号",
        "联系人1-电话": f"0571-8800{serial:04d}", "联系人2-电话": shared_mobile or f"1390000{serial:04d}",
        "联系人1-沟通时间": visit_time, "联系人2-沟通时间": visit_time,
    })
    if placeholder:
        row["联系人2-姓名"] = "林科长"
    return row


def write_reordered_sheet(path: Path) -> Path:
    """Write 王芳's sheet with the template columns in reverse order."""
    import openpyxl

    base = golden_template_row()
    headers = list(reversed(list(base)))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "客户登记"
    sheet.append(headers)
    for serial, spec in enumerate(REORDERED_ROWS, start=100):
        row = planted_row(base, spec, serial)
        sheet.append([row[header] for header in headers])
    workbook.save(path)
    return path


def older_header(header: str) -> str:
    """Write a header as the older template did: 联系人1 姓名, required ones marked *."""
    if header.startswith("联系人"):
        return header.replace("-", " ")
    return header + "*" if header in ("业务员", "单位名称", "地址") else header


def write_older_layout_sheet(path: Path) -> Path:
    """Write a sheet in the older layout, with a title row and an extra column."""
    import openpyxl

    base = golden_template_row()
    dropped = ("单位类型", "备注")
    headers = [
        header for header in base
        if header not in dropped and not str(header).startswith("联系人3")
    ]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "客户登记"
    sheet.append([OLDER_TITLE])
    sheet.append([older_header(header) for header in headers] + [OLDER_EXTRA_HEADER])
    for serial, spec in enumerate(OLDER_LAYOUT_ROWS, start=200):
        row = planted_row(base, spec, serial)
        sheet.append([row[header] for header in headers] + ["展会"])
    workbook.save(path)
    return path


def merge_inputs(folder: Path) -> list[Path]:
    """Copy the golden file and write the two generated sheets into ``folder``, in merge order."""
    import shutil

    golden = folder / "a-张伟李娜.xlsx"
    shutil.copyfile(GOLDEN, golden)
    return [
        golden,
        write_reordered_sheet(folder / "b-王芳-11月第3周.xlsx"),
        write_older_layout_sheet(folder / "c-赵强-旧模板.xlsx"),
    ]


def data_row_count(path: Path) -> int:
    """Count the data rows of an input as the reader sees them."""
    from leadcheck.sheets.reader import read_lead_sheet

    return len(read_lead_sheet(path).rows)
