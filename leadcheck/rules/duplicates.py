"""duplicate-customer within one sheet: rows whose unit names normalise to the same text.

Only exact matches after normalisation are reported here. Fuzzy matching across reps
(similar but not equal names) belongs to ``leadcheck merge``, which lists possible
duplicates for review instead of flagging them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from leadcheck.model.findings import Finding, make_finding
from leadcheck.table import Table
from leadcheck.values import normalize_text

# Legal-form endings that name the same registered unit.
_LEGAL_FORMS = (("有限责任公司", "有限公司"), ("股份有限公司", "有限公司"))

_FORMATTING = re.compile(r"[\s()\[\]（）【】·.,，、\-]+")


def normalize_unit_name(name: str) -> str:
    """Return the comparison key of a unit name: formatting and legal-form variants removed."""
    key = _FORMATTING.sub("", name)
    for long_form, short_form in _LEGAL_FORMS:
        if key.endswith(long_form):
            key = key[: -len(long_form)] + short_form
    return key.casefold()


def find_duplicates(table: Table) -> Iterator[Finding]:
    """Yield one finding per row whose unit name another row shares, naming that row."""
    keys = table.filled_reading("单位名称", "duplicate-key", lambda raw: normalize_unit_name(normalize_text(raw)))
    groups: dict[str, list[int]] = defaultdict(list)
    for position, key in enumerate(keys):
        if key is not None:
            groups[key].append(position)

    names, reps = table.texts("单位名称"), table.texts("业务员")
    for members in groups.values():
        if len(members) < 2:
            continue
        for position in members:
            other = next(member for member in members if member != position)
            same_rep = reps[other] == reps[position]
            yield make_finding(
                table.rows[position], "单位名称", "duplicate-customer", names[position],
                other_row=table.rows[other], other="" if same_rep else f"（业务员 {reps[other]}）",
            )
