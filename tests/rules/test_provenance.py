"""C010 and C011: the names a source may cite, and what they let pass (the failing cases are fixtures
in tests/fixtures/bad/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import fresh_catalogue, pairs, with_offering, write
from llm_class_catalogue.model.facts import FACTS
from llm_class_catalogue.rules.provenance import known_names

PATH = "catalogue/models/acme-cited.yaml"
HEAD = """# yaml-language-server: $schema=../../schema/model.schema.json
id: acme-cited
name: Acme Cited
provider: acme
classes: [chat]
status: active
context_window: 8192
capabilities:
  tool_calling: true
  reasoning:
    value: null
    note: The docs do not say.
open_weights: true
confidence: high
last_reviewed: 2026-11-01
sources:
"""


def test_every_fact_and_group_of_the_facts_table_may_be_cited() -> None:
    assert {f.path for f in FACTS} | {f.field for f in FACTS} <= known_names("model")
    assert {"capabilities", "parameters", "modalities", "reasoning", "embedding", "status"} <= known_names("model")


def test_an_offering_cites_its_own_fields_and_their_members() -> None:
    names = known_names("offering")
    assert {"api_id", "limits", "limits.context_window", "pricing", "pricing.input", "price_history"} <= names
    assert "context_window" not in names and "capabilities" not in names


@pytest.mark.parametrize(
    "sources",
    [
        # No source lists supports: provenance has not begun, so nothing is unsourced.
        "  - url: https://acme.example.org/a\n    title: A\n",
        # A group covers its members; a qualified null is not stated; a source without supports backs nothing.
        "  - url: https://acme.example.org/a\n    title: A\n    supports: [context_window, capabilities]\n"
        "  - url: https://acme.example.org/b\n    title: B\n    supports: [open_weights, status]\n"
        "  - url: https://acme.example.org/c\n    title: C\n",
        "  - url: https://acme.example.org/a\n    title: A\n"
        "    supports: [context_window, capabilities.tool_calling, open_weights]\n",
    ],
)
def test_every_stated_fact_cited(tmp_path: Path, sources: str) -> None:
    base = fresh_catalogue(tmp_path)
    write(base, PATH, HEAD + sources)
    assert pairs(base, PATH) == []


def test_a_pricing_note_needs_no_source(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    path = with_offering(base)
    members = sorted(name for name in known_names("offering") if name.startswith("pricing.") and name != "pricing.note")
    text = path.read_text(encoding="utf-8")
    cited = text.replace("supports: [pricing, api_id, limits]", f"supports: [api_id, limits, {', '.join(members)}]")
    noted = cited.replace("  tiers:\n", "  note: List price.\n  tiers:\n")
    assert cited != text and noted != cited
    path.write_text(noted, encoding="utf-8")
    assert pairs(base) == []
