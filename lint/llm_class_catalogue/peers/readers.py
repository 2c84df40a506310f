"""Every peer `catalogue compare` reads, by name: its reader and what its file is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from llm_class_catalogue.peers import litellm, models_dev, openrouter
from llm_class_catalogue.peers.records import PeerFile


@dataclass(frozen=True)
class Peer:
    name: str  # as offerings' peer_ids and findings name it
    option: str  # the command-line option
    what: str
    read: Callable[[str, str], PeerFile]  # (path, label) -> the file, or PeerFileError


PEERS: dict[str, Peer] = {
    "litellm": Peer("litellm", "--litellm", "LiteLLM's model map JSON", litellm.read),
    "models_dev": Peer("models_dev", "--models-dev", "models.dev's api.json or its source tree", models_dev.read),
    "openrouter": Peer("openrouter", "--openrouter", "OpenRouter's /api/v1/models JSON", openrouter.read),
}
