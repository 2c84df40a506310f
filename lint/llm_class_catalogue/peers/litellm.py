"""LiteLLM's model map (model_prices_and_context_window.json): one object per model name, prices per token.

What it does not state is left out rather than guessed: a missing `supports_*` flag says nothing, a cost
of 0 is LiteLLM's "unknown", and `max_tokens` (a legacy field that means input for some entries and
output for others) is not read. It has no context window as such: `max_input_tokens` is what a request
may hold, which the comparison matches to our window when we state no separate input limit.
"""

from __future__ import annotations

from typing import Any

from llm_class_catalogue.peers.jsonfile import Key, key_path, read_json
from llm_class_catalogue.peers.records import (
    PeerEntry,
    PeerFile,
    PeerFileError,
    PeerValue,
    day,
    flag,
    modality_facts,
    price,
    put,
    tokens,
)

WHAT = "LiteLLM model map"
LANGUAGE_MODES = ("chat", "completion", "responses", "embedding")
LIMITS = {"max_input_tokens": "max_input_tokens", "max_output_tokens": "max_output_tokens"}
PRICES = {
    "input_cost_per_token": "price.input",
    "output_cost_per_token": "price.output",
    "cache_read_input_token_cost": "price.cache_read",
    "cache_creation_input_token_cost": "price.cache_write",
}
FLAGS = {
    "supports_function_calling": "tool_calling",
    "supports_response_schema": "structured_output",
    "supports_reasoning": "reasoning",
}
INPUT_FLAGS = {"supports_vision": "image", "supports_audio_input": "audio", "supports_pdf_input": "pdf"}
OUTPUT_FLAGS = {"supports_audio_output": "audio"}
LISTED = ("text", "image", "audio", "video")  # what supported_modalities names


def _modalities(data: dict[str, Any], key: str, facts: dict[str, PeerValue]) -> None:
    for side, list_field, flags in (
        ("input", "supported_modalities", INPUT_FLAGS),
        ("output", "supported_output_modalities", OUTPUT_FLAGS),
    ):
        listed = data.get(list_field)
        if isinstance(listed, list) and all(isinstance(item, str) for item in listed):
            modality_facts(facts, side, {m: m in listed for m in LISTED}, key_path(key, list_field))
            if side == "input" and flag(data.get("supports_pdf_input")) is not None:
                modality_facts(facts, side, {"pdf": data["supports_pdf_input"]}, key_path(key, "supports_pdf_input"))
            continue
        for field, modality in flags.items():
            if flag(data.get(field)) is not None:
                modality_facts(facts, side, {modality: data[field]}, key_path(key, field))


def entry(model: str, data: dict[str, Any]) -> PeerEntry:
    """One model of the map."""
    key = Key(model)
    facts: dict[str, PeerValue] = {}
    for field, name in LIMITS.items():
        put(facts, name, tokens(data.get(field)), key_path(key, field))
    for field, name in PRICES.items():
        put(facts, name, price(data.get(field), per_token=True), key_path(key, field))
    for field, name in FLAGS.items():
        put(facts, name, flag(data.get(field)), key_path(key, field))
    _modalities(data, key, facts)
    put(facts, "retires", day(data.get("deprecation_date")), key_path(key, "deprecation_date"))
    provider = data.get("litellm_provider")
    host = provider if isinstance(provider, str) else key.split("/", 1)[0] if "/" in key else None
    return PeerEntry(model, host, model.rsplit("/", 1)[-1], facts, data.get("mode") in LANGUAGE_MODES)


def read(path: str, label: str) -> PeerFile:
    """The map at path; PeerFileError when it is not one."""
    document = read_json(path, WHAT)
    if not isinstance(document, dict):
        raise PeerFileError(f"{WHAT} {path}: expected an object of model names, found a {type(document).__name__}")
    entries, skipped = {}, []
    for key, data in document.items():
        if key == "sample_spec":  # the map's own documentation of its fields
            continue
        if not isinstance(data, dict):
            skipped.append(f"{key_path(Key(key))}: not an object")
            continue
        entries[key] = entry(key, data)
    if not entries:
        raise PeerFileError(f"{WHAT} {path}: holds no models (a failed download?)")
    return PeerFile("litellm", path, label, entries, tuple(skipped))
