"""A fast yes/no for "is this instance valid?", compiled from the same JSON Schemas.

jsonschema explains errors well but walks the schema anew for every instance, which costs
more than parsing the YAML. Most entries are valid, so each is first checked by a predicate
compiled once from the schema; only an entry that fails is handed to jsonschema for its
diagnostics. The schema becomes Python source, one function per `$ref` target or branch of
an anyOf/oneOf/if, each a few `if not (...): return False` lines, so checking an entry costs
a handful of plain calls. The compiler knows the keywords our schemas use and refuses any
other, so it can never silently skip a constraint; a test checks it agrees with jsonschema.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote

from llm_class_catalogue.validation.ecma import compile_pattern

if TYPE_CHECKING:  # referencing is imported only when a schema is compiled (start-up time)
    from referencing import Registry

Resolver = Any  # referencing.Resolver, which the package does not export

Predicate = Callable[[Any], bool]
# What a schema compiles to: conditions that must all hold (str), and statement blocks (list).
Part = str | list[str]
ANNOTATIONS = {"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)

# Source testing that a value ({0}) is of a JSON type; bool is an int in Python but not in JSON.
TYPE_TESTS = {
    "object": "isinstance({0}, dict)",
    "array": "isinstance({0}, list)",
    "string": "isinstance({0}, str)",
    "boolean": "isinstance({0}, bool)",
    "null": "{0} is None",
    "number": "(isinstance({0}, (int, float)) and not isinstance({0}, bool))",
    "integer": "(isinstance({0}, int) and not isinstance({0}, bool)"
    " or isinstance({0}, float) and float({0}).is_integer())",
}
# Keywords that constrain only values of one type, so they are checked under that type's test.
GROUPS = {
    "string": ("minLength", "maxLength", "pattern", "format"),
    "number": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"),
    "array": ("minItems", "maxItems", "uniqueItems", "items"),
    "object": ("required", "additionalProperties", "minProperties", "maxProperties", "properties", "propertyNames"),
}
GENERAL = ("type", "$ref", "enum", "const", "allOf", "anyOf", "oneOf", "if", "then", "else")
KNOWN_KEYWORDS = set(GENERAL).union(*GROUPS.values())
BOUNDS = {
    "minLength": "len({0}) >= {1}",
    "maxLength": "len({0}) <= {1}",
    "minItems": "len({0}) >= {1}",
    "maxItems": "len({0}) <= {1}",
    "minProperties": "len({0}) >= {1}",
    "maxProperties": "len({0}) <= {1}",
    "minimum": "{0} >= {1}",
    "maximum": "{0} <= {1}",
    "exclusiveMinimum": "{0} > {1}",
    "exclusiveMaximum": "{0} < {1}",
}


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


def is_one_of(value: Any, options: list[Any]) -> bool:
    return any(json_equal(value, option) for option in options)


def all_unique(items: list[Any]) -> bool:
    """No two items JSON-equal; a set tells at once when every item is a plain string."""
    if all(type(item) is str for item in items):
        return len(set(items)) == len(items)
    return all(not json_equal(items[i], items[j]) for i in range(len(items)) for j in range(i + 1, len(items)))


def is_date(text: str) -> bool:
    """The `date` format as jsonschema checks a string: YYYY-MM-DD, a real calendar day."""
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]


def _condition(parts: list[Part]) -> str | None:
    """The parts as one condition, or None when one of them is a block of statements."""
    conditions = [part for part in parts if isinstance(part, str)]
    return " and ".join(conditions) if len(conditions) == len(parts) else None


def _statements(parts: list[Part]) -> list[str]:
    """Statements that return False unless every part holds; each run of conditions becomes one `if`."""
    lines: list[str] = []
    run: list[str] = []
    for part in [*parts, []]:
        if isinstance(part, str):
            run.append(part)
            continue
        if run:
            lines.append(f"if not ({' and '.join(run)}): return False")
            run = []
        lines += part
    return lines


class Found(NamedTuple):
    contents: Any
    resolver: LocalResolver


class LocalResolver(NamedTuple):
    """`$ref`s among schema documents given by file name: a sibling file and a JSON pointer, which is
    all our schemas use (they have no `$id`). Enough for the compiler, which so never needs to import
    referencing; anything else is Unsupported (and jsonschema checks everything)."""

    documents: dict[str, Any]
    base: str

    def lookup(self, ref: str) -> Found:
        uri, _, pointer = ref.partition("#")
        target = uri or self.base
        contents = self.documents.get(target)
        if not isinstance(contents, dict) or "$id" in contents or (pointer and not pointer.startswith("/")):
            raise Unsupported(f"$ref {ref}")
        for part in pointer.split("/")[1:]:
            key = unquote(part).replace("~1", "/").replace("~0", "~")
            if isinstance(contents, dict) and key in contents:
                contents = contents[key]
            elif isinstance(contents, list) and key.isdigit() and int(key) < len(contents):
                contents = contents[int(key)]
            else:
                raise Unsupported(f"$ref {ref}")
        return Found(contents, LocalResolver(self.documents, target))


class LocalRegistry(NamedTuple):
    documents: dict[str, Any]

    def resolver(self, base_uri: str) -> LocalResolver:
        return LocalResolver(self.documents, base_uri)


class Compiler:
    """Compiles schemas reachable through one registry; what two schemas share is compiled once."""

    def __init__(self, registry: Registry | LocalRegistry) -> None:
        self.registry = registry
        self.namespace: dict[str, Any] = {"json_equal": json_equal, "is_one_of": is_one_of}
        self.namespace |= {"all_unique": all_unique, "is_date": is_date}
        self.targets: dict[int, str] = {}  # id of a `$ref` target -> its function
        self.pending: list[tuple[str, Any, Resolver]] = []
        self.names = 0

    def validator(self, schema: dict[str, Any], base_uri: str) -> Predicate | None:
        """A predicate equivalent to validity under the schema, or None when it uses what we cannot compile."""
        unresolvable: tuple[type[Exception], ...] = (Unsupported,)
        if not isinstance(self.registry, LocalRegistry):
            from referencing.exceptions import Unresolvable

            unresolvable += (Unresolvable,)
        compiled = dict(self.targets)
        try:
            entry = self.predicate(schema, self.registry.resolver(base_uri=base_uri))
            source = self.source()
        except unresolvable:
            self.targets, self.pending = compiled, []  # forget the functions that will never be defined
            return None
        exec(compile(source, f"<compiled from {base_uri}>", "exec"), self.namespace)
        predicate: Predicate = self.namespace[entry]
        return predicate

    def source(self) -> str:
        """A function for every schema asked for, and for those they ask for in turn."""
        functions = []
        while self.pending:
            name, schema, resolver = self.pending.pop()
            body = _statements(self.checks(schema, "v", resolver))
            functions.append("\n".join([f"def {name}(v):", *_indent(body), "    return True", ""]))
        return "\n".join(functions)

    def fresh(self, prefix: str) -> str:
        self.names += 1
        return f"{prefix}{self.names}"

    def constant(self, value: Any) -> str:
        """Source for a value: a literal where Python has an exact one, else a name in the namespace."""
        if type(value) in (str, int, bool) or value is None:
            return repr(value)
        name = self.fresh("c")
        self.namespace[name] = value
        return name

    def reference(self, resolver: Resolver, ref: str) -> str:
        resolved = resolver.lookup(ref)
        key = id(resolved.contents)  # one function per schema object, however it is reached
        if key not in self.targets:
            self.targets[key] = self.fresh("ref")
            self.pending.append((self.targets[key], resolved.contents, resolved.resolver))
        return self.targets[key]

    def predicate(self, schema: Any, resolver: Resolver) -> str:
        """The name of a function for schema: the target's own when schema is a bare `$ref`."""
        if isinstance(schema, dict) and schema.keys() - ANNOTATIONS == {"$ref"}:
            return self.reference(resolver, schema["$ref"])
        name = self.fresh("schema")
        self.pending.append((name, schema, resolver))
        return name

    def checks(self, schema: Any, value: str, resolver: Resolver) -> list[Part]:
        """What must hold for the value that the expression `value` names to be valid under schema."""
        if schema is True:
            return []
        if schema is False:
            return ["False"]
        if not isinstance(schema, dict):
            raise Unsupported(f"schema {schema!r}")
        unknown = schema.keys() - ANNOTATIONS - KNOWN_KEYWORDS
        if unknown:
            raise Unsupported(min(unknown))
        known = schema.get("type")  # checked first, so the parts after it may rely on it
        parts = [part for name in GENERAL if name in schema for part in self.general(name, schema, value, resolver)]
        for group, names in GROUPS.items():
            typed = [part for name in names if name in schema for part in self.typed(name, schema, value, resolver)]
            if known == group or known == "integer" and group == "number":
                parts += typed
            elif not isinstance(known, str):  # else the value is of a type these keywords do not constrain
                parts += self.when(TYPE_TESTS[group].format(value), typed)
        return parts

    def when(self, test: str, parts: list[Part]) -> list[Part]:
        """Parts that must hold only when test does."""
        if not parts:
            return []
        condition = _condition(parts)
        if condition is not None:
            return [f"(not {test} or {condition})"]
        return [[f"if {test}:", *_indent(_statements(parts))]]

    def general(self, name: str, schema: dict[str, Any], value: str, resolver: Resolver) -> list[Part]:
        """Keywords that apply to a value of any type."""
        argument = schema[name]
        if name == "type":
            kinds = argument if isinstance(argument, list) else [argument]
            if not all(isinstance(kind, str) and kind in TYPE_TESTS for kind in kinds):
                raise Unsupported(f"type {argument!r}")
            return [f"({' or '.join(TYPE_TESTS[kind].format(value) for kind in kinds) or 'False'})"]
        if name == "$ref":
            return [f"{self.reference(resolver, argument)}({value})"]
        if name == "enum" and argument and all(type(option) is str for option in argument):
            return [f"type({value}) is str and {value} in {self.constant(frozenset(argument))}"]
        if name == "enum":
            return [f"is_one_of({value}, {self.constant(argument)})"]
        if name == "const" and type(argument) is str:
            return [f"type({value}) is str and {value} == {self.constant(argument)}"]
        if name == "const":
            return [f"json_equal({value}, {self.constant(argument)})"]
        if name == "allOf":
            return [part for sub in argument for part in self.checks(sub, value, resolver)]
        if name == "anyOf":
            calls = [f"{self.predicate(sub, resolver)}({value})" for sub in argument]
            return [f"({' or '.join(calls) or 'False'})"]
        if name == "oneOf":
            calls = [f"{self.predicate(sub, resolver)}({value})" for sub in argument]
            return [f"{' + '.join(calls) or '0'} == 1"]
        if name == "if":
            return [self.conditional(schema, value, resolver)]
        return []  # then and else mean something only beside if

    def conditional(self, schema: dict[str, Any], value: str, resolver: Resolver) -> Part:
        test = f"{self.predicate(schema['if'], resolver)}({value})"
        then = _statements(self.checks(schema.get("then", True), value, resolver))
        otherwise = _statements(self.checks(schema.get("else", True), value, resolver))
        lines = [f"if {test}:", *_indent(then or ["pass"])]
        return lines + ["else:", *_indent(otherwise)] if otherwise else lines

    def typed(self, name: str, schema: dict[str, Any], value: str, resolver: Resolver) -> list[Part]:
        """Keywords that constrain only values of one type; `value` is known to be of that type here."""
        argument = schema[name]
        if name in BOUNDS:
            return [BOUNDS[name].format(value, self.constant(argument))]
        if name == "pattern":
            return [f"{self.constant(compile_pattern(argument))}.search({value}) is not None"]
        if name == "format":
            if argument != "date":
                raise Unsupported(f"format {argument}")
            return [f"is_date({value})"]
        if name == "uniqueItems":
            return [f"all_unique({value})"] if argument else []
        if name == "required":
            return [f"{self.constant(key)} in {value}" for key in argument]
        if name == "properties":
            return [part for key, sub in argument.items() for part in self.property(key, sub, value, resolver)]
        if name == "additionalProperties":
            return self.additional(schema, value, resolver)
        return self.each(argument, value, resolver)  # items of a list, or propertyNames: the keys of a mapping

    def each(self, schema: Any, value: str, resolver: Resolver) -> list[Part]:
        item = self.fresh("x")
        body = _statements(self.checks(schema, item, resolver))
        return [[f"for {item} in {value}:", *_indent(body)]] if body else []

    def property(self, key: str, schema: Any, value: str, resolver: Resolver) -> list[Part]:
        key_source = self.constant(key)
        return self.when(f"{key_source} in {value}", self.checks(schema, f"{value}[{key_source}]", resolver))

    def additional(self, schema: dict[str, Any], value: str, resolver: Resolver) -> list[Part]:
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        declared = self.constant(frozenset(schema.get("properties", {})))
        if schema["additionalProperties"] is False:
            return [f"{declared}.issuperset({value})"]
        key, item = self.fresh("k"), self.fresh("x")
        extra = self.checks(schema["additionalProperties"], item, resolver)
        body = _statements(self.when(f"{key} not in {declared}", extra))
        return [[f"for {key}, {item} in {value}.items():", *_indent(body)]] if body else []
