"""An entry may suppress a rule for itself only with a reason; a suppression that suppresses nothing is S010."""

from __future__ import annotations

from pathlib import Path

from helpers import fresh_catalogue, line_of, pairs, write


def long_context_model(base: Path, suppress: str = "") -> str:
    text = (base / "catalogue/models/acme-small.yaml").read_text()
    text = text.replace("aliases: [acme-small-2603, Acme S]\n", "").replace("acme-small", "wide")
    return write(
        base, "catalogue/models/wide.yaml", text.replace("context_window: 32768", "context_window: 128000") + suppress
    )


def test_suppression_with_reason_silences_the_rule(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    rel = long_context_model(
        base, "suppress:\n  - rule: R004\n    reason: Its long window is experimental and opt-in only.\n"
    )
    assert pairs(base, rel) == []


def test_suppression_without_reason_is_a_schema_error(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    rel = long_context_model(base, "suppress:\n  - rule: R004\n")
    assert pairs(base, rel) == [("S003", line_of(base / rel, "- rule: R004"))]


def test_schema_rules_cannot_be_suppressed(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    rel = long_context_model(base, "suppress:\n  - rule: S003\n    reason: Trying to hide a schema problem here.\n")
    assert pairs(base, rel) == [("S003", line_of(base / rel, "- rule: S003"))]
