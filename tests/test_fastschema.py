"""The compiled validity check: JSON's types and equality, a refusal of what it cannot compile,
and agreement with jsonschema at every bound the schemas set."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import VALID_ENTRIES
from jsonschema import Draft202012Validator, FormatChecker
from llm_class_catalogue.validation.fastschema import Compiler, Predicate, json_equal
from llm_class_catalogue.validation.schemas import KINDS, SHARED, fast_validator, load_schema, validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


def compiled(schema: dict[str, Any], compiler: Compiler | None = None) -> Predicate | None:
    registry = Registry().with_resource("test.json", Resource.from_contents(schema, default_specification=DRAFT202012))
    return (compiler or Compiler(registry)).validator(schema, "test.json")


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        (True, 1, False),
        (False, 0, False),
        (1, 1.0, True),
        ("1", 1, False),
        (None, None, True),
        ([1, [2]], [1.0, [2.0]], True),
        ([1], [True], False),
        ({"a": 1}, {"a": 1.0}, True),
        ({"a": 1}, {"a": True}, False),
        ([], {}, False),
    ],
)
def test_json_equal(a: Any, b: Any, equal: bool) -> None:
    assert json_equal(a, b) is equal and json_equal(b, a) is equal


DATE = {"type": "string", "format": "date"}
TREE = {
    "$defs": {"node": {"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
    "$ref": "#/$defs/node",
}
CONDITIONAL = {"if": {"properties": {"a": {"const": 1}}}, "then": {"required": ["b"]}, "else": {"required": ["c"]}}


@pytest.mark.parametrize(
    ("schema", "instance", "valid"),
    [
        ({"type": "integer"}, True, False),
        ({"type": "integer"}, 1.0, True),
        ({"type": "integer"}, 1.5, False),
        ({"type": "number"}, False, False),
        ({"type": ["string", "null"]}, None, True),
        ({"enum": ["a", "b"]}, "a", True),
        ({"enum": ["a", "b"]}, ["a"], False),
        ({"enum": [1, "a"]}, True, False),
        ({"enum": [1, "a"]}, 1.0, True),
        ({"const": "low"}, "low ", False),
        ({"const": 1}, True, False),
        (DATE, "2026-02-28", True),
        (DATE, "2026-02-30", False),
        (DATE, "2026-2-28", False),
        ({"format": "date"}, 20260228, True),
        ({"maxLength": 2}, "abc", False),
        ({"maxLength": 2}, [1, 2, 3], True),
        ({"minimum": 1}, 0.5, False),
        ({"minimum": 1}, "0", True),
        ({"uniqueItems": True}, [1, 1.0], False),
        ({"uniqueItems": True}, [1, True], True),
        ({"uniqueItems": True}, ["a", "b", "a"], False),
        ({"required": ["a"]}, [], True),
        ({"required": ["a", "b"]}, {"a": 1}, False),
        ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"a": 1}, False),
        ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"b": "x"}, False),
        ({"additionalProperties": {"type": "integer"}}, {"a": 1, "b": "x"}, False),
        ({"propertyNames": {"pattern": "^[a-z]+$"}}, {"a": 1, "B": 2}, False),
        ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, 1, False),
        ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, 1.5, True),
        ({"anyOf": [{"type": "integer"}, {"type": "string"}]}, None, False),
        ({"allOf": [{"minLength": 1}, {"maxLength": 1}]}, "ab", False),
        (CONDITIONAL, {"a": 1, "b": 0}, True),
        (CONDITIONAL, {"a": 1, "c": 0}, False),
        (CONDITIONAL, {"a": 2, "c": 0}, True),
        (TREE, {"kids": [{"kids": [{"kids": []}]}]}, True),
        (TREE, {"kids": [{"kids": [{"kids": "none"}]}]}, False),
    ],
)
def test_compiled_check_means_what_jsonschema_means(schema: dict[str, Any], instance: Any, valid: bool) -> None:
    check = compiled(schema)
    assert check is not None
    assert check(instance) is valid
    assert Draft202012Validator(schema, format_checker=FormatChecker()).is_valid(instance) is valid


@pytest.mark.parametrize(
    "schema",
    [
        {"not": {"type": "string"}},
        {"properties": {"a": {"contains": {"type": "string"}}}},
        {"patternProperties": {"^x": {}}, "additionalProperties": False},
        {"format": "email"},
        {"type": "strings"},
        {"$ref": "elsewhere.json"},
    ],
)
def test_what_it_cannot_compile_is_left_to_jsonschema(schema: dict[str, Any]) -> None:
    assert compiled(schema) is None


def test_a_refused_schema_leaves_the_shared_compiler_usable() -> None:
    shared = {"$defs": {"word": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/word"}}, "not": {}}
    registry = Registry().with_resource("test.json", Resource.from_contents(shared, default_specification=DRAFT202012))
    compiler = Compiler(registry)
    assert compiler.validator(shared, "test.json") is None
    check = compiler.validator({"properties": {"a": {"$ref": "#/$defs/word"}}}, "test.json")
    assert check is not None and check({"a": "x"}) and not check({"a": 1})


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_compiles(kind: str) -> None:
    assert fast_validator(kind) is not None


def schema_bounds(*keywords: str) -> list[int | float]:
    nodes = [node for name in SHARED + KINDS for node in walk(load_schema(name)) if isinstance(node, dict)]
    return sorted({node[key] for node in nodes for key in keywords if isinstance(node.get(key), int | float)})


def walk(value: Any) -> Iterator[Any]:
    yield value
    for child in value.values() if isinstance(value, dict) else value if isinstance(value, list) else []:
        yield from walk(child)


LENGTHS = sorted({n + step for n in schema_bounds("minLength", "maxLength", "minItems") for step in (-1, 0, 1)} - {-1})
NUMBERS = [n + step for n in schema_bounds("minimum", "maximum", "exclusiveMinimum") for step in (-1, -0.5, 0, 0.5, 1)]


def near_bounds(value: Any) -> list[Any]:
    """value moved onto and either side of every bound the schemas set, and a few other near misses."""
    if isinstance(value, bool):
        return [0, 1, 1.0, not value]
    if isinstance(value, int | float):
        return NUMBERS + [float(n) for n in NUMBERS if isinstance(n, int)]
    if isinstance(value, str):
        return [(value * n)[:n] for n in LENGTHS] + [value[:5] + "02-30", value[:5] + "02-29", value + "\n"]
    if isinstance(value, list):
        return [[], value[:1], value + value[:1]]
    return []


def each_leaf_moved(entry: Any, path: tuple[Any, ...] = ()) -> Iterator[Any]:
    """Copies of entry, each with one value inside it replaced by one of its near_bounds."""
    value = entry
    for key in path:
        value = value[key]
    for replacement in near_bounds(value) if path else []:
        yield replaced(entry, path, replacement)
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, _ in list(children):
        yield from each_leaf_moved(entry, path + (key,))


def replaced(value: Any, path: tuple[Any, ...], replacement: Any) -> Any:
    if not path:
        return replacement
    changed = dict(value) if isinstance(value, dict) else list(value)
    changed[path[0]] = replaced(value[path[0]], path[1:], replacement)
    return changed


@pytest.mark.parametrize("name", sorted(VALID_ENTRIES))
def test_agrees_with_jsonschema_at_every_bound(name: str) -> None:
    kind, entry = VALID_ENTRIES[name]
    fast, slow = fast_validator(kind), validator(kind)
    assert fast is not None
    disagreements = [moved for moved in each_leaf_moved(entry) if fast(moved) != slow.is_valid(moved)]
    assert disagreements == []


def test_importing_the_schemas_leaves_referencing_and_jsonschema_unimported() -> None:
    """They cost ~20 ms of start-up; a run whose results all come from the cache never needs them."""
    code = (
        "import sys, llm_class_catalogue.validation.schemas; "
        "print(sorted({name.split('.')[0] for name in sys.modules}))"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert {"referencing", "jsonschema"}.isdisjoint(eval(result.stdout))


@pytest.mark.parametrize(
    "documents, ref",
    [
        ({"a.json": {"$defs": {"x": {"type": "string"}}}}, "a.json#/$defs/y"),  # no such definition
        ({"a.json": {"$defs": {"x": {"type": "string"}}}}, "b.json#/$defs/x"),  # no such file
        ({"a.json": {"$id": "https://example.org/a", "$defs": {"x": {}}}}, "#/$defs/x"),  # $id moves the base
        ({"a.json": {"$defs": {"x": {}}}}, "#x"),  # an anchor, not a pointer
    ],
)
def test_the_local_resolver_refuses_what_it_cannot_resolve_exactly(documents: dict, ref: str) -> None:
    from llm_class_catalogue.validation.fastschema import LocalRegistry

    schema = {"$ref": ref}
    assert Compiler(LocalRegistry({**documents, "test.json": schema})).validator(schema, "test.json") is None


def test_the_local_resolver_follows_escaped_pointers() -> None:
    from llm_class_catalogue.validation.fastschema import LocalRegistry

    documents = {"a.json": {"$defs": {"a/b": {"type": "string"}, "c~d": {"type": "integer"}}}}
    predicate = Compiler(LocalRegistry(documents)).validator(
        {"properties": {"p": {"$ref": "a.json#/$defs/a~1b"}, "q": {"$ref": "a.json#/$defs/c~0d"}}}, "a.json"
    )
    assert predicate is not None
    assert predicate({"p": "x", "q": 1}) and not predicate({"p": 1}) and not predicate({"q": "x"})
