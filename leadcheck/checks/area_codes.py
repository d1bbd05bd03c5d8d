"""Cities of Chinese landline area codes, for the area-code-mismatch check.

Area codes are written with their leading 0 (``0571``, ``010``). Cities are compared by
their *short name*: the name without an administrative suffix such as 市, 地区, 盟 or
自治州 with its ethnic groups (``延边朝鲜族自治州`` → ``延边``), so an address parser's
``杭州市`` or ``杭州`` matches the table's ``杭州市``.

The table has two layers. ``leadcheck/data/area_codes.json`` is generated from the
``phonenumbers`` geocoder by ``scripts/generate_area_codes.py`` and is not edited by
hand. The tables below correct it: geocoder names that are typos, old or informal, and
prefecture-level cities that dial a neighbour's code without the geocoder naming them.

Nothing here promises that a number is in use or that the city table is complete: an
area code missing from the table is *unknown*, and the check then stays silent.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

# Geocoder name -> the name to show and compare instead, or None to drop the name
# because it is a county or district inside a prefecture that the entry names already.
RENAMED_CITIES: dict[str, tuple[str | None, str]] = {
    "株州市": ("株洲市", "typo in the geocoder: the city is written 株洲"),
    "襄樊市": ("襄阳市", "old name: 襄樊 was renamed 襄阳 in 2010"),
    "芒市": ("德宏傣族景颇族自治州", "芒市 is the county-level seat of 德宏, which 0692 covers"),
    "香格里拉市": ("迪庆藏族自治州", "香格里拉 is the county-level seat of 迪庆, which 0887 covers"),
    "巢湖市": (None, "巢湖 became a county-level city of 合肥 in 2011"),
    "潮阳市": (None, "潮阳 is a district of 汕头 since 2003"),
    "顺德市": (None, "顺德 is a district of 佛山 since 2003"),
    "铜仁地区": ("铜仁市", "old name: the 地区 became a prefecture-level city"),
    "毕节地区": ("毕节市", "old name: the 地区 became a prefecture-level city"),
    "日喀则地区": ("日喀则市", "old name: the 地区 became a prefecture-level city"),
    "林芝地区": ("林芝市", "old name: the 地区 became a prefecture-level city"),
    "昌都地区": ("昌都市", "old name: the 地区 became a prefecture-level city"),
    "那曲地区": ("那曲市", "old name: the 地区 became a prefecture-level city"),
    "海东地区": ("海东市", "old name: the 地区 became a prefecture-level city"),
    "吐鲁番地区": ("吐鲁番市", "old name: the 地区 became a prefecture-level city"),
    "哈密地区": ("哈密市", "old name: the 地区 became a prefecture-level city"),
    "呼伦贝尔": ("呼伦贝尔市", "the geocoder omits the suffix"),
    "乌兰察布": ("乌兰察布市", "the geocoder omits the suffix"),
    "鄂尔多斯": ("鄂尔多斯市", "the geocoder omits the suffix"),
    "巴彦淖尔": ("巴彦淖尔市", "the geocoder omits the suffix"),
    "锡林郭勒": ("锡林郭勒盟", "the geocoder omits the suffix"),
    "兴安": ("兴安盟", "the geocoder omits the suffix"),
    "阿拉善": ("阿拉善盟", "the geocoder omits the suffix"),
    "西双版纳": ("西双版纳傣族自治州", "the geocoder omits the suffix"),
    "红河": ("红河哈尼族彝族自治州", "the geocoder omits the suffix"),
    "怒江": ("怒江傈僳族自治州", "the geocoder omits the suffix"),
    "迪庆": ("迪庆藏族自治州", "the geocoder omits the suffix"),
    "甘孜": ("甘孜藏族自治州", "the geocoder omits the suffix"),
    "阿坝": ("阿坝藏族羌族自治州", "the geocoder omits the suffix"),
    "黔南": ("黔南布依族苗族自治州", "the geocoder omits the suffix"),
    "黔东南": ("黔东南苗族侗族自治州", "the geocoder omits the suffix"),
    "甘南": ("甘南藏族自治州", "the geocoder omits the suffix"),
    "山南": ("山南市", "the geocoder omits the suffix"),
    "阿里": ("阿里地区", "the geocoder omits the suffix"),
    "双湖": (None, "双湖县 is a county of 那曲"),
    "普兰": (None, "普兰县 is a county of 阿里"),
    "札达": (None, "札达县 is a county of 阿里"),
}

# Area code -> cities that dial it although the geocoder does not name them.
SHARED_CODE_CITIES: dict[str, tuple[tuple[str, ...], str]] = {
    "0371": (("开封市",), "开封's own code 0378 was merged into 郑州's 0371"),
    "0391": (("济源市",), "济源, administered by the province, dials 焦作's code"),
    "0558": (("亳州市",), "亳州 was split from 阜阳 and kept its code"),
    "0719": (("神农架林区",), "神农架, administered by the province, dials 十堰's code"),
    "0772": (("来宾市",), "来宾 was split from 柳州 and kept its code"),
    "0774": (("贺州市",), "贺州 was split from 梧州 and kept its code"),
    "0775": (("贵港市",), "贵港 was split from 玉林 and kept its code"),
    "0898": (
        ("儋州市", "三沙市", "五指山市", "琼海市", "文昌市", "万宁市", "东方市"),
        "the whole of 海南 dials 0898, not only 海口 and 三亚",
    ),
    "0935": (("金昌市",), "金昌 dials 武威's code"),
    "0937": (("嘉峪关市",), "嘉峪关 dials 酒泉's code"),
    "0994": (("五家渠市",), "五家渠, a 兵团 city, dials 昌吉's code"),
    "0997": (("阿拉尔市",), "阿拉尔, a 兵团 city, dials 阿克苏's code"),
    "0998": (("图木舒克市",), "图木舒克, a 兵团 city, dials 喀什's code"),
}

# Ethnic groups named in the names of autonomous prefectures (自治州), longest first so
# that 哈尼族 is removed before a shorter name could match inside it.
_ETHNIC_GROUPS = (
    "柯尔克孜", "哈萨克", "土家族", "朝鲜族", "景颇族", "傈僳族", "哈尼族", "布依族", "蒙古族",
    "苗族", "白族", "彝族", "壮族", "傣族", "藏族", "羌族", "侗族", "回族", "蒙古",
)

# Suffixes of prefecture-level units, removed to get the short name. 州 alone is the
# informal form of 自治州 (恩施州); it is removed only from names of 3 or more characters,
# because every prefecture-level city whose name ends in 州 has a two-character name.
_SUFFIXES = ("自治州", "地区", "林区", "盟", "市")
_INFORMAL_PREFECTURE_SUFFIX = "州"


def short_city_name(name: str) -> str:
    """Return the name without its administrative suffix: ``杭州市`` → ``杭州``.

    Does not resolve counties or districts to their prefecture: ``余杭区`` stays as written.
    """
    name = name.strip()
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
            if suffix == "自治州":
                name = _strip_ethnic_groups(name)
            return name
    if name.endswith(_INFORMAL_PREFECTURE_SUFFIX) and len(name) >= 3:
        return name[:-1]
    return name


def _strip_ethnic_groups(name: str) -> str:
    stripped = True
    while stripped:
        stripped = False
        for group in _ETHNIC_GROUPS:
            if name.endswith(group) and len(name) > len(group) + 1:
                name = name[: -len(group)]
                stripped = True
                break
    return name


@functools.cache
def _city_table() -> dict[str, tuple[str, ...]]:
    """Load the generated table once and apply the corrections above."""
    source = resources.files("leadcheck") / "data" / "area_codes.json"
    generated = json.loads(source.read_text(encoding="utf-8"))["area_codes"]

    table = {}
    for code, names in generated.items():
        corrected = []
        for name in names:
            replacement = RENAMED_CITIES.get(name, (name, ""))[0]
            # Counties (县) appear beside their prefecture in Tibet's entries.
            if replacement is None or replacement.endswith("县"):
                continue
            if replacement not in corrected:
                corrected.append(replacement)
        shared, _reason = SHARED_CODE_CITIES.get(code, ((), ""))
        table[code] = tuple(corrected) + shared
    return table


@functools.cache
def _short_names(area_code: str) -> frozenset[str] | None:
    cities = _city_table().get(area_code)
    if cities is None:
        return None
    return frozenset(short_city_name(city) for city in cities)


def area_code_cities(area_code: str) -> tuple[str, ...] | None:
    """Return the cities of an area code written with its 0, or None when it is unknown."""
    return _city_table().get(area_code)


# A sheet pairs few area codes with few cities, and every landline checks its pair again.
@functools.lru_cache(maxsize=4096)
def area_code_matches_city(area_code: str, city: str) -> bool | None:
    """Tell whether a landline area code belongs to a prefecture-level city.

    ``city`` is the city as an address parser returns it (``杭州市``, ``杭州``, ``恩施州``).
    Returns None when the area code is unknown or the city is empty.
    """
    short_names = _short_names(area_code)
    city_short_name = short_city_name(city)
    if short_names is None or not city_short_name:
        return None
    return city_short_name in short_names


@functools.cache
def _area_code_by_city() -> dict[str, str]:
    codes: dict[str, str] = {}
    for code, cities in _city_table().items():
        for city in cities:
            codes.setdefault(short_city_name(city), code)
    return codes


def area_code_of_city(city: str) -> str | None:
    """Return the area code of a prefecture-level city (``杭州市`` → ``0571``), or None."""
    return _area_code_by_city().get(short_city_name(city))


def area_code_city_label(area_code: str) -> str:
    """Return the cities of an area code for messages, e.g. ``长沙市、湘潭市、株洲市``.

    An unknown area code gets ``未知城市``, so that a message still reads.
    """
    cities = _city_table().get(area_code)
    if not cities:
        return "未知城市"
    return "、".join(cities)
