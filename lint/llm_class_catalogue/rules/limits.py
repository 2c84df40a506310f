"""C004: a model's token limits that its context window cannot hold."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Entry
from llm_class_catalogue.model.facts import fact, fact_path

LIMITS = ("max_output_tokens", "max_input_tokens")  # each a part of the window, never more than it


def check_limit_exceeds_window(model: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """A model's max_output_tokens or max_input_tokens larger than its context window."""
    if model.kind != "model" or not model.valid:
        return
    window = fact(model.data, "context_window")
    if not isinstance(window, int):
        return
    for name in LIMITS:
        limit = fact(model.data, name)
        if isinstance(limit, int) and limit > window:
            yield model.diagnostic(
                R.LIMIT_EXCEEDS_WINDOW,
                f"{name} ({limit}) exceeds context_window ({window})",
                *fact_path(model.data, name),
                hint="a limit is a part of the context window; check both against the provider's docs",
            )
