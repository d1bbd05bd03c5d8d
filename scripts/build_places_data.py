"""Build leadcheck/data/places.json from the division table that jionlp ships.

Run it in a throwaway virtualenv, because jionlp pulls numpy and native code
that the engine must not depend on:

    python -m venv /tmp/jionlp-venv
    /tmp/jionlp-venv/bin/pip install jionlp==1.5.31
    /tmp/jionlp-venv/bin/python scripts/build_places_data.py

Source: ``jionlp/dictionary/china_location.zip`` (Apache License 2.0), a
tab-indented tree of province, city, county, town and village, one name a
line, with the division code and a short name from the province to the county
level. The output keeps provinces, cities, counties and, only for the cities
that have no counties (东莞市, 中山市, 儋州市, 嘉峪关市 and the county-level
cities and counties that a province administers directly, such as 仙桃市),
their towns and streets, which stand in for the county in such an address.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import io
import json
import zipfile
from pathlib import Path

# jionlp groups the units that have no parent of the usual level under these
# placeholder names: a province's directly administered counties, and the
# towns of a prefecture-level city without counties.
PROVINCE_DIRECT = "省直辖行政区划"
CITY_DIRECT = "市直辖行政区划"

OUTPUT = Path(__file__).resolve().parent.parent / "leadcheck" / "data" / "places.json"


def locate_source() -> Path:
    """Return the path of china_location.zip inside the installed jionlp."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("jionlp is not installed in this interpreter: pip install jionlp==1.5.31")
    package = Path(next(iter(spec.submodule_search_locations)))
    return package / "dictionary" / "china_location.zip"


def read_lines(source: Path) -> list[tuple[int, str, str]]:
    """Read (depth, name, short name) for every line down to the town level."""
    with zipfile.ZipFile(source) as archive:
        text = io.TextIOWrapper(archive.open("china_location.txt"), encoding="utf-8").read()
    rows = []
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        if depth > 3 or not fields[0]:
            continue
        short = fields[2] if len(fields) > 2 else ""
        rows.append((depth, fields[0], short))
    return rows


def build_tree(rows: list[tuple[int, str, str]]) -> list[dict]:
    """Fold the indented rows into provinces → cities → counties or towns."""
    provinces: list[dict] = []
    city: dict | None = None
    county_is_placeholder = False
    for depth, name, short in rows:

        # A province starts a new branch.
        if depth == 0:
            provinces.append({"name": name, "short": short, "cities": []})
            city = None

        # A city, or the placeholder whose counties act as cities.
        elif depth == 1:
            city = None if name == PROVINCE_DIRECT else new_city(provinces[-1], name, short)

        # A county: under the province placeholder it is a city of its own.
        elif depth == 2:
            county_is_placeholder = name == CITY_DIRECT
            if city is None:
                new_city(provinces[-1], name, short, county_level=True)
            elif not county_is_placeholder:
                city["districts"].append(name)

        # A town counts only where no county lies between it and its city.
        elif depth == 3:
            owner = provinces[-1]["cities"][-1] if city is None else city
            if owner.get("county_level") or (city is not None and county_is_placeholder):
                add_town(owner, name)
    return provinces


def add_town(city: dict, name: str) -> None:
    """Add a town to a city, without placeholders or the city's name as prefix."""
    name = name.removeprefix(city["name"])
    if name and "直辖" not in name:
        city["towns"].append(name)


def new_city(province: dict, name: str, short: str, county_level: bool = False) -> dict:
    """Append a city record to the province and return it."""
    city = {"name": name, "short": short, "districts": [], "towns": []}
    if county_level:
        city["county_level"] = True
    province["cities"].append(city)
    return city


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="china_location.zip (default: the installed jionlp's)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args()

    source = arguments.source or locate_source()
    provinces = build_tree(read_lines(source))
    for province in provinces:
        for city in province["cities"]:
            if city["districts"]:
                city["towns"] = []
            city.pop("county_level", None)

    version = importlib.metadata.version("jionlp") if arguments.source is None else "unknown"
    document = {"source": f"jionlp {version} dictionary/china_location.zip", "provinces": provinces}
    arguments.output.write_text(
        json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    cities = sum(len(p["cities"]) for p in provinces)
    print(f"wrote {arguments.output}: {len(provinces)} provinces, {cities} cities")


if __name__ == "__main__":
    main()
