"""`catalogue export` and `catalogue render`: generated files, written only from lint-clean data."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from llm_class_catalogue.commands.lint import configure, with_allowed_hosts
from llm_class_catalogue.engine.engine import lint
from llm_class_catalogue.engine.load import load
from llm_class_catalogue.engine.online import OnlineOptions
from llm_class_catalogue.loading.loader import CACHE_DIR, gc_paused
from llm_class_catalogue.loading.workspace import Workspace, find_workspace
from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.model.entry import Catalogue
from llm_class_catalogue.model.jsonio import dumps, dumps_entries, dumps_line, one_entry_per_line, write_atomically
from llm_class_catalogue.outputs import bundle, export, render
from llm_class_catalogue.outputs.reporters import text
from llm_class_catalogue.rules import Context
from llm_class_catalogue.validation.schemas import KINDS

EXPORT_PATH = Path("export/catalogue.json")
IDS_SCHEMA_NAME = "model-ids.schema.json"
PAGE_PATH = Path("docs/classes-of-large-language-models.md")
SCHEMA_PATH = Path("schema")
BUNDLED_PATH = SCHEMA_PATH / "bundled"


@dataclass(frozen=True)
class Outcome:
    """What a command prints on stdout and stderr, and its exit code."""

    stdout: str
    stderr: str
    code: int


def linted(workspace: Workspace, today: Any) -> tuple[Catalogue | None, str]:
    """The catalogue, or None and the errors that block publishing it (time rules never block). The
    export's model lines are made while the files are parsed (in the worker processes of a cold run)."""
    config = configure(workspace, (), ())
    config = replace(config, ignore=config.ignore + ("T",))
    sections = with_allowed_hosts(config.sections, OnlineOptions())  # the same settings, so lint's cache serves
    products = ((export.MODEL_LINE, export.model_line),)
    catalogue = load(workspace, config, workspace.base / CACHE_DIR, settings=sections, products=products)
    errors = [d for d in lint(catalogue, config, Context(today, sections)) if d.severity.value == "error"]
    if errors:
        return None, text(errors) + f"refusing to publish: {len(errors)} lint error{'s' if len(errors) != 1 else ''}\n"
    return catalogue, ""


def _generated(
    workspace: Workspace, today: Any, make: Callable[[export.Export], dict[Path, str]]
) -> tuple[dict[Path, str] | None, str]:
    """The files `make` makes from the export of a lint-clean catalogue, or None and the errors. The
    cyclic collector stays paused until the export is gone: every container in it lives until then."""
    catalogue, errors = linted(workspace, today)
    if catalogue is None:
        return None, errors
    with gc_paused():
        return make(export.build(catalogue)), ""


def _differences(old_text: str | None, new_text: str, label: str) -> str:
    if old_text is None:
        return f"{label}: missing\n"
    old_lines, new_lines = old_text.splitlines(), new_text.splitlines()
    changed = sum(1 for a, b in zip(old_lines, new_lines, strict=False) if a != b) + abs(
        len(old_lines) - len(new_lines)
    )
    return f"{label}: out of date ({changed} line{'s' if changed != 1 else ''} differ)\n"


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError):
        return None


def publish(files: dict[Path, str], output: str | None, check: bool, command: str) -> Outcome:
    """Write, check or print generated files; `files` maps target paths to their text (first is the main one)."""
    main_path, main_text = next(iter(files.items()))
    if output == "-":
        return Outcome(main_text, "", 0)
    if check:
        stale = "".join(
            _differences(_read(path), content, os.path.relpath(path))
            for path, content in files.items()
            if _read(path) != content
        )
        if stale:
            return Outcome("", stale + f"run `catalogue {command}` and commit the result\n", 1)
        return Outcome("", f"{_names(files)}: up to date\n", 0)
    for path, content in files.items():
        write_atomically(path, content)
    return Outcome("", f"wrote {_names(files)}\n", 0)


def _names(files: dict[Path, str]) -> str:
    return ", ".join(os.path.relpath(path) for path in files)


def run_export(root: str | None, output: str | None, output_format: str, check: bool, today: Any) -> Outcome:
    workspace = find_workspace(root)
    target = Path(output) if output not in (None, "-") else workspace.base / EXPORT_PATH
    files, errors = _generated(workspace, today, partial(_export_files, target, output_format, output != "-"))
    if files is None:
        return Outcome("", errors, 1)
    return publish(files, output, check, "export")


def _json_files(target: Path, with_ids_schema: bool, built: export.Export) -> dict[Path, str]:
    files = {target: one_entry_per_line(built.encoded)}
    if with_ids_schema:
        files[target.parent / IDS_SCHEMA_NAME] = dumps_entries(export.model_ids_schema(built))
    return files


def _jsonl_files(target: Path, with_ids_schema: bool, built: export.Export) -> dict[Path, str]:
    return {target: "".join(dumps_line(record) for record in export.jsonl_records(built.document))}


# `catalogue export --format`: each format's files, from the export's target path and whether the
# ids schema goes beside it.
EXPORT_WRITERS: dict[str, Callable[[Path, bool, export.Export], dict[Path, str]]] = {
    "json": _json_files,
    "jsonl": _jsonl_files,
}


def _export_files(target: Path, output_format: str, with_ids_schema: bool, built: export.Export) -> dict[Path, str]:
    return EXPORT_WRITERS[output_format](target, with_ids_schema, built)


def run_render(root: str | None, output: str | None, check: bool, today: Any) -> Outcome:
    workspace = find_workspace(root)
    target = Path(output) if output not in (None, "-") else workspace.base / PAGE_PATH
    files, errors = _generated(workspace, today, lambda built: {target: render.page(built.document)})
    if files is None:
        return Outcome("", errors, 1)
    return publish(files, output, check, "render")


def run_publish(root: str | None, check: bool, today: Any) -> Outcome:
    """Export, render and bundle the entry schemas together: what a contributor runs after editing, and
    what CI checks."""
    workspace = find_workspace(root)
    files, errors = _generated(workspace, today, partial(_all_files, workspace.base))
    if files is None:
        return Outcome("", errors, 1)
    return publish(files, None, check, "publish")


def _all_files(base: Path, built: export.Export) -> dict[Path, str]:
    return {
        base / EXPORT_PATH: one_entry_per_line(built.encoded),
        base / EXPORT_PATH.parent / IDS_SCHEMA_NAME: dumps_entries(export.model_ids_schema(built)),
        base / PAGE_PATH: render.page(built.document),
        **_bundled_schemas(base),
    }


def _bundled_schemas(base: Path) -> dict[Path, str]:
    """schema/bundled/<kind>.schema.json for each entry kind, made from the sources in schema/. A
    workspace without them (a catalogue linted by an installed linter) has no schemas to publish."""
    sources = {path.name: _read_schema(path) for path in sorted((base / SCHEMA_PATH).glob(f"*{bundle.SUFFIX}"))}
    if not sources:
        return {}
    return {base / BUNDLED_PATH / name: dumps(schema) for name, schema in bundle.bundles(sources, KINDS).items()}


def _read_schema(path: Path) -> dict[str, Any]:
    try:
        schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ToolError(f"{path}: cannot read the schema: {error}") from None
    return schema
