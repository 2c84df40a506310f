"""A LiteLLM model map made from export 2's available offerings: `litellm.register_model(...)` reads it.

Keys are named as LiteLLM names them: the offering's recorded LiteLLM id (`peer_ids.litellm`), else
the host's prefix (HOSTS) before its `api_id`. Prices are per token (ours are per 1M tokens), limits
and flags come from the offering and its model. A fact the catalogue does not know is left out, never
written as false or 0: LiteLLM then keeps whatever its own map says.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

PATH = "export/litellm/model_prices_and_context_window.json"


class Host(NamedTuple):
    """How LiteLLM names one host's models (its `litellm_provider` and the prefix of its keys), and whether
    it prices their tiers as a `tiered_pricing` table rather than with `_above_<N>_tokens` keys."""

    provider: str
    prefix: str
    tier_table: bool = False


# Our host ids as LiteLLM names them, read from the map LiteLLM bundles
# (litellm/model_prices_and_context_window_backup.json, litellm 1.110): OpenAI and Anthropic models
# under their bare API ids, Bedrock's by their bare model ids under `bedrock_converse` (the Converse
# API, as LiteLLM files current Claude models on Bedrock), every other host as `<provider>/<api id>`.
# Dashscope's tiers are a `tiered_pricing` table there, which LiteLLM reads before any `_above_` key:
# written any other way, the table in LiteLLM's own map would still set the price.
HOSTS = {
    "alibaba-qwen": Host("dashscope", "dashscope/", tier_table=True),
    "anthropic": Host("anthropic", ""),
    "aws-bedrock": Host("bedrock_converse", ""),
    "cloudflare-workers-ai": Host("cloudflare", "cloudflare/"),
    "deepseek": Host("deepseek", "deepseek/"),
    "google": Host("gemini", "gemini/"),  # the Gemini API; Vertex AI would be vertex_ai-*
    "mistral": Host("mistral", "mistral/"),
    "openai": Host("openai", ""),
    "voyage-ai": Host("voyage", "voyage/"),
    "xai": Host("xai", "xai/"),
    "zhipu-ai": Host("zai", "zai/"),
}
# Providers whose tiers LiteLLM applies from the threshold itself (>=) where ours start past it (>).
INCLUSIVE_THRESHOLDS = frozenset({"xai"})

PRICES = {
    "input": "input_cost_per_token",
    "output": "output_cost_per_token",
    "cache_read": "cache_read_input_token_cost",
    "cache_write": "cache_creation_input_token_cost",
    "batch_input": "input_cost_per_token_batches",
    "batch_output": "output_cost_per_token_batches",
}
# A tier's batch prices are LiteLLM's `<base>_above_<N>_tokens_batches`, its others `<base>_above_<N>_tokens`.
TIER_BASES = {
    "input": ("input_cost_per_token", ""),
    "output": ("output_cost_per_token", ""),
    "cache_read": ("cache_read_input_token_cost", ""),
    "cache_write": ("cache_creation_input_token_cost", ""),
    "batch_input": ("input_cost_per_token", "_batches"),
    "batch_output": ("output_cost_per_token", "_batches"),
}
# Model facts written as LiteLLM's flags, for chat models (LiteLLM's embedding entries carry none).
FLAGS = {
    "tool_calling": "supports_function_calling",
    "parallel_tool_calls": "supports_parallel_function_calling",
    "structured_output": "supports_response_schema",
    "reasoning": "supports_reasoning",
}
# Input modalities written as flags: only when listed (true); a list that omits one does not say "no".
MODALITY_FLAGS = {"image": "supports_vision", "pdf": "supports_pdf_input"}


def key_of(offering: dict[str, Any]) -> str | None:
    """The name LiteLLM knows the offering by, or None when neither a recorded id nor the host's rule gives one."""
    recorded = offering["peer_ids"].get("litellm")
    if recorded:
        return str(recorded)
    host = HOSTS.get(offering["host"])
    return None if host is None else host.prefix + offering["api_id"]


def per_token(per_million: float) -> float:
    """A price per 1M tokens as a price per token, the double nearest the exact decimal (0.012 -> 1.2e-08)."""
    return float(Decimal(repr(per_million)).scaleb(-6))


def _threshold(tokens: int) -> str:
    return f"{tokens // 1000}k" if tokens % 1000 == 0 else str(tokens)


def _mode(modalities: dict[str, Any] | None) -> str | None:
    output = (modalities or {}).get("output") or []
    if "embedding" in output:
        return "embedding"
    return "chat" if "text" in output else None


def _value(model: dict[str, Any], fact: str) -> Any:
    return model["facts"].get(fact, {}).get("value")


def _limits(offering: dict[str, Any], model: dict[str, Any], mode: str | None) -> dict[str, int]:
    limits = {name: limit["value"] for name, limit in offering["limits"].items()}
    # LiteLLM's max_input_tokens is the longest prompt: the host's stated input limit, else the
    # context window; for an embedding model, the longest text it embeds.
    longest = limits.get("max_input_tokens") or limits.get("context_window")
    if mode == "embedding":
        longest = _value(model, "embedding_max_input_tokens") or longest
    entry = {"max_input_tokens": longest}
    if mode != "embedding":
        entry["max_output_tokens"] = limits.get("max_output_tokens")
    return {name: value for name, value in entry.items() if value is not None}


def _prices(pricing: dict[str, Any] | None, host: Host, longest: int | None, notes: list[str]) -> dict[str, Any]:
    if pricing is None:
        return {}
    if (pricing["currency"], pricing["unit"]) != ("USD", "1M tokens"):
        notes.append(f"Prices left out: listed in {pricing['currency']} per {pricing['unit']}, not USD per 1M tokens.")
        return {}
    entry: dict[str, Any] = {
        key: per_token(pricing[name]) for name, key in PRICES.items() if pricing.get(name) is not None
    }
    tiers = sorted(pricing["tiers"], key=lambda tier: tier["above_input_tokens"])
    if tiers and host.provider in INCLUSIVE_THRESHOLDS:
        above = ", ".join(str(tier["above_input_tokens"]) for tier in tiers)
        notes.append(
            f"Tiers above {above} input tokens left out: LiteLLM applies {host.provider}'s tiers from the "
            "threshold itself, the catalogue's only past it."
        )
    elif tiers and host.tier_table:
        entry["tiered_pricing"] = _tier_table(pricing, tiers, longest)
    else:
        for tier in tiers:
            for name, (base, suffix) in TIER_BASES.items():
                if tier.get(name) is not None:
                    entry[f"{base}_above_{_threshold(tier['above_input_tokens'])}_tokens{suffix}"] = per_token(
                        tier[name]
                    )
    return entry


def _tier_table(pricing: dict[str, Any], tiers: list[dict[str, Any]], longest: int | None) -> list[dict[str, Any]]:
    """LiteLLM's `tiered_pricing`: a tier applies when start < prompt tokens <= end, and a prompt past the last
    end still takes the last tier, so that end is the longest prompt (or the start, plus one, when unknown)."""
    bounds = [0, *(tier["above_input_tokens"] for tier in tiers)]
    last = longest if longest is not None and longest > bounds[-1] else bounds[-1] + 1
    table = []
    for index, prices in enumerate([pricing, *tiers]):
        end = bounds[index + 1] if index + 1 < len(bounds) else last
        row: dict[str, Any] = {"range": [bounds[index], end]}
        row |= {
            PRICES[name]: per_token(prices[name])
            for name in TIER_BASES
            if prices.get(name) is not None and not name.startswith("batch_")
        }
        table.append(row)
    return table


def _retires(offering: dict[str, Any], model: dict[str, Any]) -> str | None:
    """The offering's retirement date; the model's only on its maker's own API (another host keeps its own dates)."""
    own = (offering["deprecation"] or {}).get("retires")
    if own or offering["host"] != model["provider"]:
        return own
    return (model["deprecation"] or {}).get("retires")


def _source(offering: dict[str, Any]) -> str | None:
    sources = offering["sources"]
    pricing = [source["url"] for source in sources if source["kind"] == "pricing"]
    return (pricing or [source["url"] for source in sources] or [None])[0]


def entry(offering: dict[str, Any], model: dict[str, Any], host: Host) -> dict[str, Any]:
    """One offering as LiteLLM's map describes a model: limits, prices, flags, retirement and source."""
    notes: list[str] = []
    mode = _mode(offering["modalities"])
    limits = _limits(offering, model, mode)
    result: dict[str, Any] = {"litellm_provider": host.provider, **limits}
    if mode is not None:
        result["mode"] = mode
    result |= _prices(offering["pricing"], host, limits.get("max_input_tokens"), notes)
    if mode == "chat":
        result |= {flag: _value(model, fact) for fact, flag in FLAGS.items() if _value(model, fact) is not None}
        inputs = (offering["modalities"] or {}).get("input") or []
        result |= {flag: True for modality, flag in MODALITY_FLAGS.items() if modality in inputs}
    if mode == "embedding" and _value(model, "embedding_dimensions") is not None:
        result["output_vector_size"] = _value(model, "embedding_dimensions")
    retires = _retires(offering, model)
    if retires is not None:
        result["deprecation_date"] = retires
    source = _source(offering)
    if source is not None:
        result["source"] = source
    if notes:
        result["metadata"] = {"notes": " ".join(notes)}
    return result


def build(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The map of export 2's available offerings; of two offerings LiteLLM would name alike, the first by id."""
    models = {model["id"]: model for model in document["models"]}
    result: dict[str, dict[str, Any]] = {}
    for offering in document["offerings"]:
        key, host = key_of(offering), HOSTS.get(offering["host"])
        if not offering["available"] or key is None or host is None or key in result:
            continue
        result[key] = entry(offering, models[offering["model"]], host)
    return result
