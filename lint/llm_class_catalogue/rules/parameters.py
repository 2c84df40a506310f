"""C001 and C002: parameter counts that contradict each other or the architecture."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Entry
from llm_class_catalogue.model.facts import UNKNOWN, fact, unwrap


def check_active_exceeds_total(model: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """Active parameters exceed total parameters."""
    if model.kind == "model" and model.valid:
        total, active = fact(model.data, "parameters.total"), fact(model.data, "parameters.active")
        if isinstance(total, int) and isinstance(active, int) and active > total:
            yield model.diagnostic(
                R.ACTIVE_EXCEEDS_TOTAL,
                f"parameters.active ({active}) exceeds parameters.total ({total})",
                "parameters",
                "active",
                hint="active parameters are a subset of all parameters",
            )


def check_moe_without_active(model: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """A mixture-of-experts model with known parameters but no active count."""
    if model.kind != "model" or not model.valid or fact(model.data, "architecture") != "moe":
        return
    parameters = unwrap(model.data.get("parameters"))
    if parameters is not UNKNOWN and isinstance(parameters, dict) and "active" not in parameters:
        yield model.diagnostic(
            R.MOE_WITHOUT_ACTIVE,
            "a mixture-of-experts model needs parameters.active",
            "parameters",
            hint="give the active count, or write it qualified with value null and a note",
            key=True,
        )
