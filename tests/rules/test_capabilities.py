"""C007 to C009: what they let pass (the failing cases are fixtures in tests/fixtures/bad/models/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import fresh_catalogue, pairs, write

PATH = "catalogue/models/acme-agent.yaml"
HEAD = """# yaml-language-server: $schema=../../schema/model.schema.json
id: acme-agent
name: Acme Agent
provider: acme
status: active
confidence: high
last_reviewed: 2026-11-01
sources:
  - url: https://acme.example.org/news/agent
    title: Acme Agent
"""
UNKNOWN = "\n    value: null\n    note: The docs do not say."


@pytest.mark.parametrize(
    "body",
    [
        # Unknown is no contradiction: the class may rest on sources that the capability lacks.
        f"classes: [tool-use, reasoning]\ncapabilities:\n  tool_calling:{UNKNOWN}\n  reasoning:{UNKNOWN}\n",
        "classes: [tool-use]\ncapabilities:\n  structured_output: true\n",
        # A reasoning block that is itself unknown states no controls.
        f"classes: [chat]\ncapabilities:\n  reasoning: false\nreasoning:{UNKNOWN}\n",
        "classes: [reasoning]\ncapabilities:\n  reasoning: true\nreasoning:\n  mode: always\n",
        # Outside the classes, a model may lack either capability.
        "classes: [chat]\ncapabilities:\n  tool_calling: false\n  reasoning: false\n",
    ],
)
def test_no_contradiction(tmp_path: Path, body: str) -> None:
    base = fresh_catalogue(tmp_path)
    write(base, PATH, HEAD + body)
    assert pairs(base, PATH) == []
