"""Reading a 电话 cell: split it into numbers and classify each as Chinese phones are written.

A cell may hold several numbers of one person, separated by ``/ ; ， , ；`` or ``、`` (a
line break also separates). Spaces, ``-``, ``.`` and brackets inside a number are
formatting. A number may carry an extension after 转, 分机, ext, ext., x or #, or as a
trailing ``-`` plus 1–6 digits after a complete landline (``010-62345678-8021``), and
总机 or （总机） marks a switchboard.

With its extension removed, a number is valid when it has one of these shapes and the
``phonenumbers`` metadata for region CN also accepts it:

- mobile: 11 digits, ``1[3-9]`` + 9 digits;
- landline: 0 + area code + a 7–8 digit local number, or +86/0086 + area code without the 0;
- service: ``400`` or ``800`` + 7 digits.

``phonenumbers`` accepts an area code without its leading 0 (``755-26881234``, or
``57187654321`` from a numeric cell); here that is invalid. A 7–8 digit number without
an area code is its own kind, ``missing-area-code``.

Naming: *national number* is the number without country code and without the trunk
prefix 0 (``57187654321``); *area code* is written with its 0 (``0571``); *local number*
is what follows the area code.

Nothing here promises that a number is in use or belongs to the contact.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from leadcheck.checks.area_codes import (
    area_code_cities,
    area_code_city_label,
    area_code_matches_city,
)
from leadcheck.values import normalize_text
from phonenumbers import PhoneMetadata

__all__ = [
    "PhoneNumber",
    "parse_phone_cell",
    "parse_phone_text",
    "area_code_matches_city",
    "area_code_city_label",
    "is_valid_national_number",
]

MOBILE = "mobile"
LANDLINE = "landline"
SERVICE = "service"
MISSING_AREA_CODE = "missing-area-code"
INVALID = "invalid"

# Kinds that are a usable number as written.
VALID_KINDS = frozenset({MOBILE, LANDLINE, SERVICE})

# Separators between the numbers of one cell. A line break (Alt+Enter in Excel) also
# separates, because two lines are never one number.
_SEPARATORS = re.compile(r"[/;，,；、\n\r]+")

# 总机 marks a switchboard, bare or in brackets, optionally followed by a colon.
_SWITCHBOARD = re.compile(r"[(\[【]?\s*总机\s*[)\]】]?\s*:?")

# Labels reps put beside a number to say what it is (手机：…, …（办公）). They are removed
# like formatting; any other text still makes the number invalid.
_LABEL = re.compile(r"[(\[【]?\s*(?:手机|移动电话|座机|固话|固定电话|办公室?电话|办公室?|电话|直线|宅电)\s*[)\]】]?\s*:?")

# The first extension mark splits a number from its extension.
_EXTENSION_MARK = re.compile(r"转\s*(?:分机号?)?|分机号?|ext\.?|[x#]", re.IGNORECASE)

# Formatting inside one number: spaces, dashes (NFKC keeps the long dashes), dots, brackets.
_FORMATTING = re.compile(r"[\s\-‐‑‒–—―−.()\[\]【】:]+")

# A trailing "-" plus 1-6 digits may be an extension. It is split off only when the
# digits before it are a landline, or a local number without its area code.
_TRAILING_EXTENSION = re.compile(r"^(.*\d)\s*[-‐‑‒–—―−]\s*(\d{1,6})$")

_MOBILE_SHAPE = re.compile(r"1[3-9]\d{9}")

# One plain mobile, or one landline written 0 + area code, optional "-" or space, local
# number, and optionally 转 or 分机 with an extension.
_SIMPLE_NUMBER = re.compile(
    r"(1[3-9]\d{9})|0([12]\d|[3-9]\d\d)[- ]?(\d{7,8})(?: ?(?:转|分机) ?(\d{1,6}))?"
)
_SERVICE_PREFIXES = ("400", "800")
_SERVICE_LENGTH = 10
_LOCAL_LENGTHS = (7, 8)
_EXTENSION_MAX_DIGITS = 6

# No valid number has fewer than 10 digits (a 400/800 number has 10), so a run of digits
# is tried as two numbers only at cuts that leave 10 or more on each side.
_SHORTEST_NUMBER = 10

# Cached cells: a sheet repeats switchboard numbers and a rep's own numbers often,
# and the cache keeps memory bounded on sheets of unique numbers.
_CACHE_SIZE = 4096

# Reasons for kind "invalid", written to follow the quoted number in a message.
REASON_TEXT = "含有非号码文字“{text}”"
REASON_NO_NUMBER = "没有号码"
REASON_EMPTY_EXTENSION = "的“{mark}”后没有分机号"
REASON_BAD_EXTENSION = "的分机号“{extension}”应为1到6位数字"
REASON_MOBILE_LENGTH = "位数不对，手机号应为11位，这里是{length}位"
REASON_MOBILE_PREFIX = "不是有效的手机号段"
REASON_EXTRA_ZERO = "手机号前面多了 0"
REASON_LANDLINE_LENGTH = "位数不对，区号后应为7或8位号码，这里是{length}位"
REASON_LANDLINE_INVALID = "不是有效的固定电话号码"
REASON_UNKNOWN_AREA_CODE = "的区号 {area_code} 不存在"
REASON_LOST_ZERO = "区号缺少开头的 0，应写作 {area_code}-{local}"
REASON_SERVICE = "不是有效的 400/800 号码，应为10位"
REASON_FOREIGN = "不是中国大陆号码"
REASON_PLUS86_ZERO = "在 +86 后多了区号的 0，应写作 +86 {national}"
REASON_TWO_NUMBERS = "像是两个号码连在一起，多个号码请用“/”分隔"
REASON_UNREADABLE = "不是手机号、固定电话或 400/800 号码"


class PhoneNumber(NamedTuple):
    """One number of a 电话 cell, classified.

    A named tuple rather than a dataclass because a sheet has one per contact, and a
    named tuple is built in about a third of the time (measured on CPython 3.11).
    """

    text: str
    kind: str
    area_code: str | None
    subscriber: str | None
    extension: str | None
    switchboard: bool
    reason: str | None

    @property
    def line_key(self) -> str | None:
        """The landline as dialled without extension, to tell when contacts share one line."""
        if self.kind != LANDLINE:
            return None
        return f"{self.area_code}{self.subscriber}"


@dataclass(frozen=True, slots=True)
class _Reading:
    """The classification of one number's digits, before text and extension are attached."""

    kind: str
    area_code: str | None = None
    subscriber: str | None = None
    reason: str | None = None
    lost_zero: bool = False


def parse_phone_cell(value: object) -> list[PhoneNumber]:
    """Split a raw 电话 cell into its numbers and classify each.

    ``value`` is the cell as read: text, a number (``13957112345.0`` reads as its digits)
    or None. An empty cell returns []. Filler such as 无 is not recognised here, so the
    caller checks for blank and filler first.
    """
    text = normalize_text(value)
    if not text:
        return []
    return list(_parse_cached(text))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _parse_cached(text: str) -> tuple[PhoneNumber, ...]:
    return parse_phone_text(text)


def parse_phone_text(text: str) -> tuple[PhoneNumber, ...]:
    """Split normalised 电话 text into its numbers and classify each, without a cache.

    For callers that read each distinct cell once anyway; ``parse_phone_cell`` caches.
    """
    if not text:
        return ()
    simple = _parse_simple(text)
    if simple is not None:
        return (simple,)
    parts = (part.strip() for part in _SEPARATORS.split(text))
    return tuple(_parse_simple(part) or _parse_part(part) for part in parts if part)


def _parse_simple(text: str) -> PhoneNumber | None:
    """Classify one plain mobile or landline, the common forms, quickly.

    Returns None for anything else, including an invalid number, so that the full
    reading gives the reason.
    """
    match = _SIMPLE_NUMBER.fullmatch(text)
    if match is None:
        return None
    mobile, area_code, local, extension = match.groups()
    if mobile is not None:
        if not _is_valid(mobile, _MOBILE_TYPE):
            return None
        return PhoneNumber(text, MOBILE, None, mobile, None, False, None)
    if not _is_valid(area_code + local, _FIXED_LINE_TYPE):
        return None
    return PhoneNumber(text, LANDLINE, "0" + area_code, local, extension, False, None)


def _parse_part(part: str) -> PhoneNumber:
    """Classify one number as written, with its switchboard mark and extension."""

    # Remove the switchboard mark and any label wherever they are.
    body, marks = _SWITCHBOARD.subn("", part)
    switchboard = marks > 0
    body = _LABEL.sub("", body)

    # Split off a marked extension; a trailing "-NNNN" is tried later.
    extension = None
    mark = _EXTENSION_MARK.search(body)
    if mark:
        extension = _FORMATTING.sub("", body[mark.end():])
        body = body[: mark.start()]
        if not extension:
            reason = REASON_EMPTY_EXTENSION.format(mark=mark.group().strip())
            return _invalid(part, reason, None, switchboard)
        if not extension.isdigit() or len(extension) > _EXTENSION_MAX_DIGITS:
            reason = REASON_BAD_EXTENSION.format(extension=extension)
            return _invalid(part, reason, None, switchboard)

    reading, trailing_extension = _read_body(body, allow_trailing_extension=extension is None)
    return PhoneNumber(
        text=part,
        kind=reading.kind,
        area_code=reading.area_code,
        subscriber=reading.subscriber,
        extension=extension or trailing_extension,
        switchboard=switchboard,
        reason=reading.reason,
    )


def _invalid(part: str, reason: str, extension: str | None, switchboard: bool) -> PhoneNumber:
    return PhoneNumber(part, INVALID, None, None, extension, switchboard, reason)


def _read_body(body: str, allow_trailing_extension: bool) -> tuple[_Reading, str | None]:
    """Classify the number part, trying a trailing "-NNNN" extension when the whole fails."""
    digits = _FORMATTING.sub("", body)
    if not digits:
        return _Reading(INVALID, reason=REASON_NO_NUMBER), None
    if not _is_dial_string(digits):
        text = re.sub(r"[+\d]+", " ", digits).strip()
        reason = REASON_TEXT.format(text=text) if text else REASON_UNREADABLE
        return _Reading(INVALID, reason=reason), None

    whole = _classify(digits)
    if whole.kind != INVALID or not allow_trailing_extension:
        return whole, None

    trailing = _TRAILING_EXTENSION.match(body.strip())
    if trailing:
        head = _classify(_FORMATTING.sub("", trailing.group(1)))
        if head.kind in (LANDLINE, MISSING_AREA_CODE) or head.lost_zero:
            return head, trailing.group(2)

    return _with_split_hint(digits, whole), None


def _with_split_hint(digits: str, whole: _Reading) -> _Reading:
    """Explain an invalid run of digits that is two valid numbers written without a separator."""
    for cut in range(_SHORTEST_NUMBER, len(digits) - _SHORTEST_NUMBER + 1):
        left = _classify(digits[:cut])
        if left.kind in VALID_KINDS and _classify(digits[cut:]).kind in VALID_KINDS:
            return _Reading(INVALID, reason=REASON_TWO_NUMBERS)
    return whole


def _is_dial_string(digits: str) -> bool:
    # isascii() rejects other scripts' digits, which str.isdigit() accepts.
    return digits.isascii() and digits.lstrip("+").isdigit() and "+" not in digits[1:]


def _classify(digits: str) -> _Reading:
    """Classify a dial string of digits, optionally led by "+"."""
    if digits.startswith("+"):
        if digits.startswith("+86"):
            return _classify_international(digits[3:])
        return _Reading(INVALID, reason=REASON_FOREIGN)
    if digits.startswith("0086"):
        return _classify_international(digits[4:])
    if digits.startswith("00"):
        return _Reading(INVALID, reason=REASON_FOREIGN)
    if digits.startswith("0"):
        if _MOBILE_SHAPE.fullmatch(digits[1:]):
            return _Reading(INVALID, reason=REASON_EXTRA_ZERO)
        return _classify_landline(digits[1:])
    if digits.startswith(_SERVICE_PREFIXES):
        return _classify_service(digits)
    if _MOBILE_SHAPE.fullmatch(digits):
        return _classify_mobile(digits)
    if len(digits) in _LOCAL_LENGTHS and digits[0] in "23456789":
        return _Reading(MISSING_AREA_CODE, subscriber=digits)

    # An area code written without its 0, as a numeric cell stores 0571-87654321.
    lost_zero = _classify_landline(digits)
    if lost_zero.kind == LANDLINE:
        reason = REASON_LOST_ZERO.format(
            area_code=lost_zero.area_code, local=lost_zero.subscriber
        )
        return _Reading(INVALID, reason=reason, lost_zero=True)
    if digits[0] == "1" and digits[1:2] in tuple("3456789"):
        return _Reading(INVALID, reason=REASON_MOBILE_LENGTH.format(length=len(digits)))
    return _Reading(INVALID, reason=REASON_UNREADABLE)


def _classify_international(national: str) -> _Reading:
    """Classify what follows +86 or 0086: a national number, area code without its 0."""
    if national.startswith("0"):
        return _Reading(INVALID, reason=REASON_PLUS86_ZERO.format(national=national[1:]))
    if national.startswith(_SERVICE_PREFIXES):
        return _classify_service(national)
    if _MOBILE_SHAPE.fullmatch(national):
        return _classify_mobile(national)
    return _classify_landline(national)


def _classify_mobile(digits: str) -> _Reading:
    if not _is_valid(digits, _MOBILE_TYPE):
        return _Reading(INVALID, reason=REASON_MOBILE_PREFIX)
    return _Reading(MOBILE, subscriber=digits)


def _classify_service(digits: str) -> _Reading:
    if len(digits) != _SERVICE_LENGTH or not is_valid_national_number(digits):
        return _Reading(INVALID, reason=REASON_SERVICE)
    return _Reading(SERVICE, subscriber=digits)


def _classify_landline(national: str) -> _Reading:
    """Classify a national landline number: area code without its 0, then the local number.

    Area codes 10 and 20-29 have two digits and all others three (010, 021, 0571).
    """
    code_length = 2 if national[:1] in ("1", "2") else 3
    area_code = "0" + national[:code_length]
    local = national[code_length:]
    if len(local) not in _LOCAL_LENGTHS:
        return _Reading(INVALID, reason=REASON_LANDLINE_LENGTH.format(length=len(local)))
    if not _is_valid(national, _FIXED_LINE_TYPE):
        if area_code_cities(area_code) is None:
            return _Reading(INVALID, reason=REASON_UNKNOWN_AREA_CODE.format(area_code=area_code))
        return _Reading(INVALID, reason=REASON_LANDLINE_INVALID)
    return _Reading(LANDLINE, area_code=area_code, subscriber=local)


# Positions in the tuple of compiled descriptions, to try the expected type first.
_GENERAL, _FIXED_LINE_TYPE, _MOBILE_TYPE = 0, 1, 2

_Description = tuple[frozenset[int], re.Pattern[str] | None]


@functools.cache
def _cn_number_descriptions() -> tuple[_Description, ...]:
    """Compile the CN patterns of ``phonenumbers``: the general one, then each number type."""
    metadata = PhoneMetadata.metadata_for_region("CN")
    descriptions = (
        metadata.general_desc, metadata.fixed_line, metadata.mobile, metadata.toll_free,
        metadata.shared_cost, metadata.premium_rate, metadata.voip, metadata.personal_number,
        metadata.pager, metadata.uan, metadata.voicemail,
    )
    compiled = []
    for description in descriptions:
        if description is None or not description.national_number_pattern:
            compiled.append((frozenset(), None))
        else:
            pattern = re.compile(description.national_number_pattern)
            compiled.append((frozenset(description.possible_length), pattern))
    return tuple(compiled)


def is_valid_national_number(national: str) -> bool:
    """Tell whether ``phonenumbers.is_valid_number`` accepts +86 followed by these digits.

    It applies the same rule as ``phonenumbers`` (the general pattern and one type's
    pattern must match in full, lengths first) without building a ``PhoneNumber``, at
    about a third of the cost (measured with phonenumbers 9.0.43). It does not check the
    written shape: ``57187654321`` is valid here although the cell lost the area code's 0.
    """
    return _is_valid(national, _FIXED_LINE_TYPE)


def _is_valid(national: str, expected_type: int) -> bool:
    """Apply the rule of ``is_valid_national_number``, trying the expected type first."""
    descriptions = _DESCRIPTIONS or _load_descriptions()
    if not _matches_description(descriptions[_GENERAL], national):
        return False
    if _matches_description(descriptions[expected_type], national):
        return True
    return any(
        _matches_description(description, national)
        for position, description in enumerate(descriptions)
        if position not in (_GENERAL, expected_type)
    )


# The compiled descriptions, loaded on first use. ``_is_valid`` runs once per number, so
# it reads this list instead of calling the cached loader.
_DESCRIPTIONS: list[_Description] = []


def _load_descriptions() -> list[_Description]:
    _DESCRIPTIONS.extend(_cn_number_descriptions())
    return _DESCRIPTIONS


def _matches_description(description: _Description, national: str) -> bool:
    lengths, pattern = description
    if pattern is None:
        return False
    if lengths and len(national) not in lengths:
        return False
    return pattern.fullmatch(national) is not None
