"""Generate leadcheck/data/area_codes.json: Chinese landline area code -> city names.

The names come from the geocoder of ``phonenumbers`` (language ``zh``), so the engine
can name an area code's city without loading the geocoder, which takes seconds and
tens of megabytes. The output keeps the geocoder's names with the province removed;
typos, old names and cities that share a code unnamed are corrected at lookup time by
the hand-kept tables in ``leadcheck/checks/area_codes.py``.

Run from the repository root after upgrading ``phonenumbers``:

    .venv/bin/python scripts/generate_area_codes.py
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumber, is_valid_number
from phonenumbers.geodata import GEOCODE_DATA

OUTPUT = Path(__file__).resolve().parent.parent / "leadcheck" / "data" / "area_codes.json"

# Area codes without their leading 0: 10 and 2X have two digits, all others three.
CANDIDATE_CODES = ["10"] + [f"2{d}" for d in range(10)] + [str(n) for n in range(300, 1000)]

# Local numbers tried per code: a code is real when phonenumbers accepts one of them.
# Local numbers start with 2-8, and have 7 or 8 digits depending on the city.
SAMPLE_LOCAL_NUMBERS = [f"{first}{tail}" for first in "2345678" for tail in ("234567", "2345678")]

# Geocoder descriptions start with the province in a full or short form
# ("浙江省杭州市", "广西壮族自治区南宁市", "云南红河"); municipalities have none ("北京市").
PROVINCE_PREFIX = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,3}省"
    r"|内蒙古(?:自治区)?|广西(?:壮族自治区)?|西藏(?:自治区)?|宁夏(?:回族自治区)?"
    r"|新疆(?:维吾尔自治区)?|四川|贵州|云南|甘肃|青海)"
)

CHINA_PREFIX = "86"


def is_real_area_code(code: str) -> bool:
    """Tell whether phonenumbers accepts a landline number with this area code."""
    return any(
        is_valid_number(PhoneNumber(country_code=86, national_number=int(code + local)))
        for local in SAMPLE_LOCAL_NUMBERS
    )


def city_names(description: str) -> list[str]:
    """Split one geocoder description into city names without the province."""
    stripped = PROVINCE_PREFIX.sub("", description, count=1) or description
    return [name for name in stripped.split("、") if name]


# Mobile prefixes (+86 1[1-9]...) are most of the geocoder's Chinese entries; landline
# prefixes start with an area code, and 10 is the only area code starting with 1.
MOBILE_PREFIX = re.compile(r"861[1-9]")


@functools.cache
def china_prefixes() -> tuple[str, ...]:
    """Return the geocoder's landline prefixes of +86, collected once."""
    return tuple(
        prefix
        for prefix in GEOCODE_DATA
        if prefix.startswith(CHINA_PREFIX) and not MOBILE_PREFIX.match(prefix)
    )


def geocoder_names(code: str) -> list[str]:
    """Collect the geocoder names for an area code, the code's own entry first.

    The code's own entry is the longest geocoder prefix that covers the code (some are
    shorter than the code: "8658" covers 0580). Longer prefixes inside the code list
    parts of it, sometimes under old names, and are appended after it.
    """
    key = CHINA_PREFIX + code
    covering = [prefix for prefix in china_prefixes() if key.startswith(prefix)]
    inside = sorted(
        prefix for prefix in china_prefixes() if prefix.startswith(key) and prefix != key
    )
    prefixes = sorted(covering, key=len, reverse=True)[:1] + inside

    names: list[str] = []
    for prefix in prefixes:
        description = GEOCODE_DATA[prefix].get("zh")
        if description is None:
            continue
        for name in city_names(description):
            if name not in names:
                names.append(name)
    return names


def build_table() -> dict[str, list[str]]:
    """Map each real area code, written with its leading 0, to its geocoder city names."""
    table = {}
    for code in CANDIDATE_CODES:
        if not is_real_area_code(code):
            continue
        names = geocoder_names(code)
        if names:
            table["0" + code] = names
    return table


def to_json(document: dict) -> str:
    """Serialise the document with one area code per line, so diffs show changed codes."""
    entries = [
        f"    {json.dumps(code)}: {json.dumps(names, ensure_ascii=False)}"
        for code, names in document["area_codes"].items()
    ]
    return (
        "{\n"
        f'  "source": {json.dumps(document["source"])},\n'
        '  "area_codes": {\n' + ",\n".join(entries) + "\n  }\n}\n"
    )


def main() -> None:
    table = build_table()
    document = {
        "source": f"phonenumbers {phonenumbers.__version__} geocoder, language zh",
        "area_codes": table,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(to_json(document), encoding="utf-8")
    print(f"wrote {len(table)} area codes to {OUTPUT}")


if __name__ == "__main__":
    main()
