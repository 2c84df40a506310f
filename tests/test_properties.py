"""Properties, with hypothesis: valid entries pass, mutated entries never crash the linter and are
always reported, and the export does not depend on the order files are read in."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from helpers import VALID, VALID_ENTRIES, diagnostics, fresh_catalogue
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from llm_class_catalogue.loading.discover import discover
from llm_class_catalogue.loading.pipeline import load_file
from llm_class_catalogue.model.entry import LoadOptions, build
from llm_class_catalogue.outputs import export
from llm_class_catalogue.validation.schemas import load_schema

MODEL_SCHEMA = load_schema("model")
MODEL_DEFS = MODEL_SCHEMA["$defs"]
COMMON = load_schema("common")["$defs"]
MODELINE = "# yaml-language-server: $schema=../../schema/model.schema.json\n"
RELAXED = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text a person would type: letters, digits, spaces and ordinary punctuation (no control or format characters).
letters = st.characters(whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters="-.,()'&/")
words = st.lists(st.text(letters, min_size=1, max_size=8), min_size=1, max_size=4).map(" ".join)
dates = st.dates(min_value=date(1970, 1, 1), max_value=date(2026, 11, 1)).map(lambda d: d.isoformat())


@st.composite
def valid_models(draw: st.DrawFn) -> dict[str, Any]:
    """A model entry the schema accepts, with classes that agree with the fixture's criteria."""
    total = draw(st.integers(min_value=1, max_value=10**13))
    architecture = draw(st.sampled_from(MODEL_DEFS["architecture"]["enum"]))
    parameters: dict[str, Any] = {"total": total}
    if architecture == "moe":
        parameters["active"] = draw(st.integers(min_value=1, max_value=total))
    window = draw(st.integers(min_value=1, max_value=10**9))
    classes = ["chat"] + (["slm"] if total < 10**10 else []) + (["long-context"] if window >= 100_000 else [])
    modalities = MODEL_DEFS["modality_list"]["items"]["enum"]
    reviewed = "2026-11-01"
    return {
        "id": "generated",
        "name": draw(words),
        "provider": "acme",
        "classes": classes,
        "status": draw(st.sampled_from([s for s in MODEL_SCHEMA["properties"]["status"]["enum"] if s != "unverified"])),
        "released": draw(dates),
        "architecture": architecture,
        "parameters": parameters,
        "context_window": window,
        "modalities": {
            "input": draw(st.lists(st.sampled_from(modalities[:4]), min_size=1, unique=True)),
            "output": draw(st.lists(st.sampled_from(modalities), min_size=1, unique=True)),
        },
        "open_weights": draw(st.booleans()),
        "license": draw(words),
        "aliases": draw(st.lists(words.map(lambda w: "gen " + w), unique_by=lambda w: w.casefold(), max_size=3)),
        "confidence": draw(st.sampled_from(COMMON["confidence"]["enum"])),
        "last_reviewed": reviewed,
        "sources": [
            {
                "url": "https://docs.example.com/" + draw(st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True)),
                "title": draw(words),
                "kind": draw(st.sampled_from(COMMON["source"]["properties"]["kind"]["enum"])),
            }
        ],
    }


def as_yaml(entry: dict[str, Any]) -> str:
    """JSON is YAML 1.2 flow style, so it round-trips through the strict loader unchanged."""
    return MODELINE + json.dumps(entry, ensure_ascii=False, indent=1) + "\n"


def lint_one(tmp_path: Path, text: str | bytes) -> list[tuple[str, int]]:
    base = fresh_catalogue(tmp_path)
    target = base / "catalogue/models/generated.yaml"
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return [(d.code, d.line) for d in diagnostics(base) if d.path == "catalogue/models/generated.yaml"]


def fresh_dir(tmp_path_factory: Any) -> Path:
    return tmp_path_factory.mktemp("case")


@RELAXED
@given(entry=valid_models())
def test_valid_entries_get_no_schema_or_reference_diagnostics(entry: dict[str, Any], tmp_path_factory: Any) -> None:
    found = lint_one(fresh_dir(tmp_path_factory), as_yaml(entry))
    assert [pair for pair in found if pair[0][0] in "SR"] == []


VALID_TEXT = (
    (VALID / "catalogue/models/acme-small.yaml")
    .read_text(encoding="utf-8")
    .replace("id: acme-small", "id: generated")
    .replace("aliases: [acme-small-2603, Acme S]\n", "")
)
REQUIRED = ["id", "name", "provider", "classes", "status", "confidence", "last_reviewed", "sources"]


@st.composite
def broken_texts(draw: st.DrawFn) -> bytes:
    """A valid entry changed in a way that must be reported."""
    lines = VALID_TEXT.splitlines(keepends=True)
    kind = draw(st.sampled_from(["delete", "retype", "bytes", "unicode", "deep"]))
    if kind == "delete":
        key = draw(st.sampled_from(REQUIRED))
        lines = [line for line in lines if not line.startswith(f"{key}:")]
        if key == "sources":
            lines = [line for line in lines if not line.startswith("  ")]
        return "".join(lines).encode()
    if kind == "retype":
        value = draw(st.sampled_from(["[1, 2]", "{a: b}", "true", "'text'", "-5", "0", "1.5", "null", "yes"]))
        return "".join(
            f"context_window: {value}\n" if line.startswith("context_window:") else line for line in lines
        ).encode()
    if kind == "bytes":
        position = draw(st.integers(0, len(VALID_TEXT)))
        junk = draw(st.binary(max_size=20)) + draw(st.sampled_from([b"\xff", b"\x00", b"\x01", b"\xc3\x28"]))
        raw = VALID_TEXT.encode()
        return raw[:position] + junk + raw[position:]
    if kind == "unicode":
        forbidden = draw(st.sampled_from(["\u200b", "\u202e", "\u2028", "\x85", "\x07", "\ufeff"]))
        text = draw(st.text(max_size=10)) + forbidden
        position = draw(st.integers(len(MODELINE), len(VALID_TEXT)))
        return (VALID_TEXT[:position] + text + VALID_TEXT[position:]).encode("utf-8", "surrogatepass")
    depth = draw(st.integers(65, 400))
    nested = draw(st.sampled_from(["[" * depth + "]" * depth, "{a: " * depth + "1" + "}" * depth]))
    return (VALID_TEXT + f"notes: {nested}\n").encode()


@RELAXED
@given(text=broken_texts())
def test_mutations_never_crash_and_are_always_reported(text: bytes, tmp_path_factory: Any) -> None:
    found = lint_one(fresh_dir(tmp_path_factory), text)
    assert found, "a broken entry passed"
    assert all(line >= 1 for _, line in found)


@RELAXED
@given(text=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_at_all_never_crash(text: bytes, tmp_path_factory: Any) -> None:
    lint_one(fresh_dir(tmp_path_factory), text)


@settings(max_examples=25, deadline=None)
@given(order=st.permutations(range(len(list(discover(str(VALID)))))))
def test_export_does_not_depend_on_read_order(order: list[int]) -> None:
    candidates = list(discover(str(VALID)))
    results = [load_file(candidates[index], LoadOptions()) for index in order]
    reference = export.build(build(str(VALID), [load_file(c, LoadOptions()) for c in candidates]))
    assert export.build(build(str(VALID), results)) == reference


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**15), 10**15)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["2026-02-30", "2026-01-01", "2026-01", "moe", "high", "chat"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
# Values one step from valid: wrong types, bools for numbers, impossible dates, enum and const near-misses.
near_misses = st.sampled_from(
    [None, True, False, 0, 1, -1, 1.0, 1.5, 10**14, 10**14 + 1, 1e14, 10**9 + 1, "", " ", "2026-02-30", "2026-13"]
    + ["2026-1-01", "2026-01-01\n", "unverified", "low", "Active", "moe ", "R004", "S004", [], {}, [1, 1.0], [1, True]]
)
# Lengths at and either side of the schemas' minLength/maxLength/minItems.
BOUNDARY_LENGTHS = [0, 1, 2, 9, 10, 11, 79, 80, 81, 199, 200, 201, 300, 301]


def places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every value inside value, value itself first."""
    yield path
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in children:
        yield from places(child, path + (key,))


def nudged(draw: st.DrawFn, value: Any) -> Any:
    """value changed a little, keeping close to its type: the changes a schema must still catch."""
    if isinstance(value, bool):
        return draw(st.sampled_from([int(value), float(value), str(value).lower()]))
    if isinstance(value, int | float):
        return draw(st.sampled_from([float(value), int(value), bool(value), str(value), value + 1, value - 1, -value]))
    if isinstance(value, str):
        length = draw(st.sampled_from(BOUNDARY_LENGTHS))
        resized = (value * length)[:length] or "x" * length
        changes = [value + " ", value.upper(), value[:-1], "", [value], resized, value[:5] + "02-30"]
        return draw(st.sampled_from(changes))
    if isinstance(value, list):
        return draw(st.sampled_from([[], value + value[:1], value[:1], [value]]))
    if isinstance(value, dict):
        return draw(st.sampled_from([{}, list(value.values()), {"value": value, "note": "n"}]))
    return draw(near_misses)


@st.composite
def mutated(draw: st.DrawFn, entry: dict[str, Any]) -> dict[str, Any]:
    """entry with up to three changes anywhere inside it: replaced, nudged, deleted, added or qualified values."""
    entry = copy.deepcopy(entry)
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(list(places(entry))))
        value = get_path(entry, path)
        action = draw(st.sampled_from(["replace", "nudge", "qualify", "delete", "add", "unverified"]))
        if action == "delete" and isinstance(value, dict) and value:
            del value[draw(st.sampled_from(sorted(value)))]
        elif action == "add" and isinstance(value, dict):
            new_key = draw(st.sampled_from(["extra", "note", "value", "confidence", "Id", ""]) | st.text(max_size=6))
            value[new_key] = draw(near_misses | json_values)
        elif action == "unverified":
            entry["status"] = "unverified"
            if draw(st.booleans()):
                entry["confidence"] = "low"
        elif action in ("replace", "nudge", "qualify") and path:
            get_path(entry, path[:-1])[path[-1]] = replacement(draw, action, value)
    return entry


def replacement(draw: st.DrawFn, action: str, value: Any) -> Any:
    if action == "nudge":
        return nudged(draw, value)
    if action == "qualify":
        confidence = {"confidence": draw(st.sampled_from(["low", "bad"]))} if draw(st.booleans()) else {}
        return {"value": value, "note": draw(st.sampled_from(["n", ""])), **confidence}
    return draw(near_misses | json_values)


def get_path(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key]
    return value


def assert_fast_agrees(kind: str, entry: Any) -> None:
    from llm_class_catalogue.validation.schemas import fast_validator, validator

    fast = fast_validator(kind)
    assert fast is not None
    assert fast(entry) == validator(kind).is_valid(entry)


@settings(max_examples=300, deadline=None)
@given(entry=valid_models().flatmap(mutated))
def test_fast_validity_agrees_with_jsonschema(entry: dict[str, Any]) -> None:
    assert_fast_agrees("model", entry)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(sorted(VALID_ENTRIES)), data=st.data())
def test_fast_validity_agrees_with_jsonschema_for_every_kind(name: str, data: st.DataObject) -> None:
    kind, entry = VALID_ENTRIES[name]
    assert_fast_agrees(kind, data.draw(mutated(entry)))
