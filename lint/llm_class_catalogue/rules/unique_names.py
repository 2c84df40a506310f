"""R002: no two entries of a kind answer to the same id or alias."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Catalogue, Entry
from llm_class_catalogue.rules.base import Context


def normalise(name: str) -> str:
    """How a reader's lookup compares names: NFKC, case-folded, spaces collapsed."""
    if name.isascii():  # NFKC leaves ASCII alone, and case-folds it to lower case
        return " ".join(name.lower().split())
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _names(entry: Entry) -> Iterator[tuple[tuple[object, ...], str]]:
    entry_id = entry.data.get("id")
    yield ("id",), entry_id if isinstance(entry_id, str) else entry.file_id
    aliases = entry.data.get("aliases")
    if isinstance(aliases, list):
        for index, alias in enumerate(aliases):
            if isinstance(alias, str):
                yield ("aliases", index), alias


def extract(entry: Entry) -> list[str]:
    """The entry's id and aliases, normalised, in the order they are written."""
    return [normalise(name) for _, name in _names(entry)]


def check(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """The same id or alias used by two entries of one kind (compared case- and form-insensitively)."""
    for kind in sorted(catalogue.by_kind):
        owners: dict[str, Entry] = {}
        for entry in catalogue.of_kind(kind).values():
            clashes = []
            for position, key in enumerate(entry.index["names"]):
                first = owners.setdefault(key, entry)
                if first is not entry:
                    clashes.append((position, first))
            if clashes:
                names = list(_names(entry))  # where each stands and how it is written: read from the data
                for position, first in clashes:
                    where, name = names[position]
                    yield entry.diagnostic(
                        R.DUPLICATE_NAME,
                        f"`{name}` already names {first.path}",
                        *where,
                        hint="each id and alias must lead to one entry: drop or change it",
                    )
