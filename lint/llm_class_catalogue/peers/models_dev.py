"""models.dev: its `api.json` (providers, each with its models, prices per 1M tokens) or its source tree
(providers/<provider>/models/<model>.toml, with `base_model` naming a file under models/ whose fields
the provider's file overrides). A model's peer id is <provider>/<model id>, as offerings record it.

models.dev marks a deprecated model with `status` but gives no date, so no retirement date is read.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
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

WHAT = "models.dev data"
LIMITS = {"context": "context_window", "input": "max_input_tokens", "output": "max_output_tokens"}
PRICES = {
    "input": "price.input",
    "output": "price.output",
    "cache_read": "price.cache_read",
    "cache_write": "price.cache_write",
}
FLAGS = {
    "tool_call": "tool_calling",
    "structured_output": "structured_output",
    "reasoning": "reasoning",
    "open_weights": "open_weights",
}
VOCABULARY = ("text", "image", "audio", "video", "pdf")
Where = Callable[..., str]  # field names -> where that field stands


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name)
    return value if isinstance(value, dict) else {}


def entry(provider: str, model_id: str, data: dict[str, Any], where: Where) -> PeerEntry:
    """One model as one provider lists it."""
    facts: dict[str, PeerValue] = {}
    for field, name in LIMITS.items():
        put(facts, name, tokens(_table(data, "limit").get(field)), where("limit", field))
    for field, name in PRICES.items():
        put(facts, name, price(_table(data, "cost").get(field), per_token=False), where("cost", field))
    for field, name in FLAGS.items():
        put(facts, name, flag(data.get(field)), where(field))
    for side in ("input", "output"):
        listed = _table(data, "modalities").get(side)
        if isinstance(listed, list) and all(isinstance(item, str) for item in listed):
            modality_facts(facts, side, {m: m in listed for m in VOCABULARY}, where("modalities", side))
    put(facts, "released", day(data.get("release_date")), where("release_date"))
    kind = _table(data, "modalities").get("output")
    language = not isinstance(kind, list) or "text" in kind or not kind
    return PeerEntry(f"{provider}/{model_id}", provider, model_id.rsplit("/", 1)[-1], facts, language)


def _from_document(document: Any, path: str, label: str) -> PeerFile:
    if isinstance(document, dict) and isinstance(document.get("providers"), dict):
        document = document["providers"]  # an older or wrapped shape: {"providers": {...}}
        prefix: tuple[str, ...] = ("providers",)
    else:
        prefix = ()
    if not isinstance(document, dict):
        raise PeerFileError(f"{WHAT} {path}: expected an object of providers, found a {type(document).__name__}")
    entries, skipped = {}, []
    for provider, body in document.items():
        models = body.get("models") if isinstance(body, dict) else None
        if not isinstance(models, dict):
            skipped.append(f"{key_path(*prefix, Key(provider))}: no `models` object")
            continue
        for model_id, data in models.items():
            if not isinstance(data, dict):
                skipped.append(f"{key_path(*prefix, Key(provider), 'models', Key(model_id))}: not an object")
                continue

            def where(*fields: str, p: str = provider, m: str = model_id) -> str:
                return key_path(*prefix, Key(p), "models", Key(m), *fields)

            found = entry(provider, model_id, data, where)
            entries[found.key] = found
    if not entries:
        raise PeerFileError(f"{WHAT} {path}: holds no models (a failed download?)")
    return PeerFile("models_dev", path, label, entries, tuple(skipped))


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _toml(path: Path, skipped: list[str], root: Path) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        skipped.append(f"{path.relative_to(root).as_posix()}: cannot read it: {error}")
        return None


def _from_tree(root: Path, path: str, label: str) -> PeerFile:
    providers = root / "providers" if (root / "providers").is_dir() else root
    bases = (providers.parent / "models") if providers.name == "providers" else root / "models"
    entries: dict[str, PeerEntry] = {}
    skipped: list[str] = []
    for provider_dir in sorted(p for p in providers.iterdir() if p.is_dir() and (p / "models").is_dir()):
        for file in sorted((provider_dir / "models").rglob("*.toml")):
            data = _toml(file, skipped, providers.parent)
            if data is None:
                continue
            own = data
            base_name = data.get("base_model")
            if isinstance(base_name, str):
                base_file = bases / f"{base_name}.toml"
                base = _toml(base_file, skipped, providers.parent) if base_file.is_file() else None
                if base is None:
                    skipped.append(f"{file.relative_to(providers.parent).as_posix()}: base_model {base_name} not found")
                data = _merged(base or {}, data)
            model_id = file.relative_to(provider_dir / "models").with_suffix("").as_posix()
            shown = file.relative_to(providers.parent).as_posix()
            inherited = f"models/{base_name}.toml" if isinstance(base_name, str) else shown

            def where(*fields: str, own: dict[str, Any] = own, shown: str = shown, inherited: str = inherited) -> str:
                return f"{shown if fields[0] in own else inherited} {'.'.join(fields)}"

            found = entry(provider_dir.name, model_id, data, where)
            entries[found.key] = found
    if not entries:
        raise PeerFileError(f"{WHAT} {path}: no providers/<provider>/models/*.toml files in this folder")
    return PeerFile("models_dev", path, label, entries, tuple(skipped))


def read(path: str, label: str) -> PeerFile:
    """api.json, or the folder of a checkout of models.dev (or its providers/ folder)."""
    if Path(path).is_dir():
        return _from_tree(Path(path), path, label)
    return _from_document(read_json(path, WHAT), path, label)
