"""Finding the template's columns by header text, whatever their order.

Reps reorder and insert columns, so a column is found by its normalised header, never by
position. Contact columns follow the pattern ``联系人N-字段`` for N = 1, 2, 3, … and are
grouped into blocks by N. Columns that match nothing are kept as unknown columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from leadcheck.values import normalize_header

# Customer-level headers of the template, in template order.
CUSTOMER_FIELDS = (
    "业务员", "拜访日期", "拜访方式", "单位名称", "单位类型", "资质", "地址", "人数",
    "系统现状", "未来计划", "重要程度", "已做厂商", "已做模块", "已做时间", "已做效果",
    "业务员意见", "备注",
)

# The fields of one contact block, in template order.
CONTACT_FIELDS = ("姓名", "称呼", "部门", "职务", "性别", "年龄", "电话", "评价意向", "沟通时间")

# Blocks the template ships with; a workbook may add 联系人4, 5, … with the same fields.
TEMPLATE_CONTACT_BLOCKS = 3

# Result column written into annotated copies; ignored when reading a sheet back.
RESULT_COLUMN = "校验结果"

_CONTACT_HEADER = re.compile(
    r"^联系人\s*(\d+)\s*[-_—–·.]?\s*(" + "|".join(CONTACT_FIELDS) + r")$"
)


def contact_header(number: int, field_name: str) -> str:
    """Return the template header of a contact field, e.g. ``联系人2-电话``."""
    return f"联系人{number}-{field_name}"


def template_headers(contact_blocks: int = TEMPLATE_CONTACT_BLOCKS, extra: tuple[str, ...] = ()) -> list[str]:
    """Return the headers of a fresh template sheet, in template order.

    ``extra`` columns (a company's additional required fields) follow the customer fields
    and come before the contact blocks.
    """
    headers = list(CUSTOMER_FIELDS)
    headers.extend(header for header in extra if header not in headers)
    for number in range(1, contact_blocks + 1):
        headers.extend(contact_header(number, name) for name in CONTACT_FIELDS)
    return headers


def extra_required_headers(required_fields: tuple[str, ...]) -> tuple[str, ...]:
    """Return the required fields that are not template headers, such as a company's 微信."""
    return tuple(
        name for name in required_fields
        if name not in CUSTOMER_FIELDS and not _CONTACT_HEADER.match(name)
    )


@dataclass
class ColumnMap:
    """Column map of a sheet: the 0-based index of each known header in a row's values."""

    headers: list[str]
    customer: dict[str, int] = field(default_factory=dict)
    contacts: dict[int, dict[str, int]] = field(default_factory=dict)
    unknown: dict[str, int] = field(default_factory=dict)
    # Headers that occur more than once; the first occurrence is the one read.
    duplicates: list[str] = field(default_factory=list)
    result_index: int | None = None
    _contact_headers: dict[int, dict[str, str]] = field(default_factory=dict, repr=False)
    _customer_indices: dict[str, int] | None = field(default=None, repr=False)
    _contact_field_indices: dict[int, tuple[tuple[str, int | None], ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_headers(cls, raw_headers: list[object]) -> ColumnMap:
        """Map normalised header texts to column indices."""
        headers = [normalize_header(value) for value in raw_headers]
        columns = cls(headers=headers)
        seen: set[str] = set()

        for index, header in enumerate(headers):
            if not header:
                continue
            if header in seen:
                columns.duplicates.append(header)
                continue
            seen.add(header)
            columns._place(header, index)
        return columns

    def _place(self, header: str, index: int) -> None:
        if header in CUSTOMER_FIELDS:
            self.customer[header] = index
            return
        if header == RESULT_COLUMN:
            self.result_index = index
            return
        match = _CONTACT_HEADER.match(header)
        if match:
            number, name = int(match.group(1)), match.group(2)
            self.contacts.setdefault(number, {})[name] = index
            return
        self.unknown[header] = index

    @property
    def contact_numbers(self) -> list[int]:
        return sorted(self.contacts)

    @property
    def customer_indices(self) -> dict[str, int]:
        """Return header → index for customer-level and extra columns, computed once."""
        if self._customer_indices is None:
            self._customer_indices = {**self.unknown, **self.customer}
        return self._customer_indices

    def index_of(self, header: str) -> int | None:
        """Return the index of a customer-level or extra column, or ``None``."""
        if header in self.customer:
            return self.customer[header]
        return self.unknown.get(header)

    def missing(self, required: tuple[str, ...]) -> list[str]:
        """Return the required headers that the sheet lacks, in the order given."""
        return [name for name in required if self.index_of(name) is None]

    def header_of_contact(self, number: int, name: str) -> str:
        """Return the header of a contact field as it appears in the sheet."""
        index = self.contacts.get(number, {}).get(name)
        return self.headers[index] if index is not None else contact_header(number, name)

    def contact_field_indices(self, number: int) -> tuple[tuple[str, int | None], ...]:
        """Return (field name, index or ``None``) for every field of block ``number``, in template order."""
        cached = self._contact_field_indices.get(number)
        if cached is None:
            indices = self.contacts.get(number, {})
            cached = tuple((name, indices.get(name)) for name in CONTACT_FIELDS)
            self._contact_field_indices[number] = cached
        return cached

    def contact_headers(self, number: int) -> dict[str, str]:
        """Return field name → header for every field of contact block ``number``, cached."""
        cached = self._contact_headers.get(number)
        if cached is None:
            cached = {name: self.header_of_contact(number, name) for name in CONTACT_FIELDS}
            self._contact_headers[number] = cached
        return cached
