"""Model facts read through their qualified form, and class criteria evaluated on them."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

UNKNOWN = object()


def unwrap(value: Any) -> Any:
    """A fact's value: the bare value, the `value` of a qualified fact, or UNKNOWN."""
    if isinstance(value, dict) and "value" in value and "note" in value:
        value = value["value"]
    return UNKNOWN if value is None else value


@lru_cache(maxsize=256)
def _parts(name: str) -> tuple[str, ...]:
    return tuple(name.split("."))


def fact(model: dict[str, Any], name: str) -> Any:
    """The value of a dotted fact name such as parameters.total, or UNKNOWN."""
    if name == "sparse":
        total, active = fact(model, "parameters.total"), fact(model, "parameters.active")
        if isinstance(total, int) and isinstance(active, int):
            return active < total
        return UNKNOWN
    value: Any = model
    for part in _parts(name):
        value = unwrap(value.get(part)) if isinstance(value, dict) else UNKNOWN
        if value is UNKNOWN:
            return UNKNOWN
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


Test = Callable[[dict[str, Any]], "bool | None"]


def _condition(condition: dict[str, Any]) -> Test:
    name = condition["fact"]
    operator, operand = next((k, v) for k, v in condition.items() if k != "fact")
    if operator == "equals":
        decide: Callable[[Any], bool] = lambda value: bool(value == operand)  # noqa: E731
    elif operator == "in":
        decide = lambda value: value in operand  # noqa: E731
    elif operator == "contains":
        decide = lambda value: isinstance(value, list) and operand in value  # noqa: E731
    elif operator == "at_least":
        decide = lambda value: _is_number(value) and bool(value >= operand)  # noqa: E731
    else:
        decide = lambda value: _is_number(value) and bool(value < operand)  # noqa: E731

    def test(model: dict[str, Any]) -> bool | None:
        value = fact(model, name)
        return None if value is UNKNOWN else decide(value)

    def test_field(model: dict[str, Any]) -> bool | None:  # a top-level fact: no name to walk
        value = unwrap(model.get(name))
        return None if value is UNKNOWN else decide(value)

    return test_field if name != "sparse" and "." not in name else test


def criterion_test(criterion: dict[str, Any]) -> Test:
    """A function telling, for a model's data, True or False when its facts decide the criterion,
    None when they do not (compiled once per class, run once per model)."""
    if "all" in criterion or "any" in criterion:
        every = "all" in criterion
        parts = [criterion_test(part) for part in criterion["all" if every else "any"]]

        def combined(model: dict[str, Any]) -> bool | None:
            results = [part(model) for part in parts]
            if every:
                return False if False in results else None if None in results else True
            return True if True in results else None if None in results else False

        return combined
    return _condition(criterion)
