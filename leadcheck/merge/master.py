"""Incremental merging into an existing master workbook (``--into 汇总.xlsx``).

Each merged row remembers its source file, source row, the SHA-256 of the source file and
a hash of its own content, in the hidden sheet ``_合并来源``. A new input row is then:

- *unchanged* when a master row has the same content hash (re-merging adds nothing);
- *updated* when its content differs from a master row of the same rep and unit that came
  from the same file and row or has the same 拜访日期. That master row takes the new
  values in place, so an edited row is never added twice;
- *added* otherwise, after the master's rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import openpyxl

from leadcheck.merge.merge import (
    SOURCE_FILE_HEADER, SOURCE_ROW_HEADER, MergedRow, canonical_header, content_hash, source_sheet,
)
from leadcheck.merge.names import parse_unit_name
from leadcheck.sheets.errors import InputError
from leadcheck.sheets.reader import read_lead_sheet
from leadcheck.values import normalize_text

# Hidden sheet of the merged workbook with one line per merged row.
SOURCES_SHEET = "_合并来源"
SOURCES_HEADERS = ("合并表行", "来源文件", "来源行", "文件摘要", "行摘要")


@dataclass
class Master:
    """The rows of a master workbook, in its order, and the columns it has."""

    headers: list[str]
    rows: list[MergedRow]

    @property
    def digests(self) -> set[str]:
        return {row.source_digest for row in self.rows}


@dataclass
class FileCounts:
    """Row counts of one merged input: read, added, updated and already present."""

    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    updated_rows: list[int] = field(default_factory=list)
    # 0-based positions in the merged rows of every row of the input that is in the output.
    positions: list[int] = field(default_factory=list)


def read_master(path: Path) -> Master:
    """Read a workbook written by ``leadcheck merge``; raise ``InputError`` for any other."""
    sheet = read_lead_sheet(path)
    origins = _read_origins(path)
    texts = [canonical_header(header) for header in sheet.headers]
    if SOURCE_FILE_HEADER not in texts or SOURCE_ROW_HEADER not in texts:
        raise InputError(path, "没有“来源文件”和“来源行”两列，不是合并生成的汇总表", "请用 -o 另存为新的汇总表")

    file_index, row_index = texts.index(SOURCE_FILE_HEADER), texts.index(SOURCE_ROW_HEADER)
    data = source_sheet(path, sheet, "")
    rows: list[MergedRow] = []
    for (merged_row, values), (_, raw) in zip(data.rows, sheet.rows):
        # The stored hash is the one computed from the rep's file, so it still matches
        # that file if writing and reading the master changed how a cell is stored.
        digest, stored_hash = origins.get(merged_row, ("", ""))
        source_row = raw[row_index]
        rows.append(MergedRow(
            normalize_text(raw[file_index]), digest,
            int(source_row) if isinstance(source_row, (int, float)) else 0,
            values, stored_hash or content_hash(values),
        ))
    return Master(data.headers, rows)


def _read_origins(path: Path) -> dict[int, tuple[str, str]]:
    """Return {merged row: (file digest, row hash)} from the hidden sources sheet."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        if SOURCES_SHEET not in workbook.sheetnames:
            raise InputError(path, f"没有隐藏的“{SOURCES_SHEET}”工作表，不是合并生成的汇总表",
                             "请用 -o 另存为新的汇总表")
        origins: dict[int, tuple[str, str]] = {}
        for values in workbook[SOURCES_SHEET].iter_rows(min_row=2, values_only=True):
            if values and isinstance(values[0], (int, float)):
                origins[int(values[0])] = (str(values[3] or ""), str(values[4] or ""))
        return origins
    finally:
        workbook.close()


def origin_lines(rows: Sequence[MergedRow], first_row: int = 2) -> list[list[object]]:
    """Return the lines of the hidden sources sheet, headers first."""
    lines: list[list[object]] = [list(SOURCES_HEADERS)]
    for offset, row in enumerate(rows):
        lines.append([first_row + offset, row.source_file, row.source_row, row.source_digest, row.content_hash])
    return lines


def _identity(values: dict[str, object]) -> tuple[str, str, str]:
    return _identity_of(values.get("业务员"), values.get("单位名称"))


# A master re-read with --into contains each unit name once per merged row, and a folder of
# files repeats few names, so parsed names are kept. The size covers 100,000 rows.
@lru_cache(maxsize=2**17)
def _identity_of(rep: object, unit_name: object) -> tuple[str, str, str]:
    unit = parse_unit_name(normalize_text(unit_name))
    return normalize_text(rep), unit.city, unit.core


class RowMerger:
    """The merged rows so far, indexed by content hash, source location and rep + unit.

    Files are merged one after another. A row is matched only against rows merged before
    its file started, never against rows of its own file, so two rows of one file that
    share rep, unit and 拜访日期 are both kept. The indexes take a file's rows when the
    file is done, so each row is indexed once, not once per later file.
    """

    def __init__(self, rows: Sequence[MergedRow]) -> None:
        self.rows = list(rows)
        # Content hash → number of merged rows with it; a row counts until it is replaced.
        self._hashes = Counter(row.content_hash for row in self.rows)
        # Content hash → position of the latest merged row with it, to tell where an
        # unchanged row of an input sits in the output.
        self._position_of_hash = {row.content_hash: index for index, row in enumerate(self.rows)}
        self._by_location: dict[tuple[str, int], int] = {}
        self._by_identity: dict[tuple[str, str, str], list[int]] = {}
        for index, row in enumerate(self.rows):
            self._index(index, row)

    def merge(self, incoming: Sequence[MergedRow]) -> FileCounts:
        """Merge one file's rows and count what happened.

        ``updated_rows`` lists the 1-based positions in ``rows`` (so the merged sheet's row
        minus one) of the rows that took new values.
        """
        counts = FileCounts(read=len(incoming))
        changed: list[tuple[int, MergedRow]] = []
        replaced_hashes: list[str] = []
        for row in incoming:
            if row.content_hash in self._hashes:
                counts.unchanged += 1
                counts.positions.append(self._position_of_hash[row.content_hash])
                continue
            target = self._updated_target(row)
            if target is None:
                self.rows.append(row)
                target = len(self.rows) - 1
                changed.append((target, row))
                counts.added += 1
            else:
                replaced = self.rows[target]
                self.rows[target] = row
                changed.append((target, row))
                self._forget_location(target, replaced)
                replaced_hashes.append(replaced.content_hash)
                counts.updated += 1
                counts.updated_rows.append(target + 1)
            self._hashes[row.content_hash] += 1
            self._position_of_hash[row.content_hash] = target
            counts.positions.append(target)

        # Rows of this file become matchable for the files after it, and replaced
        # versions stop matching.
        for index, row in changed:
            self._index(index, row)
        for digest in replaced_hashes:
            self._hashes[digest] -= 1
            if not self._hashes[digest]:
                del self._hashes[digest]
        return counts

    def locate(self, incoming: Sequence[MergedRow]) -> list[int]:
        """Return the positions in ``rows`` of the rows of an already merged file that are still there."""
        return [
            self._position_of_hash[row.content_hash] for row in incoming if row.content_hash in self._hashes
        ]

    def _index(self, index: int, row: MergedRow) -> None:
        # A later row from the same location wins, as a file read twice under one name.
        self._by_location[(row.source_file, row.source_row)] = index
        positions = self._by_identity.setdefault(_identity(row.values), [])
        if index not in positions:
            positions.append(index)

    def _forget_location(self, index: int, replaced: MergedRow) -> None:
        location = (replaced.source_file, replaced.source_row)
        if self._by_location.get(location) == index:
            del self._by_location[location]

    def _updated_target(self, row: MergedRow) -> int | None:
        """Return the index of the merged row that ``row`` is an edited version of, if any."""
        identity = _identity(row.values)
        if not identity[2]:
            return None
        location = self._by_location.get((row.source_file, row.source_row))
        if location is not None and _identity(self.rows[location].values) == identity:
            return location

        visit = normalize_text(row.values.get("拜访日期"))
        for index in self._by_identity.get(identity, []):
            if normalize_text(self.rows[index].values.get("拜访日期")) == visit:
                return index
        return None
