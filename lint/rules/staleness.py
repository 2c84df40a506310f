"""T001-T004: reviews, releases and retirements checked against the calendar."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from lint.catalogue import Catalogue, Entry
from lint.dates import parse
from lint.diagnostics import Diagnostic, Severity
from lint.facts import unwrap
from lint.rules.base import Context
from lint.staleness import Policy, policy, review_dates


def _day(value: Any) -> str | None:
    found = parse(value)
    return found.isoformat() if found is not None else None


def extract(entry: Entry) -> dict[str, Any] | None:
    """The dates and states the time rules read, for a valid entry."""
    if not entry.valid:
        return None
    data = entry.data
    deprecation = data.get("deprecation") or {}
    sources = data.get("sources", [])
    return {
        "reviewed": _day(data.get("last_reviewed")),
        "confidence": data["confidence"],
        "status": data.get("status"),
        "released": _day(unwrap(data.get("released"))),
        "announced": _day(deprecation.get("announced")),
        "retires": _day(deprecation.get("retires")),
        "published": [[index, day] for index, source in enumerate(sources) if (day := _day(source.get("published")))],
    }


def _reviews(catalogue: Catalogue, rules: Policy) -> list[tuple[Entry, date, date]]:
    """(entry, last reviewed, due) for every valid entry, worked out once for the three rules that ask."""
    key = ("reviews", repr(rules))
    if key not in catalogue.memo:
        catalogue.memo[key] = list(review_dates(catalogue.entries, rules))
    reviews: list[tuple[Entry, date, date]] = catalogue.memo[key]
    return reviews


def check_stale(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """An entry whose last review is older than its confidence allows."""
    for entry, reviewed, due in _reviews(catalogue, policy(context.settings)):
        if due <= context.today:
            yield entry.diagnostic(
                "T001",
                f"stale: last reviewed {reviewed}, due {due} for {entry.index['dates']['confidence']} confidence",
                "last_reviewed",
                hint="check every fact against its sources, then set last_reviewed to today",
            )


def check_due_soon(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """An entry that goes stale within the warning window."""
    rules = policy(context.settings)
    for entry, _, due in _reviews(catalogue, rules):
        left = (due - context.today).days
        if 0 < left <= rules.due_soon:
            yield entry.diagnostic(
                "T002",
                f"review due in {left} day{'s' if left != 1 else ''} ({due})",
                "last_reviewed",
                severity=Severity.WARNING,
                hint="plan a review: `catalogue review-due` lists them",
            )


def check_impossible(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """Dates in an impossible order: a future review, a release or source after its review,
    a retirement before its announcement."""
    for entry, reviewed, _ in _reviews(catalogue, policy(context.settings)):
        dates = entry.index["dates"]
        if reviewed > context.today:
            yield entry.diagnostic("T003", f"last_reviewed {reviewed} is in the future", "last_reviewed")
        released = parse(dates["released"])
        if released is not None and released > reviewed:
            yield entry.diagnostic("T003", f"released {released} after the review of {reviewed}", "released")
        announced, retires = parse(dates["announced"]), parse(dates["retires"])
        if announced and retires and retires < announced:
            yield entry.diagnostic(
                "T003", f"retires {retires} before its announcement {announced}", "deprecation", "retires"
            )
        for index, day in dates["published"]:
            published = parse(day)
            if published is not None and published > reviewed:
                yield entry.diagnostic(
                    "T003",
                    f"source published {published}, after the review of {reviewed}",
                    "sources",
                    index,
                    "published",
                )


def check_lifecycle(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """A model past its retirement date still marked active, preview or deprecated."""
    for entry in catalogue.of_kind("model").values():
        dates = entry.index["dates"]
        if dates is None or dates["status"] not in ("active", "preview", "deprecated"):
            continue
        retires = parse(dates["retires"])
        if retires is not None and retires <= context.today:
            yield entry.diagnostic(
                "T004",
                f"retired on {retires} but still marked {dates['status']}",
                "status",
                hint="set status: retired (or deprecated, if the date moved)",
            )
