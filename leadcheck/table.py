"""A sheet's customers held as columns, each cell read once per distinct value.

Rules look at whole columns rather than one row at a time. The same 部门, 职务, 性别,
重要程度 or date recurs on most rows. So every reading of a cell (its normalised text,
whether it is blank, its parsed phone numbers or address) is computed once per distinct
value of a column, and all cells with that value share it.

Naming: ``position`` is the 0-based index of a customer in input order, and every column
is a list indexed by position. ``table.rows[position]`` is the customer's ``row``, the
1-based Excel row used in findings.
"""

from __future__ import annotations

from itertools import compress
from operator import and_, not_
from typing import Callable, Sequence

from leadcheck.model.columns import CONTACT_FIELDS, ColumnMap
from leadcheck.model.config import RuleConfig
from leadcheck.values import blank_test, normalize_text

Reading = Callable[[object], object]


def map_distinct(function: Reading, values: Sequence[object]) -> list[object]:
    """Return ``function(value)`` for every value, calling it once per distinct value.

    Values that compare equal share one result, which holds for everything a reader
    produces except booleans: ``True == 1`` reads as "TRUE" and "1". A column holding a
    boolean next to 0 or 1, or an unhashable value, is read cell by cell instead.
    """
    try:
        distinct = set(values)
    except TypeError:
        return [function(value) for value in values]
    if (True in distinct or False in distinct) and bool in set(map(type, values)):
        return [function(value) for value in values]
    memo = {value: function(value) for value in distinct}
    return list(map(memo.__getitem__, values))


def positions_where(flags: Sequence[bool]) -> list[int]:
    """Return the positions whose flag is true, in order."""
    return list(compress(range(len(flags)), flags))


def positions_where_not(flags: Sequence[bool]) -> list[int]:
    """Return the positions whose flag is false, in order."""
    return list(compress(range(len(flags)), map(not_, flags)))


class ColumnStore:
    """The cells of a sheet by column index, with readings kept per column."""

    def __init__(self, rows: Sequence[Sequence[object]], width: int, config: RuleConfig) -> None:
        self.size = len(rows)
        self._columns = _transpose(rows, width)
        self._absent: tuple[None, ...] = (None,) * self.size
        self._readings: dict[tuple[int | None, str], list] = {}
        self._is_blank = blank_test(config.filler_words)

    def raw(self, index: int | None) -> Sequence[object]:
        """Return the cells of a column as read, all ``None`` when the column is absent."""
        return self._absent if index is None else self._columns[index]

    def reading(self, index: int | None, key: str, function: Reading) -> list:
        """Return ``function`` applied to every raw cell of a column, computed once per ``key``."""
        cached = self._readings.get((index, key))
        if cached is None:
            cached = map_distinct(function, self.raw(index))
            self._readings[(index, key)] = cached
        return cached

    def filled_reading(self, index: int | None, key: str, function: Reading, blank: object = None) -> list:
        """Return ``function`` of every filled cell of a column, and ``blank`` for the others.

        ``function`` is also called on the empty and filler cells, once per distinct value, so it
        must accept them. Masking afterwards is cheaper than testing every distinct value
        for blankness again, because the filled flags are computed for every column anyway.
        """
        cached = self._readings.get((index, "filled " + key))
        if cached is None:
            values = self.reading(index, key, function)
            cached = [value if filled else blank for value, filled in zip(values, self.filled(index))]
            self._readings[(index, "filled " + key)] = cached
        return cached

    def texts(self, index: int | None) -> list[str]:
        """Return the cells as normalised text (NFKC, trimmed), with "" for empty cells."""
        return self.reading(index, "text", normalize_text)

    def filled(self, index: int | None) -> list[bool]:
        """Return whether each cell contains real content. Empty and filler cells are not filled."""
        cached = self._readings.get((index, "filled"))
        if cached is None:
            cached = list(map(not_, self.reading(index, "blank", self._is_blank)))
            self._readings[(index, "filled")] = cached
        return cached


def _transpose(rows: Sequence[Sequence[object]], width: int) -> list[tuple[object, ...]]:
    # Short rows (trailing empty cells left out by a reader) are padded with None, and
    # cells past the last header are dropped, so every column has one cell per row.
    if not rows:
        return [()] * width
    fitted = [values if len(values) == width else _fit(values, width) for values in rows]
    return list(zip(*fitted))


def _fit(values: Sequence[object], width: int) -> tuple[object, ...]:
    return (*values[:width], *(None,) * (width - len(values)))


class _Fields:
    """Columns addressed by field name through an index map."""

    def __init__(self, store: ColumnStore, indices: dict[str, int]) -> None:
        self.store = store
        self._indices = indices
        self._derived: dict[str, list] = {}

    def has_column(self, name: str) -> bool:
        return name in self._indices

    def raw(self, name: str) -> Sequence[object]:
        return self.store.raw(self._indices.get(name))

    def texts(self, name: str) -> list[str]:
        return self.store.texts(self._indices.get(name))

    def filled(self, name: str) -> list[bool]:
        return self.store.filled(self._indices.get(name))

    def text_at(self, name: str, position: int) -> str:
        """Return one cell as normalised text, without reading the rest of its column."""
        return normalize_text(self.raw(name)[position])

    def reading(self, name: str, key: str, function: Reading) -> list:
        """Return ``function`` of every raw cell of column ``name``, kept under the name ``key``."""
        return self.store.reading(self._indices.get(name), key, function)

    def filled_reading(self, name: str, key: str, function: Reading, blank: object = None) -> list:
        """Return ``function`` of every filled cell of column ``name``, and ``blank`` for the others."""
        return self.store.filled_reading(self._indices.get(name), key, function, blank)

    def derived(self, key: str, compute: Callable[[], list]) -> list:
        """Return a per-customer list that several rules share, computed on first use."""
        cached = self._derived.get(key)
        if cached is None:
            cached = compute()
            self._derived[key] = cached
        return cached


class ContactBlock(_Fields):
    """One contact block (联系人N-…) over all customers: its fields, presence and completeness."""

    def __init__(self, store: ColumnStore, columns: ColumnMap, number: int, config: RuleConfig) -> None:
        super().__init__(store, columns.contacts[number])
        self.number = number
        self.headers = columns.contact_headers(number)

        # The block is present where any field is filled: a block of blank cells is
        # absent, not incomplete. It is complete where every required field is filled.
        self.required = tuple(name for name in CONTACT_FIELDS if name in config.contact_required_fields)
        filled = [self.filled(name) for name in CONTACT_FIELDS]
        self.present: list[bool] = list(map(any, zip(*filled)))
        required = [self.filled(name) for name in self.required]
        all_required = list(map(all, zip(*required))) if required else [True] * store.size
        self.complete: list[bool] = list(map(and_, self.present, all_required))


class Table(_Fields):
    """All customers of a sheet: customer-level columns by header, and the contact blocks."""

    def __init__(self, rows: Sequence[tuple[int, Sequence[object]]], columns: ColumnMap, config: RuleConfig) -> None:
        store = ColumnStore([values for _, values in rows], len(columns.headers), config)
        super().__init__(store, columns.customer_indices)
        self.rows = [row for row, _ in rows]
        self.size = len(self.rows)
        self.contacts = [ContactBlock(store, columns, number, config) for number in columns.contact_numbers]
