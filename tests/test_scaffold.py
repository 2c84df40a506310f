"""`catalogue new` and `catalogue show`, as a contributor would use them."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import fresh_catalogue
from llm_class_catalogue.cli import cli


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("kind", ["model", "class", "provider"])
def test_an_unfilled_template_never_passes(kind: str, tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    root = str(base / "catalogue")
    code, out, _ = invoke("new", kind, "brand-new", "--root", root)
    assert code == 0 and "next:" in out
    code, out, _ = invoke("lint", "--root", root)
    assert code == 1 and " C003 error " in out
    folder = {"model": "models", "class": "classes", "provider": "providers"}[kind]
    text = (base / f"catalogue/{folder}/brand-new.yaml").read_text()
    assert text.startswith(f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n")
    assert f"last_reviewed: {datetime.now(UTC).date().isoformat()}" in text and "confidence: low" in text


def test_from_template_to_green(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    root = str(base / "catalogue")
    invoke(
        "new", "model", "acme-large", "--root", root, "--name", "Acme Large", "--provider", "acme", "--class", "chat"
    )
    path = base / "catalogue/models/acme-large.yaml"
    filled = {
        "status": "active",
        "released": "2026-05-01",
        "architecture": "dense",
        "  total": "40000000000",
        "context_window": "65536",
        "max_output_tokens": "8192",
        "knowledge_cutoff": "2025-12",
        "  tool_calling": "true",
        "  structured_output": "false",
        "  reasoning": "false",
        "open_weights": "false",
        "license": "proprietary",
        "  - url": "https://acme.example.org/news/large",
        "    title": "Introducing Acme Large",
    }
    lines = []
    for line in path.read_text().splitlines():
        key = line.split(":", 1)[0]
        lines.append(f"{key}: {filled[key]}" if key in filled and "<FILL IN" in line else line)
    path.write_text("\n".join(lines) + "\n")
    code, out, _ = invoke("lint", "--root", root, "--strict", "--today", datetime.now(UTC).date().isoformat())
    assert code == 0, out


def test_new_refuses_bad_ids_and_overwrites(tmp_path: Path) -> None:
    root = str(fresh_catalogue(tmp_path) / "catalogue")
    assert invoke("new", "model", "Bad.Id", "--root", root)[0] == 2
    assert invoke("new", "model", "acme-small", "--root", root)[0] == 2


def test_show_resolves_references_and_review(tmp_path: Path) -> None:
    root = str(fresh_catalogue(tmp_path) / "catalogue")
    code, out, _ = invoke("show", "Acme S", "--root", root, "--today", "2026-11-28")
    assert code == 0
    assert out.startswith("model acme-small: Acme Small")
    assert "provider: acme (Acme AI)" in out and "slm (Small Models)" in out
    assert re.search(r"last reviewed 2026-11-01 \(27 days ago\), due 2027-04-30", out)
    code, out, _ = invoke("show", "slm", "--root", root)
    assert code == 0 and "members: acme-small" in out


def test_show_unknown_name_exits_2(tmp_path: Path) -> None:
    code, _, err = invoke("show", "nothing-like-it", "--root", str(fresh_catalogue(tmp_path) / "catalogue"))
    assert code == 2 and "no entry is called" in err
