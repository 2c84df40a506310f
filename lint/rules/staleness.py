"""T001-T004: reviews, releases and retirements checked against the calendar."""

from __future__ import annotations

from collections.abc import Iterator

from lint.catalogue import Catalogue
from lint.dates import parse
from lint.diagnostics import Diagnostic, Severity
from lint.facts import unwrap
from lint.rules.base import Context
from lint.staleness import policy, review_dates


def check_stale(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """An entry whose last review is older than its confidence allows."""
    for entry, reviewed, due in review_dates(catalogue.entries, policy(context.settings)):
        if due <= context.today:
            yield entry.diagnostic(
                "T001",
                f"stale: last reviewed {reviewed}, due {due} for {entry.data['confidence']} confidence",
                "last_reviewed",
                hint="check every fact against its sources, then set last_reviewed to today",
            )


def check_due_soon(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """An entry that goes stale within the warning window."""
    rules = policy(context.settings)
    for entry, _, due in review_dates(catalogue.entries, rules):
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
    for entry, reviewed, _ in review_dates(catalogue.entries, policy(context.settings)):
        if reviewed > context.today:
            yield entry.diagnostic("T003", f"last_reviewed {reviewed} is in the future", "last_reviewed")
        released = parse(unwrap(entry.data.get("released")))
        if released is not None and released > reviewed:
            yield entry.diagnostic("T003", f"released {released} after the review of {reviewed}", "released")
        deprecation = entry.data.get("deprecation") or {}
        announced, retires = parse(deprecation.get("announced")), parse(deprecation.get("retires"))
        if announced and retires and retires < announced:
            yield entry.diagnostic(
                "T003", f"retires {retires} before its announcement {announced}", "deprecation", "retires"
            )
        for index, source in enumerate(entry.data.get("sources", [])):
            published = parse(source.get("published"))
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
        if not entry.valid or entry.data["status"] not in ("active", "preview", "deprecated"):
            continue
        retires = parse((entry.data.get("deprecation") or {}).get("retires"))
        if retires is not None and retires <= context.today:
            yield entry.diagnostic(
                "T004",
                f"retired on {retires} but still marked {entry.data['status']}",
                "status",
                hint="set status: retired (or deprecated, if the date moved)",
            )
