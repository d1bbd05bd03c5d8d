"""Rules over contact blocks: completeness, gender, dates, phones, names, titles.

Format errors in a contact are reported by their own codes and never make the contact
incomplete: completeness (for R-DEPT) depends only on which fields are blank. A filled
field implies a present block, so rules on filled cells need no separate presence test.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from leadcheck.checks.area_codes import area_code_of_city
from leadcheck.checks.names import (
    implied_gender,
    is_head_title,
    is_placeholder_name,
    qualifying_department,
    split_people,
)
from leadcheck.checks.phones import (
    PhoneNumber,
    area_code_city_label,
    area_code_matches_city,
    parse_phone_text,
)
from leadcheck.model.findings import Finding, make_finding
from leadcheck.rules.context import RuleContext
from leadcheck.rules.customer import address_cities, date_problem
from leadcheck.table import ContactBlock, Table, positions_where
from leadcheck.values import normalize_text

# Fields whose wording may imply a gender, in the order their findings are reported.
_SALUTATION_FIELDS = ("称呼", "姓名")

# Kinds of number that are valid as written wherever they are.
_NO_PHONE_FINDING = frozenset({"mobile", "service"})

# Outcomes of the name check, per distinct 姓名.
_MULTIPLE_PEOPLE = "multiple-people-in-block"
_PLACEHOLDER = "placeholder-name"


def canonical_gender(text: str, context: RuleContext) -> str:
    """Return 男 or 女 for a 性别 value (男性/女性 accepted), else the text itself."""
    return context.config.gender_aliases.get(text, text)


def check_contact_completeness(table: Table, context: RuleContext) -> Iterator[Finding]:
    """contact-missing-field: a present contact lacks a required field (one per blank cell)."""
    for block in table.contacts:
        filled = {name: block.filled(name) for name in block.required}
        for position in positions_where(block.present):
            if block.complete[position]:
                continue
            for name in block.required:
                if not filled[name][position]:
                    yield make_finding(
                        table.rows[position], block.headers[name], "contact-missing-field",
                        block.texts(name)[position], number=block.number, missing=name,
                    )


def check_contact_formats(table: Table, context: RuleContext) -> Iterator[Finding]:
    """invalid-choice for 性别, invalid-date for 沟通时间, and the salutation check."""
    config = context.config
    choices = "、".join(config.genders)
    for block in table.contacts:
        genders = block.filled_reading("性别", "gender", lambda raw: canonical_gender(normalize_text(raw), context))
        problems = block.filled_reading("沟通时间", "date-problem", lambda raw: date_problem(raw, context))
        implied = [block.filled_reading(name, "implied-gender", _implied_gender) for name in _SALUTATION_FIELDS]

        # Only rows with an invalid 性别, a contradicting 称呼 or 姓名, or a bad 沟通时间 are
        # looked at again, because on most rows all three agree.
        flagged = [
            position
            for position, (gender, salutation, name, problem) in enumerate(zip(genders, *implied, problems))
            if problem or (gender is not None and (
                gender not in config.genders or salutation not in (None, gender) or name not in (None, gender)
            ))
        ]
        for position in flagged:
            row = table.rows[position]
            gender = genders[position]
            if gender in config.genders:
                # salutation-gender-mismatch: 称呼, or a name ending in 先生/女士/…, contradicts 性别.
                for name, implied_genders in zip(_SALUTATION_FIELDS, implied):
                    if implied_genders[position] not in (None, gender):
                        value = block.texts(name)[position]
                        yield make_finding(row, block.headers[name], "salutation-gender-mismatch", value, gender=gender)
            elif gender is not None:
                header = block.headers["性别"]
                yield make_finding(row, header, "invalid-choice", block.texts("性别")[position], choices=choices)

            if problems[position]:
                yield make_finding(
                    row, block.headers["沟通时间"], "invalid-date", block.texts("沟通时间")[position],
                    reason=problems[position],
                )


def _implied_gender(raw: object) -> str | None:
    return implied_gender(normalize_text(raw))


def check_contact_names(table: Table, context: RuleContext) -> Iterator[Finding]:
    """multiple-people-in-block, else placeholder-name, on each contact's 姓名."""
    config = context.config
    percent = config.quota_percent

    def name_problem(raw: object) -> str | None:
        name = normalize_text(raw)
        if split_people(name, config):
            return _MULTIPLE_PEOPLE
        if is_placeholder_name(name, config):
            return _PLACEHOLDER
        return None

    for block in table.contacts:
        problems = block.filled_reading("姓名", "name-problem", name_problem)
        header, texts = block.headers["姓名"], block.texts("姓名")
        for position, problem in enumerate(problems):
            if problem == _MULTIPLE_PEOPLE:
                yield make_finding(table.rows[position], header, problem, texts[position])
            elif problem == _PLACEHOLDER:
                yield make_finding(table.rows[position], header, problem, texts[position], percent=percent)


def head_titles(block: ContactBlock, context: RuleContext) -> list[bool]:
    """Return whether each customer's 职务 in this block is a department head's title."""
    config = context.config
    return block.reading("职务", "head-title", lambda raw: is_head_title(normalize_text(raw), config))


def identifies_head(block: ContactBlock, context: RuleContext) -> list[bool]:
    """Return whether each contact names a head: a name (placeholder allowed), a 部门 and a head 职务."""
    def compute() -> list[bool]:
        fields = (block.filled("姓名"), block.filled("部门"), block.filled("职务"), head_titles(block, context))
        return list(map(all, zip(*fields)))
    return block.derived("identifies-head", compute)


def check_titles(table: Table, context: RuleContext) -> Iterator[Finding]:
    """not-department-head on 职务, and other-department on a head's 部门."""
    config = context.config
    for block in table.contacts:
        titles, heads = head_titles(block, context), identifies_head(block, context)
        departments = block.reading(
            "部门", "qualifying-department", lambda raw: qualifying_department(normalize_text(raw), config)
        )
        for position in positions_where(block.filled("职务")):
            row = table.rows[position]
            if not titles[position]:
                value = block.texts("职务")[position]
                yield make_finding(row, block.headers["职务"], "not-department-head", value)
            elif heads[position] and departments[position] is None:
                value = block.texts("部门")[position]
                yield make_finding(row, block.headers["部门"], "other-department", value)


def phones_of(block: ContactBlock) -> list[tuple[PhoneNumber, ...]]:
    """Return the numbers of each customer's 电话 in this block, and () where it is blank or filler."""
    return block.filled_reading("电话", "phones", lambda raw: parse_phone_text(normalize_text(raw)), blank=())


def check_phones(table: Table, context: RuleContext) -> Iterator[Finding]:
    """invalid-phone, phone-missing-area-code and area-code-mismatch, per number."""
    cities = address_cities(table)
    for block in table.contacts:
        header = block.headers["电话"]
        for position, numbers in enumerate(phones_of(block)):
            for number in numbers:
                # Mobiles and 400/800 numbers have no finding here, nor a landline when the
                # address gives no city to compare its area code with.
                if number.kind in _NO_PHONE_FINDING or (number.kind == "landline" and not cities[position]):
                    continue
                value = block.text_at("电话", position)
                yield from _phone_findings(table.rows[position], header, value, number, cities[position])


def _phone_findings(row: int, header: str, value: str, number: PhoneNumber, address_city: str | None) -> Iterator[Finding]:
    if number.kind == "invalid":
        # Name the number only when the cell holds more than it: "电话“A/B”中的“B”…".
        part = "" if number.text == value else f"中的“{number.text}”"
        yield make_finding(row, header, "invalid-phone", value, part=part, reason=number.reason or "无效")
    elif number.kind == "missing-area-code":
        # The example area code is the address city's, when it is known.
        area_code = (area_code_of_city(address_city) if address_city else None) or "0571"
        yield make_finding(row, header, "phone-missing-area-code", value, number=number.text, area_code=area_code)
    elif number.kind == "landline" and address_city and number.area_code:
        if area_code_matches_city(number.area_code, address_city) is False:
            yield make_finding(
                row, header, "area-code-mismatch", value, area_code=number.area_code,
                phone_city=area_code_city_label(number.area_code), address_city=address_city,
            )


def check_switchboards(table: Table, context: RuleContext) -> Iterator[Finding]:
    """switchboard-missing-extension: a 总机 without extension, or a shared line without distinct ones.

    Each contact gets at most one finding, on its 电话 cell.
    """
    blocks = [(block, phones_of(block)) for block in table.contacts]
    for position in range(table.size):
        landlines = [
            (block, number)
            for block, phones in blocks
            for number in phones[position]
            if number.kind == "landline"
        ]
        # A row with one landline can only be flagged for a 总机 without extension. Most
        # rows have one direct line and need no further look.
        if len(landlines) > 1 or (landlines and _is_bare_switchboard(landlines[0][1])):
            yield from _switchboard_findings(table.rows[position], position, landlines)


def _is_bare_switchboard(number: PhoneNumber) -> bool:
    return number.switchboard and not number.extension


def _switchboard_findings(row: int, position: int, landlines: list[tuple[ContactBlock, PhoneNumber]]) -> Iterator[Finding]:
    flagged: dict[int, str] = {}
    by_line: dict[str, list[tuple[ContactBlock, PhoneNumber]]] = defaultdict(list)
    for block, number in landlines:
        if _is_bare_switchboard(number):
            flagged.setdefault(block.number, "是总机，但没有写分机号")
        if number.line_key:
            by_line[number.line_key].append((block, number))

    for entries in by_line.values():
        blocks = {block.number for block, _ in entries}
        if len(blocks) < 2:
            continue
        extensions = [number.extension for _, number in entries]
        if all(extensions) and len(set(extensions)) == len(extensions):
            continue
        for block, _ in entries:
            flagged.setdefault(block.number, "与本单位其他联系人是同一号码，但没有各自不同的分机号")

    # Findings follow block order, whatever order the lines were flagged in.
    reported = {block.number: block for block, _ in landlines}
    for number in sorted(flagged):
        block = reported[number]
        yield make_finding(
            row, block.headers["电话"], "switchboard-missing-extension", block.text_at("电话", position),
            reason=flagged[number], example=f"{_plain_line(phones_of(block)[position])}转8021",
        )


def _plain_line(numbers: tuple[PhoneNumber, ...]) -> str:
    for number in numbers:
        if number.area_code and number.subscriber:
            return f"{number.area_code}-{number.subscriber}"
    return "0571-87654321"


CONTACT_RULES = (
    check_contact_completeness,
    check_contact_formats,
    check_contact_names,
    check_titles,
    check_phones,
    check_switchboards,
)
