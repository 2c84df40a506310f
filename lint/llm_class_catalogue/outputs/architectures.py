"""The architecture comparison, worked out once for the Markdown page and the site: language models
grouped by architecture, with the ranges of their disclosed figures.

A model that is not a language model (a VAE reads and writes images, never text) has no place in a
row of language-model architectures: it is counted apart, so "Not disclosed" means a language model
whose provider does not say, not "anything without an architecture fact".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ARCHITECTURES = ("dense", "moe", "ssm", "hybrid", "unknown")
ARCHITECTURE_NAMES = {
    "dense": "Dense Transformer",
    "moe": "Mixture of experts",
    "ssm": "State space (SSM)",
    "hybrid": "Hybrid (attention + SSM)",
    "unknown": "Not disclosed",
}


@dataclass(frozen=True)
class Row:
    """One architecture's models and the disclosed values of the figures the comparison shows."""

    architecture: str
    name: str
    models: tuple[dict[str, Any], ...]
    total: tuple[int, ...]
    active: tuple[int, ...]
    context: tuple[int, ...]


def _value(model: dict[str, Any], fact: str) -> Any:
    return (model["facts"].get(fact) or {}).get("value")


def is_language_model(model: dict[str, Any]) -> bool:
    """Text among a model's input or output modalities (an embedding model reads text; a VAE does not).
    A model whose modalities are unknown is given the benefit of the doubt."""
    inputs, outputs = _value(model, "input_modalities"), _value(model, "output_modalities")
    if inputs is None and outputs is None:
        return True
    return "text" in (inputs or []) or "text" in (outputs or [])


def _known(models: list[dict[str, Any]], fact: str) -> tuple[int, ...]:
    values = (_value(m, fact) for m in models)
    return tuple(v for v in values if isinstance(v, int) and not isinstance(v, bool))


def rows(models: list[dict[str, Any]]) -> tuple[list[Row], list[dict[str, Any]]]:
    """The verified language models by architecture (rows without models left out), and the verified
    models that are not language models, which no row counts."""
    verified = [m for m in models if m["status"] != "unverified"]
    language = [m for m in verified if is_language_model(m)]
    found = []
    for architecture in ARCHITECTURES:
        group = [m for m in language if (_value(m, "architecture") or "unknown") == architecture]
        if group:
            found.append(
                Row(
                    architecture,
                    ARCHITECTURE_NAMES[architecture],
                    tuple(group),
                    _known(group, "parameters_total"),
                    _known(group, "parameters_active"),
                    _known(group, "context_window"),
                )
            )
    return found, [m for m in verified if not is_language_model(m)]
