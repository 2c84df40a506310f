"""R001: every reference names an entry that exists."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import FOLDER_OF_KIND, Catalogue, Entry
from llm_class_catalogue.rules.base import Context

# (kind of the referring entry, field, kind referred to)
REFERENCES = (
    ("model", "provider", "provider"),
    ("model", "classes", "class"),
    ("model", "successor", "model"),
    ("class", "related", "class"),
    ("offering", "model", "model"),
    ("offering", "host", "provider"),
    ("offering", "deprecation.successor", "model"),
    ("recipe", "roles.*.select.classes", "class"),
    ("recipe", "roles.*.select.host", "provider"),
)


def _targets(entry: Entry, field: str) -> Iterator[tuple[tuple[object, ...], str]]:
    """(where, id) for each id a field holds; a dotted field names a key inside a mapping, and `*` every
    key of one (a recipe's roles)."""
    yield from _walk(entry.data, tuple(field.split(".")), ())


def _walk(value: object, rest: tuple[str, ...], where: tuple[object, ...]) -> Iterator[tuple[tuple[object, ...], str]]:
    if rest:
        if not isinstance(value, dict):
            return
        keys = list(value) if rest[0] == "*" else [rest[0]]
        for key in keys:
            yield from _walk(value.get(key), rest[1:], (*where, key))
    elif isinstance(value, str):
        yield where, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield (*where, index), item


def extract(entry: Entry) -> dict[str, list[str]]:
    """The ids the entry refers to, by field."""
    found: dict[str, list[str]] = {}
    for source_kind, field, _ in REFERENCES:
        if source_kind == entry.kind:
            targets = [target for _, target in _targets(entry, field)]
            if targets:
                found[field] = targets
    return found


def check(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """Reference to an unknown id (provider, class, related class, successor, an offering's model or host)."""
    targets_of = {(source_kind, field): target_kind for source_kind, field, target_kind in REFERENCES}
    for entry in catalogue.entries:
        for field, targets in entry.index["references"].items():
            target_kind = targets_of[entry.kind, field]
            known = catalogue.of_kind(target_kind)
            if all(target in known for target in targets):
                continue
            for where, target in _targets(entry, field):  # where each stands: read from the data
                if target not in known:
                    close = difflib.get_close_matches(target, list(known), n=1, cutoff=0.6)
                    hint = (
                        f"did you mean `{close[0]}`?"
                        if close
                        else f"add catalogue/{FOLDER_OF_KIND[target_kind]}/{target}.yaml, or fix the id"
                    )
                    yield entry.diagnostic(
                        R.UNKNOWN_REFERENCE, f"{field}: unknown {target_kind} `{target}`", *where, hint=hint
                    )
