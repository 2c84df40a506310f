"""The committed catalogue itself: clean, complete against the taxonomy page, honest about doubt."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker
from llm_class_catalogue.cli import cli

REPO = Path(__file__).resolve().parent.parent
EXPORT = json.loads((REPO / "export/catalogue.json").read_text(encoding="utf-8"))
# Every model, family or provider the taxonomy page names as an example, as the page spells it.
PAGE_NAMES = [
    "GPT-5.5",
    "Claude 4.7 Sonnet",
    "Llama 4 Maverick",
    "OpenAI o2-preview",
    "o2-mini",
    "Claude 4.7 Opus",
    "Mixtral 8x7B",
    "DeepSeek-V2",
    "GPT-4",
    "CodeLlama",
    "StarCoder2",
    "DeepSeek-Coder-V2",
    "GPT-4o",
    "Claude 3.5 Sonnet",
    "Llama 3.2-Vision",
    "GPT-4o (Advanced Voice)",
    "Gemini 1.5 Pro",
    "Jamba",
    "Mamba-2",
    "text-embedding-3-small",
    "Voyage AI",
    "BGE-M3",
    "Phi-3.5",
    "Gemma 2 2B",
    "Llama 3.2 1B",
    "Llama 3.2 3B",
    "Claude 3",
    "NexusRaven-V2",
]
CLASS_IDS = [
    "chat",
    "reasoning",
    "moe",
    "code",
    "vision-language",
    "audio",
    "ssm-hybrid",
    "embedding",
    "slm",
    "long-context",
    "tool-use",
    "vae",
]


def loose(name: str) -> str:
    """How a reader's search matches: case, spaces, hyphens and dots ignored, and a leading 'OpenAI'."""
    return re.sub(r"[^a-z0-9()]", "", name.casefold().removeprefix("openai "))


def test_lint_strict_passes_apart_from_the_calendar() -> None:
    result = CliRunner().invoke(cli, ["lint", "--root", str(REPO / "catalogue"), "--strict", "--ignore", "T"])
    assert result.exit_code == 0, result.stdout


def test_committed_export_is_valid_against_its_schema() -> None:
    schema = json.loads((REPO / "schema/export.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=FormatChecker()).validate(EXPORT)


def test_the_twelve_classes_in_the_page_order() -> None:
    assert [c["id"] for c in EXPORT["classes"]] == CLASS_IDS
    assert [c["number"] for c in EXPORT["classes"]] == list(range(1, 13))


@pytest.mark.parametrize("class_id", CLASS_IDS)
def test_every_class_has_three_members_that_are_not_unverified(class_id: str) -> None:
    models = {m["id"]: m for m in EXPORT["models"]}
    members = next(c["members"] for c in EXPORT["classes"] if c["id"] == class_id)
    assert len([m for m in members if models[m]["status"] != "unverified"]) >= 3


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_name_on_the_page_finds_an_entry(name: str) -> None:
    found = {
        m["id"]
        for m in EXPORT["models"]
        if loose(name) in {loose(n) for n in [m["id"], m["name"], *m["aliases"], m["family"] or ""]}
    }
    found |= {p["id"] for p in EXPORT["providers"] if loose(name) == loose(p["name"])}
    assert found


def test_unverified_models_are_low_confidence_and_not_available() -> None:
    unverified = [m for m in EXPORT["models"] if m["status"] == "unverified"]
    assert unverified
    assert all(m["review"]["confidence"] == "low" and not m["available"] for m in unverified)
