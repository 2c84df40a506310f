"""C001 and C002: parameter counts that contradict each other or the architecture."""

from __future__ import annotations

from collections.abc import Iterator

from lint.catalogue import Catalogue
from lint.diagnostics import Diagnostic
from lint.facts import UNKNOWN, fact, unwrap
from lint.rules.base import Context


def check_active_exceeds_total(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """Active parameters exceed total parameters."""
    for model in catalogue.of_kind("model").values():
        if not model.valid:
            continue
        total, active = fact(model.data, "parameters.total"), fact(model.data, "parameters.active")
        if isinstance(total, int) and isinstance(active, int) and active > total:
            yield model.diagnostic("C001", f"parameters.active ({active}) exceeds parameters.total ({total})",
                                   "parameters", "active", hint="active parameters are a subset of all parameters")


def check_moe_without_active(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """A mixture-of-experts model with known parameters but no active count."""
    for model in catalogue.of_kind("model").values():
        if not model.valid or fact(model.data, "architecture") != "moe":
            continue
        parameters = unwrap(model.data.get("parameters"))
        if parameters is UNKNOWN or not isinstance(parameters, dict) or "active" in parameters:
            continue
        yield model.diagnostic("C002", "a mixture-of-experts model needs parameters.active",
                               "parameters", hint="give the active count, or write it qualified with value null and a note",
                               key=True)
