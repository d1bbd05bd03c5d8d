"""Ribbon sources: the customUI14.xml files and the VBA callbacks they name.

A ribbon button whose ``onAction`` names no Sub fails only when clicked in Excel, so the
build checks every callback against the callback module first.
"""

from __future__ import annotations

import re
from pathlib import Path

from defusedxml import ElementTree

CUSTOM_UI_NAMESPACE = "http://schemas.microsoft.com/office/2009/07/customui"

# A ribbon callback as Excel calls it: a public Sub taking the clicked control.
_CALLBACK_SUB = re.compile(
    r"^\s*(?:Public\s+)?Sub\s+(\w+)\s*\(\s*control\s+As\s+IRibbonControl\s*\)",
    re.IGNORECASE | re.MULTILINE,
)


class RibbonError(ValueError):
    """A ribbon that would fail in Excel; the message names the control or callback."""


def ribbon_callbacks(ribbon_xml: bytes) -> dict[str, str]:
    """Return {control id: onAction callback} for every control with an ``onAction``."""
    root = ElementTree.fromstring(ribbon_xml)
    if root.tag != f"{{{CUSTOM_UI_NAMESPACE}}}customUI":
        raise RibbonError(f"ribbon root is {root.tag}; expected customUI in {CUSTOM_UI_NAMESPACE}")
    return {
        element.get("id", ""): element.get("onAction")
        for element in root.iter()
        if element.get("onAction")
    }


def callback_subs(vba_source: str) -> set[str]:
    """Return the names of Subs declared as ``Sub Name(control As IRibbonControl)``."""
    return set(_CALLBACK_SUB.findall(vba_source))


def load_ribbon(ribbon_path: Path, callback_source: str) -> bytes:
    """Return the ribbon XML after checking that every callback exists in the VBA source."""
    ribbon_xml = ribbon_path.read_bytes()
    declared = callback_subs(callback_source)
    missing = {
        control: callback
        for control, callback in ribbon_callbacks(ribbon_xml).items()
        if callback not in declared
    }
    if missing:
        listed = ", ".join(f"{control} → {callback}" for control, callback in sorted(missing.items()))
        raise RibbonError(f"{ribbon_path.name}: onAction names no callback Sub: {listed}")
    return ribbon_xml
