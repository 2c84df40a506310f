"""The JSON Schemas, resolved locally, and their errors turned into diagnostics at lines."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.validation.ecma import compile_pattern
from llm_class_catalogue.validation.fastschema import Compiler, LocalRegistry, Predicate

if TYPE_CHECKING:  # imported only when a schema is first needed: a run that validates nothing never pays for them
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

    from llm_class_catalogue.validation.yaml_loader import Mark, ParsedYaml

KINDS = ("class", "model", "offering", "provider", "recipe", "taxonomy")
SHARED = ("common",)


def schema_dir() -> Path:
    """The repository's schema/ when run from a checkout, else the copy shipped in the package."""
    package = Path(__file__).resolve().parents[1]
    checkout = package.parents[1] / "schema"  # lint/llm_class_catalogue -> the repository root
    return checkout if (checkout / "common.schema.json").is_file() else package / "schema"


@cache
def load_schema(name: str) -> dict[str, Any]:
    with open(schema_dir() / f"{name}.schema.json", encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@cache
def registry() -> Registry:
    """Every schema under its file name, so relative `$ref`s resolve with no network."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources_by_uri = [
        (f"{name}.schema.json", Resource.from_contents(load_schema(name), default_specification=DRAFT202012))
        for name in SHARED + KINDS + ("export",)
        if (schema_dir() / f"{name}.schema.json").is_file()
    ]
    return Registry().with_resources(resources_by_uri)


@cache
def validator(name: str) -> Draft202012Validator:
    from jsonschema import FormatChecker

    checker: Draft202012Validator = ecma_validator_class()(
        load_schema(name), registry=registry(), format_checker=FormatChecker()
    )
    return checker


@cache
def ecma_validator_class() -> type[Draft202012Validator]:
    """jsonschema's Draft 2020-12 validator with `pattern` evaluated as ECMA-262 says (see ecma.py)."""
    from jsonschema import Draft202012Validator, validators

    extended: type[Draft202012Validator] = validators.extend(Draft202012Validator, validators={"pattern": _pattern})
    return extended


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    """The `pattern` keyword as jsonschema's own, but for the regex dialect."""
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and compile_pattern(pattern).search(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def compiler() -> Compiler:
    """One compiler for every kind, so the definitions they share are compiled once; it resolves `$ref`s
    among the schema files itself (a run that parses one changed file does not import referencing)."""
    names = [name for name in SHARED + KINDS + ("export",) if (schema_dir() / f"{name}.schema.json").is_file()]
    return Compiler(LocalRegistry({f"{name}.schema.json": load_schema(name) for name in names}))


@cache
def fast_validator(name: str) -> Predicate | None:
    return compiler().validator(load_schema(name), f"{name}.schema.json")


def schema_version() -> str:
    """A fingerprint of every schema, for caches keyed on what validation means."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(schema_dir().glob("*.schema.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _did_you_mean(word: Any, choices: list[str]) -> str | None:
    if not isinstance(word, str):
        return None
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean `{matches[0]}`?" if matches else None


def _reduce(error: ValidationError) -> ValidationError:
    """For anyOf/oneOf, the branch error that best explains the failure."""
    from jsonschema.exceptions import best_match

    while error.context:
        if isinstance(error.instance, dict):
            # A mapping with `value` means the qualified form; any other mapping, the bare one.
            wants_qualified = "value" in error.instance
            branch = [e for e in error.context if _is_qualified_branch(error, e) == wants_qualified]
            if branch:
                error = best_match(branch)
                continue
        error = best_match(error.context)
    return error


def _is_qualified_branch(parent: ValidationError, error: ValidationError) -> bool:
    """Whether a branch error comes from the qualified form ({value, confidence, note})."""
    branches = parent.schema.get(parent.validator) if isinstance(parent.schema, dict) else None
    if not isinstance(branches, list) or not error.schema_path:
        return False
    branch = branches[error.schema_path[0]]
    return isinstance(branch, dict) and "value" in branch.get("properties", {})


def _location(error: ValidationError) -> tuple[Any, ...]:
    return tuple(error.absolute_path)


def schema_diagnostics(kind: str, parsed: ParsedYaml, path: str) -> Iterator[Diagnostic]:
    """Every schema violation of one entry, each at its own line, reduced to the best match."""
    assert parsed.data is not None
    fast = fast_validator(kind)
    if fast is not None and fast(parsed.data):
        return
    seen: set[tuple[int, int, str]] = set()
    for raw in validator(kind).iter_errors(parsed.data):
        for diagnostic in _explain(_reduce(raw), parsed, path):
            key = (diagnostic.line, diagnostic.column, diagnostic.message)
            if key not in seen:
                seen.add(key)
                yield diagnostic


def _s003(path: str, mark: Mark, message: str, hint: str | None) -> Diagnostic:
    return R.SCHEMA.at(path, mark.line, mark.column, message, hint)


def _explain(error: ValidationError, parsed: ParsedYaml, path: str) -> Iterator[Diagnostic]:
    where = _location(error)
    field = ".".join(str(part) for part in where) or "the entry"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in allowed:
                mark = parsed.locate(where + (key,), key=True)
                suggestion = _did_you_mean(key, allowed) or f"allowed here: {', '.join(allowed)}"
                yield _s003(path, mark, f"unknown field `{key}`" + (f" in {field}" if where else ""), suggestion)
        return
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value if name not in error.instance]
        mark = parsed.locate(where)
        for name in missing:
            message = f"missing required field `{name}`" + (f" in {field}" if where else "")
            yield _s003(path, mark, message, "see the schema's description of the field")
        return
    mark = parsed.locate(where)
    hint: str | None
    if error.validator == "enum":
        choices = [str(choice) for choice in error.validator_value]
        hint = _did_you_mean(error.instance, choices) or f"one of: {', '.join(choices)}"
        message = f"{field}: {_short(error.instance)} is not one of the allowed values"
    elif error.validator == "const":
        hint = None
        message = f"{field}: must be {_short(error.validator_value)} here"
        if error.schema.get("description"):
            message += f" ({error.schema['description'].rstrip('.')})"
    elif error.validator == "format":
        hint = "write a real calendar date as YYYY-MM-DD"
        message = f"{field}: {_short(error.instance)} is not a valid {error.validator_value}"
    elif error.validator == "pattern":
        hint = _pattern_hint(error.validator_value)
        message = f"{field}: {_short(error.instance)} does not have the expected form"
    elif error.validator == "type":
        hint = _TYPE_HINTS.get(error.validator_value if isinstance(error.validator_value, str) else "", None)
        message = f"{field}: {_short(error.instance)} is not of type {_type_words(error.validator_value)}"
    else:
        hint = None
        message = f"{field}: {error.message if len(error.message) < 200 else error.message[:197] + '...'}"
    yield _s003(path, mark, message, hint)


_TYPE_HINTS = {
    "object": "write it as a mapping of `field: value` lines",
    "array": "write it as a list: [a, b] or one `- item` per line",
    "string": "quote it to make it text",
    "integer": "write a plain whole number, without quotes, units or separators",
    "number": "write a plain number, without quotes or units",
    "boolean": "write true or false",
}


def _type_words(expected: Any) -> str:
    names = expected if isinstance(expected, list) else [expected]
    return " or ".join(f"`{name}`" for name in names)


_PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "an id is lowercase letters and digits joined by single hyphens",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "write a date as YYYY-MM-DD",
    "^[0-9]{4}-(0[1-9]|1[0-2])$": "write a date as YYYY-MM-DD, or YYYY-MM where only the month is known",
    "^[RTLC][0-9]{3}$": "a suppressible rule code: R, T, L or C and three digits",
}


def _pattern_hint(pattern: str) -> str:
    return _PATTERN_HINTS.get(pattern, f"expected the form {pattern}")
