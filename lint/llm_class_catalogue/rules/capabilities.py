"""C007 to C009: what a model says it can do, against its reasoning controls and its classes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Entry
from llm_class_catalogue.model.facts import UNKNOWN, fact, fact_path, unwrap
from llm_class_catalogue.model.ruletable import Rule

REASONING = "capabilities.reasoning"


def check_controls_without_reasoning(model: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """A reasoning block on a model whose capabilities.reasoning is not true."""
    if model.kind != "model" or not model.valid or unwrap(model.data.get("reasoning")) is UNKNOWN:
        return
    reasons = fact(model.data, REASONING)
    if reasons is True:
        return
    capabilities = model.data.get("capabilities")
    said = (
        "false"
        if reasons is False
        else "unknown"
        if isinstance(capabilities, dict) and "reasoning" in capabilities
        else "not given"
    )
    yield model.diagnostic(
        R.REASONING_CONTROLS_WITHOUT_REASONING,
        f"reasoning controls on a model whose {REASONING} is {said}",
        "reasoning",
        hint=f"set {REASONING}: true if the model reasons; else drop the reasoning block",
        key=True,
    )


def _member_without(model: Entry, class_id: str, name: str, rule: Rule) -> Iterator[Diagnostic]:
    """A member of class_id whose boolean capability `name` is false (unknown is no contradiction)."""
    if model.kind == "model" and model.valid and class_id in model.data.get("classes", []):
        if fact(model.data, name) is False:
            yield model.diagnostic(
                rule,
                f"a model of the {class_id} class whose {name} is false",
                *fact_path(model.data, name),
                hint=f"take the model out of {class_id}, or correct {name} from the provider's docs",
            )


def check_tool_use_member(model: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """A model of the tool-use class whose capabilities.tool_calling is false."""
    yield from _member_without(model, "tool-use", "capabilities.tool_calling", R.TOOL_USE_WITHOUT_TOOL_CALLING)


def check_reasoning_member(model: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """A model of the reasoning class whose capabilities.reasoning is false."""
    yield from _member_without(model, "reasoning", REASONING, R.REASONING_MEMBER_WITHOUT_REASONING)
