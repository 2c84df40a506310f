"""Properties, with hypothesis: valid entries pass, mutated entries never crash the linter and are
always reported, and the export does not depend on the order files are read in."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from helpers import VALID, diagnostics, fresh_catalogue
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint import export
from lint.catalogue import build, discover, load_file
from lint.schemas import load_schema

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
    results = [load_file(candidates[index]) for index in order]
    reference = export.build(build(str(VALID), [load_file(c) for c in candidates]))
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


@st.composite
def near_valid_models(draw: st.DrawFn) -> dict[str, Any]:
    entry = draw(valid_models())
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["replace", "delete", "add", "qualify"]))
        key = draw(st.sampled_from(sorted(entry)))
        if action == "replace":
            entry[key] = draw(json_values)
        elif action == "delete":
            entry.pop(key, None)
        elif action == "add":
            entry[draw(st.text(max_size=10))] = draw(json_values)
        else:
            entry[key] = {
                "value": entry.get(key),
                "note": draw(st.text(max_size=5)),
                **({"confidence": draw(st.sampled_from(["low", "bad"]))} if draw(st.booleans()) else {}),
            }
    return entry


@settings(max_examples=300, deadline=None)
@given(entry=near_valid_models())
def test_fast_validity_agrees_with_jsonschema(entry: dict[str, Any]) -> None:
    from lint.schemas import fast_validator, validator

    fast = fast_validator("model")
    assert fast is not None
    assert fast(entry) == validator("model").is_valid(entry)
