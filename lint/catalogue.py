"""Finding the entry files, loading each once, and indexing them by kind and id."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lint.diagnostics import Diagnostic, Severity
from lint.files import DEFAULT_MAX_BYTES, read_entry
from lint import modeline, placement
from lint.schemas import schema_diagnostics
from lint.yaml_loader import ParsedYaml, parse_yaml

CATALOGUE_DIR = "catalogue"
FOLDER_KINDS = {"classes": "class", "models": "model", "providers": "provider"}
FOLDER_OF_KIND = {kind: folder for folder, kind in FOLDER_KINDS.items()}
ROOT_FILES = {"taxonomy.yaml": "taxonomy"}
ENTRY_SUFFIX = ".yaml"


@dataclass(frozen=True)
class Entry:
    """One loaded entry: its kind, where it is, its data and whether the schema accepted it."""

    kind: str
    path: str
    file_id: str
    parsed: ParsedYaml
    valid: bool

    @property
    def data(self) -> dict[str, Any]:
        assert self.parsed.data is not None
        return self.parsed.data

    def at(self, *path: Any, key: bool = False) -> tuple[int, int]:
        mark = self.parsed.locate(tuple(path), key=key)
        return mark.line, mark.column

    def diagnostic(self, code: str, message: str, *path: Any, hint: str | None = None,
                   severity: Severity = Severity.ERROR, key: bool = False) -> Diagnostic:
        line, column = self.at(*path, key=key)
        return Diagnostic(self.path, line, column, code, severity, message, hint)


@dataclass(frozen=True)
class FileResult:
    """What loading one file gives: the entry (None when unusable) and its file-level problems."""

    path: str
    digest: str
    entry: Entry | None
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class Candidate:
    """A name found in an entry folder, with the kind the folder implies."""

    abs_path: str
    rel_path: str
    kind: str | None
    problem: str | None = None


@dataclass
class Catalogue:
    """Every file's result, and the usable entries indexed by kind and id."""

    base: str
    results: list[FileResult]
    by_kind: dict[str, dict[str, Entry]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for result in self.results:
            if result.entry is not None:
                self.by_kind.setdefault(result.entry.kind, {}).setdefault(result.entry.file_id, result.entry)

    @property
    def entries(self) -> list[Entry]:
        return [result.entry for result in self.results if result.entry is not None]

    def of_kind(self, kind: str) -> dict[str, Entry]:
        return self.by_kind.get(kind, {})


def _rel(base: str, path: str) -> str:
    return os.path.relpath(path, base).replace(os.sep, "/")


def discover(base: str) -> Iterator[Candidate]:
    """Every name under catalogue/, sorted, without following links or opening files."""
    root = os.path.join(base, CATALOGUE_DIR)
    for item in sorted(os.scandir(root), key=lambda e: e.name):
        if item.name.startswith("."):
            continue
        if item.name in FOLDER_KINDS and item.is_dir(follow_symlinks=False):
            yield from _scan_folder(base, item.path, FOLDER_KINDS[item.name])
        elif item.name in ROOT_FILES:
            yield _candidate(base, item, ROOT_FILES[item.name])
        else:
            yield Candidate(item.path, _rel(base, item.path), None,
                            f"`{item.name}` does not belong in {CATALOGUE_DIR}/: it holds "
                            f"{', '.join(sorted(FOLDER_KINDS))}/ and {', '.join(sorted(ROOT_FILES))}")


def _scan_folder(base: str, folder: str, kind: str) -> Iterator[Candidate]:
    for item in sorted(os.scandir(folder), key=lambda e: e.name):
        if item.name.startswith("."):
            continue
        if not item.name.endswith(ENTRY_SUFFIX):
            stem = item.name.rsplit(".", 1)[0] if "." in item.name else item.name
            yield Candidate(item.path, _rel(base, item.path), None,
                            f"`{item.name}` is not an entry file: entries are named <id>.yaml (did you mean `{stem}.yaml`?)")
            continue
        yield _candidate(base, item, kind)


def _candidate(base: str, item: os.DirEntry[str], kind: str) -> Candidate:
    rel = _rel(base, item.path)
    if item.is_symlink():
        return Candidate(item.path, rel, kind, "a symbolic link: entries are regular files and links are not followed")
    mode = item.stat(follow_symlinks=False).st_mode
    if stat.S_ISDIR(mode):
        return Candidate(item.path, rel, kind, "a directory named like an entry")
    if not stat.S_ISREG(mode):
        return Candidate(item.path, rel, kind, "not a regular file (a FIFO, socket or device)")
    return Candidate(item.path, rel, kind)


def load_file(candidate: Candidate, max_bytes: int = DEFAULT_MAX_BYTES) -> FileResult:
    """Read, parse and schema-check one candidate; every problem becomes a diagnostic."""
    if candidate.problem is not None:
        code = "S006" if candidate.kind is not None else "S005"
        return FileResult(candidate.rel_path, "", None,
                          (Diagnostic(candidate.rel_path, 1, 1, code, Severity.ERROR, candidate.problem),))
    assert candidate.kind is not None
    text = read_entry(candidate.abs_path, candidate.rel_path, max_bytes)
    digest = hashlib.sha256(text.digest_source).hexdigest()
    if text.text is None:
        return FileResult(candidate.rel_path, digest, None, text.diagnostics)
    parsed = parse_yaml(text.text, candidate.rel_path)
    modeline_problems = tuple(modeline.check(candidate.kind, candidate.rel_path, text.text))
    if parsed.data is None:
        return FileResult(candidate.rel_path, digest, None, parsed.diagnostics + modeline_problems)
    file_id = os.path.basename(candidate.rel_path)[: -len(ENTRY_SUFFIX)]
    placement_problems = tuple(placement.check(candidate.kind, file_id, parsed, candidate.rel_path))
    if placement.looks_like(parsed.data) not in (None, candidate.kind):
        return FileResult(candidate.rel_path, digest, None, parsed.diagnostics + modeline_problems + placement_problems)
    schema_problems = tuple(schema_diagnostics(candidate.kind, parsed, candidate.rel_path))
    entry = Entry(candidate.kind, candidate.rel_path, file_id, parsed, valid=not schema_problems)
    return FileResult(candidate.rel_path, digest, entry,
                      parsed.diagnostics + modeline_problems + placement_problems + schema_problems)


def build(base: str, results: Iterable[FileResult]) -> Catalogue:
    return Catalogue(base, sorted(results, key=lambda r: r.path))


def load(base: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Catalogue:
    """Load every file of the catalogue under base (the folder that holds catalogue/)."""
    return build(base, (load_file(candidate, max_bytes) for candidate in discover(base)))
