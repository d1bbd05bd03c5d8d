"""Customer records: one sheet row read once into normalised text, with its contact blocks.

Rules never look at raw rows; they get a ``Customer``. Each text field is read once
(NFKC, trimmed) and filler is resolved against the configuration, so every rule sees the
same reading of a cell. Raw values stay available for the readers that need the type of
the cell (dates, numbers stored for phones and headcounts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from leadcheck.model.columns import CONTACT_FIELDS, ColumnMap
from leadcheck.model.config import RuleConfig
from leadcheck.values import is_blank, normalize_text


@dataclass(slots=True)
class Contact:
    """One present contact block (联系人N-…) of a customer."""

    number: int
    text: dict[str, str]
    raw: dict[str, object]
    headers: dict[str, str]
    # Contact fields that are blank (filler included), in template order.
    blank: tuple[str, ...]
    required_blank: tuple[str, ...]

    def has(self, name: str) -> bool:
        return name not in self.blank

    @property
    def complete(self) -> bool:
        """Tell whether every required field is filled; format errors do not matter here."""
        return not self.required_blank


@dataclass(slots=True)
class Customer:
    """One customer row: customer-level text by header, and its present contacts."""

    row: int
    text: dict[str, str]
    raw: dict[str, object]
    contacts: list[Contact] = field(default_factory=list)
    config: RuleConfig | None = None

    def value(self, header: str) -> str:
        """Return the normalised text of a customer-level column, "" when absent."""
        return self.text.get(header, "")

    def is_blank(self, header: str) -> bool:
        assert self.config is not None
        return is_blank(self.value(header), self.config)


def _cell(values: Sequence[object], index: int) -> object:
    return values[index] if index < len(values) else None


def read_customer(row: int, values: Sequence[object], columns: ColumnMap, config: RuleConfig) -> Customer:
    """Read one sheet row into a ``Customer``; absent contact blocks are left out."""
    raw: dict[str, object] = {}
    text: dict[str, str] = {}
    for header, index in (*columns.customer.items(), *columns.unknown.items()):
        cell = _cell(values, index)
        raw[header] = cell
        text[header] = normalize_text(cell)

    customer = Customer(row=row, text=text, raw=raw, config=config)
    for number in columns.contact_numbers:
        contact = _read_contact(number, values, columns, config)
        if contact is not None:
            customer.contacts.append(contact)
    return customer


def _read_contact(number: int, values: Sequence[object], columns: ColumnMap, config: RuleConfig) -> Contact | None:
    indices = columns.contacts[number]
    raw: dict[str, object] = {}
    text: dict[str, str] = {}
    blank: list[str] = []

    for name in CONTACT_FIELDS:
        index = indices.get(name)
        cell = _cell(values, index) if index is not None else None
        raw[name] = cell
        text[name] = normalize_text(cell)
        if is_blank(text[name], config):
            blank.append(name)

    # A block whose cells are all blank is absent, not incomplete.
    if len(blank) == len(CONTACT_FIELDS):
        return None
    required_blank = tuple(name for name in blank if name in config.contact_required_fields)
    return Contact(number, text, raw, columns.contact_headers(number), tuple(blank), required_blank)
