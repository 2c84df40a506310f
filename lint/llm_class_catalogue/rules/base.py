"""What a check is, and what the catalogue-wide checks are given to run."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Catalogue, Entry
from llm_class_catalogue.model.ruletable import Rule


@dataclass(frozen=True)
class Context:
    """What a catalogue rule may depend on besides the data: the day it runs on and settings."""

    today: date
    settings: dict[str, Any]


CatalogueCheck = Callable[[Catalogue, Context], Iterable[Diagnostic]]
EntryCheck = Callable[[Entry, dict[str, Any]], Iterable[Diagnostic]]


@dataclass(frozen=True)
class CatalogueRule:
    """A rule whose check needs the whole catalogue; `reads` names the parts of each entry's index it
    reads (besides each entry's kind, path, id and validity). It reads an entry's data only to report
    on that entry."""

    rule: Rule
    check: CatalogueCheck
    reads: tuple[str, ...]
    each_entry: bool = False  # its result on an entry depends on that entry alone (and the context)

    @property
    def code(self) -> str:
        return self.rule.code


@dataclass(frozen=True)
class EntryRule:
    """A rule whose check looks at one entry alone: it runs while the file is loaded (in a worker
    process when there are many) and its result is cached with the file."""

    rule: Rule
    check: EntryCheck
