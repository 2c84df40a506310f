"""Deterministic JSON text and atomic file writes: a reader never sees half a file."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Sorted keys, no spaces, UTF-8 text, NaN and infinities refused. Written by CPython's C encoder,
# which `indent` would swap for the pure-Python one (five times slower on the export). It does not
# look for cycles (a tenth to a sixth of its time): documents are trees, and a cycle still fails, as a RecursionError.
_CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False, check_circular=False
)

Encoded = dict[str, str | list[str]]  # an object's members in canonical JSON; an array's item by item


def dumps(document: Any) -> str:
    """Sorted keys, two-space indent, UTF-8 text, a final newline; NaN and infinities refused."""
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def encode(document: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 text, NaN and infinities refused."""
    return _CANONICAL.encode(document)


def dumps_line(document: Any) -> str:
    """One JSON value on one line, for JSON Lines."""
    return _CANONICAL.encode(document) + "\n"


def encode_members(document: dict[str, Any]) -> Encoded:
    """Each member of `document` in canonical JSON, an array member item by item."""
    return {
        key: [_CANONICAL.encode(item) for item in value] if isinstance(value, list) else _CANONICAL.encode(value)
        for key, value in document.items()
    }


def canonical_pieces(members: Encoded) -> Iterator[str]:
    """The canonical JSON of the whole object, piece by piece, from its encoded members (nothing is encoded again)."""
    yield "{"
    for number, (key, value) in enumerate(sorted(members.items())):
        yield f"{',' if number else ''}{_CANONICAL.encode(key)}:"
        if isinstance(value, str):
            yield value
            continue
        yield "["
        for index, item in enumerate(value):
            yield f",{item}" if index else item
        yield "]"
    yield "}"


def one_entry_per_line(members: Encoded) -> str:
    """Each member on a line of its own, and each item of an array member; two-space indent, a final newline."""
    if not members:
        return "{}\n"
    pieces = ["{\n"]
    for key, value in sorted(members.items()):
        pieces.append(f"  {_CANONICAL.encode(key)}: ")
        if isinstance(value, str):
            pieces.append(value)
        elif value:
            pieces.append("[\n    ")
            for index, item in enumerate(value):  # one join for the whole text: no array-sized copy on the way
                pieces += (",\n    ", item) if index else (item,)
            pieces.append("\n  ]")
        else:
            pieces.append("[]")
        pieces.append(",\n")
    pieces[-1] = "\n}\n"
    return "".join(pieces)


def dumps_entries(document: dict[str, Any]) -> str:
    """`document` one entry per line (see one_entry_per_line)."""
    return one_entry_per_line(encode_members(document))


WRITE_CHUNK = 1 << 20


def write_atomically(path: Path, text: str, durable: bool = True) -> None:
    """Write to a temporary file beside `path`, flush it to disk (unless it is only a cache), then rename
    it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # as open() would make it; mkstemp's 0600 hides a published file
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            for start in range(0, len(text), WRITE_CHUNK):  # never a second, encoded copy of a large text
                stream.write(text[start : start + WRITE_CHUNK])
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
