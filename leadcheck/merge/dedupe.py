"""Grouping rows that record the same unit (撞单), by fuzzy matching of normalised names.

A plain similarity threshold pairs far too many distinct units: 上海市富鑫网络科技 and
上海市富辰网络科技 score 83 of 100 though they are two companies. So a pair is scored only
when it passes three gates: the same leading trade-name characters of the core, the same
numerals (第一 vs 第二), and no contradicting city or district. Records are blocked by
trade-name characters and numerals, so only records that can pass the first two gates
are ever compared.

Pairs scoring ``DUPLICATE_SCORE`` or more are one unit; pairs between ``REVIEW_SCORE`` and
that are only listed for review and never merged. Records sharing a phone number that are
not one unit are listed too. ``key`` is whatever the caller uses to identify a record (the
merged workbook uses its 1-based Excel row).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Hashable, Iterable, Sequence

from rapidfuzz import fuzz, process

from leadcheck.merge.names import UnitName, parse_unit_name, split_place
from leadcheck.values import normalize_text

# Scores are rapidfuzz ``fuzz.ratio`` of two cores, 0–100. Identical cores score 100, and
# one changed character in a five-character core (城建设计院 vs 城健设计院) scores 80.
DUPLICATE_SCORE = 90
# An abbreviation of a five-character core to three characters (城建院) scores 75.
REVIEW_SCORE = 75

DUPLICATE = "duplicate"
REVIEW = "review"
SHARED_PHONE = "shared-phone"

_PHONE_SEPARATORS = re.compile(r"[/;，,；、]")
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#).*$", re.IGNORECASE)
_TRAILING_EXTENSION = re.compile(r"^(.*)-\d{1,6}$")
# A trailing -NNNN is an extension only after a complete landline of 10 or more digits.
_COMPLETE_LANDLINE_DIGITS = 10
_NON_DIGITS = re.compile(r"\D")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0[1-9]\d{8,10}$")


@dataclass(frozen=True, slots=True)
class UnitRecord:
    """The fields of one row that duplicate detection compares; ``key`` identifies the row."""

    key: Hashable
    name: str
    rep: str = ""
    visit_date: datetime | None = None
    address: str = ""
    phones: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GroupMember:
    """One record of a group with its score against the group's first claim (0–100)."""

    key: Hashable
    score: float


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Records that are one unit (``duplicate``), may be (``review``) or share a phone.

    ``members`` starts with the first claim: the earliest 拜访日期, then input order.
    ``phone`` is the shared number of a ``shared-phone`` group and "" otherwise.
    """

    kind: str
    members: tuple[GroupMember, ...]
    phone: str = ""

    @property
    def first_claim(self) -> Hashable:
        return self.members[0].key

    @property
    def keys(self) -> tuple[Hashable, ...]:
        return tuple(member.key for member in self.members)

    @property
    def score(self) -> float:
        """Lowest member score: how sure the weakest link of the group is."""
        return min(member.score for member in self.members)


class _DisjointSet:
    """Union–find over record indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def union(self, first: int, second: int) -> None:
        self.parent[self.find(first)] = self.find(second)

    def components(self) -> list[list[int]]:
        groups: dict[int, list[int]] = defaultdict(list)
        for index in range(len(self.parent)):
            groups[self.find(index)].append(index)
        return [members for members in groups.values() if len(members) > 1]


def find_duplicate_groups(records: Sequence[UnitRecord]) -> list[DuplicateGroup]:
    """Group records that name one unit, may name one unit, or share a phone number.

    Groups come in input order of their first record: duplicates, then review, then
    shared phones. Records with a blank name take part only through their phones. Does
    not promise transitivity of the review band: a review group lists every record linked
    by a review pair, even if two of them would score lower against each other.
    """
    names = [parse_unit_name(record.name) for record in records]
    places = [split_place(_plain(record.address)) for record in records]
    strong, weak = _scored_pairs(names, places)

    units = _DisjointSet(len(records))
    for first, second in strong:
        units.union(first, second)
    groups = [_group(DUPLICATE, members, records, names) for members in units.components()]

    linked = _DisjointSet(len(records))
    for first, second in strong + weak:
        linked.union(first, second)
    for members in linked.components():
        if len({units.find(index) for index in members}) > 1:
            groups.append(_group(REVIEW, members, records, names))

    groups.extend(_shared_phone_groups(records, names, units))
    return groups


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", str(text or ""))


def _scored_pairs(
    names: list[UnitName], places: list[tuple[str, str, str]]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Return (duplicate pairs, review pairs) of record indices that pass every gate."""
    # Names with other numerals never pair, so they go to separate blocks: a sheet of
    # 第1…第500 项目部 of one company then compares no two of them.
    blocks: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for index, name in enumerate(names):
        if name.core:
            blocks[(name.trade, name.numerals)].append(index)

    strong: list[tuple[int, int]] = []
    weak: list[tuple[int, int]] = []
    for indices in blocks.values():
        if len(indices) < 2:
            continue
        cores = [names[index].core for index in indices]
        scores = process.cdist(cores, cores, scorer=fuzz.ratio, score_cutoff=REVIEW_SCORE)
        for row, column in zip(*scores.nonzero()):
            if row >= column:
                continue
            first, second = indices[row], indices[column]
            if not _compatible(names[first], names[second], places[first], places[second]):
                continue
            pair = (first, second)
            (strong if scores[row, column] >= DUPLICATE_SCORE else weak).append(pair)
    return strong, weak


def _compatible(
    first: UnitName, second: UnitName,
    first_place: tuple[str, str, str], second_place: tuple[str, str, str],
) -> bool:
    """Tell whether nothing but the score separates two names: numerals, city, district."""
    if first.numerals != second.numerals:
        return False
    first_city = first.city or first_place[0]
    second_city = second.city or second_place[0]
    if first_city and second_city and first_city != second_city:
        return False
    return not (first.district and second.district and first.district != second.district)


def _group(
    kind: str, indices: Iterable[int], records: Sequence[UnitRecord], names: list[UnitName]
) -> DuplicateGroup:
    ordered = sorted(indices, key=lambda index: _claim_order(records[index], index))
    first_core = names[ordered[0]].core
    members = tuple(
        GroupMember(records[index].key, round(fuzz.ratio(first_core, names[index].core), 1))
        for index in ordered
    )
    return DuplicateGroup(kind, members)


def _claim_order(record: UnitRecord, index: int) -> tuple[bool, datetime, int]:
    # Rows without a date come last: a claim needs a date to be the first one.
    date = record.visit_date or datetime.max
    return (record.visit_date is None, date, index)


def _shared_phone_groups(
    records: Sequence[UnitRecord], names: list[UnitName], units: _DisjointSet
) -> list[DuplicateGroup]:
    by_phone: dict[str, list[int]] = defaultdict(list)
    numbers_of: dict[object, set[str]] = {}
    for index, record in enumerate(records):
        numbers = set()
        for cell in record.phones:
            # A switchboard recurs on many rows, so each distinct cell is read once.
            found = numbers_of.get(cell)
            if found is None:
                found = numbers_of[cell] = phone_numbers(cell)
            numbers |= found
        for number in sorted(numbers):
            by_phone[number].append(index)

    groups: list[DuplicateGroup] = []
    for number, indices in by_phone.items():
        if len({units.find(index) for index in indices}) < 2:
            continue
        group = _group(SHARED_PHONE, indices, records, names)
        groups.append(DuplicateGroup(SHARED_PHONE, group.members, phone=number))
    return groups


def phone_numbers(cell: object) -> set[str]:
    """Return the complete numbers in a 电话 cell as digits, extensions removed.

    Only 11-digit mobiles and landlines with their area code are returned, because a
    local number without area code (62345678) names a different line in every city. Does
    not validate the numbers; invalid ones are the engine's findings.
    """
    text = normalize_text(cell)
    text = text.replace("(总机)", "").replace("总机", "")
    numbers: set[str] = set()

    for part in _PHONE_SEPARATORS.split(text):
        part = part.strip()
        if part.isascii() and part.isdigit():
            # The common case, a bare mobile or landline, has nothing to remove.
            digits = part
        else:
            part = _EXTENSION.sub("", part)
            trailing = _TRAILING_EXTENSION.match(part)
            if trailing and len(_NON_DIGITS.sub("", trailing.group(1))) >= _COMPLETE_LANDLINE_DIGITS:
                part = trailing.group(1)
            digits = _NON_DIGITS.sub("", part)

        # An international prefix (+86, 0086) replaces the trunk 0 of a landline.
        if part.startswith("+86") or digits.startswith("0086"):
            digits = digits.removeprefix("00").removeprefix("86")
            digits = digits if _MOBILE.match(digits) else "0" + digits
        if _MOBILE.match(digits) or _LANDLINE.match(digits):
            numbers.add(digits)
    return numbers
