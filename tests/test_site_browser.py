"""The site in a real browser: Chromium through Playwright against the built site on 127.0.0.1.

Filters, search, sort and shared URLs change the rows as the data says; pages raise no console error
and request nothing from another host; axe-core finds no serious violation; screenshots at desktop
and phone widths are written to $CATALOGUE_SCREENSHOTS (default build/screenshots/).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import Watch, browser, chromium, serve
from click.testing import CliRunner
from llm_class_catalogue.cli import cli

REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = Path(os.environ.get("CATALOGUE_SCREENSHOTS", REPO / "build/screenshots"))
VISIBLE = ("active", "preview", "deprecated")  # what the table shows before any status is ticked
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

if chromium() is None:
    # A missing browser fails the tests (a skip would pass them untested): the install script brings it.
    raise RuntimeError("the site tests need Chromium: run ./scripts/install-test-deps.sh (apt-get install -y chromium)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("repo")
    shutil.copytree(REPO / "catalogue", base / "catalogue")
    out = base / "site"
    result = CliRunner().invoke(
        cli,
        ["site", "--root", str(base / "catalogue"), "-o", str(out), "--today", "2026-12-02", "--repository", "o/r"],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def data(built: Path) -> dict[str, Any]:
    text = (built / "data/models.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("window.CATALOGUE = ").removesuffix(";\n"))


@pytest.fixture(scope="module")
def base_url(built: Path) -> Iterator[str]:
    with serve(built) as url:
        yield url


@pytest.fixture(scope="module")
def chrome() -> Iterator[Any]:
    with browser() as launched:
        yield launched


@pytest.fixture
def watch() -> Iterator[Watch]:
    """Every test's pages: no console error and no request off 127.0.0.1, checked after the test."""
    found = Watch()
    yield found
    assert found.errors == []
    assert found.outside == []


def open_page(chrome: Any, watch: Watch, url: str, size: str = "desktop") -> Any:
    page = watch.attach(chrome.new_page(viewport=SIZES[size]))
    page.goto(url)
    return page


def table(chrome: Any, watch: Watch, url: str) -> Any:
    page = open_page(chrome, watch, url)
    page.wait_for_selector("html[data-ready=models]")
    return page


def row_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#models tbody tr", "rows => rows.map(r => r.dataset.id)")


def expected(data: dict[str, Any], test: Any, statuses: tuple[str, ...] = VISIBLE) -> set[str]:
    return {m["i"] for m in data["models"] if m["s"] in statuses and test(m)}


def test_default_view_hides_retired_and_unverified(chrome: Any, watch: Watch, base_url: str, data: dict) -> None:
    page = table(chrome, watch, base_url + "models.html")
    assert set(row_ids(page)) == expected(data, lambda m: True)
    assert page.inner_text("#count").startswith(f"Showing {len(expected(data, lambda m: True))} of")
    page.check("input[name=status][value=retired]")
    retired = expected(data, lambda m: m["s"] == "retired", ("retired",))
    assert retired and retired <= set(row_ids(page))
    for model_id in retired:
        assert page.inner_text(f'tr[data-id="{model_id}"] .status') == "retired"
        assert "muted" in page.get_attribute(f'tr[data-id="{model_id}"]', "class")


def test_filter_by_class(chrome: Any, watch: Watch, base_url: str, data: dict) -> None:
    page = table(chrome, watch, base_url + "models.html")
    page.select_option("#class", "moe")
    moe = expected(data, lambda m: "moe" in m["c"])
    assert moe and set(row_ids(page)) == moe
    assert "class=moe" in page.url


def test_filter_by_capability(chrome: Any, watch: Watch, base_url: str, data: dict) -> None:
    page = table(chrome, watch, base_url + "models.html")
    page.select_option("#cap", "tools")
    tools = expected(data, lambda m: "tools" in m["k"])
    assert tools and set(row_ids(page)) == tools
    page.select_option("#cap", "vision")
    assert set(row_ids(page)) == expected(data, lambda m: "image" in (m["mi"] or []))


def test_search_narrows_as_one_types(chrome: Any, watch: Watch, base_url: str, data: dict) -> None:
    page = table(chrome, watch, base_url + "models.html")
    before = len(row_ids(page))
    page.locator("#q").press_sequentially("clau")
    names = expected(data, lambda m: "clau" in (m["n"] + " " + m["i"] + " " + m["a"]).lower())
    assert names and set(row_ids(page)) == names and len(names) < before


def test_sort_by_context(chrome: Any, watch: Watch, base_url: str) -> None:
    page = table(chrome, watch, base_url + "models.html")
    page.click("th[data-key=context] button")
    cells = page.eval_on_selector_all("#models tbody td[data-value]", "cells => cells.map(c => c.dataset.value)")
    known = [int(v) for v in cells if v]
    assert known == sorted(known) and all(not v for v in cells[len(known) :])
    assert page.get_attribute("th[data-key=context]", "aria-sort") == "ascending"
    page.click("th[data-key=context] button")
    cells = page.eval_on_selector_all("#models tbody td[data-value]", "cells => cells.map(c => c.dataset.value)")
    known = [int(v) for v in cells if v]
    assert known == sorted(known, reverse=True)
    assert "sort=-context" in page.url


def test_shared_url_restores_the_filters(chrome: Any, watch: Watch, base_url: str, data: dict) -> None:
    page = table(chrome, watch, base_url + "models.html")
    page.select_option("#provider", "anthropic")
    page.check("input[name=status][value=retired]")
    page.fill("#minctx", "100000")
    page.click("th[data-key=reviewed] button")
    shared, rows = page.url, row_ids(page)
    assert rows and set(rows) == expected(
        data, lambda m: m["p"] == "anthropic" and (m["x"] or 0) >= 100000, (*VISIBLE, "retired")
    )
    again = table(chrome, watch, shared)
    assert row_ids(again) == rows
    assert again.input_value("#provider") == "anthropic" and again.input_value("#minctx") == "100000"
    assert again.is_checked("input[name=status][value=retired]")
    assert again.get_attribute("th[data-key=reviewed]", "aria-sort") == "ascending"


def test_keyboard_sorts_and_filters(chrome: Any, watch: Watch, base_url: str) -> None:
    page = table(chrome, watch, base_url + "models.html")
    page.focus("th[data-key=provider] button")
    page.keyboard.press("Enter")
    assert page.get_attribute("th[data-key=provider]", "aria-sort") == "ascending"
    page.focus("#q")
    page.keyboard.type("zzzz-no-such-model")
    assert row_ids(page) == [] and page.inner_text("#count").startswith("Showing 0 of 0")


def test_model_page_shows_sources_and_confidence(chrome: Any, watch: Watch, base_url: str, built: Path) -> None:
    export = json.loads((REPO / "export/v2/catalogue.json").read_text(encoding="utf-8"))
    model = next(m for m in export["models"] if m["id"] == "gpt-4o")
    page = open_page(chrome, watch, base_url + "model/gpt-4o.html")
    assert page.locator("ol.sources > li").count() == len(model["sources"])
    assert page.inner_text("ol.sources > li >> nth=0").startswith(model["sources"][0]["title"])
    window = page.locator("table.facts tr", has_text="Context window")
    assert window.locator(".conf").inner_text() == model["facts"]["context_window"]["confidence"]
    assert f"{model['facts']['context_window']['value']:,}" in window.inner_text()
    backed = [n for n, s in enumerate(model["sources"], 1) if {"context_window"} & set(s["supports"])]
    assert backed and all(window.locator(f'a[href="#source-{n}"]').count() == 1 for n in backed)
    assert "Last reviewed" in page.inner_text("#review + p")
    assert page.get_attribute("text=Edit catalogue/models/gpt-4o.yaml on GitHub", "href") == (
        "https://github.com/o/r/edit/main/catalogue/models/gpt-4o.yaml"
    )


def test_compare_two_models(chrome: Any, watch: Watch, base_url: str) -> None:
    page = open_page(chrome, watch, base_url + "compare.html?m1=gpt-4o&m2=claude-opus-4-5")
    page.wait_for_selector("html[data-ready=compare]")
    assert page.locator("table.compare thead th").count() == 2
    assert "Context window" in page.inner_text("table.compare")


PAGES = ("index.html", "models.html", "model/gpt-4o.html", "class/vae.html", "compare.html?m1=gpt-4o&m2=bge-m3")


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(chrome: Any, watch: Watch, base_url: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(chrome, watch, base_url + path)
    page.wait_for_load_state("load")
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


SHOTS = {"home": "index.html", "models-moe": "models.html?class=moe", "model-gpt-4o": "model/gpt-4o.html"}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", SHOTS)
def test_screenshots(chrome: Any, watch: Watch, base_url: str, name: str, size: str) -> None:
    page = open_page(chrome, watch, base_url + SHOTS[name], size)
    page.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}-{size}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], "the page scrolls sideways (only tables may)"
