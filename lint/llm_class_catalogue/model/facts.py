"""The facts a model entry states, in one table, read through their qualified form; and class criteria
evaluated on them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

UNKNOWN = object()


@dataclass(frozen=True)
class Fact:
    """One fact of a model: where it stands in an entry (a dotted path), its name in the export, the
    words the page uses for it, whether class criteria may test it, and since which export version."""

    path: str
    export: str
    words: str
    criteria: bool = False
    since: str = "1.0.0"
    hint: str | None = None  # what `catalogue new` asks for (a placeholder); None: not in the template
    sample: str | None = None  # or the value the template writes as it is

    @cached_property  # read for every fact of every model the export writes
    def field(self) -> str:
        """The entry's top-level key that holds the fact."""
        return self.path.split(".", 1)[0]

    @cached_property
    def part(self) -> str | None:
        """The key inside that field, for a fact of a group (parameters.total), else None."""
        return self.path.split(".", 1)[1] if "." in self.path else None


V2 = "2.0.0"
# fmt: off
FACTS: tuple[Fact, ...] = (
    Fact("released", "released", "release date", hint="YYYY-MM-DD (or YYYY-MM) as the source gives it"),
    Fact("architecture", "architecture", "architecture", criteria=True, hint="dense | moe | ssm | hybrid | unknown"),
    Fact("parameters.total", "parameters_total", "total parameters", criteria=True, hint="all parameters as a plain integer; or write parameters qualified: value null and a note"),
    Fact("parameters.active", "parameters_active", "active parameters", criteria=True),
    Fact("context_window", "context_window", "context window", criteria=True, hint="tokens, as the API docs or model card give it"),
    Fact("max_output_tokens", "max_output_tokens", "maximum output", criteria=True, since=V2, hint="the output limit in tokens; or value null and a note saying what was looked for"),
    Fact("max_input_tokens", "max_input_tokens", "maximum input", criteria=True, since=V2),
    Fact("knowledge_cutoff", "knowledge_cutoff", "knowledge cutoff", since=V2, hint="YYYY-MM (or YYYY-MM-DD) as the provider states it; or value null and a note"),
    Fact("modalities.input", "input_modalities", "input modalities", criteria=True, sample="[text]"),
    Fact("modalities.output", "output_modalities", "output modalities", criteria=True, sample="[text]"),
    Fact("capabilities.tool_calling", "tool_calling", "tool calling", criteria=True, since=V2, hint="true or false; or value null and a note"),
    Fact("capabilities.parallel_tool_calls", "parallel_tool_calls", "parallel tool calls", criteria=True, since=V2),
    Fact("capabilities.structured_output", "structured_output", "structured output", criteria=True, since=V2, hint="true or false (schema-constrained output); or value null and a note"),
    Fact("capabilities.reasoning", "reasoning", "reasoning", criteria=True, since=V2, hint="true or false; or value null and a note"),
    Fact("reasoning.mode", "reasoning_mode", "reasoning mode", since=V2),
    Fact("reasoning.effort_levels", "reasoning_effort_levels", "reasoning effort levels", since=V2),
    Fact("reasoning.budget_tokens", "reasoning_budget_tokens", "thinking budget", since=V2),
    Fact("reasoning.summary", "reasoning_summary", "reasoning summary", since=V2),
    Fact("embedding.dimensions", "embedding_dimensions", "embedding dimensions", criteria=True, since=V2),
    Fact("embedding.dimension_options", "embedding_dimension_options", "embedding dimension options", since=V2),
    Fact("embedding.max_input_tokens", "embedding_max_input_tokens", "embedding input limit", criteria=True, since=V2),
    Fact("embedding.normalized", "embedding_normalized", "normalised embeddings", criteria=True, since=V2),
    Fact("open_weights", "open_weights", "open weights", criteria=True, hint="true or false"),
    Fact("license", "license", "licence", hint="SPDX id, the licence name, or proprietary"),
)
# fmt: on
DERIVED_WORDS = {"sparse": "fewer active than total parameters"}  # criteria facts worked out from others


def words(path: str) -> str:
    """How the page says a fact (or a derived criterion such as sparse)."""
    return next((f.words for f in FACTS if f.path == path), DERIVED_WORDS.get(path, path))


def facts_since(version: str) -> tuple[Fact, ...]:
    """The facts an export of this major version carries."""
    major = version.split(".", 1)[0]
    return tuple(f for f in FACTS if int(f.since.split(".", 1)[0]) <= int(major))


CRITERIA_FIELDS = tuple(dict.fromkeys(f.field for f in FACTS if f.criteria))  # what the index keeps of a model


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


def fact_path(model: dict[str, Any], name: str) -> tuple[str, ...]:
    """Where a dotted fact name stands in an entry, through qualified forms (parameters.value.total),
    so a diagnostic points at the value itself; as far as the entry goes, for a missing fact."""
    path: tuple[str, ...] = ()
    value: Any = model
    for part in _parts(name):
        if isinstance(value, dict) and "value" in value and "note" in value:
            path, value = path + ("value",), value["value"]
        if not isinstance(value, dict) or part not in value:
            return path
        path, value = path + (part,), value[part]
    if isinstance(value, dict) and "value" in value and "note" in value:
        path += ("value",)
    return path


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
