"""Customer records: one sheet row with its contact blocks, read lazily and at most once.

Rules never look at raw rows; they get a ``Customer``. Each cell is normalised (NFKC,
trimmed) the first time a rule asks for it and then kept, so every rule sees the same
reading of a cell and no cell is normalised twice. Long free-text cells that rules only
test for blankness (系统现状, 评价意向, …) are never normalised at all: a cell with more
than a few characters after trimming cannot be blank or filler. Raw values stay available
for the readers that need the type of the cell (dates, numbers stored for phones).
"""

from __future__ import annotations

from datetime import datetime
from typing import Sequence

from leadcheck.checks.phones import PhoneNumber, parse_phone_cell
from leadcheck.checks.places import Address, parse_address
from leadcheck.model.columns import CONTACT_FIELDS, ColumnMap
from leadcheck.model.config import RuleConfig
from leadcheck.values import blank_test, normalize_text, parse_date


class Cells:
    """Cells of one row addressed by name, normalised on first use."""

    __slots__ = ("_values", "_indices", "_blank_test", "_text")

    def __init__(self, values: Sequence[object], indices: dict[str, int], config: RuleConfig) -> None:
        self._values = values
        self._indices = indices
        self._blank_test = blank_test(config.filler_words)
        self._text: dict[str, str] = {}

    def has_column(self, name: str) -> bool:
        return name in self._indices

    def raw_value(self, name: str) -> object:
        """Return the cell as the reader produced it, ``None`` when absent or past the row's end."""
        index = self._indices.get(name)
        if index is None or index >= len(self._values):
            return None
        return self._values[index]

    def value(self, name: str) -> str:
        """Return the normalised text of a cell, "" when the column is absent."""
        text = self._text.get(name)
        if text is None:
            index = self._indices.get(name)
            values = self._values
            text = normalize_text(values[index]) if index is not None and index < len(values) else ""
            self._text[name] = text
        return text

    def is_blank(self, name: str) -> bool:
        """Tell whether a cell is empty or filler; filler counts as blank."""
        index = self._indices.get(name)
        if index is None or index >= len(self._values):
            return True
        return self._blank_test(self._values[index])


class Contact(Cells):
    """One present contact block (联系人N-…) of a customer."""

    __slots__ = ("number", "headers", "blank", "required_blank", "_phones")

    def __init__(self, number: int, values: Sequence[object], columns: ColumnMap, config: RuleConfig) -> None:
        super().__init__(values, columns.contacts[number], config)
        self.number = number
        self.headers = columns.contact_headers(number)
        # Blank fields (filler included) in template order, and the required ones among them.
        # This runs for every block of every row, so it reads the cells directly.
        test = self._blank_test
        count = len(values)
        self.blank = tuple(
            name for name, index in columns.contact_field_indices(number)
            if index is None or index >= count or test(values[index])
        )
        self.required_blank = tuple(name for name in self.blank if name in config.contact_required_fields)
        self._phones: list[PhoneNumber] | None = None

    def has(self, name: str) -> bool:
        return name not in self.blank

    @property
    def complete(self) -> bool:
        """Tell whether every required field is filled; format errors do not matter here."""
        return not self.required_blank

    @property
    def phones(self) -> list[PhoneNumber]:
        """Return the numbers of the 电话 cell, parsed once; [] when blank."""
        if self._phones is None:
            self._phones = parse_phone_cell(self.raw_value("电话")) if self.has("电话") else []
        return self._phones


class Customer(Cells):
    """One customer row: customer-level cells by header, and its present contacts."""

    __slots__ = ("row", "contacts", "_address", "_visit_date")

    def __init__(self, row: int, values: Sequence[object], columns: ColumnMap, config: RuleConfig) -> None:
        super().__init__(values, columns.customer_indices, config)
        self.row = row
        self.contacts: list[Contact] = []
        self._address: Address | None = None
        self._visit_date: datetime | None | bool = False  # False: not read yet

    @property
    def address(self) -> Address | None:
        """Return the parsed 地址, ``None`` when blank; parsed once per row."""
        if self._address is None and not self.is_blank("地址"):
            self._address = parse_address(self.value("地址"))
        return self._address


    @property
    def visit_date(self) -> datetime | None:
        """Return 拜访日期 as a date, ``None`` when blank or unreadable; read once per row."""
        if self._visit_date is False:
            self._visit_date = parse_date(self.raw_value("拜访日期"))
        return self._visit_date


def read_customer(row: int, values: Sequence[object], columns: ColumnMap, config: RuleConfig) -> Customer:
    """Wrap one sheet row as a ``Customer``; absent contact blocks are left out."""
    customer = Customer(row, values, columns, config)
    for number in columns.contact_numbers:
        contact = Contact(number, values, columns, config)
        # A block whose cells are all blank is absent, not incomplete.
        if len(contact.blank) < len(CONTACT_FIELDS):
            customer.contacts.append(contact)
    return customer
