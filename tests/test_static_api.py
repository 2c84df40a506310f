"""The static API: its OpenAPI 3.1 description is valid, every path it describes answers from a local
server with a document valid against the schema it declares, a rebuild on the same data changes no
byte, and a renamed model's old id keeps a document that points to the new one."""

from __future__ import annotations

import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import serve
from click.testing import CliRunner
from helpers import fresh_catalogue, with_offering
from jsonschema import Draft202012Validator, FormatChecker
from llm_class_catalogue.cli import cli
from llm_class_catalogue.outputs import static_api
from openapi_spec_validator import validate

REPO = Path(__file__).resolve().parent.parent


def build(root: Path, target: Path) -> str:
    result = CliRunner().invoke(cli, ["api", "--root", str(root), "-o", str(target), "--today", "2026-12-02"])
    assert result.exit_code == 0, result.stderr
    return result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site") / "api"
    build(REPO / "catalogue", target)
    return target


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The folder served as static files on 127.0.0.1, as a static host would serve it."""
    with serve(site) as url:
        yield url.rstrip("/")


def fetch(url: str) -> tuple[int, str, Any]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (a server this test started)
        return response.status, response.headers.get_content_type(), json.loads(response.read().decode("utf-8"))


def test_the_description_is_valid_openapi_3_1(site: Path) -> None:
    description = json.loads((site / static_api.OPENAPI_PATH).read_text(encoding="utf-8"))
    validate(description)
    assert description["openapi"].startswith("3.1")


def described_urls(description: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every concrete path the description names, with the schema of its 200 response: a templated path
    once for each id its parameter lists."""
    for template, item in description["paths"].items():
        operation = item["get"]
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        parameters = operation.get("parameters", [])
        if not parameters:
            yield template, schema
            continue
        (parameter,) = parameters
        for value in parameter["schema"]["enum"]:
            yield template.replace("{" + parameter["name"] + "}", value), schema


def test_every_described_path_answers_with_a_document_valid_against_its_schema(site: Path, server: str) -> None:
    status, _, description = fetch(f"{server}/{static_api.OPENAPI_PATH}")
    assert status == 200
    export = json.loads((REPO / "export/v2/catalogue.json").read_text(encoding="utf-8"))
    checked = 0
    for path, schema in described_urls(description):
        status, kind, body = fetch(server + path)
        assert status == 200 and kind == "application/json", path
        validator = Draft202012Validator(
            {**schema, "components": description["components"]}, format_checker=FormatChecker()
        )
        errors = [error.message for error in validator.iter_errors(body)]
        assert not errors, (path, errors[:3])
        assert (body["schema_version"], body["content_hash"]) == (export["schema_version"], export["content_hash"])
        checked += 1
    expected = sum(len(export[collection]) for collection in static_api.COLLECTIONS) + 2
    assert checked >= expected + len(static_api.moved(export))


def test_every_href_in_the_index_answers(server: str) -> None:
    _, _, index = fetch(f"{server}/{static_api.INDEX_PATH}")
    hrefs = [entry["href"] for collection in (*static_api.COLLECTIONS, "moved") for entry in index[collection]]
    assert len(hrefs) > 200
    for href in hrefs:
        assert fetch(f"{server}/{href}")[0] == 200


def test_a_rebuild_on_unchanged_data_changes_no_byte(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    stamps = {path: path.stat().st_mtime_ns for path in copy.rglob("*") if path.is_file()}
    assert build(REPO / "catalogue", copy).endswith(", 0 written\n")
    assert {path: path.stat().st_mtime_ns for path in copy.rglob("*") if path.is_file()} == stamps
    for path in site.rglob("*"):
        if path.is_file():
            assert (copy / path.relative_to(site)).read_bytes() == path.read_bytes()


def test_a_renamed_model_keeps_a_document_at_its_old_id(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    with_offering(base)
    before = tmp_path / "before"
    build(base / "catalogue", before)
    old = base / "catalogue/models/acme-small.yaml"
    text = old.read_text(encoding="utf-8").replace("id: acme-small", "id: acme-compact")
    text = (
        text.replace("aliases: [", "aliases: [acme-small, ", 1)
        if "aliases: [" in text
        else text.replace("\nname:", "\naliases: [acme-small]\nname:", 1)
    )
    (base / "catalogue/models/acme-compact.yaml").write_text(text, encoding="utf-8")
    old.unlink()
    for path in (base / "catalogue").rglob("*.yaml"):  # references to the old id follow the rename
        content = path.read_text(encoding="utf-8")
        if "acme-small" in content and path.name != "acme-compact.yaml":
            path.write_text(content.replace("acme-small", "acme-compact"), encoding="utf-8")
    after = tmp_path / "after"
    build(base / "catalogue", after)
    moved = json.loads((after / "models/acme-small.json").read_text(encoding="utf-8"))
    assert moved["moved_to"] == "acme-compact" and moved["href"] == "models/acme-compact.json"
    assert (after / moved["href"]).is_file()
    old_paths = {path.relative_to(before) for path in before.rglob("*.json")}
    new_paths = {path.relative_to(after) for path in after.rglob("*.json")}
    assert {path for path in old_paths - new_paths if not path.parts[0] == "offerings"} == set()
