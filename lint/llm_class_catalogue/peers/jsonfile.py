"""Reading a peer's JSON file: every way it can fail becomes one PeerFileError that says why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from llm_class_catalogue.peers.records import PeerFileError

MAX_BYTES = 256 * 1024 * 1024  # LiteLLM's map is a few MB; a file this large is not a peer's model list


def read_json(path: str, what: str) -> Any:
    """The parsed file; PeerFileError (exit 2) when it is missing, too large, not UTF-8 or not JSON."""
    file = Path(path)
    try:
        if file.is_dir():
            raise PeerFileError(f"{what} {path}: is a folder, expected a JSON file")
        if file.stat().st_size > MAX_BYTES:
            raise PeerFileError(f"{what} {path}: larger than {MAX_BYTES // (1024 * 1024)} MiB, not a model list")
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PeerFileError(f"{what} {path}: no such file") from None
    except UnicodeDecodeError as error:
        raise PeerFileError(f"{what} {path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise PeerFileError(f"{what} {path}: cannot read it: {error.strerror or error}") from None
    if not text.strip():
        raise PeerFileError(f"{what} {path}: the file is empty (a failed download?)")
    try:
        return json.loads(text)
    except RecursionError:
        raise PeerFileError(f"{what} {path}: nested too deeply to be a model list") from None
    except ValueError as error:
        ends_early = text.rstrip()[-1:] not in ("}", "]")
        why = " (the file ends early: a truncated download?)" if ends_early else ""
        raise PeerFileError(f"{what} {path}: not valid JSON{why}: {error}") from None


class Key(str):
    """A key that is data (a model's or a provider's name), written in brackets by key_path."""


def key_path(*parts: str | int) -> str:
    """Where a value stands in a JSON document: ["gpt-4o"].max_input_tokens, data[3].pricing.prompt.
    Data keys (Key) and list indexes go in brackets, field names after dots."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, Key):
            out += f"[{json.dumps(str(part), ensure_ascii=False)}]"
        else:
            out += f".{part}" if out else part
    return out
