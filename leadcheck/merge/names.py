"""Normalising Chinese unit names so that two spellings of one unit compare equal.

A rep writes the same unit as ``浙江省杭州市城建设计研究院有限公司``, ``杭州城建设计研究院``
or ``杭州市城建设计院（有限公司）``. ``parse_unit_name`` splits a name into the place it
names (city, district) and its *core*: the name without place prefix, legal form and
brackets. Duplicate detection compares cores, and uses the other fields as gates.

Naming conventions: ``core`` is the comparable remainder of a name, ``trade`` its leading
trade-name characters (字号), ``city`` a city name without 市 and ``district`` a district or
county name in its full form (``西湖区``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from leadcheck.merge.places import (
    CITY_SHORT_NAMES, PROVINCE_SHORT_NAMES, PROVINCES, UNIT_ALIASES,
)

# Leading characters of the core that must agree for two names to be one unit. Two
# characters are the usual length of a trade name (富鑫, 城建), and names that differ there
# are different units however similar the rest is (上海市富鑫网络科技 vs 上海市富辰网络科技).
TRADE_NAME_LENGTH = 2

# Legal forms removed from the end of a name, longest first; removal repeats, so that
# ``集团有限公司`` loses both parts.
LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团", "公司")

# Spellings of one kind of institute, mapped to one form so that they compare equal.
CORE_SYNONYMS = (("设计研究院", "设计院"), ("研究设计院", "设计院"))

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
_SPACE = re.compile(r"\s+")

# A prefecture-level unit written in full: two or three characters and its level word.
# 市 that begins a word (市政, 市场) is not a level word: 华新市政工程 is no city 华新.
_CITY_FULL = re.compile(
    r"^([\u4e00-\u9fff]{2,3}?)(?:市(?![政场民容级属直市])|自治州|地区|盟)"
)

# A district or county in its full form. Words such as 园区 or 校区 are not districts.
_DISTRICT_FULL = re.compile(r"^([\u4e00-\u9fff]{1,3}(?:新区|区|县|旗))")
_NOT_DISTRICT_ENDINGS = ("园区", "社区", "校区", "景区", "小区", "片区", "矿区", "厂区", "港区", "库区")

# Minimum characters left after removing a prefix; below this the "prefix" is the name.
_MIN_REMAINDER = 2

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_NUMERAL = re.compile(r"[0-9]+|[零〇一二两三四五六七八九十百]+")
# An ordinal (第二, 第2) is written one way in a core, so that both spellings compare equal.
_ORDINAL = re.compile(r"第([0-9]+|[零〇一二两三四五六七八九十百]+)")

def _alternation(words: tuple[str, ...]) -> str:
    # Longest first, so that 黑龙江省 wins over a shorter word at the same position.
    return "|".join(sorted(words, key=len, reverse=True))


_PROVINCE = re.compile(f"^(?:{_alternation(PROVINCES)}|{_alternation(PROVINCE_SHORT_NAMES)})")
_PROVINCE_SHORT = re.compile(f"^(?:{_alternation(PROVINCE_SHORT_NAMES)})")
_CITY_SHORT = re.compile(f"^({_alternation(CITY_SHORT_NAMES)})")

_ALIASES = {unicodedata.normalize("NFKC", key): value for key, value in UNIT_ALIASES.items()}


@dataclass(frozen=True, slots=True)
class UnitName:
    """A unit name split into the place it names and its comparable core."""

    text: str
    city: str
    district: str
    core: str
    numerals: tuple[str, ...]

    @property
    def trade(self) -> str:
        """Leading trade-name characters of the core."""
        return self.core[:TRADE_NAME_LENGTH]


def parse_unit_name(name: object) -> UnitName:
    """Split a unit name into city, district, core and the numerals of its core.

    Does not promise that ``city`` is a real city: a two- or three-character word before
    市 at the start of a name is taken for one.
    """
    text = _SPACE.sub("", unicodedata.normalize("NFKC", str(name or "")))

    # Expand a well-known abbreviation before anything is removed from it.
    text = _ALIASES.get(text, text)
    stripped = _BRACKETS.sub("", text)
    stripped = _strip_legal_suffixes(stripped)
    city, district, core = split_place(stripped)

    for spelling, canonical in CORE_SYNONYMS:
        core = core.replace(spelling, canonical)
    core = _ORDINAL.sub(lambda found: "第" + _numeral_value(found.group(1)), core.casefold())
    return UnitName(text, city, district, core, _numerals(core))


def split_place(text: str) -> tuple[str, str, str]:
    """Remove a leading province, city and district; return (city, district, rest).

    A province not followed by a city stays in the rest as its short name, because a
    provincial unit (浙江省建筑设计研究院) is named by its province.
    """
    rest = text
    province = _match_province(rest)
    if province:
        after = rest[len(province):]
        if _match_city(after):
            rest = after
        elif province.endswith(("省", "自治区", "特别行政区")):
            rest = _province_short(province) + after

    city = ""
    for _ in range(2):
        # A county-level city may follow its prefecture: 宁波市余姚市.
        matched = _match_city(rest)
        if not matched or len(rest) - len(matched[0]) < _MIN_REMAINDER:
            break
        city = city or matched[1]
        rest = rest[len(matched[0]):]

    district = ""
    found = _DISTRICT_FULL.match(rest)
    if found and not found.group(1).endswith(_NOT_DISTRICT_ENDINGS):
        if len(rest) - found.end() >= _MIN_REMAINDER:
            district = found.group(1)
            rest = rest[found.end():]
    return city, district, rest


def _match_province(text: str) -> str:
    found = _PROVINCE.match(text)
    return found.group(0) if found else ""


def _province_short(province: str) -> str:
    found = _PROVINCE_SHORT.match(province)
    return found.group(0) if found else province


def _match_city(text: str) -> tuple[str, str] | None:
    """Return (prefix as written, city name without 市) for a leading city, or ``None``."""
    found = _CITY_FULL.match(text) or _CITY_SHORT.match(text)
    if not found:
        return None
    return found.group(0), found.group(1)


def _strip_legal_suffixes(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for suffix in LEGAL_SUFFIXES:
            if text.endswith(suffix) and len(text) - len(suffix) >= _MIN_REMAINDER:
                text = text[: -len(suffix)]
                changed = True
    return text


def _numerals(core: str) -> tuple[str, ...]:
    """Return the numbers in a core as digit strings, so 第一 and 第1 compare equal."""
    return tuple(_numeral_value(token) for token in _NUMERAL.findall(core))


def _numeral_value(token: str) -> str:
    if token.isdigit():
        return str(int(token))
    if "百" in token:
        return token
    if "十" in token:
        tens, _, units = token.partition("十")
        value = _DIGITS.get(tens, 1) * 10 + _DIGITS.get(units, 0)
        return str(value)
    return "".join(str(_DIGITS[character]) for character in token)
