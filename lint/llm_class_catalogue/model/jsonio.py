"""Deterministic JSON text and atomic file writes: a reader never sees half a file."""

from __future__ import annotations

import json
import os
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
    write_all_atomically({path: text}, durable)


def write_all_atomically(files: dict[Path, str], durable: bool = True) -> None:
    """Each file written to a temporary beside it (flushed to disk unless only a cache), and only once
    all are written, each renamed over its target in turn: a reader sees every file old or new, never
    half, and a set mixed only between the first rename and the last. A temporary is removed on any
    exit Python sees; one left by a killed process is named for it, `.<name>.<pid>.tmp`, and removed
    by the next write of that name once the process is gone."""
    written: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            written.append((_write_temporary(path, text, durable), path))
        for temporary, path in written:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        raise


def _write_temporary(path: Path, text: str, durable: bool) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    temporary = path.parent / f".{path.name}.{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(temporary, flags, 0o666 & ~_umask())  # as open() would make it: a published file
    except FileExistsError:  # left by an earlier process with this pid (a live one's is removed above)
        temporary.unlink()
        handle = os.open(temporary, flags, 0o666 & ~_umask())
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            for start in range(0, len(text), WRITE_CHUNK):  # never a second, encoded copy of a large text
                stream.write(text[start : start + WRITE_CHUNK])
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def remove_stale_temporaries(path: Path) -> None:
    """Remove the temporaries of `path` left by processes that no longer run (killed mid-write)."""
    if os.name != "posix":  # no cheap way to ask whether a process runs: they are left
        return
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        pid = name[len(prefix) : -len(".tmp")] if name.startswith(prefix) and name.endswith(".tmp") else ""
        if pid.isdigit() and not _running(int(pid)):
            try:
                (path.parent / name).unlink()
            except OSError:
                pass  # gone already, or not ours to remove: the write goes on


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier process's: this one writes one temporary of a name at a time
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
