"""The site's builders, without a browser: which files a build makes, escaping, the class pages'
architecture comparison, the routing page only when there are recipes, and the command."""

from __future__ import annotations

import copy
import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from llm_class_catalogue.cli import cli
from llm_class_catalogue.outputs.site.build import site
from llm_class_catalogue.outputs.site.html import Options, short_name
from llm_class_catalogue.outputs.site.model_page import review_due

REPO = Path(__file__).resolve().parent.parent
OPTIONS = Options(date(2026, 12, 2), {"high": 180, "medium": 120, "low": 60}, "owner/repo")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return json.loads((REPO / "export/v2/catalogue.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def files(document: dict[str, Any]) -> dict[str, str]:
    return site(document, {}, OPTIONS)


def test_a_page_per_model_and_class_and_the_assets(files: dict[str, str], document: dict[str, Any]) -> None:
    assert {f"model/{m['id']}.html" for m in document["models"]} <= set(files)
    assert {f"class/{c['id']}.html" for c in document["classes"]} <= set(files)
    assert {"index.html", "models.html", "compare.html", "data/models.js", "assets/table.js"} <= set(files)


def test_nothing_is_loaded_from_another_host(files: dict[str, str]) -> None:
    for name, text in files.items():
        if name.endswith(".html"):
            loads = re.findall(r'<(?:script|link|img|iframe)[^>]*(?:src|href)="([^"]+)"', text)
            assert all(not re.match(r"[a-z]+:", url) or url == "data:," for url in loads), name


def test_home_draws_every_class_with_its_member_count(files: dict[str, str], document: dict[str, Any]) -> None:
    home = files["index.html"]
    svg = home.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count("<rect") == len(document["classes"]) + len({c["facet"] for c in document["classes"]})
    for klass in document["classes"]:
        assert f">{len(klass['members']):,}</text>" in svg
    assert "When not to use it" in home and "Typical use cases" in home


def test_text_from_the_data_is_escaped(document: dict[str, Any]) -> None:
    hostile = copy.deepcopy(document)
    model = hostile["models"][0]
    model["name"] = '<script>alert("x")</script>'
    model["facts"]["context_window"]["note"] = "</script><img src=x onerror=alert(1)>"
    built = site(hostile, {}, OPTIONS)
    page = built[f"model/{model['id']}.html"]
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)" in page
    assert "<img src=x" not in page
    assert "</script><img" not in built["data/models.js"]


def test_class_page_counts_no_vae_among_language_models(files: dict[str, str]) -> None:
    vae = files["class/vae.html"]
    table = vae.split('id="architectures"', 1)[1]
    assert "Not disclosed" not in table and "not language models" in table
    moe = files["class/moe.html"].split('id="architectures"', 1)[1]
    assert "Mixture of experts" in moe


def test_retired_members_are_marked_on_class_pages(files: dict[str, str], document: dict[str, Any]) -> None:
    retired = next(m for m in document["models"] if m["status"] == "retired")
    page = files[f"class/{retired['classes'][0]}.html"]
    item = page.split(f'model/{retired["id"]}.html"', 1)[1].split("</li>", 1)[0]
    assert "status-retired" in item


def test_routing_page_only_with_recipes(files: dict[str, str], document: dict[str, Any]) -> None:
    assert "routing.html" not in files and 'href="routing.html"' not in files["index.html"]
    recipe = {
        "use_case": "Cheap chat",
        "answer": {"model": "gpt-4o", "why": "<b>cheap</b>"},
        "ranked": [{"model": "bge-m3"}],
    }
    built = site(document, {"cheap-chat": recipe}, OPTIONS)
    page = built["routing.html"]
    assert "<h2" in page and "Cheap chat" in page and 'href="model/gpt-4o.html"' in page
    assert "&lt;b&gt;cheap" in page and 'href="routing.html"' in built["index.html"]


@pytest.mark.parametrize(
    ("reviewed", "level", "standing"),
    [
        ("2026-12-02", "high", "due in 180 days"),
        ("2026-06-01", "high", "overdue by 4 days"),
        ("2026-10-03", "low", "due today"),
    ],
)
def test_review_due(reviewed: str, level: str, standing: str) -> None:
    assert review_due(reviewed, level, OPTIONS)[1] == standing


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Mixture of Experts (MoE)", "MoE"),
        ("Chat & Conversational Models", "Chat"),
        ("Vision-Language Models (Multimodal)", "Vision-Language"),
    ],
)
def test_badge_names(name: str, short: str) -> None:
    assert short_name(name) == short


def test_command_builds_and_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    shutil.copytree(REPO / "catalogue", tmp_path / "catalogue")
    out = tmp_path / "out"
    args = ["site", "--root", str(tmp_path / "catalogue"), "-o", str(out), "--today", "2026-12-02"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    (out / "model/stale.html").write_text("left from an older build")
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0 and not (out / "model/stale.html").exists()
    assert (
        "owner/repo" not in (out / "model/gpt-4o.html").read_text()
        and "catalogue/models/gpt-4o.yaml" in (out / "model/gpt-4o.html").read_text()
    )
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    refused = CliRunner().invoke(cli, ["site", "--root", str(tmp_path / "catalogue"), "-o", str(foreign)])
    assert refused.exit_code == 2 and (foreign / "notes.txt").exists()
