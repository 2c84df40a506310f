"""A synthetic export 2 of any size for the select benchmark: the committed export's models and
offerings copied with numbered ids until there are `size` models, so every copy keeps the real mix of
classes, facts, nulls and prices."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
EXPORT = REPO / "export/v2/catalogue.json"


def _renamed(item: dict[str, Any], suffix: str, model_ids: set[str]) -> dict[str, Any]:
    copy = json.loads(json.dumps(item))
    copy["id"] = copy["id"] + suffix if "model" not in copy else f"{copy['model']}{suffix}--{copy['host']}"
    if "model" in copy:
        copy["model"] += suffix
        copy["api_id"] += suffix
    else:
        copy["aliases"] = [alias + suffix for alias in copy["aliases"]]
        if copy.get("successor") in model_ids:
            copy["successor"] += suffix
    return copy


def build_export(size: int) -> dict[str, Any]:
    """An export with `size` models (the real ones first, then numbered copies) and their offerings."""
    real = json.loads(EXPORT.read_text(encoding="utf-8"))
    ids = {model["id"] for model in real["models"]}
    by_model: dict[str, list[dict[str, Any]]] = {}
    for offering in real["offerings"]:
        by_model.setdefault(offering["model"], []).append(offering)
    models, offerings = [], []
    copy = 0
    while len(models) < size:
        suffix = "" if copy == 0 else f"-x{copy:05d}"
        for model in real["models"]:
            if len(models) == size:
                break
            models.append(model if not suffix else _renamed(model, suffix, ids))
            offerings += [o if not suffix else _renamed(o, suffix, ids) for o in by_model.get(model["id"], [])]
        copy += 1
    return {**real, "models": models, "offerings": offerings}


def write_export(path: Path, size: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(build_export(size), ensure_ascii=False), encoding="utf-8")
    return path
