"""Finding the entry files, loading each once, and indexing them by kind and id."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from llm_class_catalogue.validation import modeline, placement
from llm_class_catalogue.model.diagnostics import Diagnostic, Severity, ToolError
from llm_class_catalogue.validation.files import DEFAULT_MAX_BYTES, decode_entry, read_raw

if TYPE_CHECKING:  # the YAML parser and the schemas load only when a file is parsed (warm runs need neither)
    from llm_class_catalogue.validation.yaml_loader import Mark, ParsedYaml

CATALOGUE_DIR = "catalogue"
FOLDER_KINDS = {"classes": "class", "models": "model", "providers": "provider"}
FOLDER_OF_KIND = {kind: folder for folder, kind in FOLDER_KINDS.items()}
ROOT_FILES = {"taxonomy.yaml": "taxonomy"}
ENTRY_SUFFIX = ".yaml"


class Locator:
    """Where each part of an entry stands: from the parse in hand, or from parsing the file again
    the first time a diagnostic asks (entries loaded from the cache or a worker process)."""

    def __init__(self, abs_path: str, digest: str, parsed: ParsedYaml | None = None) -> None:
        self.abs_path = abs_path
        self.digest = digest
        self._parsed = parsed

    def locate(self, path: tuple[Any, ...], key: bool = False) -> Mark:
        return self._parse().locate(path, key=key)

    def data(self) -> dict[str, Any]:
        """The entry's data, parsed again from the file (which must still be as it was loaded)."""
        data = self._parse().data
        if data is None:
            raise ToolError(f"{self.abs_path} changed while the catalogue was being read: run again")
        return data

    def _parse(self) -> ParsedYaml:
        if self._parsed is None:
            self._parsed = self._reparse()
        return self._parsed

    def _reparse(self) -> ParsedYaml:
        from llm_class_catalogue.validation.yaml_loader import ParsedYaml, parse_yaml

        raw, _ = read_raw(self.abs_path, self.abs_path, max_bytes=2**31)
        if raw is not None and hashlib.sha256(raw).hexdigest() == self.digest:
            text = decode_entry(raw, self.abs_path).text
            if text is not None:
                return parse_yaml(text, self.abs_path)
        return ParsedYaml(None, {}, {}, ())  # the file changed under us: fall back to line 1


DataLoader = Callable[[str, str], "dict[str, Any] | None"]  # (path, digest) -> the data, if kept


@dataclass(frozen=True)
class Entry:
    """One loaded entry: its kind, where it is, whether the schema accepted it, what the catalogue
    rules read of it (`index`, kept in the cache) and its data, at hand or fetched when first asked."""

    kind: str
    path: str
    file_id: str
    valid: bool
    locator: Locator = field(compare=False, repr=False)
    index: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    loaded: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    loader: DataLoader | None = field(default=None, compare=False, repr=False)
    made: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # see LoadOptions.products

    @property
    def data(self) -> dict[str, Any]:
        """In hand when the file was parsed in this run; else from the cache, or by parsing it again."""
        if self.loaded is None:
            found = self.loader(self.path, self.locator.digest) if self.loader is not None else None
            object.__setattr__(self, "loaded", found if found is not None else self.locator.data())
        assert self.loaded is not None
        return self.loaded

    def at(self, *path: Any, key: bool = False) -> tuple[int, int]:
        mark = self.locator.locate(tuple(path), key=key)
        return mark.line, mark.column

    def diagnostic(
        self,
        code: str,
        message: str,
        *path: Any,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
        key: bool = False,
    ) -> Diagnostic:
        line, column = self.at(*path, key=key)
        return Diagnostic(self.path, line, column, code, severity, message, hint)


@dataclass(frozen=True)
class FileResult:
    """What loading one file gives: the entry (None when unusable) and its file-level problems."""

    path: str
    digest: str
    entry: Entry | None
    diagnostics: tuple[Diagnostic, ...]

    def to_record(self) -> dict[str, Any]:
        """Plain JSON data, for the cache and for worker processes (positions are not kept)."""
        entry = (
            None
            if self.entry is None
            else {
                "kind": self.entry.kind,
                "file_id": self.entry.file_id,
                "valid": self.entry.valid,
                "index": self.entry.index,
            }
        )
        rows = [[d.line, d.column, d.code, d.severity.value, d.message, d.hint] for d in self.diagnostics]
        record = {"path": self.path, "digest": self.digest, "entry": entry, "diagnostics": rows}
        if self.entry is not None:
            record["data"] = self.entry.data
            if self.entry.made:
                record["made"] = self.entry.made
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any], abs_path: str, loader: DataLoader | None = None) -> FileResult:
        """The result a record stands for; its data comes with it (from a worker) or from `loader`."""
        item = record["entry"]
        entry = (
            None
            if item is None
            else Entry(
                item["kind"],
                record["path"],
                item["file_id"],
                item["valid"],
                Locator(abs_path, record["digest"]),
                item["index"],
                record.get("data"),
                loader,
                record.get("made", {}),
            )
        )
        diagnostics = tuple(
            Diagnostic(record["path"], line, column, code, Severity(severity), message, hint)
            for line, column, code, severity, message, hint in record["diagnostics"]
        )
        return cls(record["path"], record["digest"], entry, diagnostics)


@dataclass(frozen=True)
class LoadOptions:
    """How files are loaded: the size cap, the single-entry checks run on each with their settings,
    what the catalogue rules read of each entry (its index), and what a command wants made of it."""

    max_bytes: int = DEFAULT_MAX_BYTES
    settings: dict[str, Any] = field(default_factory=dict)
    entry_checks: tuple[Callable[[Entry, dict[str, Any]], Iterable[Diagnostic]], ...] = ()
    extracts: tuple[tuple[str, Callable[[Entry], Any]], ...] = ()
    # What a command wants made of each entry parsed in this run, where it is parsed (in a worker
    # process when there are many): the export's model lines. Not cached; None is not kept.
    products: tuple[tuple[str, Callable[[Entry], Any]], ...] = ()


class Candidate(NamedTuple):
    """A name found in an entry folder, with the kind the folder implies (a tuple: one is made per file)."""

    abs_path: str
    rel_path: str
    kind: str | None
    problem: str | None = None
    signature: tuple[int, int, int, int] | None = None  # size, mtime, ctime (ns) and inode, as found


@dataclass(frozen=True)
class Changes:
    """What changed since the file cache was in generation `since`, for the catalogue rules: the parts
    of the entries' index that differ, and the files parsed again (their diagnostics may have moved).
    `now` is the generation the cache is in after this run."""

    since: str
    now: str
    parts: frozenset[str]
    reparsed: frozenset[str]


@dataclass
class Catalogue:
    """Every file's result, and the usable entries indexed by kind and id."""

    base: str
    results: list[FileResult]
    by_kind: dict[str, dict[str, Entry]] = field(default_factory=dict)
    changes: Changes | None = None  # None: no cache (everything may differ)

    def __post_init__(self) -> None:
        for result in self.results:
            if result.entry is not None:
                self.by_kind.setdefault(result.entry.kind, {}).setdefault(result.entry.file_id, result.entry)

    @cached_property
    def entries(self) -> list[Entry]:
        """The usable entries, in path order (the results never change once built)."""
        return [result.entry for result in self.results if result.entry is not None]

    def of_kind(self, kind: str) -> dict[str, Entry]:
        return self.by_kind.get(kind, {})


def _rel(base: str, path: str) -> str:
    """path below base, with forward slashes (discover builds every path by joining onto base)."""
    return path[len(base) :].lstrip(os.sep).replace(os.sep, "/")


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
            yield Candidate(
                item.path,
                _rel(base, item.path),
                None,
                f"`{item.name}` does not belong in {CATALOGUE_DIR}/: it holds "
                f"{', '.join(sorted(FOLDER_KINDS))}/ and {', '.join(sorted(ROOT_FILES))}",
            )


def _scan_folder(base: str, folder: str, kind: str) -> Iterator[Candidate]:
    for item in sorted(os.scandir(folder), key=lambda e: e.name):
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
        yield _candidate(base, item, kind)


def _candidate(base: str, item: os.DirEntry[str], kind: str) -> Candidate:
    rel = _rel(base, item.path)
    if item.is_symlink():
        return Candidate(item.path, rel, kind, "a symbolic link: entries are regular files and links are not followed")
    info = item.stat(follow_symlinks=False)
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return Candidate(item.path, rel, kind, "a directory named like an entry")
    if not stat.S_ISREG(mode):
        return Candidate(item.path, rel, kind, "not a regular file (a FIFO, socket or device)")
    return Candidate(item.path, rel, kind, signature=(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))


def load_file(candidate: Candidate, options: LoadOptions = LoadOptions(), raw: bytes | None = None) -> FileResult:
    """Read (unless the bytes are given), parse, schema-check and entry-check one candidate."""
    from llm_class_catalogue.validation.schemas import schema_diagnostics
    from llm_class_catalogue.validation.yaml_loader import parse_yaml

    if candidate.problem is not None:
        code = "S006" if candidate.kind is not None else "S005"
        return FileResult(
            candidate.rel_path,
            "",
            None,
            (Diagnostic(candidate.rel_path, 1, 1, code, Severity.ERROR, candidate.problem),),
        )
    assert candidate.kind is not None
    if raw is None:
        raw, problems = read_raw(candidate.abs_path, candidate.rel_path, options.max_bytes)
        if raw is None:
            return FileResult(candidate.rel_path, "", None, problems)
    digest = hashlib.sha256(raw).hexdigest()
    text = decode_entry(raw, candidate.rel_path)
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
    entry = Entry(
        candidate.kind,
        candidate.rel_path,
        file_id,
        not schema_problems,
        Locator(candidate.abs_path, digest, parsed),
        loaded=parsed.data,
    )
    entry.index.update((name, extract(entry)) for name, extract in options.extracts)
    for name, make in options.products:
        if (made := make(entry)) is not None:
            entry.made[name] = made
    checked = tuple(d for check in options.entry_checks for d in check(entry, options.settings))
    return FileResult(
        candidate.rel_path,
        digest,
        entry,
        parsed.diagnostics + modeline_problems + placement_problems + schema_problems + checked,
    )


def build(base: str, results: Iterable[FileResult], changes: Changes | None = None) -> Catalogue:
    return Catalogue(base, sorted(results, key=lambda r: r.path), changes=changes)
