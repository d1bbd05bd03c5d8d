"""Reading rep sheets and unifying their columns into one merged table.

Columns are matched by normalised header (NFKC, trimmed, ``*`` and ``(必填)`` dropped, and
contact headers written as ``联系人N-字段``), so reordered, missing or extra columns and
older template versions merge into the union of their columns. Unknown columns are kept.

Naming: ``row`` is the 1-based Excel row of a source sheet (``source_row``) or of the
merged sheet (``merged_row``). A source is identified by the SHA-256 of its file bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from leadcheck.commands.annotate import TARGET_INFIX
from leadcheck.model.columns import (
    CONTACT_FIELDS, CUSTOMER_FIELDS, RESULT_COLUMN, ColumnMap, contact_header,
)
from leadcheck.sheets.reader import SheetData
from leadcheck.values import normalize_header, normalize_text

# Columns the merged sheet adds after the data, naming where each row came from.
SOURCE_FILE_HEADER = "来源文件"
SOURCE_ROW_HEADER = "来源行"
SOURCE_HEADERS = (SOURCE_FILE_HEADER, SOURCE_ROW_HEADER)

INPUT_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")

# Files Excel and WPS leave beside an open workbook (~$name.xlsx) are lock files, not data.
_LOCK_FILE_PREFIX = "~$"

_HASH_CHUNK_BYTES = 1 << 20


@dataclass
class SourceSheet:
    """One input file as read: its digest and its rows keyed by canonical header."""

    path: Path
    digest: str
    sheet: SheetData
    headers: list[str]
    # (source row, {canonical header: raw value}) in sheet order.
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class MergedRow:
    """One row of the merged table with its origin and the hash of its content."""

    source_file: str
    source_digest: str
    source_row: int
    values: dict[str, object]
    content_hash: str


def collect_inputs(arguments: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Path]:
    """Expand folders into their lead files (.xlsx, .xlsm, .xls, .csv), sorted by name.

    A folder's annotated copies written by ``leadcheck validate`` are left out. Files named
    explicitly are kept whatever their name and extension, so that the reader reports an
    unsupported one. Paths in ``exclude`` (the output and the master) are left out.
    """
    excluded = {path.resolve() for path in exclude}
    files: list[Path] = []

    for argument in arguments:
        argument = Path(argument)
        if argument.is_dir():
            # Annotated copies (<名>.校验.xlsx) beside the reps' files repeat their rows.
            candidates = sorted(
                path for path in argument.iterdir()
                if path.is_file() and path.suffix.lower() in INPUT_SUFFIXES
                and not path.name.startswith(_LOCK_FILE_PREFIX)
                and not path.stem.endswith(TARGET_INFIX)
            )
        else:
            candidates = [argument]
        files.extend(path for path in candidates if path.resolve() not in excluded)
    return list(dict.fromkeys(files))


def file_digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_HASH_CHUNK_BYTES), b""):
            digest.update(chunk)
    return digest.hexdigest()


def canonical_header(raw: object) -> str:
    """Return the header as the merged sheet writes it: normalised, contacts as 联系人N-字段."""
    header = normalize_header(raw)
    columns = ColumnMap.from_headers([header])
    for number, fields in columns.contacts.items():
        for name in fields:
            return contact_header(number, name)
    return header


def source_sheet(path: Path, sheet: SheetData, digest: str) -> SourceSheet:
    """Key a sheet's rows by canonical header; a result column and blank headers are dropped.

    A header that occurs twice keeps its first column, as validation does.
    """
    positions: dict[str, int] = {}
    for index, raw in enumerate(sheet.headers):
        header = canonical_header(raw)
        if header and header != RESULT_COLUMN and header not in SOURCE_HEADERS:
            positions.setdefault(header, index)

    source = SourceSheet(path, digest, sheet, list(positions))
    for row, values in sheet.rows:
        source.rows.append((row, {header: values[index] for header, index in positions.items()}))
    return source


def union_headers(sources: Sequence[Sequence[str]]) -> list[str]:
    """Return the union of header lists: template columns in template order, then the rest.

    Contact blocks come in number order with their fields in template order; unknown
    columns follow in the order first seen.
    """
    seen = [header for headers in sources for header in headers]
    present = set(seen)
    ordered = [header for header in CUSTOMER_FIELDS if header in present]

    numbers = sorted(ColumnMap.from_headers(seen).contacts)
    for number in numbers:
        ordered.extend(
            contact_header(number, name) for name in CONTACT_FIELDS
            if contact_header(number, name) in present
        )
    known = set(ordered)
    ordered.extend(header for header in dict.fromkeys(seen) if header not in known)
    return ordered


def content_hash(values: dict[str, object]) -> str:
    """Return a hash of a row's non-blank cells as normalised text, independent of order.

    Two readings of one row (the rep's file and the merged workbook) hash alike, because
    numbers, dates and full-width text are compared in their normalised form.
    """
    parts = []
    for header in _hashed_headers(tuple(values)):
        text = normalize_text(values[header])
        if text:
            parts.append(f"{header}\x1e{text}")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@lru_cache(maxsize=64)
def _hashed_headers(headers: tuple[str, ...]) -> tuple[str, ...]:
    # Every row of one file has the same headers, so they are sorted once per file.
    return tuple(sorted(header for header in headers if header not in SOURCE_HEADERS and header != RESULT_COLUMN))


def merged_rows(source: SourceSheet) -> list[MergedRow]:
    """Return the rows of one source as merged rows, in sheet order."""
    return [
        MergedRow(source.name, source.digest, row, values, content_hash(values))
        for row, values in source.rows
    ]


def table_values(headers: Sequence[str], rows: Sequence[MergedRow]) -> list[list[object]]:
    """Lay merged rows out under ``headers`` (which end with the two source columns)."""
    data_headers = [header for header in headers if header not in SOURCE_HEADERS]
    return [
        [row.values.get(header) for header in data_headers] + [row.source_file, row.source_row]
        for row in rows
    ]
