"""The bundled entry schemas: self-contained, current, and meaning what the sources mean."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import FIXTURES, VALID_ENTRIES
from jsonschema import Draft202012Validator
from llm_class_catalogue.cli import cli
from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.model.entry import FOLDER_KINDS
from llm_class_catalogue.outputs.bundle import bundle, bundles
from llm_class_catalogue.validation.schemas import KINDS, ecma_validator_class, validator
from llm_class_catalogue.validation.yaml_loader import parse_yaml
from test_schemas import walk

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "schema" / "bundled"
SOURCES = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in (REPO / "schema").glob("*.schema.json")}


def committed(kind: str) -> dict[str, Any]:
    return json.loads((BUNDLED / f"{kind}.schema.json").read_text(encoding="utf-8"))


def refs(schema: Any) -> list[str]:
    return [node["$ref"] for _, node in walk(schema) if isinstance(node.get("$ref"), str)]


def resolve(schema: dict[str, Any], ref: str) -> Any:
    node: Any = schema
    for token in ref.removeprefix("#/").split("/") if ref != "#" else []:
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def test_one_bundle_per_entry_kind_and_nothing_else() -> None:
    assert sorted(path.name for path in BUNDLED.iterdir()) == sorted(f"{kind}.schema.json" for kind in KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_bundle_is_valid_draft_2020_12_and_refers_only_to_itself(kind: str) -> None:
    schema = committed(kind)
    Draft202012Validator.check_schema(schema)
    assert "$id" not in schema  # resolved against where it is read from, so no validator looks elsewhere
    for ref in refs(schema):
        assert ref.startswith("#"), ref
        resolve(schema, ref)  # raises KeyError for a dangling pointer


@pytest.mark.parametrize("kind", KINDS)
def test_bundle_keeps_the_sources_own_definitions_and_copies_only_what_it_uses(kind: str) -> None:
    schema, source = committed(kind), SOURCES[f"{kind}.schema.json"]
    own = set(source.get("$defs", {}))
    copied = set(schema["$defs"]) - own
    assert own <= set(schema["$defs"])
    used = {ref.removeprefix("#/$defs/").split("/")[0] for ref in refs(schema)}
    assert copied <= used and all("." in name for name in copied)


def test_committed_bundles_are_current() -> None:
    result = CliRunner().invoke(cli, ["publish", "--root", str(REPO / "catalogue"), "--check"])
    assert result.exit_code == 0, result.stderr


def _errors(check: Draft202012Validator, data: Any) -> list[tuple[str, str]]:
    return sorted((error.json_path, error.validator) for error in check.iter_errors(data))


def _bad_fixtures() -> list[tuple[str, Any]]:
    found = []
    for path in sorted((FIXTURES / "bad").rglob("*.yaml")):
        data = parse_yaml(path.read_text(encoding="utf-8"), str(path)).data
        kind = FOLDER_KINDS.get(path.parent.name)
        if isinstance(data, dict) and kind:
            found.append((kind, data))
    return found


@pytest.mark.parametrize(("kind", "data"), [*VALID_ENTRIES.values(), *_bad_fixtures()])
def test_bundle_finds_the_errors_the_sources_find(kind: str, data: Any) -> None:
    from jsonschema import FormatChecker

    bundled = ecma_validator_class()(committed(kind), format_checker=FormatChecker())  # as the sources are checked
    assert _errors(bundled, data) == _errors(validator(kind), data)


SHARED = {"$defs": {"id": {"type": "string"}, "pair": {"type": "array", "items": {"$ref": "#/$defs/id"}}}}


def test_definitions_are_copied_under_their_file_with_the_ones_they_use() -> None:
    sources = {
        "a.schema.json": {"properties": {"x": {"$ref": "shared.schema.json#/$defs/pair"}}, "$defs": {"own": {}}},
        "shared.schema.json": SHARED,
    }
    assert bundle("a.schema.json", sources) == {
        "properties": {"x": {"$ref": "#/$defs/shared.pair"}},
        "$defs": {
            "own": {},
            "shared.id": {"type": "string"},
            "shared.pair": {"type": "array", "items": {"$ref": "#/$defs/shared.id"}},
        },
    }


def test_a_recursive_definition_is_copied_once_and_a_ref_into_it_is_kept() -> None:
    tree = {"$defs": {"node": {"properties": {"kids": {"items": {"$ref": "#/$defs/node"}}}}}}
    sources = {"a.schema.json": {"$ref": "tree.schema.json#/$defs/node/properties/kids"}, "tree.schema.json": tree}
    assert bundle("a.schema.json", sources) == {
        "$ref": "#/$defs/tree.node/properties/kids",
        "$defs": {"tree.node": {"properties": {"kids": {"items": {"$ref": "#/$defs/tree.node"}}}}},
    }


def test_data_that_looks_like_a_ref_is_left_alone() -> None:
    sources = {"a.schema.json": {"const": {"$ref": "elsewhere.json#/x"}, "examples": [{"$ref": "y"}]}}
    assert bundle("a.schema.json", sources) == sources["a.schema.json"]


@pytest.mark.parametrize(
    "root",
    [
        {"$ref": "missing.schema.json#/$defs/id"},
        {"$ref": "shared.schema.json"},
        {"$ref": "shared.schema.json#/$defs/absent"},
        {"$id": "https://example.org/a.schema.json"},
        {"$defs": {"shared.id": {}}, "$ref": "shared.schema.json#/$defs/id"},
    ],
    ids=["unknown file", "whole document", "absent definition", "$id", "colliding name"],
)
def test_what_cannot_be_bundled_is_a_tool_error(root: dict[str, Any]) -> None:
    with pytest.raises(ToolError):
        bundle("a.schema.json", {"a.schema.json": root, "shared.schema.json": SHARED})


def test_bundles_are_marked_as_generated_and_need_every_kind() -> None:
    made = bundles(SOURCES, KINDS)
    assert all("catalogue publish" in schema["$comment"] for schema in made.values())
    with pytest.raises(ToolError):
        bundles({"common.schema.json": SOURCES["common.schema.json"]}, ("model",))
