"""What a rule is, and what the catalogue-wide rules are given to run."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from llm_class_catalogue.loading.catalogue import Catalogue, Entry
from llm_class_catalogue.model.diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class Context:
    """What a catalogue rule may depend on besides the data: the day it runs on and settings."""

    today: date
    settings: dict[str, Any]


CatalogueCheck = Callable[[Catalogue, Context], Iterable[Diagnostic]]
EntryCheck = Callable[[Entry, dict[str, Any]], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    """A stable code, a name, a default severity, one line of documentation and a check.

    `entry_check` looks at one entry alone: it runs while the file is loaded (in a worker
    process when there are many) and its result is cached with the file. `check` needs the
    whole catalogue. A rule with neither is reported by the loader while it reads a file (it
    needs the text or the event stream) or by the online link check (`lint --online`).

    `reads` names the parts of each entry's index a `check` reads (besides each entry's kind,
    path, id and validity); while none of them changed, a warm run reuses the check's last result.
    A check reads an entry's data only to report on that entry.
    """

    code: str
    name: str
    severity: Severity
    description: str
    check: CatalogueCheck | None = None
    entry_check: EntryCheck | None = None
    reads: tuple[str, ...] = ()
