"""A fast yes/no for "is this instance valid?", compiled from the same JSON Schemas.

jsonschema explains errors well but walks the schema anew for every instance, which costs
more than parsing the YAML. Most entries are valid, so each is first checked by predicates
compiled once from the schema; only an entry that fails is handed to jsonschema for its
diagnostics. The compiler knows the keywords our schemas use and refuses any other, so it
can never silently skip a constraint; a test checks it agrees with jsonschema.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # referencing is imported only when a schema is compiled (start-up time)
    from referencing import Registry

Resolver = Any  # referencing.Resolver, which the package does not export

Predicate = Callable[[Any], bool]
ANNOTATIONS = {"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


class Unsupported(Exception):
    """A keyword or format the compiler does not implement (the caller falls back to jsonschema)."""


def json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON means it: true is not 1, and 1.0 is 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return False
    return type(a) in (int, float) and type(b) in (int, float) and a == b or type(a) is type(b) and a == b


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


TYPES: dict[str, Predicate] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    "integer": lambda v: _is_number(v) and (isinstance(v, int) or float(v).is_integer()),
}


def _is_date(value: Any) -> bool:
    """The `date` format as jsonschema checks it: only strings, YYYY-MM-DD, a real calendar day."""
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


class Compiler:
    """Compiles schemas reachable through a registry; `$ref`s are compiled once and may recurse."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.compiled: dict[int, Predicate] = {}

    def reference(self, resolver: Resolver, ref: str) -> Predicate:
        resolved = resolver.lookup(ref)
        key = id(resolved.contents)  # one compiled predicate per schema object, however it is reached
        if key not in self.compiled:
            self.compiled[key] = lambda value: False  # replaced below; guards recursion while compiling
            target = self.schema(resolved.contents, resolved.resolver)
            self.compiled[key] = target
        return lambda value: self.compiled[key](value)

    def schema(self, schema: Any, resolver: Resolver) -> Predicate:
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        checks = [
            self.keyword(name, argument, schema, resolver)
            for name, argument in schema.items()
            if name not in ANNOTATIONS and name not in ("then", "else")
        ]
        active = [check for check in checks if check is not None]
        return lambda value: all(check(value) for check in active)

    def keyword(self, name: str, argument: Any, schema: dict[str, Any], resolver: Resolver) -> Predicate | None:
        compile_ = lambda sub: self.schema(sub, resolver)  # noqa: E731
        if name == "$ref":
            return self.reference(resolver, argument)
        if name == "type":
            kinds = [TYPES[t] for t in (argument if isinstance(argument, list) else [argument])]
            return lambda v: any(kind(v) for kind in kinds)
        if name == "enum":
            return lambda v: any(json_equal(v, option) for option in argument)
        if name == "const":
            return lambda v: json_equal(v, argument)
        if name == "pattern":
            pattern = re.compile(argument)
            return lambda v: not isinstance(v, str) or pattern.search(v) is not None
        if name == "format":
            if argument != "date":
                raise Unsupported(f"format {argument}")
            return _is_date
        if name in ("minLength", "maxLength"):
            bound = argument
            return (
                (lambda v: not isinstance(v, str) or len(v) >= bound)
                if name == "minLength"
                else (lambda v: not isinstance(v, str) or len(v) <= bound)
            )
        if name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            test = {
                "minimum": lambda v: v >= argument,
                "maximum": lambda v: v <= argument,
                "exclusiveMinimum": lambda v: v > argument,
                "exclusiveMaximum": lambda v: v < argument,
            }[name]
            return lambda v: not _is_number(v) or test(v)
        if name in ("minItems", "maxItems"):
            return (
                (lambda v: not isinstance(v, list) or len(v) >= argument)
                if name == "minItems"
                else (lambda v: not isinstance(v, list) or len(v) <= argument)
            )
        if name == "uniqueItems":
            if not argument:
                return None
            return lambda v: (
                not isinstance(v, list)
                or all(not json_equal(v[i], v[j]) for i in range(len(v)) for j in range(i + 1, len(v)))
            )
        if name == "items":
            item = compile_(argument)
            return lambda v: not isinstance(v, list) or all(item(x) for x in v)
        if name in ("minProperties", "maxProperties"):
            return (
                (lambda v: not isinstance(v, dict) or len(v) >= argument)
                if name == "minProperties"
                else (lambda v: not isinstance(v, dict) or len(v) <= argument)
            )
        if name == "required":
            return lambda v: not isinstance(v, dict) or all(key in v for key in argument)
        if name == "properties":
            properties = {key: compile_(sub) for key, sub in argument.items()}
            return lambda v: not isinstance(v, dict) or all(properties[k](v[k]) for k in properties if k in v)
        if name == "additionalProperties":
            known = set(schema.get("properties", {}))
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            extra = compile_(argument)
            return lambda v: not isinstance(v, dict) or all(extra(v[k]) for k in v if k not in known)
        if name == "propertyNames":
            key_check = compile_(argument)
            return lambda v: not isinstance(v, dict) or all(key_check(k) for k in v)
        if name in ("anyOf", "oneOf", "allOf"):
            branches = [compile_(sub) for sub in argument]
            if name == "anyOf":
                return lambda v: any(branch(v) for branch in branches)
            if name == "allOf":
                return lambda v: all(branch(v) for branch in branches)
            return lambda v: sum(1 for branch in branches if branch(v)) == 1
        if name == "if":
            condition = compile_(argument)
            then = compile_(schema.get("then", True))
            otherwise = compile_(schema.get("else", True))
            return lambda v: then(v) if condition(v) else otherwise(v)
        raise Unsupported(name)


def compile_validator(schema: dict[str, Any], registry: Registry, base_uri: str) -> Predicate | None:
    """A predicate equivalent to validity under the schema, or None when it uses what we cannot compile."""
    from referencing.exceptions import Unresolvable

    try:
        return Compiler(registry).schema(schema, registry.resolver(base_uri=base_uri))
    except (Unsupported, Unresolvable):
        return None
