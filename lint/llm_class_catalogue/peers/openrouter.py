"""OpenRouter's models list (GET /api/v1/models): {"data": [model, ...]}, prices as strings per token.

The limits are OpenRouter's: `context_length` and its top provider's `max_completion_tokens`. The
capabilities are read from `supported_parameters` (tools, structured_outputs, reasoning), and only when
that list is given. A price of "0" or "-1" ("varies", as for its router models) is not a price.
"""

from __future__ import annotations

from typing import Any

from llm_class_catalogue.peers.jsonfile import key_path, read_json
from llm_class_catalogue.peers.records import (
    PeerEntry,
    PeerFile,
    PeerFileError,
    PeerValue,
    modality_facts,
    price,
    put,
    tokens,
)

WHAT = "OpenRouter models list"
PRICES = {
    "prompt": "price.input",
    "completion": "price.output",
    "input_cache_read": "price.cache_read",
    "input_cache_write": "price.cache_write",
}
PARAMETERS = {"tools": "tool_calling", "structured_outputs": "structured_output", "reasoning": "reasoning"}
VOCABULARY = {"text": "text", "image": "image", "audio": "audio", "video": "video", "file": "pdf"}


def _object(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name)
    return value if isinstance(value, dict) else {}


def entry(index: int, model_id: str, data: dict[str, Any], prefix: tuple[str, ...]) -> PeerEntry:
    """One model of the list."""

    def where(*fields: str) -> str:
        return key_path(*prefix, index, *fields)

    facts: dict[str, PeerValue] = {}
    put(facts, "context_window", tokens(data.get("context_length")), where("context_length"))
    put(
        facts,
        "max_output_tokens",
        tokens(_object(data, "top_provider").get("max_completion_tokens")),
        where("top_provider", "max_completion_tokens"),
    )
    for field, name in PRICES.items():
        put(facts, name, price(_object(data, "pricing").get(field), per_token=True), where("pricing", field))
    parameters = data.get("supported_parameters")
    if isinstance(parameters, list):
        for parameter, name in PARAMETERS.items():
            put(facts, name, parameter in parameters, where("supported_parameters"))
    architecture = _object(data, "architecture")
    for side in ("input", "output"):
        listed = architecture.get(f"{side}_modalities")
        if isinstance(listed, list) and all(isinstance(item, str) for item in listed):
            stated = {ours: theirs in listed for theirs, ours in VOCABULARY.items()}
            modality_facts(facts, side, stated, where("architecture", f"{side}_modalities"))
    vendor, _, name = model_id.partition("/")
    output = architecture.get("output_modalities")
    language = not isinstance(output, list) or "text" in output or "embeddings" in output
    return PeerEntry(model_id, vendor if name else None, (name or vendor).split(":", 1)[0], facts, language)


def read(path: str, label: str) -> PeerFile:
    """The list at path: the API's response, or the bare list of models."""
    document = read_json(path, WHAT)
    prefix: tuple[str, ...] = ("data",)
    if isinstance(document, dict) and isinstance(document.get("data"), list):
        models = document["data"]
    elif isinstance(document, list):
        models, prefix = document, ()
    else:
        raise PeerFileError(f'{WHAT} {path}: expected {{"data": [...]}} or a list of models')
    entries, skipped = {}, []
    for index, data in enumerate(models):
        model_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(model_id, str) or not model_id:
            skipped.append(f"{key_path(*prefix, index)}: not a model with an `id`")
            continue
        entries[model_id] = entry(index, model_id, data, prefix)
    if not entries:
        raise PeerFileError(f"{WHAT} {path}: holds no models (a failed download?)")
    return PeerFile("openrouter", path, label, entries, tuple(skipped))
