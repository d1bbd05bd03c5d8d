"""Reading cell values as the standard prescribes: NFKC, trimming, filler, dates, headcounts.

Cells arrive as whatever the file reader produced: ``str``, ``int``, ``float``, ``bool``,
``datetime``/``date``/``time`` or ``None``. Every function here accepts any of those and
never raises on odd input; a value that cannot be read returns ``None``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from leadcheck.model.config import RuleConfig

# Excel's day zero for serial dates (the 1900 system, with Lotus' phantom 1900-02-29).
_EXCEL_EPOCH = datetime(1899, 12, 30)

# Serial numbers read as dates only in this window (1990-01-01 to 2099-12-31), so that a
# stray number such as 2026 or 120 in a date column is not taken for a day in 1905.
_SERIAL_DATE_RANGE = (32874, 73050)

_HEADER_MARKS = re.compile(r"(\*|\(必填\)|（必填）)+$")

_DATE_PATTERN = re.compile(
    r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?"
    r"(?:\s*(?:上午|下午|晚上|中午|早上|傍晚))?"
    r"(?:\s*(\d{1,2})\s*[:点时]\s*(?:(\d{1,2})\s*分?)?(?:\s*:\s*\d{1,2})?)?"
    r"(?:\s*(?:上午|下午|晚上|中午|早上|傍晚))?$"
)

# 约120人, 大约 120 人, 120余人, 120多人, 120左右, 80-100, 80~100, 80至100, 80到100.
_HEADCOUNT_PATTERN = re.compile(
    r"^(?:大约|约)?\s*(?:(\d+)\s*(?:-|~|至|到)\s*)?(\d+)\s*(?:余人|多人|人左右|左右|人)?$"
)

_PUNCTUATION_OR_SPACE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize_text(value: object) -> str:
    """Return the cell as trimmed NFKC text; ``None`` becomes "".

    Whole floats become their digits (``13957112345.0`` → ``13957112345``), so a phone
    number that Excel stored as a number reads as written. Dates become ``YYYY-MM-DD``.
    """
    if value is None:
        return ""
    if type(value) is str:
        return _normalize_string(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


@lru_cache(maxsize=65536)
def _normalize_string(text: str) -> str:
    # Cached because sheets repeat the same short values (部门, 职务, 性别, 重要程度) on
    # every row, and NFKC of a 20-character Chinese text costs a few microseconds.
    if text.isascii():
        return text.strip()
    return unicodedata.normalize("NFKC", text).strip()


def normalize_header(value: object) -> str:
    """Return a header as compared: NFKC, trimmed, a trailing ``*`` or ``(必填)`` dropped."""
    text = normalize_text(value)
    return _HEADER_MARKS.sub("", text).strip()


@lru_cache(maxsize=16)
def _filler_index(filler_words: tuple[str, ...]) -> tuple[frozenset[str], int]:
    """Return the case-folded filler words and the longest one's length, computed once."""
    words = frozenset(word.casefold() for word in filler_words)
    return words, max((len(word) for word in words), default=0)


class BlankTest:
    """Callable test of whether a raw cell is empty or filler, with a memo for text.

    NFKC composes at most three code points into one (Hangul jamo), so text longer than
    three times the longest filler word after trimming cannot be filler and is never
    normalised. Results for short text are memoised because the same values recur on
    every row of a sheet.
    """

    __slots__ = ("_words", "_limit", "_memo")

    # Memo entries kept before the memo is emptied; bounds memory on sheets of unique text.
    MEMO_SIZE = 65536

    def __init__(self, filler_words: tuple[str, ...]) -> None:
        self._words, longest = _filler_index(filler_words)
        self._limit = 3 * longest
        self._memo: dict[str, bool] = {}

    def __call__(self, value: object) -> bool:
        if value is None:
            return True
        if type(value) is not str:
            text = normalize_text(value)
            return text == "" or text.casefold() in self._words
        result = self._memo.get(value)
        if result is None:
            stripped = value.strip()
            if not stripped:
                result = True
            elif len(stripped) > self._limit:
                return False
            else:
                result = _normalize_string(stripped).casefold() in self._words
            if len(self._memo) >= self.MEMO_SIZE:
                self._memo.clear()
            self._memo[value] = result
        return result


@lru_cache(maxsize=16)
def blank_test(filler_words: tuple[str, ...]) -> BlankTest:
    """Return the shared ``BlankTest`` for a list of filler words."""
    return BlankTest(filler_words)


def parse_date(value: object) -> datetime | None:
    """Read a date from an Excel date, a serial number or a Chinese date string.

    Accepts ``2026-11-20``, ``2026/11/20``, ``2026.11.20`` and ``2026年11月20日``, each
    optionally followed by a time or 上午/下午/晚上. Returns ``None`` when the value is not
    a date; it does not promise that the date is in the past.
    """
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial_to_datetime(float(value))
    if not isinstance(value, str):
        return None

    text = normalize_text(value)
    match = _DATE_PATTERN.match(text)
    if not match:
        return None
    year, month, day, hour, minute = match.groups()
    try:
        return datetime(int(year), int(month), int(day), int(hour or 0) % 24, int(minute or 0))
    except ValueError:
        return None


def _serial_to_datetime(serial: float) -> datetime | None:
    if not (math.isfinite(serial) and _SERIAL_DATE_RANGE[0] <= serial <= _SERIAL_DATE_RANGE[1]):
        return None
    return _EXCEL_EPOCH + timedelta(days=serial)


def parse_headcount(value: object) -> int | None:
    """Read 人数 as a positive whole number; a range reads as its upper end.

    Returns ``None`` for anything else: zero, fractions, words such as 很多.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            return None
        number = int(value)
        return number if number > 0 else None

    text = normalize_text(value).replace(" ", "")
    match = _HEADCOUNT_PATTERN.match(text)
    if not match:
        return None
    lower, upper = match.groups()
    number = int(upper)
    if lower is not None and int(lower) > number:
        return None
    return number if number > 0 else None


def meaningful_length(text: str, config: RuleConfig) -> int:
    """Count the characters of ``text`` left after removing filler words and punctuation."""
    remainder = text.casefold()

    # Punctuation fillers such as "-" and "/" go with the punctuation below.
    for word in sorted(config.filler_words, key=len, reverse=True):
        if any(character.isalnum() for character in word):
            remainder = remainder.replace(word.casefold(), "")
    return len(_PUNCTUATION_OR_SPACE.sub("", remainder))
