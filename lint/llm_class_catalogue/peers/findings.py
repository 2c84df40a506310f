"""A finding: one fact on which the catalogue and a peer disagree (or a model one side lacks), as a value."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from llm_class_catalogue.peers.codes import BY_CODE


@dataclass(frozen=True)
class Ours:
    """Our side of a fact: the value, its confidence, the day it was last reviewed, the source that backs
    it (None when no source says it supports this fact) and where it stands in the catalogue."""

    value: Any
    confidence: str | None
    reviewed: str | None
    source: str | None
    place: str


@dataclass(frozen=True)
class Finding:
    code: str
    peer_name: str  # the peer catalogue: litellm, models_dev, openrouter
    model: str  # our model id (for not-catalogued, the peer's name for the model)
    offering: str | None
    fact: str
    ours: Any  # hashable: lists are tuples
    peer: Any
    ours_confidence: str | None
    ours_reviewed: str | None
    ours_source: str | None
    ours_place: str | None
    peer_key: str | None  # the peer's id for the entry
    peer_place: str | None  # where in the peer file, with the file's name
    match: str | None  # "peer id" (recorded in the offering) or "name" (a weaker match by id and aliases)
    message: str

    @property
    def name(self) -> str:
        return BY_CODE[self.code].name

    @property
    def classification(self) -> str:
        return BY_CODE[self.code].classification

    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (self.code, self.peer_name, self.model, self.offering or "", self.fact)

    def record(self) -> dict[str, Any]:
        """The finding as JSON-ready data."""
        out = asdict(self)
        out["ours"], out["peer"] = _plain(self.ours), _plain(self.peer)
        return {"code": self.code, "name": self.name, "classification": self.classification, **out}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
