"""Schema patterns mean what ECMA-262 says: our translation against a real ECMA engine (regress)."""

from __future__ import annotations

from typing import Any

import pytest
import regress
from hypothesis import given, settings
from hypothesis import strategies as st
from llm_class_catalogue.validation.ecma import Unsupported, compile_pattern
from llm_class_catalogue.validation.schemas import fast_validator, load_schema, schema_dir, validator


def _patterns(schema: Any) -> set[str]:
    if isinstance(schema, dict):
        found = {schema["pattern"]} if isinstance(schema.get("pattern"), str) else set()
        return found.union(*(_patterns(value) for value in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_patterns(value) for value in schema))
    return set()


SCHEMA_NAMES = [path.name.removesuffix(".schema.json") for path in schema_dir().glob("*.schema.json")]
SCHEMA_PATTERNS = sorted(set().union(*(_patterns(load_schema(name)) for name in SCHEMA_NAMES)))
# Beyond our schemas: every construct the translation rewrites.
CONSTRUCTS = [r"^\d+$", r"^\w+$", r"\s", r"^\S*$", r"^a.b$", r"[\d\s-]x", r"\bid\b", r"^\W\D$", r"^[^a-z]$", r"\x41"]
# Characters where Python's and ECMA-262's readings part: line breaks, Unicode digits, letters and spaces.
TRICKY = "\n\r\u2028\u2029\x85\x0b\x0c \xa0\u2003\ufeff\u0663\uff11\u00e9\u212a_-.:"


def _strings(pattern: str) -> st.SearchStrategy[str]:
    near = st.from_regex(compile_pattern(pattern), fullmatch=False)
    noise = st.text(st.sampled_from(TRICKY + "0123456789abcdefRTLCS"), max_size=8)
    return st.one_of(near, noise, st.tuples(near, noise).map("".join), st.tuples(noise, near).map("".join))


@pytest.mark.parametrize("pattern", SCHEMA_PATTERNS + CONSTRUCTS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_pattern_matches_where_ecma_262_does(pattern: str, data: st.DataObject) -> None:
    text = data.draw(_strings(pattern))
    assert (compile_pattern(pattern).search(text) is not None) == (regress.Regex(pattern).find(text) is not None)


def test_schemas_use_patterns() -> None:
    assert "^[RTLC][0-9]{3}$" in SCHEMA_PATTERNS and "^[0-9]{4}-(0[1-9]|1[0-2])$" in SCHEMA_PATTERNS


@pytest.mark.parametrize("pattern", [r"(?<=a)b", r"(?<name>a)", r"\1", r"\p{L}", "[^]", "[a", "a\\"])
def test_syntax_the_translation_does_not_know_is_refused(pattern: str) -> None:
    with pytest.raises(Unsupported):
        compile_pattern(pattern)


@pytest.mark.parametrize(
    ("kind", "path", "value"),
    [("model", ("released", "value"), "2023-12\n"), ("model", ("suppress", 0, "rule"), "R004\n")],
)
def test_trailing_newline_fails_both_validation_paths(kind: str, path: tuple[Any, ...], value: str) -> None:
    from helpers import VALID_ENTRIES

    entry = {
        **VALID_ENTRIES["acme-small"][1],
        "released": {"value": "2023-12", "note": "Only the month was announced."},
        "suppress": [{"rule": "R004", "reason": "A reason long enough for the schema."}],
    }
    fast = fast_validator(kind)
    assert fast is not None and fast(entry) and validator(kind).is_valid(entry)
    target: Any = entry
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert not fast(entry) and not validator(kind).is_valid(entry)
