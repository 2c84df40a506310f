"""Realistic synthetic catalogues: classes, providers and models with valid references."""

from __future__ import annotations

import random
from pathlib import Path

MODELINE = "# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"
CLASSES = [
    ("chat", "capability", None),
    ("long-context", "capability", "  fact: context_window\n  at_least: 100000\n"),
    ("slm", "deployment", "  fact: parameters.total\n  less_than: 10000000000\n"),
    ("moe", "architecture", "  fact: architecture\n  equals: moe\n"),
    ("code", "capability", None),
]


def write_catalogue(base: Path, models: int, seed: int = 7) -> None:
    """A catalogue of `models` model files plus a few classes and providers, under base/catalogue."""
    rng = random.Random(seed)
    root = base / "catalogue"
    for folder in ("classes", "models", "providers"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for number, (class_id, facet, criteria) in enumerate(CLASSES, start=1):
        text = (
            MODELINE.format(kind="class") + f"id: {class_id}\nname: Class {class_id}\nnumber: {number}\n"
            f"facet: {facet}\nsummary: Synthetic class {class_id}.\npurpose: Benchmarking.\n"
            + (f"criteria:\n{criteria}" if criteria else "")
            + f"confidence: high\nlast_reviewed: 2026-11-01\nsources:\n  - url: https://papers.example.com/{class_id}\n"
            f"    title: Paper on {class_id}\n    kind: paper\n"
        )
        (root / "classes" / f"{class_id}.yaml").write_text(text)
    providers = [f"provider-{n}" for n in range(max(3, models // 200))]
    for provider in providers:
        (root / "providers" / f"{provider}.yaml").write_text(
            MODELINE.format(kind="provider") + f"id: {provider}\nname: Provider {provider}\n"
            f"homepage: https://{provider}.example.com\nkind: company\nconfidence: high\nlast_reviewed: 2026-11-01\n"
            f"sources:\n  - url: https://{provider}.example.com/about\n    title: About {provider}\n"
        )
    for n in range(models):
        moe = rng.random() < 0.3
        total = rng.randrange(10**9, 10**12)
        window = rng.choice([8192, 32768, 131072, 200000, 1000000])
        classes = (
            ["chat"]
            + (["moe"] if moe else [])
            + (["long-context"] if window >= 100000 else [])
            + (["slm"] if total < 10**10 else [])
            + (["code"] if rng.random() < 0.2 else [])
        )
        parameters = f"parameters:\n  total: {total}\n" + (f"  active: {total // 8}\n" if moe else "")
        text = (
            MODELINE.format(kind="model") + f"id: model-{n:06d}\nname: Model {n}\nprovider: {rng.choice(providers)}\n"
            f"classes: [{', '.join(classes)}]\nstatus: {rng.choice(['active', 'preview', 'deprecated'])}\n"
            f"released: 2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}\n"
            f"architecture: {'moe' if moe else 'dense'}\n{parameters}context_window: {window}\n"
            "modalities:\n  input: [text, image]\n  output: [text]\n"
            f"open_weights: {rng.choice(['true', 'false'])}\nlicense: Apache-2.0\n"
            f"aliases: [model-{n}-latest, Model {n} Instruct]\n"
            f"notes: >-\n  Synthetic model number {n}, generated for the benchmark with a note of realistic length\n"
            "  that spans two lines.\n"
            f"confidence: {rng.choice(['high', 'medium'])}\nlast_reviewed: 2026-11-01\nsources:\n"
            f"  - url: https://news.example.com/model-{n}\n    title: Introducing Model {n}\n    kind: announcement\n"
            f"  - url: https://papers.example.com/abs/{n}\n    title: Model {n} technical report\n    kind: paper\n"
        )
        (root / "models" / f"model-{n:06d}.yaml").write_text(text)
