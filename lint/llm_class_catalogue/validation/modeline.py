"""S011: every entry's first line points editors at its kind's schema."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from functools import cache

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic

PREFIX = "# yaml-language-server: $schema="


def expected(kind: str, rel_path: str) -> str:
    """The modeline for an entry at rel_path (relative to the folder that holds catalogue/ and schema/)."""
    return _in_folder(kind, posixpath.dirname(rel_path))


@cache
def _in_folder(kind: str, folder: str) -> str:
    """The modeline for an entry of `kind` in `folder`: the same for every file there."""
    return PREFIX + posixpath.relpath(f"schema/{kind}.schema.json", folder)


def check(kind: str, rel_path: str, text: str) -> Iterator[Diagnostic]:
    """A missing modeline, or one naming another schema."""
    want = expected(kind, rel_path)
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    if first == want:
        return
    if first.startswith(PREFIX):
        message = f"the modeline names {first[len(PREFIX) :]}, not this folder's schema"
    else:
        message = "no yaml-language-server modeline on the first line"
    yield R.SCHEMA_MODELINE.at(rel_path, 1, 1, message, f"make the first line: {want}")
