"""Model facts read through their qualified form, and class criteria evaluated on them."""

from __future__ import annotations

from typing import Any

UNKNOWN = object()


def unwrap(value: Any) -> Any:
    """A fact's value: the bare value, the `value` of a qualified fact, or UNKNOWN."""
    if isinstance(value, dict) and "value" in value and "note" in value:
        value = value["value"]
    return UNKNOWN if value is None else value


def fact(model: dict[str, Any], name: str) -> Any:
    """The value of a dotted fact name such as parameters.total, or UNKNOWN."""
    if name == "sparse":
        total, active = fact(model, "parameters.total"), fact(model, "parameters.active")
        if isinstance(total, int) and isinstance(active, int):
            return active < total
        return UNKNOWN
    value: Any = model
    for part in name.split("."):
        value = unwrap(value.get(part)) if isinstance(value, dict) else UNKNOWN
        if value is UNKNOWN:
            return UNKNOWN
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _condition(condition: dict[str, Any], model: dict[str, Any]) -> bool | None:
    value = fact(model, condition["fact"])
    if value is UNKNOWN:
        return None
    operator, operand = next((k, v) for k, v in condition.items() if k != "fact")
    if operator == "equals":
        return bool(value == operand)
    if operator == "in":
        return value in operand
    if operator == "contains":
        return isinstance(value, list) and operand in value
    if not _is_number(value):
        return False
    if operator == "at_least":
        return bool(value >= operand)
    return bool(value < operand)


def meets(criterion: dict[str, Any], model: dict[str, Any]) -> bool | None:
    """True or False when the model's facts decide the criterion, None when they do not."""
    if "all" in criterion:
        results = [meets(part, model) for part in criterion["all"]]
        return False if False in results else None if None in results else True
    if "any" in criterion:
        results = [meets(part, model) for part in criterion["any"]]
        return True if True in results else None if None in results else False
    return _condition(criterion, model)
