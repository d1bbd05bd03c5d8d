"""Checks on contact names, salutations, titles, departments and unit names.

Every function takes text that is already NFKC-normalised and trimmed (see
``leadcheck.values.normalize_text``), never raises, and reads its word lists from a
``RuleConfig``. Spaces inside a value are ignored where the check says so, because reps
write "李 档案室 科长" as often as "李档案室科长".

Word lists that depend on the configuration are compiled once per ``RuleConfig`` object;
results for repeated values come from an ``lru_cache``, because the same names, titles
and departments recur on many rows of one sheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from leadcheck.checks.surnames import COMPOUND_SURNAMES, SINGLE_SURNAMES, surname_length
from leadcheck.model.config import DEFAULT_CONFIG, RuleConfig

# Separators between two people in one 姓名 cell, after NFKC (，；／ are half-width by
# then). A line break counts too, because Alt+Enter in a cell separates two names.
_PEOPLE_SEPARATOR = re.compile(r"[、/,;\n]+")

# Words that join two names of 2–4 characters ("陈建国和王海"); 以及 is tried before 及.
_CONNECTORS = ("以及", "和", "及", "与")
_NAME_LENGTHS = range(2, 5)

# A bracketed note ("陈建国(主任)", "信息中心(兼档案室)"), removed before most checks.
_BRACKETED = re.compile(r"\([^()]*\)|【[^【】]*】|\[[^\[\]]*\]|〔[^〔〕]*〕")
_TRAILING_BRACKETED = re.compile(r"(?:\([^()]*\)|【[^【】]*】|\[[^\[\]]*\]|〔[^〔〕]*〕)+$")
_BRACKET_MARKS = re.compile(r"[()【】\[\]〔〕]")
_OPENING_BRACKET = re.compile(r"[(【\[〔]")
_CLOSING_BRACKETS = frozenset(")】]〕")
_NEEDS_CLEANING = re.compile(r"[\s(【\[〔]")
_TRAILING_PUNCTUATION = "。.,;、"

# Characters without which a cell cannot name two people; most names have none of them,
# so the split is skipped for them. (Character-class regexes are faster here than set
# operations, which build a string object for every character.)
_SPLIT_MARK = re.compile(r"[、/,;\n和及与]")

# Titles and forms of address besides the configured head titles. They make "王秘书" or
# "刘老师" a placeholder, but they do not make a contact a head.
_EXTRA_TITLES = (
    "工程师", "高级工程师", "高工", "总师", "老总", "老师", "先生", "女士", "小姐", "太太",
    "夫人", "师傅", "老板", "同志", "秘书", "文秘", "助理", "科员", "专员", "干事", "职员",
    "员工", "会计", "出纳", "局长", "厅长", "厂长", "校长", "董事", "总裁", "主席", "领导",
    "档案员", "资料员", "管理员", "网管", "馆员",
)

# One-character forms of address, accepted only right after a surname ("张工", "陈总",
# "李局", "王院"). 科 and 部 are left out because 王科 and 李部 are plausible real names.
_SHORT_FORMS = "工总处局院所董姐哥老"

# Department words that may stand right before a title without their suffix
# ("李档案科长" is 档案 + 科长, "王技术主管" is 技术 + 主管).
_DEPARTMENT_STEMS = (
    "档案", "资料", "信息", "信息化", "信息技术", "网络", "计算机", "数字化", "IT", "办公",
    "综合", "行政", "人事", "人力", "财务", "技术", "质量", "技术质量", "生产", "经营",
    "市场", "工程", "设计", "科研", "科技", "总师", "党政", "党委", "后勤", "采购", "安全",
    "项目", "规划",
)

# Endings of a department name. A word counts as a department only with at least two
# characters before its ending, so that real names such as 王建科 stay names.
_DEPARTMENT_ENDINGS = ("中心", "室", "科", "部", "处", "办", "馆", "组", "队", "站", "所")
_CJK_OR_LATIN = r"[\u3400-\u9fffA-Za-z]"

# Stand-ins for a missing surname or unit name: 某, 某某, XX, ××, **, ○○.
_STAND_IN_MARKS = "某Xx×*○"
_STAND_IN_MARK = re.compile(f"[{_STAND_IN_MARKS}]")
_STAND_IN = r"(?:某{1,2}|(?<![A-Za-z])[Xx×*○]{2,3}(?![A-Za-z])|[Xx×*○]{1,3}$)"
_UNIT_STAND_IN = re.compile(r"某|(?<![A-Za-z])[Xx×*○]{2,}(?![A-Za-z])")

# 院 endings that name a kind of unit rather than shorten one. A unit name ending in
# one of these is not an abbreviation, but still fails when the suffix list lacks it.
_TYPED_INSTITUTIONS = (
    "法院", "检察院", "卫生院", "疗养院", "福利院", "养老院", "敬老院", "剧院", "影院",
    "戏院", "书院", "画院", "国务院",
)

# Reasons returned by ``unit_name_problem``; each reads after 单位名称“{value}”.
REASON_TOO_SHORT = "太短，不是全称"
REASON_NO_SUFFIX = "没有以单位类型结尾（如有限公司、设计院、研究所）"
REASON_STAND_IN = "含有“某”“XX”等代称"
REASON_ABBREVIATION = "是简称（“院”字前只有地名或品牌）"
REASON_FILLER = "含有“{word}”之类的占位词"
REASON_FILLER_ONLY = "只是占位词，不是单位名称"

# Salutation endings that imply a gender, as the standard lists them.
_GENDER_BY_ENDING = {"先生": "男", "女士": "女", "小姐": "女", "太太": "女"}

_CACHE_SIZE = 8192


def _alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of ``words``, longest first so that 副院长 beats 院长.

    No words give a pattern that never matches, so an emptied list matches nothing.
    """
    unique = sorted({word for word in words if word}, key=len, reverse=True)
    return "|".join(re.escape(word) for word in unique) or r"(?!)"


@dataclass(frozen=True, eq=False)
class _Tables:
    """Patterns and word lists compiled from one ``RuleConfig``; hashed by identity."""

    after_surname: re.Pattern[str]
    bare: re.Pattern[str]
    placeholder_suffixes: Mapping[str, tuple[str, ...]]
    head_titles: tuple[str, ...]
    non_head_titles: tuple[str, ...]
    department_aliases: tuple[tuple[str, str], ...]
    unit_suffixes: tuple[str, ...]
    yuan_suffixes: tuple[str, ...]
    fillers: frozenset[str]
    inside_filler_start: re.Pattern[str]
    inside_filler: re.Pattern[str]
    design_institute_type: str
    design_institute_markers: tuple[str, ...]
    min_length: int


def _build_tables(config: RuleConfig) -> _Tables:
    # Titles: one or two in a row ("总经理助理"), each optionally 副-prefixed.
    titles = _alternation((*config.head_titles, *config.non_head_titles, *_EXTRA_TITLES))
    title_run = rf"(?:副?(?:{titles})){{1,2}}"

    # Departments: the configured names, or two or more characters and a department ending.
    aliases = [alias for names in config.qualifying_departments.values() for alias in names]
    known = _alternation((*aliases, *config.qualifying_departments))
    endings = _alternation(_DEPARTMENT_ENDINGS)
    department = rf"(?:{known}|{_CJK_OR_LATIN}{{2,8}}?(?:{endings}))"
    stems = _alternation(_DEPARTMENT_STEMS)

    # What may follow a surname, and what may stand alone without one.
    after_surname = (
        rf"[{_SHORT_FORMS}]|{_STAND_IN}(?:{department})?(?:{title_run})?"
        rf"|{department}(?:{title_run})?|(?:{stems})?{title_run}"
    )
    bare = (
        rf"{_STAND_IN}(?:{department})?(?:{title_run})?|(?:{known})|{department}{title_run}"
        rf"|(?:{stems})?{title_run}"
    )

    # A placeholder ends in a title, a department, a short form or a stand-in, so a name
    # ending in any other character needs no regex.
    endings_words = (*config.head_titles, *config.non_head_titles, *_EXTRA_TITLES, *aliases,
                     *config.qualifying_departments, *_DEPARTMENT_ENDINGS)
    placeholder_suffixes: dict[str, tuple[str, ...]] = {}
    for word in {word.casefold() for word in endings_words if word} | set(_SHORT_FORMS + _STAND_IN_MARKS):
        placeholder_suffixes[word[-1]] = (*placeholder_suffixes.get(word[-1], ()), word)

    department_aliases = sorted(
        ((alias.casefold(), key) for key, names in config.qualifying_departments.items()
         for alias in (key, *names)),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    inside_fillers = tuple(
        word.casefold() for word in config.filler_words if _counts_inside_names(word)
    )
    return _Tables(
        after_surname=re.compile(after_surname, re.IGNORECASE),
        bare=re.compile(bare, re.IGNORECASE),
        placeholder_suffixes=placeholder_suffixes,
        head_titles=tuple(config.head_titles),
        non_head_titles=tuple(sorted(config.non_head_titles, key=len, reverse=True)),
        department_aliases=tuple(department_aliases),
        unit_suffixes=tuple(config.unit_suffixes),
        yuan_suffixes=tuple(suffix for suffix in config.unit_suffixes if suffix.endswith("院")),
        fillers=frozenset(word.casefold() for word in config.filler_words),
        inside_filler_start=_first_characters_pattern(inside_fillers),
        inside_filler=_inside_filler_pattern(inside_fillers),
        design_institute_type=config.design_institute_type,
        design_institute_markers=tuple(config.design_institute_markers),
        min_length=config.unit_name_min_length,
    )


def _counts_inside_names(filler_word: str) -> bool:
    """Tell whether a filler word betrays a stand-in even inside a longer unit name.

    One-character fillers (无, -, /) do not, because 无锡 is a city and hyphens occur in
    real names; 不详, 待定, xx and ? do.
    """
    return len(filler_word) >= 2 or not (filler_word.isalnum() or filler_word in "-/")


def _first_characters_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Compile a character class of the words' first characters, a cheap pre-test."""
    characters = "".join(sorted({re.escape(word[0]) for word in words if word}))
    return re.compile(f"[{characters}]" if characters else r"(?!)", re.IGNORECASE)


def _inside_filler_pattern(inside_fillers: tuple[str, ...]) -> re.Pattern[str]:
    """Compile the inside fillers; Latin ones must stand apart from letters (EXXON is no xx)."""
    alternatives = []
    for word in sorted(inside_fillers, key=len, reverse=True):
        pattern = re.escape(word)
        if word[0].isascii() and word[0].isalpha():
            pattern = "(?<![A-Za-z])" + pattern
        if word[-1].isascii() and word[-1].isalpha():
            pattern += "(?![A-Za-z])"
        alternatives.append(pattern)
    # An empty alternation would match everywhere, so no fillers compile to a never-match.
    return re.compile("|".join(alternatives) or r"(?!)", re.IGNORECASE)


# Compiled tables by config identity. Each entry keeps its config alive, so an id is
# never reused while its entry exists. A few configs exist per run (default, template).
_TABLES: dict[int, tuple[RuleConfig, _Tables]] = {}
_TABLES_LIMIT = 16


def _tables(config: RuleConfig) -> _Tables:
    last = _TABLES.get(0)
    if last is not None and last[0] is config:
        return last[1]
    entry = _TABLES.get(id(config))
    if entry is None or entry[0] is not config:
        if len(_TABLES) >= _TABLES_LIMIT:
            _TABLES.clear()
        tables = _build_tables(config)
        _TABLES[id(config)] = (config, tables)
    # Key 0 (never an object id) is the entry used last, the common case in a run.
    _TABLES[0] = _TABLES[id(config)]
    return _TABLES[0][1]


def _compact(text: str) -> str:
    """Return ``text`` without whitespace."""
    if " " in text or "\n" in text or "\t" in text:
        return "".join(text.split())
    return text


def _without_brackets(text: str) -> str:
    """Return ``text`` without its bracketed notes."""
    if not _OPENING_BRACKET.search(text):
        return text
    return _BRACKETED.sub("", text)


def _without_trailing_note(text: str) -> str:
    """Return ``text`` without a bracketed note at its end."""
    if not text or text[-1] not in _CLOSING_BRACKETS:
        return text
    return _TRAILING_BRACKETED.sub("", text)


# --- People in one 姓名 cell -----------------------------------------------------------


def split_people(name: str, config: RuleConfig = DEFAULT_CONFIG) -> tuple[str, ...] | None:
    """Return the people that one 姓名 cell names, or ``None`` when it names one or none.

    People are separated by 、 / , ; or a line break, or joined by 和, 及, 与 or 以及
    between two names of 2–4 characters that each start with a surname ("陈建国和王海",
    but not "王和平"). Text inside brackets is ignored. A part that is only a title or a
    department ("陈建国、主任") is not a person. The parts are returned as written.
    """
    if not _SPLIT_MARK.search(name):
        return None
    return _split_people(name, _tables(config))


@lru_cache(maxsize=_CACHE_SIZE)
def _split_people(name: str, tables: _Tables) -> tuple[str, ...] | None:
    people: list[str] = []
    for part in _PEOPLE_SEPARATOR.split(_without_brackets(name)):
        part = part.strip()
        if _names_a_person(part, tables):
            people.extend(_split_on_connectors(part))
    return tuple(people) if len(people) >= 2 else None


def _names_a_person(part: str, tables: _Tables) -> bool:
    if not re.search(_CJK_OR_LATIN, part) or part in ("男", "女"):
        return False
    return not tables.bare.fullmatch(_compact(part))


def _split_on_connectors(part: str) -> list[str]:
    """Split "陈建国和王海" into its names; return ``[part]`` when it is one name."""
    if not any(connector in part for connector in _CONNECTORS):
        return [part]
    compact = _compact(part)
    pieces = _segment_names(compact, 0)
    return pieces if pieces is not None and len(pieces) >= 2 else [part]


def _segment_names(text: str, start: int) -> list[str] | None:
    # Cover text[start:] with names of 2–4 characters joined by connectors, shortest first
    # so that 陈建国以及王海 splits at 以及 rather than after 陈建国以.
    for length in _NAME_LENGTHS:
        end = start + length
        if end > len(text):
            return None
        piece = text[start:end]
        if not surname_length(piece):
            continue
        if end == len(text):
            return [piece]
        for connector in _CONNECTORS:
            if text.startswith(connector, end):
                rest = _segment_names(text, end + len(connector))
                if rest is not None:
                    return [piece, *rest]
    return None


# --- Placeholder names and implied gender ---------------------------------------------


def is_placeholder_name(name: str, config: RuleConfig = DEFAULT_CONFIG) -> bool:
    """Tell whether 姓名 is a surname with a title instead of a full name.

    A placeholder is a surname (single or compound) followed only by a title, a
    department, a department and a title, or a form of address ("王主任", "李 档案室 科长",
    "欧阳工", "刘老师", "林小姐"). A surname with 某 or XX ("王某"), 老 or 小 before a
    surname ("老王"), a surname alone ("王", "上官"), and a title or department with no name at
    all ("主任", "某主任") are placeholders too.

    Everything after the surname must be such words, so a given name that merely starts
    like a title stays a real name: 张工程 is 张 + 工程, and 工程 is not a title. Known
    limit: a rare four-character name whose given name ends like a department (王建国科)
    reads as a placeholder. A bracketed note is ignored ("陈建国(主任)" is a full name).
    """
    tables = _tables(config)

    # Fast path for the common case: a plain real name that ends in no title character.
    if name and name[0] not in "老小" and not _may_end_placeholder(name.casefold(), tables):
        is_surname = name in SINGLE_SURNAMES or name in COMPOUND_SURNAMES
        if not is_surname and not _NEEDS_CLEANING.search(name):
            return False
    return _is_placeholder_name(name, tables)


@lru_cache(maxsize=_CACHE_SIZE)
def _is_placeholder_name(name: str, tables: _Tables) -> bool:
    compact = _compact(name)
    text = _without_brackets(compact)

    # "王(主任)": the note is the title, so read the name with the brackets dropped.
    if surname_length(text) == len(text) and text:
        text = _BRACKET_MARKS.sub("", compact)
        if _is_lone_surname(text):
            return True
    if not text:
        return False
    if text[0] not in "老小" and not _may_end_placeholder(text.casefold(), tables):
        return False

    if tables.bare.fullmatch(text):
        return True
    if text[0] in "老小" and surname_length(text[1:]) == len(text) - 1 > 0:
        return True

    # Try the compound surname first, then its first character (欧阳工 vs 欧 + 阳工).
    for length in (2, 1):
        surname, rest = text[:length], text[length:]
        is_surname = surname in (COMPOUND_SURNAMES if length == 2 else SINGLE_SURNAMES)
        if is_surname and rest and tables.after_surname.fullmatch(rest):
            return True
    return False


def _is_lone_surname(text: str) -> bool:
    # 欧阳 alone may be 欧 + 阳, a full name, so a compound surname counts as lone only
    # when its first character is no single surname (上官, 令狐).
    if text in SINGLE_SURNAMES:
        return True
    return text in COMPOUND_SURNAMES and text[0] not in SINGLE_SURNAMES


def _may_end_placeholder(folded: str, tables: _Tables) -> bool:
    # Cheap tests before the regexes: most real names end in no title character at all.
    suffixes = tables.placeholder_suffixes.get(folded[-1])
    return suffixes is not None and folded.endswith(suffixes)


def implied_gender(text: str) -> str | None:
    """Return 男 or 女 when a 称呼 or 姓名 ends in 先生 or in 女士, 小姐, 太太; else ``None``.

    A trailing bracketed note is ignored ("王先生(信息中心)" → 男). Other forms of address
    (老师, 总) imply no gender.
    """
    text = _without_trailing_note(text).rstrip()
    return _GENDER_BY_ENDING.get(text[-2:])


# --- Titles and departments -----------------------------------------------------------


def is_head_title(title: str, config: RuleConfig = DEFAULT_CONFIG) -> bool:
    """Tell whether 职务 names a department head.

    True when the title contains a configured head title outside every configured
    non-head title: "信息中心主任" and "副院长(主管信息化)" are heads, "主任科员" and
    "档案员" are not, "主任科员兼档案室主任" is. Assistants such as 院长助理 contain a head
    title and therefore count, unless the configuration lists them as non-head titles.
    """
    return _is_head_title(title, _tables(config))


@lru_cache(maxsize=_CACHE_SIZE)
def _is_head_title(title: str, tables: _Tables) -> bool:
    text = _compact(title)
    for non_head in tables.non_head_titles:
        text = text.replace(non_head, "|")
    return any(head in text for head in tables.head_titles)


def qualifying_department(department: str, config: RuleConfig = DEFAULT_CONFIG) -> str | None:
    """Return the qualifying department (a key of ``config.qualifying_departments``) or ``None``.

    The 部门 text, with spaces and bracketed notes removed and compared case-insensitively,
    qualifies when it equals one of the listed names or ends with one: "院信息中心" and
    "公司办公室" qualify, and so does "档案资料室" (ending in 资料室). When several names
    match, the longest wins. Text that only contains a name elsewhere ("信息中心财务科")
    does not qualify.
    """
    return _qualifying_department(department, _tables(config))


@lru_cache(maxsize=_CACHE_SIZE)
def _qualifying_department(department: str, tables: _Tables) -> str | None:
    text = _without_brackets(_compact(department)).casefold()
    if not text:
        return None
    for alias, key in tables.department_aliases:
        if text.endswith(alias):
            return key
    return None


# --- Unit names -----------------------------------------------------------------------


def unit_name_problem(name: str, config: RuleConfig = DEFAULT_CONFIG) -> str | None:
    """Return why 单位名称 is not a full registered name, or ``None`` when it looks full.

    The reason reads after 单位名称“{value}” (one of the ``REASON_*`` phrases). The checks
    run in this order, and the first that fails gives the reason:

    1. the whole value is filler, or a filler word or stand-in (某, XX) is inside it;
    2. the name ends in a bare 院, one that is neither part of a configured suffix nor a
       kind of unit such as 法院 or 卫生院 ("城建院", "深圳华南院"), so it is an abbreviation;
    3. the name has fewer than ``unit_name_min_length`` characters;
    4. the name does not end in a configured suffix.

    Spaces and a trailing bracketed note ("(原城建院)") are ignored for checks 2 to 4.

    A single-character filler (无, -, /) counts only as the whole value, so 无锡 is a place.
    The check does not tell whether the unit exists or the name is spelt right.
    """
    return _unit_name_problem(name, _tables(config))


@lru_cache(maxsize=_CACHE_SIZE)
def _unit_name_problem(name: str, tables: _Tables) -> str | None:
    compact = _compact(name)
    folded = compact.casefold()
    if not compact:
        return REASON_TOO_SHORT

    # Filler or stand-ins anywhere in the name.
    if folded in tables.fillers:
        return REASON_FILLER_ONLY
    if _STAND_IN_MARK.search(compact) and _UNIT_STAND_IN.search(compact):
        return REASON_STAND_IN
    if tables.inside_filler_start.search(folded):
        filler = tables.inside_filler.search(compact)
        if filler:
            return REASON_FILLER.format(word=filler.group())

    # Shape of the name without its trailing note and punctuation.
    core = _without_trailing_note(compact).rstrip(_TRAILING_PUNCTUATION)
    if _is_yuan_abbreviation(core, tables):
        return REASON_ABBREVIATION
    if len(core) < tables.min_length:
        return REASON_TOO_SHORT
    if not core.endswith(tables.unit_suffixes):
        return REASON_NO_SUFFIX
    return None


def _is_yuan_abbreviation(core: str, tables: _Tables) -> bool:
    """Tell whether the name ends in a bare 院 with a word before it: 城建院, 华东院."""
    if len(core) < 2 or not core.endswith("院"):
        return False
    return not core.endswith(tables.yuan_suffixes) and not core.endswith(_TYPED_INSTITUTIONS)


def is_design_institute(unit_type: str, unit_name: str, config: RuleConfig = DEFAULT_CONFIG) -> bool:
    """Tell whether the customer is a 设计院 for the small-design-institute rule.

    True when 单位类型 is ``config.design_institute_type``; or, when 单位类型 is blank or
    filler, when 单位名称 contains one of ``config.design_institute_markers``. Any other
    单位类型, valid or not, means it is not one.
    """
    tables = _tables(config)
    kind = _compact(unit_type)
    if kind == tables.design_institute_type:
        return True
    if kind and kind.casefold() not in tables.fillers:
        return False
    for marker in tables.design_institute_markers:
        if marker in unit_name:
            return True
    return False


def is_institute_head(title: str, department: str) -> bool:
    """Tell whether a contact is the institute's head or its deputy for informatisation.

    True when 职务 contains 院长 but not 副院长 ("院长", "执行院长"), or when 职务 contains
    副院长 and 职务 or 部门 mentions 信息 ("副院长(主管信息化)"). A plain 副院长 is not.
    """
    title_text = _compact(title)
    if "副院长" in title_text:
        return "信息" in title_text or "信息" in department
    return "院长" in title_text
