"""C003: no entry keeps a template placeholder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Entry

PLACEHOLDER = "<FILL IN"  # what `catalogue new` writes where a sourced value is wanted


def _placeholders(data: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """Paths of placeholder strings, walked with a stack (entries are small, catalogues large)."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if type(value) is str:
            if value.startswith(PLACEHOLDER):
                yield path
        elif type(value) is dict:
            stack.extend((item, path + (key,)) for key, item in value.items())
        elif type(value) is list:
            stack.extend((item, path + (index,)) for index, item in enumerate(value))


def _has_placeholder(data: dict[str, Any]) -> bool:
    """Whether any string in the entry starts with the placeholder: the walk above without the paths,
    which almost every entry needs no more than this."""
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        if type(value) is str:
            if value.startswith(PLACEHOLDER):
                return True
        elif type(value) is dict:
            stack.extend(value.values())
        elif type(value) is list:
            stack.extend(value)
    return False


def check(entry: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """A `<FILL IN ...>` placeholder from `catalogue new` still in an entry."""
    if not _has_placeholder(entry.data):
        return
    for path in sorted(_placeholders(entry.data), key=str):
        yield entry.diagnostic(
            R.UNFILLED_PLACEHOLDER,
            f"{'.'.join(map(str, path))}: unfilled placeholder",
            *path,
            hint="replace it with the sourced value, or delete the field if it does not apply",
        )
