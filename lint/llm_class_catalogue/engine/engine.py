"""Running every enabled rule over a loaded catalogue."""

from __future__ import annotations

from collections.abc import Iterable

from llm_class_catalogue.cache.rulecache import RuleCache
from llm_class_catalogue.engine.config import Config
from llm_class_catalogue.engine.settle import settle
from llm_class_catalogue.model.diagnostics import Diagnostic, Severity
from llm_class_catalogue.model.entry import Catalogue, build
from llm_class_catalogue.rules import CATALOGUE_RULES, Context
from llm_class_catalogue.rules.base import CatalogueRule


def found(catalogue: Catalogue, config: Config, context: Context, kept: RuleCache | None = None) -> list[Diagnostic]:
    """Every diagnostic of the files and of the enabled catalogue rules, unsettled; with `kept`, a
    catalogue rule whose inputs did not change gives its last result (and the cache is saved, unless a
    file changed while the rules ran: places found in it are line 1, and must not outlive this run)."""
    diagnostics = [diagnostic for result in catalogue.results for diagnostic in result.diagnostics]
    for rule in CATALOGUE_RULES:
        if config.enabled(rule.code):
            reused = kept.reusable(rule, catalogue.changes) if kept is not None else None
            if reused is None:
                reused = _run(rule, catalogue, context, kept)
                if kept is not None:
                    kept.keep(rule, reused)
            diagnostics.extend(reused)
    if kept is not None and not any(entry.locator.changed for entry in catalogue.entries):
        kept.save(catalogue.changes)
    return diagnostics


def _run(rule: CatalogueRule, catalogue: Catalogue, context: Context, kept: RuleCache | None) -> list[Diagnostic]:
    """A rule's result; one that judges each entry alone runs on just the files parsed again when its last
    result on the others still holds."""
    apart = kept.reusable_apart_from_reparsed(rule, catalogue.changes) if kept is not None and rule.each_entry else None
    if apart is None or catalogue.changes is None:
        return list(rule.check(catalogue, context))
    reparsed = catalogue.changes.reparsed
    again = build(catalogue.base, [result for result in catalogue.results if result.path in reparsed])
    return sorted(apart + list(rule.check(again, context)), key=lambda diagnostic: diagnostic.path)


def lint(
    catalogue: Catalogue,
    config: Config,
    context: Context,
    only: set[str] | None = None,
    kept: RuleCache | None = None,
) -> list[Diagnostic]:
    """The offline lint: every diagnostic found, settled."""
    return settle(found(catalogue, config, context, kept), catalogue, config, only)


def fails(diagnostics: Iterable[Diagnostic], strict: bool) -> bool:
    threshold = Severity.WARNING.rank if strict else Severity.ERROR.rank
    return any(diagnostic.severity.rank >= threshold for diagnostic in diagnostics)
