"""Export 2: the schema-2 facts of every model, and its offerings with their limits and prices.

What routers decide by: a model's facts, each {value, confidence, note}; each offering's API id, its
limits (the host's, else the model's, saying which), its price and price history, and whether it can
be routed to now (`available`). Built from the same entries as export 1 (see docs/export-changelog.md).
"""

from __future__ import annotations

from typing import Any

from llm_class_catalogue.model.entry import Catalogue, Entry
from llm_class_catalogue.model.facts import facts_since
from llm_class_catalogue.model.jsonio import encode, encode_members
from llm_class_catalogue.outputs.export import (
    AVAILABLE,
    Export,
    class_record,
    content_hash_of,
    members_and_providers,
    normalised_fact,
    review_of,
    summary,
    taxonomy_record,
)

SCHEMA_VERSION = "2.0.0"
MODEL_LINE = "export line v2"
FACTS = facts_since(SCHEMA_VERSION)
LIMITS = ("context_window", "max_input_tokens", "max_output_tokens")
PRICE_FIELDS = ("input", "output", "cache_read", "cache_write", "batch_input", "batch_output")
PEERS = ("litellm", "openrouter", "models_dev")


def _sources(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "url": item.get("url"),
            "title": item.get("title"),
            "kind": item.get("kind"),
            "published": item.get("published"),
            "note": item.get("note"),
            "supports": item.get("supports", []),
        }
        for item in items
    ]


def _deprecation(data: dict[str, Any]) -> dict[str, Any] | None:
    deprecation = data.get("deprecation")
    if deprecation is None:
        return None
    return {
        "announced": deprecation.get("announced"),
        "retires": deprecation.get("retires"),
        "successor": deprecation.get("successor"),
        "note": deprecation.get("note"),
    }


def _model(entry: Entry) -> dict[str, Any]:
    data = entry.data
    return {
        "id": data["id"],
        "name": data["name"],
        "family": data.get("family"),
        "provider": data["provider"],
        "classes": sorted(data["classes"]),
        "aliases": data.get("aliases", []),
        "status": data["status"],
        "available": data["status"] in AVAILABLE,
        "facts": {fact.export: normalised_fact(data, fact.field, fact.part) for fact in FACTS},
        "successor": data.get("successor"),
        "deprecation": _deprecation(data),
        "notes": data.get("notes"),
        "review": review_of(data),
        "sources": _sources(data["sources"]),
    }


def model_line(entry: Entry) -> str | None:
    """A model's record as its line of export 2, made where the file is parsed (on both cores)."""
    return encode(_model(entry)) if entry.kind == "model" and entry.valid else None


def _limit(offering: dict[str, Any], model: dict[str, Any], name: str) -> dict[str, Any]:
    """The host's limit where it states one (at the offering's confidence), else the model's, saying which."""
    own = offering.get("limits", {})
    if name in own:
        return {
            **normalised_fact({name: own[name], "confidence": offering["confidence"]}, name, None),
            "from": "offering",
        }
    return {**normalised_fact(model, name, None), "from": "model"}


def _price(price: dict[str, Any], confidence: str) -> dict[str, Any]:
    effective = normalised_fact(
        {"effective_from": price["effective_from"], "confidence": confidence}, "effective_from", None
    )
    return {
        "currency": price["currency"],
        "unit": price["unit"],
        "effective_from": effective["value"],
        "effective_to": price.get("effective_to"),
        **{name: price.get(name) for name in PRICE_FIELDS},
        "tiers": [
            {"above_input_tokens": tier["above_input_tokens"], **{name: tier.get(name) for name in PRICE_FIELDS}}
            for tier in price.get("tiers", [])
        ],
        "note": price.get("note") or effective["note"],
    }


def _offering(entry: Entry, model: Entry | None) -> dict[str, Any]:
    data = entry.data
    model_data = model.data if model is not None else {"confidence": data["confidence"]}
    modalities = data.get("modalities") or model_data.get("modalities")
    return {
        "id": data["id"],
        "model": data["model"],
        "host": data["host"],
        "api_id": data["api_id"],
        "peer_ids": {peer: data.get("peer_ids", {}).get(peer) for peer in PEERS},
        "status": data["status"],
        "available": data["status"] in AVAILABLE and model_data.get("status") in AVAILABLE,
        "deprecation": _deprecation(data),
        "limits": {name: _limit(data, model_data, name) for name in LIMITS},
        "modalities": modalities.get("value", modalities) if isinstance(modalities, dict) else None,
        "pricing": _price(data["pricing"], data["confidence"]) if "pricing" in data else None,
        "price_history": [_price(item, data["confidence"]) for item in data.get("price_history", [])],
        "notes": data.get("notes"),
        "review": {"confidence": data["confidence"], "checked": data["checked"]},
        "sources": _sources(data["sources"]),
    }


def _provider(entry: Entry, models: list[str], offerings: list[str]) -> dict[str, Any]:
    data = entry.data
    return {
        "id": data["id"],
        "name": data["name"],
        "homepage": data["homepage"],
        "kind": data["kind"],
        "roles": data.get("roles", []),
        "aliases": data.get("aliases", []),
        "notes": data.get("notes"),
        "models": models,
        "offerings": offerings,
        "review": review_of(data),
        "sources": _sources(data["sources"]),
    }


def build(catalogue: Catalogue) -> Export:
    """Export 2; class members and a provider's models and offerings are derived, never stored twice."""
    models = sorted(catalogue.of_kind("model").values(), key=lambda e: e.file_id)
    offerings = sorted(catalogue.of_kind("offering").values(), key=lambda e: e.file_id)
    members, by_provider = members_and_providers(models)
    hosted: dict[str, list[str]] = {}
    for offering in offerings:
        hosted.setdefault(offering.data["host"], []).append(offering.file_id)
    classes = sorted(catalogue.of_kind("class").values(), key=lambda e: (e.data["number"], e.file_id))
    providers = sorted(catalogue.of_kind("provider").values(), key=lambda e: e.file_id)
    by_id = catalogue.of_kind("model")
    others = {
        "taxonomy": taxonomy_record(catalogue.of_kind("taxonomy").get("taxonomy"), _sources),
        "classes": [class_record(entry, members.get(entry.file_id, []), _sources) for entry in classes],
        "providers": [
            _provider(entry, by_provider.get(entry.file_id, []), hosted.get(entry.file_id, [])) for entry in providers
        ],
        "offerings": [_offering(entry, by_id.get(entry.data["model"])) for entry in offerings],
    }
    encoded = encode_members(others)
    encoded["models"] = [entry.made.get(MODEL_LINE) or encode(_model(entry)) for entry in models]
    meta = {"schema_version": SCHEMA_VERSION, "content_hash": content_hash_of(encoded)}
    routable = sorted({name for made in map(summary, models) if made["status"] in AVAILABLE for name in made["names"]})
    return Export(
        {**encode_members(meta), **encoded},
        routable,
        meta["content_hash"],
        lambda: {**meta, **others, "models": [_model(entry) for entry in models]},
    )


def offerings_document(catalogue: Catalogue) -> dict[str, Any]:
    """What the files made from offerings and lifecycles need of export 2 (the LiteLLM map, the calendar):
    every offering, and the records of the models that are offered or have a deprecation. The same records
    as the full document's, without building the record of every other model (most of a large catalogue)."""
    by_id = catalogue.of_kind("model")
    offerings = sorted(catalogue.of_kind("offering").values(), key=lambda e: e.file_id)
    offered = {entry.data["model"] for entry in offerings}
    models = sorted(
        (entry for entry in by_id.values() if entry.file_id in offered or summary(entry)["deprecated"]),
        key=lambda e: e.file_id,
    )
    return {
        "models": [_model(entry) for entry in models],
        "offerings": [_offering(entry, by_id.get(entry.data["model"])) for entry in offerings],
    }


def routable_ids_schema(built: Export) -> dict[str, Any]:
    """A schema whose enum is every id and alias of a model a router may use now: unverified and retired
    models are left out."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "A routable model id or alias of the LLM class catalogue",
        "description": f"Generated from export 2 with content hash {built.content_hash}. Only models that are "
        "available (active, preview, or deprecated and not yet retired); unverified and retired ones are left out.",
        "type": "string",
        "enum": built.model_names,
    }
