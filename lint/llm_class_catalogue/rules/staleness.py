"""T001-T005: reviews, releases, retirements and prices checked against the calendar."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.dates import parse
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import REVIEW_FIELD, Catalogue, Entry
from llm_class_catalogue.model.facts import unwrap
from llm_class_catalogue.rules.base import Context
from llm_class_catalogue.rules.policy import Policy, policy


def _field(entry: Entry) -> str:
    """The key that holds the entry's review date."""
    return REVIEW_FIELD.get(entry.kind, "last_reviewed")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def extract(entry: Entry) -> dict[str, Any] | None:
    """What the time rules read of a valid entry: ISO dates (they compare as text), and the date
    disorders T003 finds whatever the day."""
    if not entry.valid:
        return None
    data = entry.data
    reviewed = parse(data.get(_field(entry)))
    retires = parse((data.get("deprecation") or {}).get("retires"))
    return {
        "reviewed": _iso(reviewed),
        "confidence": data["confidence"],
        "status": data.get("status"),
        "retires": _iso(retires),
        "disorder": _disorder(data, reviewed, retires) if reviewed is not None else [],
        "prices": _price_dates(data) if entry.kind == "offering" else [],
    }


def _price_dates(data: dict[str, Any]) -> list[list[Any]]:
    """[ISO date, *where] for the day the current price took effect and each date of the price history."""
    found: list[list[Any]] = []
    current = parse(unwrap((data.get("pricing") or {}).get("effective_from")))
    if current is not None:
        found.append([current.isoformat(), "pricing", "effective_from"])
    for index, item in enumerate(data.get("price_history") or []):
        for field in ("effective_from", "effective_to"):
            found.append([item[field], "price_history", index, field])
    return found


def _disorder(data: dict[str, Any], reviewed: date, retires: date | None) -> list[list[Any]]:
    """[message, *where] for a release or source after the review, or a retirement before its announcement."""
    found: list[list[Any]] = []
    released = parse(unwrap(data.get("released")))
    if released is not None and released > reviewed:
        found.append([f"released {released} after the review of {reviewed}", "released"])
    announced = parse((data.get("deprecation") or {}).get("announced"))
    if announced and retires and retires < announced:
        found.append([f"retires {retires} before its announcement {announced}", "deprecation", "retires"])
    for index, source in enumerate(data.get("sources", [])):
        published = parse(source.get("published"))
        if published is not None and published > reviewed:
            found.append(
                [f"source published {published}, after the review of {reviewed}", "sources", index, "published"]
            )
    return found


def _reviewed(catalogue: Catalogue) -> Iterator[tuple[Entry, dict[str, Any]]]:
    """(entry, its dates) for every valid entry with a review date."""
    for entry in catalogue.entries:
        dates = entry.index["dates"]
        if dates is not None and dates["reviewed"] is not None:
            yield entry, dates


def _day_before(rules: Policy, today: date, kind: str, confidence: str, days_after: int = 0) -> str:
    """The last review date whose due date is on or before `today` plus `days_after`, as ISO text."""
    return (today + timedelta(days=days_after - rules.days(kind, confidence))).isoformat()


def check_stale(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """An entry whose last review is older than its confidence allows."""
    rules = policy(context.settings)
    latest: dict[tuple[str, str], str] = {}
    for entry, dates in _reviewed(catalogue):
        group = (entry.kind, dates["confidence"])
        if group not in latest:
            latest[group] = _day_before(rules, context.today, *group)
        if dates["reviewed"] <= latest[group]:
            reviewed = date.fromisoformat(dates["reviewed"])
            due = rules.due(*group, reviewed)
            yield entry.diagnostic(
                R.STALE,
                f"stale: last reviewed {reviewed}, due {due} for {dates['confidence']} confidence",
                _field(entry),
                hint=f"check every fact against its sources, then set {_field(entry)} to today",
            )


def check_due_soon(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """An entry that goes stale within the warning window."""
    rules = policy(context.settings)
    window: dict[tuple[str, str], tuple[str, str]] = {}
    for entry, dates in _reviewed(catalogue):
        group = (entry.kind, dates["confidence"])
        if group not in window:
            window[group] = (
                _day_before(rules, context.today, *group),
                _day_before(rules, context.today, *group, rules.window(entry.kind)),
            )
        after, until = window[group]
        if after < dates["reviewed"] <= until:
            due = rules.due(*group, date.fromisoformat(dates["reviewed"]))
            left = (due - context.today).days
            yield entry.diagnostic(
                R.REVIEW_DUE_SOON,
                f"review due in {left} day{'s' if left != 1 else ''} ({due})",
                _field(entry),
                hint="plan a review: `catalogue review-due` lists them",
            )


def check_impossible(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """Dates in an impossible order: a future review, a release or source after its review,
    a retirement before its announcement."""
    today = context.today.isoformat()
    for entry, dates in _reviewed(catalogue):
        if dates["reviewed"] > today:
            field = _field(entry)
            yield entry.diagnostic(R.IMPOSSIBLE_DATE, f"{field} {dates['reviewed']} is in the future", field)
        for message, *where in dates["disorder"]:
            yield entry.diagnostic(R.IMPOSSIBLE_DATE, message, *where)


def check_lifecycle(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """A model or offering past its retirement date still marked active, preview or deprecated."""
    for entry in [*catalogue.of_kind("model").values(), *catalogue.of_kind("offering").values()]:
        dates = entry.index["dates"]
        if dates is None or dates["status"] not in ("active", "preview", "deprecated"):
            continue
        retires = parse(dates["retires"])
        if retires is not None and retires <= context.today:
            yield entry.diagnostic(
                R.LIFECYCLE_DRIFT,
                f"retired on {retires} but still marked {dates['status']}",
                "status",
                hint="set status: retired (or deprecated, if the date moved)",
            )


def check_future_price(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """A price that takes effect after today: pricing.effective_from, or a date of the price history."""
    today = context.today.isoformat()
    for entry in catalogue.of_kind("offering").values():
        dates = entry.index["dates"]
        for day, *where in dates["prices"] if dates is not None else []:
            if day > today:
                field = ".".join(str(part) for part in where if not isinstance(part, int))
                yield entry.diagnostic(
                    R.FUTURE_PRICE,
                    f"{field} {day} is in the future",
                    *where,
                    hint="pricing is the price now, price_history the past ones: record a price once it applies",
                )
