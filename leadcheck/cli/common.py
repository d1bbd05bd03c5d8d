"""Shared pieces of the leadcheck commands: exit statuses, the --today parser, clean failure."""

from __future__ import annotations

import sys
from datetime import date
from typing import NoReturn

import click

# Exit statuses, fixed by the product contract.
EXIT_OK = 0
EXIT_INVALID_CUSTOMERS = 1
EXIT_UNUSABLE_INPUT = 2


def parse_today(context: click.Context, parameter: click.Parameter, value: str | None) -> date | None:
    """Read a --today value as an ISO date; ``None`` means the real date."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"“{value}”不是有效的日期：请按 YYYY-MM-DD 填写实际存在的日期，例如 2026-12-01。") from None


def fail(message: str) -> NoReturn:
    """Print one Chinese error line on stderr and exit with the unusable-input status."""
    click.echo(f"错误：{message}", err=True)
    sys.exit(EXIT_UNUSABLE_INPUT)
