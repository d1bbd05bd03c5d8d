"""Generated inputs for the merge and duplicate tests: unit names and lead sheets.

Every generator takes a seed, so a failing case can be rebuilt exactly. Run this module
(``python -m tests.mergefixtures``) to measure duplicate detection on 20,000 names.
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass
from itertools import combinations

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
