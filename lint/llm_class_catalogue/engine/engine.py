"""Running every enabled rule over a loaded catalogue and settling the result."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from llm_class_catalogue.loading.catalogue import Catalogue
from llm_class_catalogue.engine.config import Config
from llm_class_catalogue.model.diagnostics import Diagnostic, Severity
from llm_class_catalogue.cache.rulecache import RuleCache
from llm_class_catalogue.rules import RULES, Context


def _raw(catalogue: Catalogue, config: Config, context: Context, kept: RuleCache | None) -> Iterator[Diagnostic]:
    for result in catalogue.results:
        yield from result.diagnostics
    for rule in RULES:
        if rule.check is not None and config.enabled(rule.code):
            found = kept.reusable(rule, catalogue.changes) if kept is not None else None
            if found is None:
                found = list(rule.check(catalogue, context))
                if kept is not None:
                    kept.keep(rule, found)
            yield from found


def _apply_suppressions(
    diagnostics: Iterable[Diagnostic], catalogue: Catalogue, config: Config
) -> Iterator[Diagnostic]:
    """Drop what entries suppress with a reason; report suppressions that suppressed nothing."""
    wanted: dict[tuple[str, str], int] = {}
    for entry in catalogue.entries:
        for index, code in entry.index["suppressions"]:
            wanted.setdefault((entry.path, code), index)
    used: set[tuple[str, str]] = set()
    for diagnostic in diagnostics:
        key = (diagnostic.path, diagnostic.code)
        if key in wanted:
            used.add(key)
            continue
        yield diagnostic
    entries = {entry.path: entry for entry in catalogue.entries}
    for (path, code), index in sorted(wanted.items()):
        if (path, code) not in used and config.enabled(code):
            yield entries[path].diagnostic(
                "S010",
                f"suppression of {code} suppresses nothing",
                "suppress",
                index,
                hint="remove it",
                severity=Severity.WARNING,
            )


def lint(
    catalogue: Catalogue,
    config: Config,
    context: Context,
    only: set[str] | None = None,
    kept: RuleCache | None = None,
) -> list[Diagnostic]:
    """Every diagnostic that configuration keeps, for the paths in `only` (all when None), sorted; with
    `kept`, catalogue rules whose inputs did not change give their last result."""
    found = {
        config.apply(diagnostic)
        for diagnostic in _apply_suppressions(_raw(catalogue, config, context, kept), catalogue, config)
        if (only is None or diagnostic.path in only) and config.keeps(diagnostic)
    }
    if kept is not None:
        kept.save(catalogue.changes)
    return sorted(found)


def fails(diagnostics: Iterable[Diagnostic], strict: bool) -> bool:
    threshold = Severity.WARNING.rank if strict else Severity.ERROR.rank
    return any(diagnostic.severity.rank >= threshold for diagnostic in diagnostics)
