"""The schemas themselves: valid Draft 2020-12, closed, and documented field by field."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

SCHEMAS = sorted((Path(__file__).resolve().parent.parent / "schema").glob("*.schema.json"))


def walk(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}/{index}")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text())
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_is_described_and_every_object_closed(path: Path) -> None:
    schema = json.loads(path.read_text())
    undocumented, open_objects = [], []
    for where, node in walk(schema):
        for name, sub in node.get("properties", {}).items() if isinstance(node.get("properties"), dict) else []:
            if isinstance(sub, dict) and "description" not in sub:
                undocumented.append(f"{where}/properties/{name}")
        if node.get("type") == "object" and "properties" in node and node.get("additionalProperties") is not False:
            open_objects.append(where)
    assert undocumented == [] and open_objects == []
