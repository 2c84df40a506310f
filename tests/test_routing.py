"""`catalogue select`, `plan`, `check-config`, the committed routing answers, and the stdlib reader they
share: the five queries of the issue answered on the committed export, CLI and library in agreement."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from llm_class_catalogue import reader
from llm_class_catalogue.cli import cli
from llm_class_catalogue.model.facts import FACTS
from llm_class_catalogue.model.ruletable import RULES, Where

REPO = Path(__file__).resolve().parent.parent
EXPORT = REPO / "export/v2/catalogue.json"
TODAY = "2026-12-05"
CATALOGUE = reader.load(EXPORT)
CONFIGS = REPO / "tests/fixtures/config"

# The five queries, as library keywords and as CLI flags.
QUERIES = {
    "reasoning, tools, 200k, cheapest at 30k/4k": (
        dict(classes=["reasoning"], needs=["tools"], min_context=200000, tokens="30000:4000", sort="cost"),
        ["--class", "reasoning", "--needs", "tools", "--min-context", "200000", "--tokens", "30000:4000"],
    ),
    "chat, tools, under $2 out": (
        dict(classes=["chat"], needs=["tools"], max_price_out=2),
        ["--class", "chat", "--needs", "tools", "--max-price-out", "2"],
    ),
    "open weights under 4B, 32k, permissive": (
        dict(open_weights=True, max_params="4B", min_context=32000, license=["permissive"]),
        ["--open-weights", "--max-params", "4B", "--min-context", "32000", "--license", "permissive"],
    ),
    "open embedding, <=1024 dims, >=8k input": (
        dict(classes=["embedding"], open_weights=True, max_dimensions=1024, min_embedding_input=8000),
        ["--class", "embedding", "--open-weights", "--max-dimensions", "1024", "--min-embedding-input", "8k"],
    ),
    "1M context, cheapest at 500k/2k": (
        dict(min_context=1000000, tokens="500000:2000", sort="cost"),
        ["--min-context", "1M", "--tokens", "500000:2000", "--sort", "cost"],
    ),
}
FIRST = {
    "reasoning, tools, 200k, cheapest at 30k/4k": ["gemma-4-26b-a4b", "gemma-4-31b", "claude-haiku-5-5", "gpt-6-luna"],
    "chat, tools, under $2 out": ["gpt-6-luna", "claude-haiku-5-5", "deepseek-v4-1-flash"],
    "open weights under 4B, 32k, permissive": ["ministral-3-3b", "phi-3-5-mini"],
    "open embedding, <=1024 dims, >=8k input": ["bge-m3"],
    "1M context, cheapest at 500k/2k": ["qwen3-8-flash", "gpt-6-luna", "deepseek-v4-1-flash"],
}


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout


def test_reader_imports_without_pyyaml_jsonschema_or_click() -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('yaml', 'jsonschema', 'click', 'referencing'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from llm_class_catalogue import reader\n"
        f"print(len(reader.load({str(EXPORT)!r}).select(classes=['embedding']).results))\n"
        "print(sorted(m for m in sys.modules if m.startswith('llm_class_catalogue')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert int(out[0]) > 0
    assert out[1] == "['llm_class_catalogue', 'llm_class_catalogue.reader']"


def test_the_readers_fact_names_are_the_fact_table() -> None:
    assert reader.FACT_PATHS == {fact.path: fact.export for fact in FACTS}


@pytest.mark.parametrize("name", QUERIES)
def test_the_five_queries_on_the_committed_export(name: str) -> None:
    chosen = CATALOGUE.select(today=TODAY, **QUERIES[name][0])
    assert chosen.ids[: len(FIRST[name])] == FIRST[name]
    for result in chosen.results:
        assert result.model.available and (result.offering is None or result.offering.available)
        decided = {fact.name: fact for fact in result.facts}
        assert all(fact.value is not None and fact.reviewed for name, fact in decided.items() if name != "classes")
        assert any(fact.sources for fact in result.facts)


@pytest.mark.parametrize("name", QUERIES)
def test_cli_and_library_agree(name: str) -> None:
    keywords, flags = QUERIES[name]
    code, out = invoke("select", "--export", str(EXPORT), "--today", TODAY, "--format", "json", *flags)
    answer = json.loads(out)
    chosen = CATALOGUE.select(today=TODAY, **keywords)
    assert code == 0
    expected = json.loads(json.dumps(chosen.to_json()))
    assert answer.pop("query")["min_context" if "min_context" in keywords else "classes"]
    expected.pop("query")
    assert answer == expected
    assert answer["content_hash"] == CATALOGUE.content_hash and answer["schema_version"].startswith("2.")
    first = answer["results"][0]
    assert first["id"] == FIRST[name][0] and all("sources" in fact for fact in first["facts"].values())
    if "--tokens" in flags:
        assert first["estimated_cost_usd"] is not None and first["offering"]["api_id"]


def test_unknowns_are_apart_with_the_missing_facts_and_are_not_matches() -> None:
    chosen = CATALOGUE.select(**QUERIES["open weights under 4B, 32k, permissive"][0])
    unknown = {u.id: u.missing for u in chosen.unknown}
    assert unknown["mamba2-2-7b"] == ("context_window",)
    assert "mamba2-2-7b" not in chosen.ids
    assert CATALOGUE.select(unknown="exclude", open_weights=True, max_params=4 * 10**9).unknown == ()
    included = CATALOGUE.select(unknown="include", open_weights=True, max_params=4 * 10**9, min_context=32000)
    assert included.results[-1].missing
    code, out = invoke(
        "select",
        "--export",
        str(EXPORT),
        "--format",
        "json",
        "--where",
        '{"fact": "context_window", "equals": 1}',
        "--open-weights",
        "--max-params",
        "4B",
    )
    assert code == 1 and json.loads(out)["results"] == [] and json.loads(out)["unknown"]


def test_unverified_and_retired_are_never_returned() -> None:
    chosen = CATALOGUE.select()
    assert not {"o2-preview", "claude-sonnet-4-7", "gpt-4", "claude-3-opus"} & set(chosen.ids)
    assert chosen.excluded["unverified"] == 3


@pytest.mark.parametrize(
    ("flags", "code"),
    [
        (["--class", "embedding"], 0),
        (["--min-context", "999999999"], 1),
        (["--sort", "cost"], 2),
        (["--class", "reasonin"], 2),
        (["--needs", "telepathy"], 2),
        (["--tokens", "30000"], 2),
        (["--where", '{"fact": "colour", "equals": 1}'], 2),
    ],
)
def test_exit_codes(flags: list[str], code: int) -> None:
    assert invoke("select", "--export", str(EXPORT), *flags)[0] == code


@pytest.mark.parametrize(
    ("tokens", "cost"),
    [
        ("30000:4000", 0.005),  # 30k x 0.10 + 4k x 0.50
        ("30000:4000:20000", 0.0032),  # 10k x 0.10 + 20k x 0.01 (cache reads) + 4k x 0.50
        ("200000:1000", 0.1025),  # above 100k: every token at the higher band (0.50 / 2.50)
    ],
)
def test_cost_at_a_token_mix(tokens: str, cost: float) -> None:
    chosen = CATALOGUE.select(tokens=tokens, host=["anthropic"], classes=["chat"], sort="cost")
    haiku = next(r for r in chosen.results if r.id == "claude-haiku-5-5")
    assert haiku.estimated_cost_usd == pytest.approx(cost)


def test_as_of_reads_the_price_history() -> None:
    def sonnet(**keywords: object) -> reader.Result:
        chosen = CATALOGUE.select(host=["anthropic"], tokens="10000:0:10000", **keywords)
        return next(r for r in chosen.results if r.id == "claude-sonnet-5-5")

    assert sonnet().estimated_cost_usd == pytest.approx(0.001)  # cache reads at 0.10
    assert sonnet(as_of="2026-10-01").estimated_cost_usd == pytest.approx(0.002)  # at 0.20 before 2026-10-07


def test_warnings_name_retirement_and_successor() -> None:
    chosen = CATALOGUE.select(classes=["audio"], host=["openai"], tokens="1000:1000", today=TODAY)
    gpt4o = next(r for r in chosen.results if r.id == "gpt-4o")
    assert any("retires on 2027-01-14" in w and "gpt-6-luna" in w for w in gpt4o.warnings)
    assert any(w.startswith("price checked 3 days ago") for w in gpt4o.warnings)
    assert CATALOGUE.select(classes=["audio"], not_retiring_within=60, today=TODAY).ids.count("gpt-4o") == 0


@pytest.mark.parametrize("recipe", ["agentic-workflow", "on-device", "rag"])
def test_plan_fills_every_role(recipe: str) -> None:
    code, out = invoke("plan", recipe, "--root", str(REPO / "catalogue"), "--format", "json")
    roles = json.loads(out)
    data = json.loads((REPO / f"export/routes/{recipe}.json").read_text(encoding="utf-8"))
    assert code == 0 and set(roles) == set(data["roles"])
    for role, answer in roles.items():
        assert answer["chosen"] == data["roles"][role]["chosen"][0]["id"]
    code, out = invoke("plan", recipe, "--root", str(REPO / "catalogue"), "--format", "litellm")
    assert code == 0 and out.startswith("model_list:\n")


def test_a_price_change_changes_the_committed_answer(tmp_path: Path) -> None:
    base = tmp_path / "repo"
    for folder in ("catalogue", "export", "docs"):
        shutil.copytree(REPO / folder, base / folder)
    shutil.copytree(REPO / "schema", base / "schema")
    offering = base / "catalogue/offerings/claude-haiku-5-5--anthropic.yaml"
    text = offering.read_text(encoding="utf-8")
    assert "\n  input: 0.1\n" in text
    offering.write_text(text.replace("\n  input: 0.1\n", "\n  input: 0.2\n", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["publish", "--check", "--root", str(base / "catalogue"), "--today", TODAY])
    assert result.exit_code == 1
    assert re.search(r"export/routes/agentic-workflow\.json: out of date", result.stderr)


def _expected(path: Path) -> list[tuple[str, int]]:
    header = path.read_text(encoding="utf-8").split("\n")[0]
    return sorted((code, int(line)) for code, line in re.findall(r"([A-Z]\d{3}):(\d+)", header))


CONFIG_CASES = sorted(path.name for path in CONFIGS.iterdir())


@pytest.mark.parametrize("case", CONFIG_CASES)
def test_check_config_reports_each_problem_at_its_line(case: str) -> None:
    code, out = invoke(
        "check-config", str(CONFIGS / case), "--export", str(EXPORT), "--today", TODAY, "--format", "json"
    )
    found = sorted((d["code"], d["line"]) for d in json.loads(out))
    assert found == _expected(CONFIGS / case)
    assert code == (1 if any(c != "K004" for c, _ in found) else 0)


def test_every_config_rule_has_a_fixture_and_every_report_format_works() -> None:
    covered = {code for case in CONFIG_CASES for code, _ in _expected(CONFIGS / case)}
    assert {rule.code for rule in RULES if rule.where is Where.CONFIG} == covered
    sample = str(CONFIGS / "sample-litellm-config.yaml")
    for output_format in ("text", "github", "sarif"):
        code, out = invoke("check-config", sample, "--export", str(EXPORT), "--today", TODAY, "--format", output_format)
        assert code == 1 and "K001" in out
    assert "did you mean `gpt-6-luna`?" in invoke("check-config", sample, "--export", str(EXPORT))[1]
