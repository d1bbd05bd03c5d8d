"""duplicate-customer within one sheet: rows whose unit names normalise to the same text.

Only exact matches after normalisation are reported here. Fuzzy matching across reps
(similar but not equal names) belongs to ``leadcheck merge``, which lists possible
duplicates for review instead of flagging them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Iterator

from leadcheck.model.findings import Finding, make_finding
from leadcheck.records import Customer

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


def find_duplicates(customers: Iterable[Customer]) -> Iterator[Finding]:
    """Yield one finding per row whose unit name another row shares, naming that row."""
    groups: dict[str, list[Customer]] = defaultdict(list)
    for customer in customers:
        if customer.is_blank("单位名称"):
            continue
        groups[normalize_unit_name(customer.value("单位名称"))].append(customer)

    for members in groups.values():
        if len(members) < 2:
            continue
        for customer in members:
            other = next(member for member in members if member is not customer)
            other_rep = other.value("业务员")
            same_rep = other_rep == customer.value("业务员")
            yield make_finding(
                customer.row, "单位名称", "duplicate-customer", customer.value("单位名称"),
                other_row=other.row, other="" if same_rep else f"（业务员 {other_rep}）",
            )
