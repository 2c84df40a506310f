"""C005 and C006: an embedding model's vector length, missing or not one a caller may choose."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Entry
from llm_class_catalogue.model.facts import UNKNOWN, fact, fact_path, unwrap

EMBEDDING_CLASS = "embedding"


def check_without_dimensions(model: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """A model of the embedding class without embedding.dimensions (a qualified null is fine)."""
    if model.kind != "model" or not model.valid:
        return
    data = model.data
    classes = data.get("classes", [])
    if EMBEDDING_CLASS not in classes:
        return
    block = data.get("embedding")
    if isinstance(block, dict) and "dimensions" in block:  # a qualified null says it was looked for
        return
    where: tuple[Any, ...] = ("embedding",) if block is not None else ("classes", classes.index(EMBEDDING_CLASS))
    yield model.diagnostic(
        R.EMBEDDING_WITHOUT_DIMENSIONS,
        "a model of the embedding class needs embedding.dimensions",
        *where,
        hint="give the default vector length, or write it qualified with value null and a note",
        key=block is not None,
    )


def _offered(dimensions: int, options: Any) -> tuple[bool, str] | None:
    """Whether the options offer this length, and how to say them; None when they are not known."""
    if isinstance(options, list):
        return dimensions in options, f"[{', '.join(map(str, options))}]"
    if isinstance(options, dict):
        low, high = unwrap(options.get("min")), unwrap(options.get("max"))
        if isinstance(low, int) and isinstance(high, int):
            return low <= dimensions <= high, f"{low} to {high}"
    return None


def check_dimension_offered(model: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """The default embedding.dimensions is not among embedding.dimension_options."""
    if model.kind != "model" or not model.valid:
        return
    dimensions = fact(model.data, "embedding.dimensions")
    options = fact(model.data, "embedding.dimension_options")
    if not isinstance(dimensions, int) or options is UNKNOWN:
        return
    found = _offered(dimensions, options)
    if found is not None and not found[0]:
        yield model.diagnostic(
            R.DIMENSION_NOT_OFFERED,
            f"embedding.dimensions ({dimensions}) is not among embedding.dimension_options ({found[1]})",
            *fact_path(model.data, "embedding.dimensions"),
            hint="the default length is one a caller may choose; check both against the provider's docs",
        )
