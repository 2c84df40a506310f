"""The export: a pure function from a lint-clean catalogue to the document consumers read."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from llm_class_catalogue.model.entry import Catalogue, Entry
from llm_class_catalogue.model.facts import facts_since
from llm_class_catalogue.model.jsonio import Encoded, canonical_pieces, encode, encode_members

SCHEMA_VERSION = "1.1.0"
MODEL_LINE = "export line"
AVAILABLE = ("active", "preview", "deprecated")  # still served; see deprecation.retires
SourceWriter = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]  # how an export version writes sources
KIND_OF_COLLECTION = {"classes": "class", "models": "model", "providers": "provider", "offerings": "offering"}
FACTS = facts_since(SCHEMA_VERSION)


def normalised_fact(model: dict[str, Any], field: str, part: str | None) -> dict[str, Any]:
    """{value, confidence, note}: value null when unknown, confidence the entry's unless the fact has its own."""
    raw, confidence, note = model.get(field), model["confidence"], None
    if raw is None:  # most facts of most entries are stated or absent, rarely qualified: the short way out
        return {"value": None, "confidence": None, "note": None}
    if isinstance(raw, dict) and "note" in raw and "value" in raw:  # qualified
        raw, confidence, note = raw["value"], raw.get("confidence", confidence), raw["note"]
    if part is not None:
        raw = raw.get(part) if isinstance(raw, dict) else None
        if isinstance(raw, dict) and "note" in raw and "value" in raw:
            raw, confidence, note = raw["value"], raw.get("confidence", model["confidence"]), raw["note"]
    if isinstance(raw, float) and raw.is_integer():  # a YAML `32768.0` is the integer the schema allows
        raw = int(raw)
    return {"value": raw, "confidence": None if raw is None and note is None else confidence, "note": note}


def review_of(data: dict[str, Any]) -> dict[str, Any]:
    return {"confidence": data["confidence"], "last_reviewed": data["last_reviewed"]}


def _sources(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "url": item.get("url"),
            "title": item.get("title"),
            "kind": item.get("kind"),
            "published": item.get("published"),
            "note": item.get("note"),
        }
        for item in items
    ]


def _model(entry: Entry) -> dict[str, Any]:
    data = entry.data
    deprecation = data.get("deprecation")
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
        "deprecation": None
        if deprecation is None
        else {
            "announced": deprecation.get("announced"),
            "retires": deprecation.get("retires"),
            "note": deprecation.get("note"),
        },
        "notes": data.get("notes"),
        "review": review_of(data),
        "sources": _sources(data["sources"]),
    }


def model_line(entry: Entry) -> str | None:
    """A model's record as its line of the export, made where the file is parsed (on both cores)."""
    return encode(_model(entry)) if entry.kind == "model" and entry.valid else None


MODEL_SUMMARY = "export summary"


def model_summary(entry: Entry) -> dict[str, Any] | None:
    """What every export reads of each model besides its line (its classes, provider, status, names and
    whether it has a deprecation), made where the file is parsed: the parent then need not decode the
    data of thousands of models."""
    if entry.kind != "model" or not entry.valid:
        return None
    data = entry.data
    return {
        "classes": data["classes"],
        "provider": data["provider"],
        "status": data["status"],
        "names": [data["id"], *data.get("aliases", [])],
        "deprecated": "deprecation" in data,
    }


def members_and_providers(models: list[Entry]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each class's member ids and each provider's model ids, in the models' order."""
    members: dict[str, list[str]] = {}
    by_provider: dict[str, list[str]] = {}
    for model in models:
        made = summary(model)
        for class_id in made["classes"]:
            members.setdefault(class_id, []).append(model.file_id)
        by_provider.setdefault(made["provider"], []).append(model.file_id)
    return members, by_provider


def summary(entry: Entry) -> dict[str, Any]:
    """A model's summary, made by a worker or here (an entry that came from the cache)."""
    made: dict[str, Any] | None = entry.made.get(MODEL_SUMMARY) or model_summary(entry)
    assert made is not None  # exports read valid models only
    return made


def class_record(entry: Entry, members: list[str], sources: SourceWriter | None = None) -> dict[str, Any]:
    data = entry.data
    return {
        "id": data["id"],
        "name": data["name"],
        "number": data["number"],
        "facet": data["facet"],
        "summary": data["summary"],
        "purpose": data["purpose"],
        "related": sorted(data.get("related", [])),
        "criteria": data.get("criteria"),
        "aliases": data.get("aliases", []),
        "notes": data.get("notes"),
        "members": members,
        "review": review_of(data),
        "sources": (sources or _sources)(data["sources"]),
    }


def _provider(entry: Entry, models: list[str]) -> dict[str, Any]:
    data = entry.data
    return {
        "id": data["id"],
        "name": data["name"],
        "homepage": data["homepage"],
        "kind": data["kind"],
        "aliases": data.get("aliases", []),
        "notes": data.get("notes"),
        "models": models,
        "review": review_of(data),
        "sources": _sources(data["sources"]),
    }


def taxonomy_record(entry: Entry | None, sources: SourceWriter | None = None) -> dict[str, Any] | None:
    if entry is None:
        return None
    data = {key: value for key, value in entry.data.items() if key not in ("suppress",)}
    data["sources"] = (sources or _sources)(data["sources"])
    data["references"] = (sources or _sources)(data["references"])
    data.setdefault("notes", None)
    return data


@dataclass(frozen=True)
class Export:
    """The members' canonical JSON, encoded once (the content hash and the file are made of it), every
    model id and alias, and the document itself, built only when a command reads it (render, jsonl, show)."""

    encoded: Encoded
    model_names: list[str]
    content_hash: str
    make_document: Callable[[], dict[str, Any]] = field(repr=False, compare=False)

    @cached_property
    def document(self) -> dict[str, Any]:
        return self.make_document()


def build(catalogue: Catalogue) -> Export:
    """The export; class members and provider model lists are derived, never stored twice."""
    models = sorted(catalogue.of_kind("model").values(), key=lambda e: e.file_id)
    members, by_provider = members_and_providers(models)
    classes = sorted(catalogue.of_kind("class").values(), key=lambda e: (e.data["number"], e.file_id))
    providers = sorted(catalogue.of_kind("provider").values(), key=lambda e: e.file_id)
    others = {
        "taxonomy": taxonomy_record(catalogue.of_kind("taxonomy").get("taxonomy")),
        "classes": [class_record(entry, members.get(entry.file_id, [])) for entry in classes],
        "providers": [_provider(entry, by_provider.get(entry.file_id, [])) for entry in providers],
    }
    encoded = encode_members(others)
    # Each model's line, made while its file was parsed or here (entries that came from the cache).
    encoded["models"] = [entry.made.get(MODEL_LINE) or encode(_model(entry)) for entry in models]
    meta = {"schema_version": SCHEMA_VERSION, "content_hash": content_hash_of(encoded)}
    names = sorted({name for entry in models for name in summary(entry)["names"]})
    return Export(
        {**encode_members(meta), **encoded},
        names,
        meta["content_hash"],
        lambda: {**meta, **others, "models": [_model(entry) for entry in models]},
    )


def content_hash_of(collections: Encoded) -> str:
    """sha256 of the collections' canonical JSON: the text of the file's lines, hashed without joining it."""
    digest = hashlib.sha256()
    for piece in canonical_pieces(collections):
        digest.update(piece.encode())
    return f"sha256:{digest.hexdigest()}"


def jsonl_records(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One record per entity: {"kind", "entity"}; the first (kind meta) carries the version and hash."""
    records: list[dict[str, Any]] = [
        {
            "kind": "meta",
            "entity": {"schema_version": document["schema_version"], "content_hash": document["content_hash"]},
        }
    ]
    if document["taxonomy"] is not None:
        records.append({"kind": "taxonomy", "entity": document["taxonomy"]})
    for collection, kind in KIND_OF_COLLECTION.items():
        records.extend({"kind": kind, "entity": item} for item in document.get(collection, []))
    return records


def model_ids_schema(built: Export) -> dict[str, Any]:
    """A schema whose enum is every model id and alias, for validating a router's configuration."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "A model id or alias of the LLM class catalogue",
        "description": f"Generated from the export with content hash {built.content_hash}. "
        "Check a model's status in the export before routing to it: unverified models are listed too.",
        "type": "string",
        "enum": built.model_names,
    }
