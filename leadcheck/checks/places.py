"""Reading a 地址 into province, city, district and street-level detail.

An address is findable when it names a city (a prefecture-level city, autonomous
prefecture, league, 地区 or municipality), a district or county in that city (or a
town or street, 街道, in a city without districts such as 东莞市), and street-level
detail. The province may be omitted.

The matcher reads the address from the left, one level at a time, against the
division table in ``leadcheck/data/places.json``; ``scripts/build_places_data.py``
derives that table from jionlp's ``china_location.zip`` and records the version.
At each level it looks up the longest known name that starts at the current position,
which costs a few dictionary look-ups and needs no third-party code (the engine also
runs under Pyodide). Decisions beyond exact names:

- a city may be written without its suffix (杭州, 恩施州) unless a district name
  starts at the same place (朝阳区 is not 朝阳市) or a street word follows (中山路);
- a county-level city whose name is unique (义乌市, 昆山市) also names its city;
- a district named after a province but without a city names the city when it is
  the only district of that name in the province (浙江省西湖区 is in 杭州市);
- a development zone (高新区, 经开区, 郑东新区, 工业园区) after the city stands for
  the district, because such addresses are written and found that way.

Naming: a "district" here is any county-level unit (区, 县, 县级市, 旗) or, in a city
without districts, a town or street; a "city" is the prefecture-level unit.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple, TypeVar

__all__ = ["Address", "parse_address"]

_Value = TypeVar("_Value")

# Street-level detail as RULES.md lists it. 街道 is removed before this search
# because it names an administrative street (a town), not a street.
_DETAIL = re.compile(r"[路街道巷弄号村]|大厦|大楼|园区|广场")

# A development or new zone written where the district belongs. The lazy prefix
# keeps the zone name short and may not contain street words or digits.
_ZONE = re.compile(
    r"[^\d路街道巷弄号村]{0,6}?"
    r"(?:高新技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|开发区|工业园区|新区|保税区)"
)

# A town or street in a city without districts whose towns the table lacks
# (the newest county-level cities of 新疆 have none listed).
_TOWN = re.compile(r"[^\d路街道巷弄号村]{1,6}?(?:街道|镇|乡)")

# A country name that some addresses start with.
_COUNTRY_PREFIXES = ("中华人民共和国", "中国")

# A county-level city (义乌市) names its prefecture too; a district (西湖区) does not.
_CITY_SUFFIX = "市"

# How far into the text a city or province may start when the start matches
# nothing, such as "BEIJING北京市…" or "地址:杭州市…".
_MAX_LEADING_NOISE = 12

# Cached results: a sheet repeats few distinct addresses per run of rows.
_CACHE_SIZE = 8192


class Address(NamedTuple):
    """A 地址 read into its administrative parts.

    ``problems`` holds Chinese reason phrases that fit the incomplete-address message
    after the quoted value (地址“…”缺少城市); join several with "，". A named tuple, not a
    dataclass, because one is built per distinct address and builds about 3× faster.
    """

    text: str
    province: str | None
    city: str | None
    district: str | None
    has_detail: bool
    problems: tuple[str, ...]


class _Names(dict):
    """A name → value mapping that finds the longest name starting at a position.

    Every name has at least two characters, so the first two characters of the text
    select the few name lengths worth trying; most positions fail on that one look-up.
    """

    __slots__ = ("lengths",)

    def __init__(self, entries: Mapping[str, _Value] | Iterable[tuple[str, _Value]] = ()) -> None:
        super().__init__(entries)
        lengths: dict[str, set[int]] = {}
        for name in self:
            lengths.setdefault(name[:2], set()).add(len(name))
        self.lengths = {head: sorted(found, reverse=True) for head, found in lengths.items()}

    def find(self, text: str, start: int) -> str | None:
        """Return the longest name that starts at ``start`` in ``text``, or None."""
        for length in self.lengths.get(text[start : start + 2], ()):
            candidate = text[start : start + length]
            if candidate in self:
                return candidate
        return None


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    short: str
    province: str
    districts: frozenset[str]
    towns: _Names  # town or street name, or its 区 form → town name; only without districts


@dataclass(frozen=True, slots=True)
class _Index:
    provinces: _Names  # full or short name → full name
    cities: _Names  # full name → tuple of cities
    city_aliases: _Names  # short name → tuple of cities
    districts: _Names  # district full name → tuple of cities holding it
    municipalities: dict[str, _City]  # province full name → its only city


@cache
def _index() -> _Index:
    """Load the division table and build the look-up dictionaries once."""
    text = resources.files("leadcheck").joinpath("data/places.json").read_text(encoding="utf-8")
    provinces: dict[str, str] = {}
    cities: dict[str, list[_City]] = {}
    aliases: dict[str, list[_City]] = {}
    districts: dict[str, list[_City]] = {}
    municipalities: dict[str, _City] = {}

    for province in json.loads(text)["provinces"]:
        provinces[province["name"]] = province["name"]
        if len(province["short"]) >= 2:
            provinces.setdefault(province["short"], province["name"])
        for record in province["cities"]:
            city = _City(
                record["name"],
                record["short"],
                province["name"],
                frozenset(record["districts"]),
                _Names(_town_names(record["towns"])),
            )
            cities.setdefault(city.name, []).append(city)
            for alias in _city_aliases(city.name, record["short"]):
                aliases.setdefault(alias, []).append(city)
            for district in city.districts:
                districts.setdefault(district, []).append(city)
            if city.name == province["name"]:
                municipalities[province["name"]] = city

    return _Index(
        provinces=_Names(provinces),
        cities=_Names((name, tuple(found)) for name, found in cities.items()),
        city_aliases=_Names((name, tuple(found)) for name, found in aliases.items() if name not in cities),
        districts=_Names((name, tuple(found)) for name, found in districts.items()),
        municipalities=municipalities,
    )


def _town_names(towns: list[str]) -> dict[str, str]:
    """Map each town and its colloquial 区 form (南城区 for 南城街道) to the town's name."""
    names = dict.fromkeys(towns)
    for town in towns:
        stem = town.removesuffix("街道").removesuffix("镇").removesuffix("乡")
        if stem != town and len(stem) >= 2:
            names.setdefault(stem + "区", town)
    return {name: town or name for name, town in names.items()}


def _city_aliases(name: str, short: str) -> list[str]:
    """Return the short forms of a city name: 杭州 for 杭州市, 恩施 and 恩施州 for 恩施…自治州."""
    found = [short] if len(short) >= 2 and short != name else []
    if name.endswith("自治州") and short:
        found.append(short + "州")
    return found


@lru_cache(maxsize=_CACHE_SIZE)
def parse_address(text: str) -> Address:
    """Read an address into province, city, district, detail and the problems found.

    Never raises on a string. It does not check that the street or the number exist,
    and it reads only the first province, city and district from the left.
    """
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    for prefix in _COUNTRY_PREFIXES:
        compact = compact.removeprefix(prefix)
    return _Reader(text, compact).read()


class _Reader:
    """One left-to-right pass over a compacted address."""

    def __init__(self, text: str, compact: str) -> None:
        self.text = text
        self.compact = compact
        self.index = _index()
        self.position = 0
        self.province: str | None = None
        self.city: _City | None = None
        self.district: str | None = None
        self.problems: list[str] = []

    def read(self) -> Address:
        """Read every level, then judge what is missing."""

        # Skip leading noise only when no administrative name starts the text.
        self._read_levels()
        if self.province is None and self.city is None and self.district is None:
            start = self._find_start()
            if start:
                self.position = start
                self._read_levels()

        # Street-level detail is whatever follows the last administrative name.
        rest = self.compact[self.position :].replace("街道", "")
        has_detail = _DETAIL.search(rest) is not None
        # A mismatch already tells what is wrong with the city or district.
        if not self.problems:
            if self.city is None:
                self.problems.append("缺少城市")
            if self.district is None:
                self.problems.append(self._missing_district_phrase())
        if not has_detail:
            self.problems.append("缺少街道、门牌等详细地址")

        return Address(
            text=self.text,
            province=self.province or (self.city.province if self.city else None),
            city=self.city.name if self.city else None,
            district=self.district,
            has_detail=has_detail,
            problems=tuple(self.problems),
        )

    def _read_levels(self) -> None:
        self.problems.clear()
        self._read_province()
        self._read_city()
        self._read_district()

    def _find_start(self) -> int:
        """Return where a full province or city name starts after some noise, or 0."""
        full_provinces = self.index.municipalities.keys() | set(self.index.provinces.values())
        for start in range(1, min(_MAX_LEADING_NOISE, len(self.compact))):
            if self.index.provinces.find(self.compact, start) in full_provinces:
                return start
            if self.index.cities.find(self.compact, start):
                return start
        return 0

    def _read_province(self) -> None:
        name = self.index.provinces.find(self.compact, self.position)
        if name is None:
            return
        end = self.position + len(name)
        full = self.index.provinces[name]
        if name != full and self._longer_city_starts(len(name)):
            return
        self.province = full
        self.position = end

    def _longer_city_starts(self, length: int) -> bool:
        """Tell whether a city name longer than ``length`` starts at the position (吉林市, 海南藏族自治州)."""
        index = self.index
        for names in (index.cities, index.city_aliases):
            name = names.find(self.compact, self.position)
            if name and len(name) > length:
                return True
        return False

    def _read_city(self) -> None:
        index = self.index
        name = index.cities.find(self.compact, self.position)
        found = index.cities.get(name, ())
        if not found:
            name = index.city_aliases.find(self.compact, self.position)
            found = index.city_aliases.get(name, ()) if name and self._alias_stands(name) else ()

        # A municipality's name is both province and city.
        if not found:
            if self.province in index.municipalities:
                self.city = index.municipalities[self.province]
            return

        same_province = [city for city in found if city.province == self.province]
        self.city = (same_province or list(found))[0]
        self.position += len(name)

        # A city written twice (杭州市杭州市西湖区) is read once.
        if self.compact.startswith(name, self.position):
            self.position += len(name)
        if self.province and not same_province:
            self.problems.append(f"中的“{name}”不属于{self.province}")

    def _alias_stands(self, alias: str) -> bool:
        """Tell whether a short city name at the position is a city, not a district or street."""
        index = self.index
        if index.districts.find(self.compact, self.position):
            return False
        following = self.compact[self.position + len(alias) : self.position + len(alias) + 1]
        return not following or _DETAIL.match(following) is None

    def _read_district(self) -> None:
        index = self.index
        name = index.districts.find(self.compact, self.position)
        if self.city is None:
            self._read_district_without_city(name)
            return

        # A town of a city without districts, then a district of the city.
        found = self.city.towns.find(self.compact, self.position)
        if found is not None:
            self.district = self.city.towns[found]
            self.position += len(found)
            return
        if name and name not in self.city.districts:
            self.problems.append(f"中的“{name}”不属于{self.city.name}")
            self.position += len(name)
            return
        found = name or self._read_unlisted_district()
        if found:
            self.district = found
            self.position += len(found)

    def _read_unlisted_district(self) -> str | None:
        """Return a development zone, or a town where the table lists none for the city."""
        zone = _ZONE.match(self.compact, self.position)
        if zone:
            return zone.group()
        town = _TOWN.match(self.compact, self.position)
        if town and not self.city.districts and not self.city.towns:
            return town.group()
        return None

    def _read_district_without_city(self, name: str | None) -> None:
        """Take the district, and its city when only one city fits and the text names it.

    The text names the city through the province, a county-level city (义乌市) or a
    district that starts with the city's short name (苏州工业园区).
    """
        if name is None:
            return
        holders = self.index.districts[name]
        if self.province:
            holders = tuple(city for city in holders if city.province == self.province)
        if len(holders) == 1 and (
            self.province or name.endswith(_CITY_SUFFIX) or name.startswith(holders[0].short)
        ):
            self.city = holders[0]
        self.district = name
        self.position += len(name)

    def _missing_district_phrase(self) -> str:
        if self.city is None:
            return "缺少区县或乡镇街道"
        if self.city.districts:
            return "缺少区县"
        return "缺少乡镇街道"
