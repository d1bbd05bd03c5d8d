"""What every rule function receives besides the customer: configuration and run date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from leadcheck.model.config import RuleConfig


@dataclass(frozen=True, slots=True)
class RuleContext:
    """The rules' view of one run: the configuration in force and the run date."""

    config: RuleConfig
    # Dates after this day are invalid: the standard records visits that took place.
    today: date
