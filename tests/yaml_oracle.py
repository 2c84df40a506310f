"""Our loader against real YAML libraries: PyYAML (YAML 1.1, its C and its pure-Python scanner) and
ruamel.yaml (YAML 1.2). Shared by the differential property test and the fuzz run
(tests/fuzz/yaml_fuzz.py), so the two judge a document the same way."""

from __future__ import annotations

import io
import math
import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from llm_class_catalogue.validation.yaml_loader import parse_yaml
from ruamel.yaml import YAML

MODELS = Path(__file__).resolve().parents[1] / "catalogue" / "models"
_FAILED = object()


def _ruamel() -> YAML:
    reader = YAML(typ="safe", pure=True)
    reader.version = (1, 2)
    return reader


_RUAMEL = _ruamel()
READERS = {
    "PyYAML": lambda text: yaml.load(text, Loader=yaml.SafeLoader),  # noqa: S506 - the safe loader
    "PyYAML+libyaml": lambda text: yaml.load(text, Loader=yaml.CSafeLoader),  # noqa: S506
    "ruamel.yaml (1.2)": lambda text: _RUAMEL.load(io.StringIO(text)),
}


def _plain(value: Any) -> Any:
    """A library's value as our loader would give it: a date as its ISO text (the one agreed difference)."""
    if isinstance(value, dict):
        return {_plain(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if type(value) is date:
        return value.isoformat()
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal as data, where true is not 1 and 1 is not 1.0."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return a == b or math.isnan(a) and math.isnan(b)
    return bool(a == b)


def disagreement(text: str) -> str | None:
    """None when our loader refuses the text or every reader gives the value it gave; else what differs."""
    parsed = parse_yaml(text, "x.yaml")
    if parsed.diagnostics:
        return None  # refused, with an S code at its line
    ours = parsed.data
    for name, read in READERS.items():
        try:
            theirs = _plain(read(text))
        except Exception as error:  # noqa: BLE001 - any failure of a reader is a disagreement
            return f"{name} fails ({type(error).__name__}), ours reads {ours!r}"
        if not _same(theirs, ours):
            return f"{name} reads {theirs!r}, ours {ours!r}"
    return None


def entry_lines() -> list[str]:
    """The lines of the real model entries that hold a value, each made a one-line mapping document."""
    lines = set()
    for path in sorted(MODELS.glob("*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip().removeprefix("- ")
            if stripped and not stripped.startswith("#") and not stripped.endswith(":"):
                lines.add(stripped if _KEY.match(stripped) else f"item: {stripped}")
    return sorted(lines)


# What a mutation inserts: YAML's indicators and number characters, weighted towards the troublesome.
MUTATION_CHARS = "0123456789_.-+eExob:=<~ \t#,[]{}'\"!&*?|>%@`yYnNtTfF" + "05.-+_:"
_KEY = re.compile(r"[a-z_]+: ")


def mutate(line: str, rng: random.Random) -> str:
    """A real entry line with its value changed by a few insertions, deletions or replacements."""
    head = _KEY.match(line)
    prefix_end = head.end() if head else 0
    prefix, value = line[:prefix_end], line[prefix_end:]
    chars = list(value)
    for _ in range(rng.randint(1, 4)):
        operation = rng.random()
        where = rng.randint(0, len(chars))
        if operation < 0.4 or not chars:
            chars.insert(where, rng.choice(MUTATION_CHARS))
        elif operation < 0.7:
            chars[min(where, len(chars) - 1)] = rng.choice(MUTATION_CHARS)
        elif operation < 0.85:
            del chars[min(where, len(chars) - 1)]
        else:
            chars = list(rng.choice(NUMBERISH_SEEDS))
    return prefix + "".join(chars) + "\n"


# Values worth starting a mutation from: numbers, dates and indicators in every notation the specs know.
NUMBERISH_SEEDS = [
    "0128000", "128000", "0x8000", "0o17", "0b101", "012", "1_000", "1:20", "1.5", ".5", "-.5", "+.5",
    "1e3", "1.0e+3", ".inf", "-.Inf", ".NaN", "=", "<<", "~", "null", "2023-12", "2026-02-30",
    "2026-01-01 10:00:00", "yes", "No", "on", "y", "true", "0.", "00", "-0", "+0", "1.2.3", "x\ty",
]  # fmt: skip
