"""C013 and C014: an offering's prices agree with each other and come from a pricing page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.dates import parse
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Entry
from llm_class_catalogue.model.facts import unwrap


def _offering(entry: Entry) -> dict[str, Any] | None:
    """The data of a valid offering (the schema has vouched for every shape read here), else None."""
    return entry.data if entry.kind == "offering" and entry.valid else None


def _price_problems(price: dict[str, Any], where: tuple[Any, ...]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(message, where) for a cache read above input, in a price or its tiers, and tiers not ascending."""
    cache_read, paid = price.get("cache_read"), price["input"]
    if cache_read is not None and cache_read > paid:
        yield f"cache_read {cache_read} is above input {paid}", (*where, "cache_read")
    above = None
    for index, tier in enumerate(price.get("tiers") or []):
        yield from _price_problems(tier, (*where, "tiers", index))
        if above is not None and tier["above_input_tokens"] <= above:
            yield (
                f"tier above {tier['above_input_tokens']} tokens follows one above {above}: thresholds must ascend",
                (*where, "tiers", index, "above_input_tokens"),
            )
        above = tier["above_input_tokens"]


def _history_problems(data: dict[str, Any]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(message, where) for a price history out of order, overlapping, ending before it starts, or
    running past the current price. ISO dates compare as text."""
    history = data.get("price_history") or []
    for index, item in enumerate(history):
        where = ("price_history", index)
        if item["effective_to"] < item["effective_from"]:
            yield (
                f"effective_to {item['effective_to']} is before effective_from {item['effective_from']}",
                (*where, "effective_to"),
            )
        if index:
            before = history[index - 1]
            if item["effective_from"] < before["effective_from"]:
                yield (
                    f"effective_from {item['effective_from']} is before the previous item's "
                    f"{before['effective_from']}: keep the history oldest first",
                    (*where, "effective_from"),
                )
            elif before["effective_to"] > item["effective_from"]:
                yield (
                    f"effective_to {before['effective_to']} is after the next price's effective_from "
                    f"{item['effective_from']}: two prices overlap",
                    ("price_history", index - 1, "effective_to"),
                )
    current = parse(unwrap((data.get("pricing") or {}).get("effective_from")))
    if history and current is not None and history[-1]["effective_to"] > current.isoformat():
        yield (
            f"effective_to {history[-1]['effective_to']} is after the current price's effective_from {current}",
            ("price_history", len(history) - 1, "effective_to"),
        )


def check_consistent(entry: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """Prices that contradict each other: a cache read above input, tiers not ascending, a price
    history out of order, overlapping or past the current price."""
    data = _offering(entry)
    if data is None:
        return
    problems = [*_price_problems(data["pricing"], ("pricing",))] if "pricing" in data else []
    for index, item in enumerate(data.get("price_history") or []):
        problems.extend(_price_problems(item, ("price_history", index)))
    problems.extend(_history_problems(data))
    for message, where in problems:
        yield entry.diagnostic(
            R.INCONSISTENT_PRICE, message, *where, hint="copy the prices and dates again from the pricing page"
        )


def check_pricing_source(entry: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """An offering with prices but no source of kind pricing."""
    data = _offering(entry)
    if data is None:
        return
    field = next((name for name in ("pricing", "price_history") if name in data), None)
    if field is not None and not any(source.get("kind") == "pricing" for source in data["sources"]):
        yield entry.diagnostic(
            R.PRICE_WITHOUT_PRICING_SOURCE,
            f"{field} given, but no source is the host's pricing page",
            field,
            hint="add the host's pricing page to sources, with kind: pricing",
            key=True,
        )
