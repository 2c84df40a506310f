"""C003: no entry keeps a template placeholder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lint.catalogue import Catalogue
from lint.diagnostics import Diagnostic
from lint.rules.base import Context
from lint.scaffold import PLACEHOLDER


def _placeholders(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, str) and value.startswith(PLACEHOLDER):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholders(item, path + (index,))


def check(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """A `<FILL IN ...>` placeholder from `catalogue new` still in an entry."""
    for entry in catalogue.entries:
        for path in _placeholders(entry.data, ()):
            yield entry.diagnostic("C003", f"{'.'.join(map(str, path))}: unfilled placeholder", *path,
                                   hint="replace it with the sourced value, or delete the field if it does not apply")
