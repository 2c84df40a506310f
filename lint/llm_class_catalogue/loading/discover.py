"""Finding the entry files under catalogue/, without following links or opening files."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator

from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.model.entry import CATALOGUE_DIR, ENTRY_SUFFIX, FOLDER_KINDS, ROOT_FILES, Candidate


def _rel(base: str, path: str) -> str:
    """path below base, with forward slashes (discover builds every path by joining onto base)."""
    return path[len(base) :].lstrip(os.sep).replace(os.sep, "/")


def discover(base: str) -> Iterator[Candidate]:
    """Every name under catalogue/, sorted, without following links or opening files. A name that goes
    while it is scanned is gone; a folder that cannot be read is reported (the catalogue/ folder
    itself: the tool cannot go on)."""
    root = os.path.join(base, CATALOGUE_DIR)
    try:
        items = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as error:
        raise ToolError(f"cannot read {root}: {error.strerror}") from None
    for item in items:
        if item.name.startswith("."):
            continue
        if item.name in FOLDER_KINDS and item.is_dir(follow_symlinks=False):
            yield from _scan_folder(base, item.path, FOLDER_KINDS[item.name])
        elif item.name in ROOT_FILES:
            if (candidate := _candidate(base, item, ROOT_FILES[item.name])) is not None:
                yield candidate
        else:
            yield Candidate(
                item.path,
                _rel(base, item.path),
                None,
                f"`{item.name}` does not belong in {CATALOGUE_DIR}/: it holds "
                f"{', '.join(sorted(FOLDER_KINDS))}/ and {', '.join(sorted(ROOT_FILES))}",
            )


def _scan_folder(base: str, folder: str, kind: str) -> Iterator[Candidate]:
    try:
        items = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        return
    except OSError as error:
        yield Candidate(folder, _rel(base, folder), kind, f"cannot read the folder: {error.strerror}")
        return
    for item in items:
        if item.name.startswith("."):
            continue
        if not item.name.endswith(ENTRY_SUFFIX):
            stem = item.name.rsplit(".", 1)[0] if "." in item.name else item.name
            yield Candidate(
                item.path,
                _rel(base, item.path),
                None,
                f"`{item.name}` is not an entry file: entries are named <id>.yaml (did you mean `{stem}.yaml`?)",
            )
            continue
        if (candidate := _candidate(base, item, kind)) is not None:
            yield candidate


def _candidate(base: str, item: os.DirEntry[str], kind: str) -> Candidate | None:
    """The candidate for a directory entry; None when it went since the folder was read."""
    rel = _rel(base, item.path)
    try:
        if item.is_symlink():
            return Candidate(
                item.path, rel, kind, "a symbolic link: entries are regular files and links are not followed"
            )
        info = item.stat(follow_symlinks=False)
    except FileNotFoundError:
        return None
    except OSError as error:
        return Candidate(item.path, rel, kind, f"cannot read the file: {error.strerror}")
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return Candidate(item.path, rel, kind, "a directory named like an entry")
    if not stat.S_ISREG(mode):
        return Candidate(item.path, rel, kind, "not a regular file (a FIFO, socket or device)")
    return Candidate(item.path, rel, kind, signature=(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
