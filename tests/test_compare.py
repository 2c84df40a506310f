"""`catalogue compare`: peer files in each format, each classification, the allow-list, bad files, and a
run against the model map the installed litellm package bundles."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import litellm
import pytest
from click.testing import CliRunner
from llm_class_catalogue.cli import cli
from llm_class_catalogue.peers import classify, compare, models_dev
from llm_class_catalogue.peers.codes import CODES

REPO = Path(__file__).resolve().parent.parent
PEERS = REPO / "tests/fixtures/peers"
BUNDLED = Path(os.path.dirname(litellm.__file__)) / "model_prices_and_context_window_backup.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed catalogue without its allow-list, so that every finding shows."""
    base = tmp_path_factory.mktemp("repo")
    shutil.copytree(REPO / "catalogue", base / "catalogue")
    return base


def findings(base: Path, *args: str) -> tuple[int, list[dict[str, Any]], str]:
    code, out, err = run("compare", "--root", str(base / "catalogue"), "--format", "json", *args)
    return code, json.loads(out)["findings"] if out else [], err


def found(items: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(f["code"], f["model"], f["fact"]) for f in items}


@pytest.mark.parametrize(
    ("kind", "ours", "theirs", "expected"),
    [
        ("tokens", 128000, 128000, None),
        ("tokens", 128000, 131072, "within-rounding"),
        ("tokens", 1000000, 1048576, "within-rounding"),
        ("tokens", 8192, 8191, "within-rounding"),
        ("tokens", 131072, 128000, "ours-more-precise"),
        ("tokens", 1048576, 1000000, "ours-more-precise"),
        ("tokens", 131072, 131000, "ours-more-precise"),
        ("tokens", 1050000, 1000000, "real-conflict"),
        ("tokens", 256000, 131072, "real-conflict"),
        ("price", 2.5, 2.5, None),
        ("price", 1.25, 1.2501, "within-rounding"),
        ("price", 0.08, 0.075, "within-rounding"),
        ("price", 0.075, 0.08, "ours-more-precise"),
        ("price", 0.044, 0.04, "ours-more-precise"),
        ("price", 1.36, 0.7, "real-conflict"),
        ("price", 2.5, 3, "real-conflict"),
        ("day", "2026-04-24", "2026-04", "ours-more-precise"),
        ("day", "2026-04", "2026-04-24", "within-rounding"),
        ("day", "2026-04-24", "2026-04-23", "real-conflict"),
        ("flag", True, True, None),
        ("flag", True, False, "real-conflict"),
    ],
)
def test_classification(kind: str, ours: Any, theirs: Any, expected: str | None) -> None:
    code = classify.classify(kind, ours, theirs)
    assert (code.name if code else None) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("mistral/mistral-large-2512", "mistral-large"),
        ("claude-opus-4-5-20251101", "claude-opus-4-5"),
        ("gemini/deep-research-preview-04-2026", "deep-research-preview"),
        ("openai/gpt-5.5:free", "gpt-5-5"),
    ],
)
def test_names_are_normalised_for_not_catalogued(name: str, expected: str) -> None:
    assert compare.normalised(name) == expected


def test_litellm_fixture_covers_each_classification(copy: Path) -> None:
    code, items, err = findings(copy, "--litellm", str(PEERS / "litellm.json"))
    assert code == 1
    got = found(items)
    assert ("P001", "gpt-5-5", "price.output") in got  # 31 against our 30, by recorded peer id
    assert ("P001", "gpt-5-5", "reasoning") in got
    assert ("P002", "gpt-5-5", "max_input_tokens") in got  # 922,000 + 128,000 output = our 1,050,000 window
    assert ("P002", "claude-haiku-5-5", "max_output_tokens") in got  # the entry is for bedrock
    assert ("P003", "gpt-4o", "max_input_tokens") in got  # 131072 against our 128000 window
    assert ("P004", "gpt-4o", "max_output_tokens") in got  # our 16384 against 16000
    assert ("P005", "o9-imaginary", "model") in got  # and its dated snapshot is the same model
    assert not any(f["model"] == "dall-e-9" for f in items)  # not a language model
    assert ("P006", "gpt-6-2-astra", "peer_ids") in got
    assert not any(f["fact"] == "price.cache_read" and f["model"] == "gpt-5-5" for f in items)  # 0 is "unknown"
    assert not any(f["fact"] == "price.input" and f["model"] == "gpt-4o" for f in items)  # "2.5e-06" is 2.5
    weak = next(f for f in items if f["model"] == "gpt-4o")
    assert weak["match"] == "name" and "matched by name only" in weak["message"]
    assert "broken-entry" in err and "skipped" in err


def test_models_dev_api_json_and_tree(copy: Path) -> None:
    code, items, _ = findings(copy, "--models-dev", str(PEERS / "models-dev-api.json"))
    assert code == 1
    got = found(items)
    assert ("P001", "deepseek-v4-pro", "input.image") in got
    assert ("P004", "deepseek-v4-pro", "released") in got  # 2026-04-24 against 2026-04
    assert ("P004", "deepseek-v4-pro", "price.cache_read") in got  # 0.044 against 0.04
    assert ("P003", "glm-4-6", "context_window") in got  # 200000 against 204800
    assert ("P005", "gpt-9-imaginary", "model") in got
    assert not any(f["model"] == "gpt-4o" for f in items)  # matched by name, and agrees
    _, tree, _ = findings(copy, "--models-dev", str(PEERS / "models-dev-tree"))
    of_deepseek = {k[:3] for k in found(items) if k[1] == "deepseek-v4-pro"}
    assert {k for k in found(tree) if k[1] == "deepseek-v4-pro"} == of_deepseek
    place = next(f["peer_place"] for f in tree if f["fact"] == "released")
    assert place == "models-dev-tree models/deepseek/deepseek-v4-pro.toml release_date"  # from the base model


def test_openrouter_fixture(copy: Path) -> None:
    code, items, err = findings(copy, "--openrouter", str(PEERS / "openrouter.json"))
    assert code == 1
    got = found(items)
    assert ("P001", "gpt-4o", "input.pdf") in got  # "file" input, which our offering does not list
    assert ("P003", "deepseek-v4-pro", "context_window") in got
    assert not any(f["model"] == "auto" for f in items)  # "-1" prices say nothing
    assert "data[5]" in err


def test_no_findings_exits_0(copy: Path, tmp_path: Path) -> None:
    recorded = json.loads((REPO / "export/v2/catalogue.json").read_text(encoding="utf-8"))["offerings"]
    ids = {o["peer_ids"]["openrouter"] for o in recorded if o["peer_ids"]["openrouter"]} - {"openai/gpt-4o"}
    agreeing = {"data": [{"id": "openai/gpt-4o", "context_length": 128000}, *({"id": i} for i in sorted(ids))]}
    (tmp_path / "or.json").write_text(json.dumps(agreeing), encoding="utf-8")
    code, out, _ = run("compare", "--root", str(copy / "catalogue"), "--openrouter", str(tmp_path / "or.json"))
    assert code == 0, out
    assert "0 findings" in out


def test_every_finding_names_both_values_and_places(copy: Path) -> None:
    _, items, _ = findings(
        copy,
        "--litellm", str(PEERS / "litellm.json"),
        "--models-dev", str(PEERS / "models-dev-api.json"),
        "--openrouter", str(PEERS / "openrouter.json"),
    )  # fmt: skip
    assert {f["peer_name"] for f in items} == {"litellm", "models_dev", "openrouter"}
    for finding in items:
        assert {"code", "model", "fact", "ours", "peer"} <= finding.keys()
        if finding["code"] in ("P001", "P002", "P003", "P004"):
            assert finding["ours"] is not None and finding["peer"] is not None
            assert finding["ours_place"].startswith("catalogue/") and finding["peer_place"]
            assert finding["ours_reviewed"] and finding["ours_confidence"]


def test_formats(copy: Path) -> None:
    args = ("compare", "--root", str(copy / "catalogue"), "--litellm", str(PEERS / "litellm.json"))
    _, markdown, err = run(*args, "--format", "markdown")
    assert markdown.startswith("## Catalogue against its peers")
    assert "### P001 real-conflict" in markdown and "| peer | model |" in markdown
    assert "findings" in err  # the summary goes to stderr, stdout is the report alone
    _, text, _ = run(*args)
    assert "P001 real-conflict [litellm] gpt-5-5: price.output: ours 30, litellm 31" in text
    assert "    ours: catalogue/offerings/gpt-5-5--openai.yaml pricing.output (" in text


def allowlist(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"allow": items}), encoding="utf-8")  # JSON is YAML
    return path


def test_allow_list_quiets_a_settled_finding_until_a_side_changes(copy: Path, tmp_path: Path) -> None:
    item = {
        "code": "P001", "peer_name": "litellm", "model": "gpt-5-5", "offering": "gpt-5-5--openai",
        "fact": "price.output", "ours": 30, "peer": 31, "reason": "OpenAI's pricing page gives $30 per 1M output.",
    }  # fmt: skip
    base = ("--litellm", str(PEERS / "litellm.json"), "--allowlist")
    _, items, err = findings(copy, *base, str(allowlist(tmp_path / "a.yaml", [item])))
    assert ("P001", "gpt-5-5", "price.output") not in found(items)
    assert "1 allowed by the allow-list" in err
    _, items, _ = findings(copy, *base, str(allowlist(tmp_path / "b.yaml", [{**item, "peer": 29}])))
    assert ("P001", "gpt-5-5", "price.output") in found(items)  # the peer changed: back
    assert ("P007", "gpt-5-5", "price.output") in found(items)  # and the item is stale
    _, items, _ = findings(
        copy, "--openrouter", str(PEERS / "openrouter.json"), "--allowlist", str(tmp_path / "b.yaml")
    )
    assert not any(f["code"] == "P007" for f in items)  # a litellm item is not judged by an OpenRouter run


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"allow": [{"code": "P001"}]}', "required property"),
        (
            "allow:\n  - code: P001\n    peer_name: litellm\n    model: x\n"
            "    fact: price.input\n    ours: 1\n    peer: 2\n",
            "reason",
        ),
        ("allow: [\n", "bad.yaml:2: YAML syntax error"),
    ],
)
def test_a_bad_allow_list_is_one_line_and_exit_2(copy: Path, tmp_path: Path, text: str, words: str) -> None:
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    code, _, err = run(
        "compare", "--root", str(copy / "catalogue"), "--litellm", str(PEERS / "litellm.json"),
        "--allowlist", str(tmp_path / "bad.yaml"),
    )  # fmt: skip
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith("catalogue: error:")
    assert words in err


@pytest.mark.parametrize(
    ("option", "content", "words"),
    [
        ("--litellm", None, "no such file"),
        ("--litellm", b"", "empty"),
        ("--litellm", (PEERS / "litellm.json").read_bytes()[:300], "truncated download"),
        ("--litellm", b"[1, 2]", "expected an object"),
        ("--litellm", b"{}", "holds no models"),
        ("--litellm", b"\xff\xfe{", "not UTF-8"),
        ("--models-dev", b'{"openai": 3}', "holds no models"),
        ("--models-dev", b"[" * 100000, "nested too deeply"),
        ("--models-dev", b'{"openai": {"models": {}},}', "not valid JSON: Expecting"),
        ("--openrouter", b'{"models": []}', 'expected {"data": [...]}'),
    ],
)
def test_a_bad_peer_file_is_one_line_and_exit_2(
    copy: Path, tmp_path: Path, option: str, content: bytes | None, words: str
) -> None:
    path = tmp_path / "peer.json"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run("compare", "--root", str(copy / "catalogue"), option, str(path))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("catalogue: error:") and words in err, err


def test_an_empty_models_dev_folder_is_exit_2(copy: Path, tmp_path: Path) -> None:
    code, _, err = run("compare", "--root", str(copy / "catalogue"), "--models-dev", str(tmp_path))
    assert code == 2 and "no providers/<provider>/models/*.toml" in err


def test_a_broken_toml_file_in_the_tree_is_skipped_not_fatal(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(PEERS / "models-dev-tree", tree)
    (tree / "providers/deepseek/models/broken.toml").write_text("limit = [", encoding="utf-8")
    peer = models_dev.read(str(tree), "tree")
    assert "deepseek/deepseek-v4-pro" in peer.entries
    assert any("broken.toml" in note for note in peer.skipped)


def test_without_a_peer_it_is_a_usage_error(copy: Path) -> None:
    code, _, err = run("compare", "--root", str(copy / "catalogue"))
    assert code == 2 and "at least one peer file" in err


def test_against_the_model_map_litellm_bundles() -> None:
    """The real map: no crash, and the offerings that record a LiteLLM id are matched through it."""
    code, out, err = run("compare", "--root", str(REPO / "catalogue"), "--litellm", str(BUNDLED), "--format", "json")
    assert code in (0, 1), err
    report = json.loads(out)
    (litellm_run,) = report["peers"]
    assert litellm_run["entries"] > 1000
    recorded = sum(
        1
        for path in (REPO / "catalogue/offerings").glob("*.yaml")
        if "\n  litellm: " in path.read_text(encoding="utf-8")
    )
    missing = sum(1 for f in report["findings"] if f["code"] == "P006")
    assert litellm_run["matched_by_peer_id"] + missing == recorded
    assert litellm_run["matched_by_peer_id"] >= recorded // 2
    assert litellm_run["matched_by_name"] >= 10
    for finding in report["findings"]:
        if finding["code"] in ("P001", "P002", "P003", "P004"):
            assert finding["ours_place"] and finding["peer_place"] and finding["peer"] is not None


def test_readme_lists_every_compare_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [code.code for code in CODES if f"| {code.code} {code.name} |" not in readme]
    assert not missing, f"README's compare table lacks {missing}"


def test_the_committed_allow_list_is_valid_and_every_item_has_a_reason() -> None:
    from llm_class_catalogue.peers import allowlist as allow

    items = allow.load(REPO / allow.ALLOWLIST, required=True)
    assert items and all(len(item.reason) >= 10 for item in items)
