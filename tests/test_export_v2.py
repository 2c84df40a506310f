"""Export 2: valid against its schema, every schema-2 fact, offerings with derived availability and limits,
routable ids without unverified or retired models, and export 1 still written beside it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from helpers import fresh_catalogue, with_offering
from jsonschema import Draft202012Validator, FormatChecker
from llm_class_catalogue.cli import cli
from llm_class_catalogue.model.facts import FACTS

REPO = Path(__file__).resolve().parent.parent
SCHEMA_V1 = json.loads((REPO / "schema/export.schema.json").read_text(encoding="utf-8"))
SCHEMA_V2 = json.loads((REPO / "schema/export-v2.schema.json").read_text(encoding="utf-8"))


def export(base: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["export", "--root", str(base / "catalogue"), "--today", "2026-11-28", *args])
    return result.exit_code, result.stdout, result.stderr


def exported(base: Path, path: str = "export/v2/catalogue.json") -> dict:
    return json.loads((base / path).read_text(encoding="utf-8"))


def catalogue_with_offering(tmp_path: Path) -> Path:
    base = fresh_catalogue(tmp_path)
    with_offering(base)
    code, _, err = export(base)
    assert code == 0, err
    return base


def test_both_versions_are_written_and_valid(tmp_path: Path) -> None:
    base = catalogue_with_offering(tmp_path)
    v1, v2 = exported(base, "export/catalogue.json"), exported(base)
    Draft202012Validator(SCHEMA_V1, format_checker=FormatChecker()).validate(v1)
    Draft202012Validator(SCHEMA_V2, format_checker=FormatChecker()).validate(v2)
    assert v1["schema_version"].startswith("1.") and v2["schema_version"].startswith("2.")
    assert "offerings" not in v1 and len(v2["offerings"]) == 1
    assert set(v2["models"][0]["facts"]) == {fact.export for fact in FACTS}


def test_schema_2_facts_keep_their_values_and_confidence(tmp_path: Path) -> None:
    base = catalogue_with_offering(tmp_path)
    big = next(model for model in exported(base)["models"] if model["id"] == "acme-big")
    facts = big["facts"]
    assert facts["max_output_tokens"] == {"value": 32000, "confidence": "medium", "note": None}
    assert facts["tool_calling"]["value"] is True and facts["reasoning_mode"]["value"] == "switchable"
    assert facts["reasoning_budget_tokens"]["value"] == {"min": 1024, "max": 24000}
    unknown = facts["parallel_tool_calls"]
    assert unknown["value"] is None and unknown["note"].startswith("Acme's API reference")
    assert facts["embedding_dimensions"] == {"value": None, "confidence": None, "note": None}  # not stated


def test_an_offering_takes_the_hosts_limit_where_stated_and_the_models_otherwise(tmp_path: Path) -> None:
    offering = exported(catalogue_with_offering(tmp_path))["offerings"][0]
    assert offering["limits"]["max_output_tokens"] == {
        "value": 16000,
        "confidence": "high",
        "note": None,
        "from": "offering",
    }
    assert offering["limits"]["context_window"]["value"] == 200000
    assert offering["limits"]["context_window"]["from"] == "model"
    assert offering["modalities"] == {"input": ["text", "image"], "output": ["text"]}  # the model's
    assert offering["pricing"]["input"] == 3.0 and offering["pricing"]["tiers"][0]["above_input_tokens"] == 128000
    assert offering["price_history"][0]["effective_to"] == "2026-07-01"
    assert offering["peer_ids"] == {"litellm": "acme/acme-big", "openrouter": None, "models_dev": None}


def test_an_offering_is_available_only_while_it_and_its_model_are(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    path = with_offering(base)
    export(base)
    assert exported(base)["offerings"][0]["available"] is True  # deprecated, not yet retired
    path.write_text(path.read_text().replace("status: deprecated", "status: retired"))
    export(base)
    assert exported(base)["offerings"][0]["available"] is False


def test_routable_ids_leave_out_unverified_and_retired_models(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    model = base / "catalogue/models/acme-small.yaml"
    model.write_text(model.read_text().replace("status: active", "status: retired"))
    export(base)
    routable = exported(base, "export/v2/routable-ids.schema.json")["enum"]
    every = exported(base, "export/model-ids.schema.json")["enum"]
    assert "acme-small" in every and "acme-small" not in routable
    assert "acme-big" in routable


def test_a_provider_lists_the_offerings_it_hosts(tmp_path: Path) -> None:
    provider = exported(catalogue_with_offering(tmp_path))["providers"][0]
    assert provider["offerings"] == ["acme-big--acme"] and provider["roles"] == ["maker", "first-party-api"]


def test_one_version_on_stdout(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    with_offering(base)
    code, out, _ = export(base, "-o", "-", "--major", "2")
    assert code == 0 and json.loads(out)["schema_version"].startswith("2.")
    code, out, _ = export(base, "-o", "-")
    assert code == 0 and json.loads(out)["schema_version"].startswith("1.")  # the default during the window
    code, out, _ = export(base, "-o", "-", "--major", "2", "--format", "jsonl")
    kinds = [json.loads(line)["kind"] for line in out.splitlines()]
    assert kinds.count("offering") == 1 and kinds[0] == "meta"


def test_committed_v2_export_is_valid_and_current() -> None:
    document = json.loads((REPO / "export/v2/catalogue.json").read_text(encoding="utf-8"))
    Draft202012Validator(SCHEMA_V2, format_checker=FormatChecker()).validate(document)
    assert document["offerings"], "the committed catalogue has offerings"
