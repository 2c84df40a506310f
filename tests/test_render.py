"""The page regenerated from the data: every class, the diagram, the table and the reasoning section."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from llm_class_catalogue.cli import cli
from llm_class_catalogue.outputs.render import compact, criteria_text

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    base = tmp_path_factory.mktemp("repo")
    shutil.copytree(REPO / "catalogue", base / "catalogue")
    result = CliRunner().invoke(cli, ["render", "--root", str(base / "catalogue"), "-o", "-"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_all_twelve_classes_in_order(page: str) -> None:
    numbers = [int(n) for n in re.findall(r"^## (\d+)\. ", page, flags=re.MULTILINE)]
    assert numbers == list(range(1, 13))


def test_mermaid_diagram_groups_classes_by_facet(page: str) -> None:
    block = page.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block.startswith("flowchart")
    assert block.count("subgraph") == 5 and len(re.findall(r'\["\d+\. ', block)) == 12


def test_architecture_table_and_reasoning_section(page: str) -> None:
    assert "| Architecture | Models | Total parameters |" in page
    assert "| Mixture of experts |" in page and "| State space (SSM) |" in page
    assert "## Reasoning-native models" in page


def test_unverified_models_are_not_listed_as_members(page: str) -> None:
    chat = page.split("## 2. ", 1)[0].split("## 1. ", 1)[1]
    models_line = next(line for line in chat.splitlines() if line.startswith("- **Models:**"))
    export = json.loads((REPO / "export/catalogue.json").read_text())
    unverified = [m["name"] for m in export["models"] if m["status"] == "unverified" and "chat" in m["classes"]]
    assert unverified and all(f"[{name}]" not in models_line for name in unverified)


@pytest.mark.parametrize(
    ("criterion", "text"),
    [
        ({"fact": "context_window", "at_least": 100000}, "context window at least 100K"),
        ({"fact": "parameters.total", "less_than": 10000000000}, "total parameters below 10B"),
        (
            {"any": [{"fact": "architecture", "equals": "moe"}, {"fact": "sparse", "equals": True}]},
            "architecture is `moe` or fewer active than total parameters",
        ),
        ({"fact": "architecture", "in": ["ssm", "hybrid"]}, "architecture is one of `ssm`, `hybrid`"),
    ],
)
def test_criteria_read_as_words(criterion: dict, text: str) -> None:
    assert criteria_text(criterion) == text


@pytest.mark.parametrize(("number", "text"), [(1230000000, "1.23B"), (128000, "128K"), (7, "7"), (10**13, "10T")])
def test_compact_numbers(number: int, text: str) -> None:
    assert compact(number) == text


def _export_models() -> list[dict]:
    return json.loads((REPO / "export/catalogue.json").read_text(encoding="utf-8"))["models"]


def test_models_link_to_their_entries_not_to_a_first_source(page: str) -> None:
    for model in _export_models():
        if model["status"] != "unverified":
            assert f"[{model['name']}](../catalogue/models/{model['id']}.yaml)" in page, model["id"]
    assert "([Anthropic](../catalogue/providers/anthropic.yaml)" in page


def test_retired_models_are_marked(page: str) -> None:
    retired = [m for m in _export_models() if m["status"] == "retired"]
    assert retired
    for model in retired:
        assert re.search(rf"\[{re.escape(model['name'])}\]\([^)]*\) \(\[[^]]*\]\([^)]*\), retired\)", page), model["id"]
    active = next(m for m in _export_models() if m["status"] == "active")
    assert not re.search(rf"\[{re.escape(active['name'])}\]\([^)]*\) \([^)]*\), retired\)", page)


def test_not_disclosed_row_counts_no_vae(page: str) -> None:
    table = page.split("## Architectures compared", 1)[1].split("\n## ", 1)[0]
    rows = {line.split(" | ")[0].strip("| "): line for line in table.splitlines() if line.startswith("| ")}
    vaes = [m for m in _export_models() if "vae" in m["classes"]]
    language = [m for m in _export_models() if m["status"] != "unverified" and "vae" not in m["classes"]]
    undisclosed = [m for m in language if (m["facts"]["architecture"]["value"] or "unknown") == "unknown"]
    assert vaes and int(rows["Not disclosed"].split(" | ")[1]) == len(undisclosed)
    assert all(m["name"] not in rows["Not disclosed"] for m in vaes)
    counted = [int(line.split(" | ")[1]) for name, line in rows.items() if name not in ("Architecture", "---")]
    assert sum(counted) == len(language)
