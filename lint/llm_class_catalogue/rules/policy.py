"""How long a review stays fresh, by confidence and kind, from [tool.catalogue.staleness]."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from llm_class_catalogue.model.dates import parse
from llm_class_catalogue.model.entry import Entry

DEFAULT_MAX_AGE = {"high": 180, "medium": 120, "low": 60}
DEFAULT_DUE_SOON = 30
# Prices change without notice: an offering is read again within a month, whatever its confidence.
DEFAULT_KINDS = {"offering": {"high": 30, "medium": 30, "low": 30}}


@dataclass(frozen=True)
class Policy:
    max_age: dict[str, int]
    due_soon: int
    kinds: dict[str, dict[str, int]]

    def days(self, kind: str, confidence: str) -> int:
        """How many days a review of an entry of this kind and confidence stays fresh."""
        return self.kinds.get(kind, {}).get(confidence, self.max_age.get(confidence, DEFAULT_MAX_AGE["low"]))

    def window(self, kind: str) -> int:
        """Days of warning before an entry of this kind falls due: the due-soon window, scaled to the kind's
        clock (its longest age), so a 30-day clock warns 5 days ahead where a 180-day one warns 30."""
        clock = max(self.days(kind, confidence) for confidence in DEFAULT_MAX_AGE)
        longest = max(self.max_age.values())
        return self.due_soon if clock >= longest else max(1, self.due_soon * clock // longest)

    def due(self, kind: str, confidence: str, reviewed: date) -> date:
        """The day an entry reviewed on `reviewed` goes stale."""
        return reviewed + timedelta(days=self.days(kind, confidence))


def policy(settings: dict[str, Any]) -> Policy:
    """The staleness policy from the validated configuration sections."""
    table = settings.get("staleness", {})
    return Policy(
        max_age={**DEFAULT_MAX_AGE, **table.get("max-age", {})},
        due_soon=table.get("due-soon-days", DEFAULT_DUE_SOON),
        kinds={
            kind: {**DEFAULT_KINDS.get(kind, {}), **table.get("kinds", {}).get(kind, {})}
            for kind in {*DEFAULT_KINDS, *table.get("kinds", {})}
        },
    )


def review_dates(entries: Iterable[Entry], rules: Policy) -> Iterator[tuple[Entry, date, date]]:
    """(entry, last reviewed, due) for every valid entry, from the dates its index keeps."""
    for entry in entries:
        dates = entry.index["dates"]
        if dates is not None and (reviewed := parse(dates["reviewed"])) is not None:
            yield entry, reviewed, rules.due(entry.kind, dates["confidence"], reviewed)
