"""Write a ``RuleConfig`` as TOML text, for the hidden 校验规则 sheet of a built template.

The template stores every field, not only a trainer's changes, so a rep's workbook keeps
the rules it was built with even after a later leadcheck changes its defaults. Reading the
text back with ``config_from_toml`` gives an equal configuration (a test checks this).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping

from leadcheck.model.config import RuleConfig


def _value(value: object) -> str:
    # JSON strings are valid TOML basic strings; ensure_ascii=False keeps Chinese readable.
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def config_to_toml(config: RuleConfig, header: str) -> str:
    """Return TOML text that sets every field of ``config``, after ``header`` comment lines."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    tables: list[str] = []

    for item in dataclasses.fields(RuleConfig):
        value = getattr(config, item.name)
        if isinstance(value, Mapping):
            tables.append("")
            tables.append(f"[{item.name}]")
            tables.extend(f"{_value(key)} = {_value(entry)}" for key, entry in value.items())
            continue
        lines.append(f"{item.name} = {_value(value)}")
    return "\n".join(lines + tables) + "\n"
