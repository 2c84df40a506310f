"""The loaded catalogue as values: each file's result, its entry, and the entries by kind and id."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, Protocol

from llm_class_catalogue.model.diagnostics import Diagnostic, Severity
from llm_class_catalogue.model.ruletable import Rule

CATALOGUE_DIR = "catalogue"
FOLDER_KINDS = {
    "classes": "class",
    "models": "model",
    "offerings": "offering",
    "providers": "provider",
    "recipes": "recipe",
}
FOLDER_OF_KIND = {kind: folder for folder, kind in FOLDER_KINDS.items()}
ROOT_FILES = {"taxonomy.yaml": "taxonomy"}
ENTRY_SUFFIX = ".yaml"
# The field that holds an entry's review date: an offering's is the day its pricing page was read.
REVIEW_FIELD = {"offering": "checked"}
DATA_JSON = "data_json"  # a record's data as the worker that parsed the file encoded it (JSON text)
DEFAULT_MAX_BYTES = 1_048_576  # an entry is a few kB; a megabyte is a mistake or an attack


class Mark(Protocol):
    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


class Locator(Protocol):
    """Where each part of an entry stands in its file, and its data read again from the file."""

    digest: str
    changed: bool  # the file was found changed when parsed again (its places fell back to line 1)

    def locate(self, path: tuple[Any, ...], key: bool = False) -> Mark: ...

    def data(self) -> dict[str, Any]: ...


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
        self, rule: Rule, message: str, *path: Any, hint: str | None = None, key: bool = False
    ) -> Diagnostic:
        """A diagnostic of `rule` at the part of this entry that `path` names (its key, with `key`)."""
        line, column = self.at(*path, key=key)
        return rule.at(self.path, line, column, message, hint)


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
    def from_record(cls, record: dict[str, Any], locator: Locator, loader: DataLoader | None = None) -> FileResult:
        """The result a record stands for; its data comes with it (from a worker, maybe as JSON text,
        decoded when first read) or from `loader`."""
        item = record["entry"]
        if DATA_JSON in record:
            loader = _decoder(record[DATA_JSON])
        entry = (
            None
            if item is None
            else Entry(
                item["kind"],
                record["path"],
                item["file_id"],
                item["valid"],
                locator,
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


def _decoder(text: str) -> DataLoader:
    """A loader that decodes one entry's data from its JSON text, whatever path and digest it is asked for."""
    return lambda path, digest: json.loads(text)


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


def build(base: str, results: Iterable[FileResult], changes: Changes | None = None) -> Catalogue:
    """The catalogue of these results, in path order."""
    return Catalogue(base, sorted(results, key=lambda r: r.path), changes=changes)
