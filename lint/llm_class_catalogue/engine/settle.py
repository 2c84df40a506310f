"""The one step every diagnostic passes, whatever produced it (loader, entry and catalogue rules, the
online link check): suppressions, select and ignore, per-path ignores, severity overrides, sorting."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from llm_class_catalogue.engine.config import Config
from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Catalogue

OFFLINE = frozenset(R.Where) - {R.Where.ONLINE, R.Where.CONFIG}  # what `catalogue lint` runs offline


def _apply_suppressions(
    diagnostics: Iterable[Diagnostic], catalogue: Catalogue, config: Config, ran: frozenset[R.Where]
) -> Iterator[Diagnostic]:
    """Drop what entries suppress with a reason; report suppressions that suppressed nothing, of rules
    that ran (an online rule's suppression is not unused in a run that did not go online)."""
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
        rule = R.RULES_BY_CODE.get(code)
        if (path, code) not in used and config.enabled(code) and (rule is None or rule.where in ran):
            message = f"suppression of {code} suppresses nothing"
            yield entries[path].diagnostic(R.UNUSED_SUPPRESSION, message, "suppress", index, hint="remove it")


def settle(
    diagnostics: Iterable[Diagnostic],
    catalogue: Catalogue,
    config: Config,
    only: set[str] | None = None,
    ran: frozenset[R.Where] = OFFLINE,
) -> list[Diagnostic]:
    """Every diagnostic that configuration keeps, for the paths in `only` (all when None), with the
    configured severity, sorted and without repeats. `ran` says which kinds of check ran."""
    return sorted(
        {
            config.apply(diagnostic)
            for diagnostic in _apply_suppressions(diagnostics, catalogue, config, ran)
            if (only is None or diagnostic.path in only) and config.keeps(diagnostic)
        }
    )
