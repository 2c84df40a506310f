"""Each catalogue rule's last result, reused by a warm run while nothing the rule reads has changed:
none of the index parts it declares, no entry come or gone, no file it reported on parsed again.
Plain JSON beside the file cache; a corrupt or foreign one is ignored and rebuilt. It is written
under the folder's lock, and only while the file cache is still in the state the results were
worked out on."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from llm_class_catalogue.cache.folder import CacheFolder
from llm_class_catalogue.model.diagnostics import Diagnostic, Severity
from llm_class_catalogue.model.entry import Changes

RULES_FILE = "rules.json"
FORMAT = 1


def _row(diagnostic: Diagnostic) -> list[Any]:
    d = diagnostic
    return [d.path, d.line, d.column, d.code, d.severity.value, d.message, d.hint]


def _diagnostic(row: Any) -> Diagnostic:
    path, line, column, code, severity, message, hint = row
    if not (isinstance(path, str) and type(line) is int and type(column) is int and isinstance(message, str)):
        raise ValueError("not a diagnostic")
    if not (isinstance(code, str) and (hint is None or isinstance(hint, str))):
        raise ValueError("not a diagnostic")
    return Diagnostic(path, line, column, code, Severity(severity), message, hint)


def _read(folder: CacheFolder, key: str) -> tuple[str, dict[str, list[Diagnostic]]]:
    """The file cache generation the results were worked out on, and the results."""
    try:
        raw = json.loads(folder.read(RULES_FILE) or b"{}")
        if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("key") != key:
            return "", {}
        rules = {code: [_diagnostic(row) for row in rows] for code, rows in raw["rules"].items()}
        return str(raw["generation"]), rules
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return "", {}


class Rule(Protocol):
    """What the cache needs of a catalogue rule: its code, and the parts of the index it reads."""

    @property
    def code(self) -> str: ...

    @property
    def reads(self) -> tuple[str, ...]: ...


@dataclass
class RuleCache:
    folder: CacheFolder
    key: str
    generation: str  # of the file cache the results were worked out on
    results: dict[str, list[Diagnostic]]
    current: set[str] = field(default_factory=set)  # rules whose result holds for this run
    changed: bool = False

    @classmethod
    def open(cls, folder: CacheFolder, key: str) -> RuleCache:
        """The results kept in folder under this key (the file cache's key and the day the rules ran)."""
        return cls(folder, key, *_read(folder, key))

    def reusable(self, rule: Rule, changes: Changes | None) -> list[Diagnostic] | None:
        """The rule's last result, if nothing it depends on has changed since it was worked out."""
        kept = self.results.get(rule.code)
        if kept is None or changes is None or not changes.since or changes.since != self.generation:
            return None
        if changes.parts.intersection(rule.reads):
            return None
        if any(diagnostic.path in changes.reparsed for diagnostic in kept):
            return None  # a file it reported on changed: the places and words may have too
        self.current.add(rule.code)
        return kept

    def reusable_apart_from_reparsed(self, rule: Rule, changes: Changes | None) -> list[Diagnostic] | None:
        """For a rule that judges each entry alone: its last result on every file not parsed again, if
        the result was worked out on the state this run's changes are counted from (no file came or went
        since, which would make that state unknown)."""
        kept = self.results.get(rule.code)
        if kept is None or changes is None or not changes.since or changes.since != self.generation:
            return None
        return [diagnostic for diagnostic in kept if diagnostic.path not in changes.reparsed]

    def keep(self, rule: Rule, diagnostics: list[Diagnostic]) -> None:
        """The result of a rule that ran in this run."""
        self.changed |= self.results.get(rule.code) != diagnostics
        self.results[rule.code] = diagnostics
        self.current.add(rule.code)

    def save(self, changes: Changes | None) -> None:
        """Keep the results that hold for this run, under the generation the file cache is in now: only
        while it still is (no other run saved since), and never when that state is unknown."""
        if changes is None or not changes.now:
            return
        if not self.changed and self.generation == changes.now and self.current == set(self.results):
            return
        rows = {code: [_row(d) for d in self.results[code]] for code in sorted(self.current)}
        document = {"format": FORMAT, "key": self.key, "generation": changes.now, "rules": rows}
        with self.folder.locked() as held:
            if held and self.folder.generation() == changes.now:
                self.folder.write(RULES_FILE, json.dumps(document, ensure_ascii=False))
