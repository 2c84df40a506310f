"""The LiteLLM model map: LiteLLM's names, exact per-token prices, unknown facts left out, and proof with the
real `litellm` package (offline, its bundled map) that it reads back our limits, flags and costs."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from llm_class_catalogue.outputs import litellm_map

REPO = Path(__file__).resolve().parent.parent
EXPORT = json.loads((REPO / "export/v2/catalogue.json").read_text(encoding="utf-8"))
MAP_TEXT = (REPO / litellm_map.PATH).read_text(encoding="utf-8")
MODELS = {model["id"]: model for model in EXPORT["models"]}


@pytest.mark.parametrize(
    ("per_million", "per_token"),
    [(0.012, 1.2e-08), (2.5, 2.5e-06), (0.1, 1e-07), (1.32, 1.32e-06), (0.006, 6e-09), (0, 0.0), (0.375, 3.75e-07)],
)
def test_prices_per_token_are_the_exact_decimals(per_million: float, per_token: float) -> None:
    assert litellm_map.per_token(per_million) == per_token
    assert json.dumps(litellm_map.per_token(per_million)) == json.dumps(per_token)  # no 1.2000000000000002e-08


def offering(**changes: Any) -> dict[str, Any]:
    record = next(item for item in EXPORT["offerings"] if item["id"] == "gpt-6-sol--openai")
    return {**json.loads(json.dumps(record)), **changes}


@pytest.mark.parametrize(
    ("host", "api_id", "recorded", "key"),
    [
        ("openai", "gpt-6-sol", None, "gpt-6-sol"),
        ("anthropic", "claude-x", None, "claude-x"),
        ("google", "gemini-3.8-flash", None, "gemini/gemini-3.8-flash"),
        ("deepseek", "deepseek-flash", None, "deepseek/deepseek-flash"),
        ("mistral", "mistral-small-2603", None, "mistral/mistral-small-2603"),
        ("aws-bedrock", "anthropic.claude-x", None, "anthropic.claude-x"),
        ("mistral", "codestral-embed", "mistral/codestral-embed-2505", "mistral/codestral-embed-2505"),
        ("nowhere", "x", None, None),
    ],
)
def test_keys_are_named_as_litellm_names_them(host: str, api_id: str, recorded: str | None, key: str | None) -> None:
    record = offering(host=host, api_id=api_id, peer_ids={"litellm": recorded, "openrouter": None, "models_dev": None})
    assert litellm_map.key_of(record) == key


def test_unknown_facts_are_left_out_never_false_or_zero() -> None:
    model = json.loads(json.dumps(MODELS["gpt-6-sol"]))
    for fact in ("tool_calling", "parallel_tool_calls", "structured_output", "reasoning"):
        model["facts"][fact]["value"] = None
    record = offering(modalities={"input": ["text"], "output": ["text"]})
    record["limits"]["max_output_tokens"]["value"] = None
    record["pricing"] = {**record["pricing"], "cache_write": None, "output": None, "tiers": []}
    entry = litellm_map.entry(record, model, litellm_map.HOSTS["openai"])
    absent = {
        "supports_function_calling",
        "supports_parallel_function_calling",
        "supports_response_schema",
        "supports_reasoning",
        "supports_vision",
        "supports_pdf_input",
        "max_output_tokens",
        "cache_creation_input_token_cost",
        "output_cost_per_token",
    }
    assert not absent & set(entry), absent & set(entry)
    assert entry["input_cost_per_token"] == 2e-06 and entry["mode"] == "chat"


def test_known_false_is_written_and_tiers_get_litellm_threshold_keys() -> None:
    model = json.loads(json.dumps(MODELS["gpt-6-sol"]))
    model["facts"]["reasoning"]["value"] = False
    record = offering()
    record["pricing"]["tiers"].append({**record["pricing"]["tiers"][0], "above_input_tokens": 131072, "input": 5})
    entry = litellm_map.entry(record, model, litellm_map.HOSTS["openai"])
    assert entry["supports_reasoning"] is False
    assert entry["input_cost_per_token_above_272k_tokens"] == 4e-06
    assert entry["input_cost_per_token_above_131072_tokens"] == 5e-06


def test_a_tier_litellm_would_start_at_the_threshold_is_left_out_and_said_so() -> None:
    entry = litellm_map.entry(offering(), MODELS["gpt-6-sol"], litellm_map.HOSTS["xai"])
    assert not [key for key in entry if "_above_" in key]
    assert "272000" in entry["metadata"]["notes"]


def test_dashscope_tiers_are_a_tiered_pricing_table_as_litellm_keeps_them() -> None:
    record = next(item for item in EXPORT["offerings"] if item["id"] == "qwen3-7-plus--alibaba-qwen")
    entry = litellm_map.entry(record, MODELS[record["model"]], litellm_map.HOSTS["alibaba-qwen"])
    assert [row["range"] for row in entry["tiered_pricing"]] == [[0, 256000], [256000, 1000000]]
    assert entry["tiered_pricing"][1]["input_cost_per_token"] == 2e-06
    assert not [key for key in entry if "_above_" in key]


def test_only_available_offerings_and_each_once() -> None:
    built = litellm_map.build(EXPORT)
    available = [item for item in EXPORT["offerings"] if item["available"] and item["host"] in litellm_map.HOSTS]
    assert len(built) == len(available)
    retired = next(item for item in EXPORT["offerings"] if not item["available"])
    assert litellm_map.key_of(retired) not in built


def test_the_committed_map_is_the_build_of_the_committed_export() -> None:
    assert json.loads(MAP_TEXT) == litellm_map.build(EXPORT)
    assert MAP_TEXT.endswith("}\n") and MAP_TEXT == json.dumps(json.loads(MAP_TEXT), indent=2, sort_keys=True) + "\n"


# --- the real client -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def litellm() -> Iterator[Any]:
    """The litellm package, imported and used with its bundled map and no network: any connection to
    a host other than this machine fails the test instead of being made."""
    saved = {name: os.environ.get(name) for name in ("LITELLM_LOCAL_MODEL_COST_MAP", "LITELLM_OFFLINE_MODE")}
    os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"  # the map bundled with the package, not a download
    os.environ["LITELLM_OFFLINE_MODE"] = "true"  # nor any other catalogue or tokenizer it would fetch
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def refuse(host: Any) -> None:
        if str(host) not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"litellm tried to reach {host!r}")

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse(address[0])
        return real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        refuse(host)
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.getaddrinfo = connect, getaddrinfo  # type: ignore[method-assign,assignment]
    try:
        import litellm as client
        from litellm.litellm_core_utils.get_model_cost_map import get_model_cost_map_source_info

        client.model_cost  # noqa: B018 (loads the map)
        assert get_model_cost_map_source_info()["source"] == "local"
        client.register_model(json.loads(MAP_TEXT))
        yield client
    finally:
        socket.socket.connect, socket.getaddrinfo = real_connect, real_getaddrinfo  # type: ignore[method-assign]
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def sample() -> list[tuple[str, dict[str, Any]]]:
    """Every available offering the map names, with its key."""
    return [
        (key, item)
        for item in EXPORT["offerings"]
        if item["available"] and (key := litellm_map.key_of(item)) is not None and item["host"] in litellm_map.HOSTS
    ]


def test_the_sample_spans_ten_offerings_of_four_providers() -> None:
    priced = [item for _, item in sample() if item["pricing"] and item["pricing"]["input"] is not None]
    assert len(priced) >= 10 and len({item["host"] for item in priced}) >= 4


def test_litellm_reads_back_our_limits_and_flags(litellm: Any) -> None:
    checked = 0
    for key, item in sample():
        info = litellm.get_model_info(key)
        facts = MODELS[item["model"]]["facts"]
        limits = {name: limit["value"] for name, limit in item["limits"].items()}
        chat = "text" in item["modalities"]["output"]
        assert info["mode"] == ("chat" if chat else "embedding"), key
        if chat:
            assert info["max_input_tokens"] == (limits["max_input_tokens"] or limits["context_window"]), key
            if limits["max_output_tokens"] is not None:
                assert info["max_output_tokens"] == limits["max_output_tokens"], key
            for fact, flag in litellm_map.FLAGS.items():
                if facts[fact]["value"] is not None:
                    assert info[flag] is facts[fact]["value"], (key, flag)
            if "image" in item["modalities"]["input"]:
                assert info["supports_vision"] is True, key
            if "pdf" in item["modalities"]["input"]:
                assert info["supports_pdf_input"] is True, key
        elif facts["embedding_dimensions"]["value"] is not None:
            assert info["output_vector_size"] == facts["embedding_dimensions"]["value"], key
        retires = (item["deprecation"] or {}).get("retires")
        if retires:
            assert litellm.model_cost[key]["deprecation_date"] == retires, key
        checked += 1
    assert checked >= 10


def expected_cost(pricing: dict[str, Any], prompt: int, completion: int, read: int, write: int) -> Decimal:
    """What our prices (per 1M tokens) charge, in exact decimals: the tier a prompt's length reaches sets
    every price it lists; cached tokens are part of the prompt and billed at their own prices."""
    prices = {name: pricing[name] for name in ("input", "output", "cache_read", "cache_write")}
    for tier in sorted(pricing["tiers"], key=lambda tier: tier["above_input_tokens"]):
        if prompt > tier["above_input_tokens"]:
            prices |= {name: tier[name] for name in prices if tier.get(name) is not None}
    rate = {name: Decimal(repr(value or 0)) / 1_000_000 for name, value in prices.items()}
    return (
        (prompt - read - write) * rate["input"]
        + read * rate["cache_read"]
        + write * rate["cache_write"]
        + completion * rate["output"]
    )


def mixes(pricing: dict[str, Any], chat: bool) -> Iterator[tuple[int, int, int, int]]:
    """(prompt, completion, cache read, cache write) token counts: a short prompt and one past each tier's
    threshold. Cached tokens only where we know their price at that length: a price we leave out is
    LiteLLM's own (register_model merges into its map), which our prices cannot predict."""
    for prompt in (150_000, *(tier["above_input_tokens"] + 50_000 for tier in pricing["tiers"])):
        reached = [tier for tier in pricing["tiers"] if prompt > tier["above_input_tokens"]]
        known = {
            name
            for name in ("cache_read", "cache_write")
            if pricing[name] is not None and all(tier.get(name) is not None for tier in reached)
        }
        if chat:
            yield prompt, 20_000, 40_000 if "cache_read" in known else 0, 10_000 if "cache_write" in known else 0
        else:
            yield prompt, 0, 0, 0


def test_litellm_charges_what_our_prices_imply_to_the_cent(litellm: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # An offering records a host's standard price (DeepSeek's off-peak rate is in its notes, the schema has
    # no time-of-day prices); LiteLLM keeps the off-peak windows of its own map, so price as at a peak hour,
    # whatever the hour the test runs at.
    from litellm.litellm_core_utils.llm_cost_calc import utils as cost_utils

    monkeypatch.setattr(cost_utils, "_is_off_peak", lambda *args, **kwargs: False)
    checked, hosts = 0, set()
    for key, item in sample():
        pricing = item["pricing"]
        if not pricing or pricing["input"] is None:
            continue
        chat = "text" in item["modalities"]["output"]
        for prompt, completion, read, write in mixes(pricing, chat):
            prompt_cost, completion_cost = litellm.cost_per_token(
                model=key,
                prompt_tokens=prompt,
                completion_tokens=completion,
                cache_read_input_tokens=read,
                cache_creation_input_tokens=write,
            )
            charged = Decimal(repr(prompt_cost)) + Decimal(repr(completion_cost))
            expected = expected_cost(pricing, prompt, completion, read, write)
            assert abs(charged - expected) < Decimal("0.005"), (key, prompt, charged, expected)  # to the cent
            assert abs(charged - expected) <= expected * Decimal("1e-12"), (key, prompt)  # and then some
        checked, hosts = checked + 1, hosts | {item["host"]}
    assert checked >= 10 and len(hosts) >= 4
