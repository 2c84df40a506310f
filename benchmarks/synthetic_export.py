"""A synthetic export 2 of any size for the select benchmark: the committed export's models and
offerings copied with numbered ids until there are `size` models, so every copy keeps the real mix of
classes, facts, nulls and prices. Each copy's prices are scaled by its own factor, so no two offerings
share a price list (the worst case for a select that judges each distinct list once)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
EXPORT = REPO / "export/v2/catalogue.json"


def _scaled(price: dict[str, Any] | None, factor: float) -> None:
    """A price list (and its tiers) with every known price multiplied by `factor`, in place."""
    for prices in [price, *(price or {}).get("tiers", ())] if price else ():
        for key in ("input", "output", "cache_read"):
            if isinstance(prices.get(key), int | float):
                prices[key] = round(prices[key] * factor, 6)


def _renamed(item: dict[str, Any], suffix: str, model_ids: set[str], copy_number: int) -> dict[str, Any]:
    copy = json.loads(json.dumps(item))
    copy["id"] = copy["id"] + suffix if "model" not in copy else f"{copy['model']}{suffix}--{copy['host']}"
    if "model" in copy:
        copy["model"] += suffix
        copy["api_id"] += suffix
        factor = 1 + copy_number / 1000
        _scaled(copy.get("pricing"), factor)
        for old in copy.get("price_history") or ():
            _scaled(old, factor)
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
            models.append(model if not suffix else _renamed(model, suffix, ids, copy))
            offerings += [o if not suffix else _renamed(o, suffix, ids, copy) for o in by_model.get(model["id"], [])]
        copy += 1
    return {**real, "models": models, "offerings": offerings}


def write_export(path: Path, size: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(build_export(size), ensure_ascii=False), encoding="utf-8")
    return path


if __name__ == "__main__":  # python benchmarks/synthetic_export.py PATH SIZE
    import sys

    write_export(Path(sys.argv[1]), int(sys.argv[2]))
