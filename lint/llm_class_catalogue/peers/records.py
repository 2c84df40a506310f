"""What a peer catalogue says, as values: one entry per peer id, each fact with where the peer file says it.

The fact names are shared by every reader and by the comparison (see compare.FACTS): limits
(context_window, max_input_tokens, max_output_tokens), prices in USD per 1M tokens (price.input,
price.output, price.cache_read, price.cache_write), capabilities (tool_calling, structured_output,
reasoning), one fact per modality (input.image, output.audio, ...: true or false), open_weights,
released and retires (the day the peer says the model stops being served).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from llm_class_catalogue.model.diagnostics import ToolError


class PeerValue(NamedTuple):
    """A fact as the peer states it, and where: a path into the peer's file such as ["gpt-4o"].max_input_tokens."""

    value: Any
    where: str


@dataclass(frozen=True)
class PeerEntry:
    """One model (or one host's offering of it) in a peer's file."""

    key: str  # the peer's id for it: what an offering's peer_ids records
    host: str | None  # the peer's name for whoever it describes (litellm_provider, a models.dev provider, ...)
    name: str  # the model's id with the host prefix taken off, for matching by name
    facts: dict[str, PeerValue] = field(default_factory=dict, compare=False)
    language_model: bool = True  # what "not catalogued" considers: chat, completion and embedding models


@dataclass(frozen=True)
class PeerFile:
    """A peer's published file, read: its entries by key, and what the reader had to skip (said on stderr)."""

    peer: str
    path: str
    label: str  # the file's name in reports (where in the peer file)
    entries: dict[str, PeerEntry]
    skipped: tuple[str, ...] = ()


class PeerFileError(ToolError):
    """A peer file that cannot be read at all: missing, not JSON (a truncated download), the wrong shape."""


def tokens(value: Any) -> int | None:
    """A token count, or None when the peer gives none: integers, integral floats and numeric strings
    ("128000", "128_000", "128,000"); 0, negatives, booleans and anything else are not a limit."""
    if isinstance(value, str):
        text = value.strip().replace("_", "").replace(",", "")
        value = int(text) if text.isdigit() else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return int(value) if value > 0 and float(value).is_integer() else None


def price(value: Any, per_token: bool) -> float | None:
    """A price in USD per 1M tokens, or None: 0 and negative numbers are the peers' "unknown" (OpenRouter's
    -1 is "varies"), and so is anything that is not a number or a numeric string."""
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        return None
    scaled = value * 1_000_000 if per_token else float(value)
    return float(f"{scaled:.10g}")  # 2.5e-06 * 1e6 is 2.4999999999999996: the peer meant 2.5


def flag(value: Any) -> bool | None:
    """A yes or no, or None: only real booleans count (a missing flag says nothing)."""
    return value if isinstance(value, bool) else None


_DAY = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def day(value: Any) -> str | None:
    """A YYYY-MM-DD or YYYY-MM date, or None."""
    return value if isinstance(value, str) and _DAY.match(value.strip()) else None


def put(facts: dict[str, PeerValue], name: str, value: Any, where: str) -> None:
    """Record a fact only when the peer states it."""
    if value is not None:
        facts[name] = PeerValue(value, where)


def modality_facts(facts: dict[str, PeerValue], side: str, stated: dict[str, bool], where: str) -> None:
    """One fact per modality the peer states, e.g. input.image: True (text is taken for granted)."""
    for modality, present in sorted(stated.items()):
        if modality != "text":
            put(facts, f"{side}.{modality}", present, where)
