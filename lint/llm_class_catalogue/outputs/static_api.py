"""A static JSON API made from export 2: one document per entity, an index, and its OpenAPI 3.1 description.

Every document carries the export's `schema_version` and `content_hash`. Paths are made of ids, so a
document never moves while its entity keeps its id; a renamed model keeps its old id among its
aliases, and every id-shaped alias gets a document that points to the model (`moved_to`), so a consumer
holding the old URL is told where the model went. Hrefs are relative to the folder's root, so the
folder can be served from any prefix.
"""

from __future__ import annotations

import re
from typing import Any

from llm_class_catalogue.model.jsonio import dumps
from llm_class_catalogue.validation.schemas import load_schema

OPENAPI_PATH = "openapi.json"
INDEX_PATH = "index.json"
ROUTABLE_PATH = "routable-ids.json"
# Each collection of export 2 with its folder and the document key its record goes under.
COLLECTIONS = {"models": "model", "classes": "class", "providers": "provider", "offerings": "offering"}
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # common.schema.json#/$defs/id; offerings join two with "--"
OFFERING_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*--[a-z0-9]+(-[a-z0-9]+)*$"


def href(collection: str, entity_id: str) -> str:
    """Where an entity's document is, relative to the folder's root."""
    return f"{collection}/{entity_id}.json"


def _meta(document: dict[str, Any]) -> dict[str, str]:
    return {"schema_version": document["schema_version"], "content_hash": document["content_hash"]}


def _links(collection: str, record: dict[str, Any]) -> dict[str, Any]:
    if collection == "models":
        return {
            "provider": href("providers", record["provider"]),
            "classes": [href("classes", item) for item in record["classes"]],
            "successor": href("models", record["successor"]) if record["successor"] else None,
        }
    if collection == "classes":
        return {"members": [href("models", item) for item in record["members"]]}
    if collection == "providers":
        return {
            "models": [href("models", item) for item in record["models"]],
            "offerings": [href("offerings", item) for item in record["offerings"]],
        }
    return {"model": href("models", record["model"]), "host": href("providers", record["host"])}


def moved(document: dict[str, Any]) -> dict[str, str]:
    """Every id-shaped model alias that is no entity's id, with the model it names: old ids of renamed models."""
    taken = {record["id"] for record in document["models"]}
    return {
        alias: model["id"]
        for model in document["models"]
        for alias in model["aliases"]
        if re.fullmatch(ID_PATTERN, alias) and alias not in taken
    }


def _index(document: dict[str, Any], renamed: dict[str, str]) -> dict[str, Any]:
    entries: dict[str, Any] = {
        collection: [
            {"id": record["id"], "name": record.get("name", record["id"]), "href": href(collection, record["id"])}
            for record in document[collection]
        ]
        for collection in COLLECTIONS
    }
    entries["moved"] = [
        {"id": old, "moved_to": new, "href": href("models", old)} for old, new in sorted(renamed.items())
    ]
    return {**_meta(document), **entries, "routable_ids": ROUTABLE_PATH, "openapi": OPENAPI_PATH}


def build(document: dict[str, Any], routable: list[str]) -> dict[str, str]:
    """Every file of the folder, by its path under the root, as text: sorted keys, two-space indent, a final newline."""
    meta = _meta(document)
    renamed = moved(document)
    files = {INDEX_PATH: dumps(_index(document, renamed)), ROUTABLE_PATH: dumps({**meta, "ids": routable})}
    for collection, key in COLLECTIONS.items():
        for record in document[collection]:
            body = {**meta, key: record, "links": _links(collection, record)}
            files[href(collection, record["id"])] = dumps(body)
    for old, new in renamed.items():
        files[href("models", old)] = dumps({**meta, "id": old, "moved_to": new, "href": href("models", new)})
    files[OPENAPI_PATH] = dumps(openapi(document, sorted(renamed)))
    return dict(sorted(files.items()))


def _components(value: Any) -> Any:
    """Export 2's schema fragments with their `$defs` references pointed at the OpenAPI components."""
    if isinstance(value, dict):
        return {
            key: item.replace("#/$defs/", "#/components/schemas/") if key == "$ref" else _components(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_components(item) for item in value]
    return value


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _document_schema(key: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": "object",
        "properties": {
            "schema_version": _ref("schema_version"),
            "content_hash": _ref("content_hash"),
            key: _ref(key),
            "links": {"type": "object"},
        },
        "required": ["schema_version", "content_hash", key, "links"],
        "additionalProperties": False,
    }


def _listing(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    item = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "href": {"type": "string"},
            **(extra or {}),
        },
        "required": ["id", "href"],
    }
    return {"type": "array", "items": item}


def _schemas(export_schema: dict[str, Any]) -> dict[str, Any]:
    meta = {"schema_version": _ref("schema_version"), "content_hash": _ref("content_hash")}
    moved_schema = {
        "description": "The document left at a renamed model's old id: where the model is now.",
        "type": "object",
        "properties": {**meta, "id": {"type": "string"}, "moved_to": {"type": "string"}, "href": {"type": "string"}},
        "required": ["schema_version", "content_hash", "id", "moved_to", "href"],
        "additionalProperties": False,
    }
    index = {
        "description": "Every document of the API, by collection.",
        "type": "object",
        "properties": {
            **meta,
            **{collection: _listing() for collection in COLLECTIONS},
            "moved": _listing({"moved_to": {"type": "string"}}),
            "routable_ids": {"type": "string"},
            "openapi": {"type": "string"},
        },
        "required": ["schema_version", "content_hash", *COLLECTIONS, "moved", "routable_ids", "openapi"],
        "additionalProperties": False,
    }
    routable = {
        "description": "The ids and aliases of the models a router may use now.",
        "type": "object",
        "properties": {**meta, "ids": {"type": "array", "items": {"type": "string"}}},
        "required": ["schema_version", "content_hash", "ids"],
        "additionalProperties": False,
    }
    return {
        **_components(export_schema["$defs"]),
        "schema_version": _components(export_schema["properties"]["schema_version"]),
        "content_hash": _components(export_schema["properties"]["content_hash"]),
        "Index": index,
        "RoutableIds": routable,
        "Moved": moved_schema,
        "ModelDocument": _document_schema("model", "One model of export 2, with links to its provider and classes."),
        "ClassDocument": _document_schema("class", "One class of export 2, with links to its members."),
        "ProviderDocument": _document_schema("provider", "One provider, with links to its models and offerings."),
        "OfferingDocument": _document_schema("offering", "One offering: a host serving a model, with its prices."),
    }


def _get(summary: str, schema: dict[str, Any], parameter: dict[str, Any] | None = None) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "responses": {
            "200": {"description": summary, "content": {"application/json": {"schema": schema}}},
            "404": {"description": "No document at this path."},
        },
    }
    if parameter is not None:
        operation["parameters"] = [parameter]
    return {"get": operation}


def _id_parameter(ids: list[str], pattern: str) -> dict[str, Any]:
    return {
        "name": "id",
        "in": "path",
        "required": True,
        "description": "The entity's id, as in the index. Every id the API has a document for is listed.",
        "schema": {"type": "string", "pattern": pattern, "enum": ids},
    }


def openapi(document: dict[str, Any], moved_ids: list[str]) -> dict[str, Any]:
    """The OpenAPI 3.1 description of the folder: one path per kind of document, the ids it answers for."""
    ids = {collection: [record["id"] for record in document[collection]] for collection in COLLECTIONS}
    model_document = {"oneOf": [_ref("ModelDocument"), _ref("Moved")]}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "LLM class catalogue: static API",
            "version": document["schema_version"],
            "description": "Static JSON documents, one per model, class, provider and offering of export 2, "
            f"made from the export with content hash {document['content_hash']}. Paths never move: a renamed "
            "model keeps a document at its old id that points to the new one.",
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": {
            f"/{INDEX_PATH}": _get("Every document, by collection", _ref("Index")),
            f"/{ROUTABLE_PATH}": _get("The routable model ids and aliases", _ref("RoutableIds")),
            "/models/{id}.json": _get(
                "One model, or where a renamed model went",
                model_document,
                _id_parameter(sorted(ids["models"] + moved_ids), ID_PATTERN),
            ),
            "/classes/{id}.json": _get("One class", _ref("ClassDocument"), _id_parameter(ids["classes"], ID_PATTERN)),
            "/providers/{id}.json": _get(
                "One provider", _ref("ProviderDocument"), _id_parameter(ids["providers"], ID_PATTERN)
            ),
            "/offerings/{id}.json": _get(
                "One offering", _ref("OfferingDocument"), _id_parameter(ids["offerings"], OFFERING_ID_PATTERN)
            ),
        },
        "components": {"schemas": _schemas(load_schema("export-v2"))},
    }
