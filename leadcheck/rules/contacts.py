"""Rules over contact blocks: completeness, gender, dates, phones, names, titles.

Format errors in a contact are reported by their own codes and never make the contact
incomplete: completeness (for R-DEPT) depends only on which fields are blank.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from leadcheck.checks.names import (
    implied_gender,
    is_head_title,
    is_placeholder_name,
    qualifying_department,
    split_people,
)
from leadcheck.checks.area_codes import area_code_of_city
from leadcheck.checks.phones import (
    PhoneNumber,
    area_code_city_label,
    area_code_matches_city,
)
from leadcheck.model.findings import Finding, make_finding
from leadcheck.records import Contact, Customer
from leadcheck.rules.context import RuleContext
from leadcheck.rules.customer import date_problem


def canonical_gender(text: str, context: RuleContext) -> str:
    """Return 男 or 女 for a 性别 value (男性/女性 accepted), else the text itself."""
    return context.config.gender_aliases.get(text, text)


def check_contact_completeness(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """contact-missing-field: a present contact lacks a required field (one per blank cell)."""
    for contact in customer.contacts:
        for name in contact.required_blank:
            yield make_finding(
                customer.row, contact.headers[name], "contact-missing-field", contact.value(name),
                number=contact.number, missing=name,
            )


def check_contact_formats(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """invalid-choice for 性别, invalid-date for 沟通时间, and the salutation check."""
    config = context.config
    for contact in customer.contacts:
        if contact.has("性别"):
            gender = canonical_gender(contact.value("性别"), context)
            if gender not in config.genders:
                yield make_finding(
                    customer.row, contact.headers["性别"], "invalid-choice", contact.value("性别"),
                    choices="、".join(config.genders),
                )
            else:
                yield from _salutation_findings(customer.row, contact, gender)

        if contact.has("沟通时间"):
            reason = date_problem(contact.raw_value("沟通时间"), context)
            if reason:
                yield make_finding(
                    customer.row, contact.headers["沟通时间"], "invalid-date", contact.value("沟通时间"),
                    reason=reason,
                )


def _salutation_findings(row: int, contact: Contact, gender: str) -> Iterator[Finding]:
    """salutation-gender-mismatch: 称呼, or a name ending in 先生/女士/…, contradicts 性别."""
    for name in ("称呼", "姓名"):
        if not contact.has(name):
            continue
        implied = implied_gender(contact.value(name))
        if implied is not None and implied != gender:
            yield make_finding(
                row, contact.headers[name], "salutation-gender-mismatch", contact.value(name), gender=gender,
            )


def check_contact_names(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """multiple-people-in-block, else placeholder-name, on each contact's 姓名."""
    percent = context.config.quota_percent
    for contact in customer.contacts:
        if not contact.has("姓名"):
            continue
        name = contact.value("姓名")
        header = contact.headers["姓名"]
        if split_people(name, context.config):
            yield make_finding(customer.row, header, "multiple-people-in-block", name)
        elif is_placeholder_name(name, context.config):
            yield make_finding(customer.row, header, "placeholder-name", name, percent=percent)


def check_titles(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """not-department-head on 职务, and other-department on a head's 部门."""
    config = context.config
    for contact in customer.contacts:
        if not contact.has("职务"):
            continue
        if not is_head_title(contact.value("职务"), config):
            yield make_finding(customer.row, contact.headers["职务"], "not-department-head", contact.value("职务"))
        elif identifies_head(contact, context) and qualifying_department(contact.value("部门"), config) is None:
            yield make_finding(customer.row, contact.headers["部门"], "other-department", contact.value("部门"))


def identifies_head(contact: Contact, context: RuleContext) -> bool:
    """Tell whether a contact names a head: a name (placeholder allowed), a 部门 and a head 职务."""
    return (
        contact.has("姓名")
        and contact.has("部门")
        and contact.has("职务")
        and is_head_title(contact.value("职务"), context.config)
    )


def check_phones(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """invalid-phone, phone-missing-area-code and area-code-mismatch, per number."""
    address_city = _address_city(customer)
    for contact in customer.contacts:
        if not contact.has("电话"):
            continue
        header = contact.headers["电话"]
        value = contact.value("电话")
        for number in contact.phones:
            yield from _phone_findings(customer.row, header, value, number, address_city)


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


def _address_city(customer: Customer) -> str | None:
    address = customer.address
    return address.city if address else None


def check_switchboards(customer: Customer, context: RuleContext) -> Iterator[Finding]:
    """switchboard-missing-extension: a 总机 without extension, or a shared line without distinct ones.

    Each contact gets at most one finding, on its 电话 cell.
    """
    flagged: dict[int, str] = {}
    by_line: dict[str, list[tuple[Contact, PhoneNumber]]] = defaultdict(list)

    for contact in customer.contacts:
        if not contact.has("电话"):
            continue
        for number in contact.phones:
            if number.kind != "landline":
                continue
            if number.switchboard and not number.extension:
                flagged.setdefault(contact.number, "是总机，但没有写分机号")
            if number.line_key:
                by_line[number.line_key].append((contact, number))

    for entries in by_line.values():
        contacts = {contact.number for contact, _ in entries}
        if len(contacts) < 2:
            continue
        extensions = [number.extension for _, number in entries]
        if all(extensions) and len(set(extensions)) == len(extensions):
            continue
        for contact, _ in entries:
            flagged.setdefault(contact.number, "与本单位其他联系人是同一号码，但没有各自不同的分机号")

    for contact in customer.contacts:
        if contact.number in flagged:
            yield make_finding(
                customer.row, contact.headers["电话"], "switchboard-missing-extension", contact.value("电话"),
                reason=flagged[contact.number], example=f"{_plain_line(contact)}转8021",
            )


def _plain_line(contact: Contact) -> str:
    for number in contact.phones:
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
