"""Realistic synthetic catalogues: classes, providers and models with valid references.

Model entries follow the shape of the real catalogue (median about 2.7 kB and 55 lines):
a notes paragraph, three to seven sources most of which carry a note, about three aliases,
and facts written qualified ({value, confidence, note}) about as often as the real ones are.
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

MODELINE = "# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"
CLASSES = [
    ("chat", "capability", None),
    ("long-context", "capability", "  fact: context_window\n  at_least: 100000\n"),
    ("slm", "deployment", "  fact: parameters.total\n  less_than: 10000000000\n"),
    ("moe", "architecture", "  fact: architecture\n  equals: moe\n"),
    ("code", "capability", None),
]
WORDS = (
    "the model context window tokens release provider announcement paper benchmark weights licence "
    "training data instruction tuned reasoning vision audio latency evaluation report states gives "
    "lists page table card documentation secondary primary source confirms reads audit snapshot"
).split()
KINDS = ("announcement", "paper", "model-card", "docs", "news", "blog")


def prose(rng: random.Random, characters: int, indent: str) -> str:
    """About `characters` characters of text: on the line when short, else folded and wrapped like the real notes."""
    words: list[str] = []
    while sum(len(word) + 1 for word in words) < characters:
        words.append(rng.choice(WORDS))
    text = " ".join(words).capitalize() + "."
    if len(indent) + len(text) <= 84:
        return text + "\n"
    return ">-\n" + textwrap.indent(textwrap.fill(text, 90), indent) + "\n"


def qualified(rng: random.Random, value: str, chance: float) -> str:
    """A fact's value, written qualified with its own confidence and note `chance` of the time."""
    if rng.random() >= chance:
        return f" {value}\n"
    return f"\n  value: {value}\n  confidence: medium\n  note: " + prose(rng, rng.randrange(100, 220), "    ")


def parameters(rng: random.Random, total: int, moe: bool) -> str:
    counts = {"total": total, **({"active": total // 8} if moe else {})}
    if rng.random() < 0.33:
        lines = "".join(f"    {key}: {value}\n" for key, value in counts.items())
        return "parameters:\n  value:\n" + lines + "  confidence: medium\n  note: " + prose(rng, 150, "    ")
    return "parameters:\n" + "".join(f"  {key}: {value}\n" for key, value in counts.items())


def sources(rng: random.Random, n: int) -> str:
    text = "sources:\n"
    for index in range(rng.randrange(3, 8)):
        text += (
            f"  - url: https://source-{index}.example.com/models/{n}/page-{rng.randrange(10**6)}\n"
            f"    title: Model {n} source {index}\n    kind: {rng.choice(KINDS)}\n"
        )
        if index == 0 and rng.random() < 0.57:
            text += f"    published: 2025-{rng.randrange(1, 13):02d}\n"
        if rng.random() < 0.88:
            text += "    note: " + prose(rng, rng.randrange(60, 140), "      ")
    return text


def model(rng: random.Random, n: int, providers: list[str]) -> str:
    moe = rng.random() < 0.3
    total = rng.randrange(10**9, 10**12)
    window = rng.choice([8192, 32768, 131072, 200000, 1000000])
    status = rng.choice(["active", "active", "preview", "deprecated"])
    classes = (
        ["chat"]
        + (["moe"] if moe else [])
        + (["long-context"] if window >= 100000 else [])
        + (["slm"] if total < 10**10 else [])
        + (["code"] if rng.random() < 0.2 else [])
    )
    text = (
        MODELINE.format(kind="model")
        + f"id: model-{n:06d}\nname: Model {n}\n"
        + (f"family: Family {n // 10}\n" if rng.random() < 0.5 else "")
        + f"provider: {rng.choice(providers)}\nclasses: [{', '.join(classes)}]\nstatus: {status}\n"
        + "released:"
        + qualified(rng, f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", 0.36)
        + f"architecture: {'moe' if moe else 'dense'}\n"
        + parameters(rng, total, moe)
        + "context_window:"
        + qualified(rng, str(window), 0.58)
        + "modalities:\n  input: [text, image]\n  output: [text]\n"
        f"open_weights: {rng.choice(['true', 'false'])}\nlicense: Apache-2.0\n"
        f"aliases: [model-{n}-latest, Model {n} Instruct, model-{n}-2025]\n"
    )
    if status == "deprecated":
        text += "deprecation:\n  announced: 2026-10-14\n  retires: 2027-06-30\n  note: " + prose(rng, 200, "    ")
    return (
        text
        + "notes: "
        + prose(rng, rng.randrange(500, 1100), "  ")
        + f"confidence: {rng.choice(['high', 'medium'])}\nlast_reviewed: 2026-11-01\n"
        + sources(rng, n)
    )


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
        (root / "models" / f"model-{n:06d}.yaml").write_text(model(rng, n, providers))
