"""What an entry suppresses: the engine drops those diagnostics (S010 reports unused ones)."""

from __future__ import annotations

from typing import Any

from llm_class_catalogue.model.entry import Entry


def extract(entry: Entry) -> list[list[Any]]:
    """[index, code] for each well-formed suppression of a valid entry."""
    if not entry.valid:
        return []
    return [
        [index, item["rule"]]
        for index, item in enumerate(entry.data.get("suppress") or [])
        if isinstance(item, dict) and isinstance(item.get("rule"), str)
    ]
