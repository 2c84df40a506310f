"""S005: an entry's id is its file name, and its file is in its kind's folder."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic

if TYPE_CHECKING:
    from llm_class_catalogue.validation.yaml_loader import ParsedYaml

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# An offering's id joins its model's id and its host's id with two hyphens.
ID_PATTERNS = {"offering": re.compile(r"[a-z0-9]+(-[a-z0-9]+)*--[a-z0-9]+(-[a-z0-9]+)*")}
ID_RULES = {"offering": "<model id>--<host id>, each lowercase letters and digits joined by hyphens"}


def valid_id(kind: str, value: str) -> bool:
    return ID_PATTERNS.get(kind, ID_PATTERN).fullmatch(value) is not None


def id_rule(kind: str) -> str:
    return ID_RULES.get(kind, "a lowercase id of letters and digits joined by hyphens")


# Fields only one kind has; an entry holding all of another kind's is in the wrong folder.
DISTINCTIVE_FIELDS = {
    "model": {"provider", "classes"},
    "class": {"number", "facet"},
    "provider": {"homepage", "kind"},
    "offering": {"api_id", "host"},
    "recipe": {"roles", "use_case"},
    "taxonomy": {"use_cases", "backlog"},
}
FOLDERS = {
    "model": "catalogue/models/",
    "class": "catalogue/classes/",
    "provider": "catalogue/providers/",
    "offering": "catalogue/offerings/",
    "recipe": "catalogue/recipes/",
    "taxonomy": "catalogue/taxonomy.yaml",
}


def looks_like(data: dict[str, object]) -> str | None:
    """The one kind whose distinctive fields the data holds, if exactly one."""
    kinds = [kind for kind, fields in DISTINCTIVE_FIELDS.items() if fields <= data.keys()]
    return kinds[0] if len(kinds) == 1 else None


def check(kind: str, file_id: str, parsed: ParsedYaml, path: str) -> Iterator[Diagnostic]:
    """Id differs from the file name, or the file is in the wrong folder for its kind."""
    data = parsed.data or {}
    other = looks_like(data)
    if other is not None and other != kind:
        yield R.PLACEMENT.at(
            path,
            1,
            1,
            f"a {other} entry in the folder for {kind} entries",
            f"move it to {FOLDERS[other]}",
        )
        return
    if not valid_id(kind, file_id):
        yield R.PLACEMENT.at(
            path,
            1,
            1,
            f"the file name `{file_id}` is not a valid id",
            f"name the file <id>.yaml with {id_rule(kind)}",
        )
    entry_id = data.get("id")
    if isinstance(entry_id, str) and entry_id != file_id:
        mark = parsed.locate(("id",))
        yield R.PLACEMENT.at(
            path,
            mark.line,
            mark.column,
            f"id `{entry_id}` differs from the file name `{file_id}.yaml`",
            f"rename the file to {entry_id}.yaml, or set id: {file_id}",
        )
