"""C005 and C006: what they let pass (the failing cases are fixtures in tests/fixtures/bad/models/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import fresh_catalogue, pairs, write

PATH = "catalogue/models/acme-embed.yaml"
HEAD = """# yaml-language-server: $schema=../../schema/model.schema.json
id: acme-embed
name: Acme Embed
provider: acme
classes: [embedding]
status: active
confidence: high
last_reviewed: 2026-11-01
sources:
  - url: https://acme.example.org/news/embed
    title: Acme Embed
"""


def codes(tmp_path: Path, body: str) -> list[str]:
    base = fresh_catalogue(tmp_path)
    write(base, PATH, HEAD + body)
    return [code for code, _ in pairs(base, PATH)]


def test_a_qualified_null_is_a_dimension_looked_for(tmp_path: Path) -> None:
    body = "embedding:\n  dimensions:\n    value: null\n    note: Acme does not say.\n"
    assert codes(tmp_path, body) == []


def test_every_embedding_member_is_asked_for_dimensions(tmp_path: Path) -> None:
    assert codes(tmp_path / "v1", "context_window: 8192\n") == ["C005"]
    assert codes(tmp_path / "v2", "context_window: 8192\nmax_input_tokens: 8192\n") == ["C005"]


@pytest.mark.parametrize(
    ("dimensions", "options", "found"),
    [
        (256, "[256, 1024]", []),
        (1024, "{min: 256, max: 1024}", []),
        (256, "{min: 256, max: 1024}", []),
        (1025, "{min: 256, max: 1024}", ["C006"]),
        (255, "[256, 1024]", ["C006"]),
        (512, "{value: null, note: Not listed.}", []),
    ],
)
def test_the_default_is_a_length_on_offer(tmp_path: Path, dimensions: int, options: str, found: list[str]) -> None:
    body = f"embedding:\n  dimensions: {dimensions}\n  dimension_options: {options}\n"
    assert codes(tmp_path, body) == found
