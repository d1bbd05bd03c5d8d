"""The findings table: one row per defect found in a lead sheet.

Naming convention used throughout the package: ``row`` is the 1-based Excel row of the
customer (the header is row 1, so the first customer is row 2), and ``column`` is the
header text after normalisation (NFKC, trimmed, ``*`` and ``(必填)`` removed).
"""

from __future__ import annotations

from dataclasses import dataclass

from leadcheck.model.codes import CODES, ERROR

@dataclass(frozen=True, slots=True)
class Finding:
    """One defect: where it is, which rule code it breaks, and the Chinese message."""

    row: int
    column: str
    code: str
    level: str
    value: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


def make_finding(row: int, column: str, code: str, value: str, **fields: object) -> Finding:
    """Build a finding for ``code``, its level and message taken from the catalogue."""
    entry = CODES[code]
    message = entry.format(value=value, column=column, **fields)
    return Finding(row, column, code, entry.level, value, message)
