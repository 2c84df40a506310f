"""Catalogue dates: YYYY-MM-DD, or YYYY-MM read as the first day of its month."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


@lru_cache(maxsize=4096)
def _parse_text(value: str) -> date | None:
    try:
        if match := _DAY.fullmatch(value):
            return date(*map(int, match.groups()))
        if match := _MONTH.fullmatch(value):
            return date(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        return None
    return None


def parse(value: Any) -> date | None:
    """The date a field means, or None when it is not a valid catalogue date."""
    return _parse_text(value) if isinstance(value, str) else None
