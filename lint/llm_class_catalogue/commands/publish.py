"""`catalogue export` and `catalogue render`: generated files, written only from lint-clean data."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from llm_class_catalogue import reader
from llm_class_catalogue.cache.folder import CacheFolder
from llm_class_catalogue.commands.lint import configure, with_allowed_hosts
from llm_class_catalogue.commands.plan import ROUTES_DIR, roles, route_answer
from llm_class_catalogue.engine.engine import lint
from llm_class_catalogue.engine.load import load
from llm_class_catalogue.engine.online import OnlineOptions
from llm_class_catalogue.loading.loader import CACHE_DIR
from llm_class_catalogue.loading.workspace import Workspace, find_workspace
from llm_class_catalogue.model.collector import gc_paused
from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.model.entry import Catalogue, Entry
from llm_class_catalogue.model.jsonio import dumps, dumps_entries, dumps_line, one_entry_per_line, write_all_atomically
from llm_class_catalogue.outputs import bundle, calendar, export, export_v2, litellm_map, render
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


def linted(
    workspace: Workspace, today: Any, folder: CacheFolder | None = None, versions: tuple[str, ...] = ("1", "2")
) -> tuple[Catalogue | None, str]:
    """The catalogue, or None and the errors that block publishing it (time rules never block). The model
    lines of the export `versions` the caller builds are made while the files are parsed (in the worker
    processes of a cold run). `folder` is the cache (the workspace's own unless one is given, to collect
    its warnings)."""
    folder = folder or CacheFolder.at(workspace.base / CACHE_DIR)
    config = configure(workspace, (), ())
    config = replace(config, ignore=config.ignore + ("T",))
    sections = with_allowed_hosts(config.sections, OnlineOptions())  # the same settings, so lint's cache serves
    products = export_products(versions)
    catalogue = load(workspace, config, folder, settings=sections, products=products)
    errors = [d for d in lint(catalogue, config, Context(today, sections)) if d.severity.value == "error"]
    if errors:
        return None, text(errors) + f"refusing to publish: {len(errors)} lint error{'s' if len(errors) != 1 else ''}\n"
    return catalogue, ""


def export_products(versions: tuple[str, ...]) -> tuple[tuple[str, Callable[[Entry], Any]], ...]:
    """What the worker processes make of each model for building these export versions: its line of
    each, and the summary every export reads (so the parent decodes no model's data to build them)."""
    lines = tuple(EXPORT_VERSIONS[version].model_line for version in versions)
    return lines + ((export.MODEL_SUMMARY, export.model_summary),) if versions else ()


def generated(
    workspace: Workspace,
    today: Any,
    make: Callable[[Catalogue], dict[Path, str]],
    versions: tuple[str, ...] = ("1", "2"),
) -> tuple[dict[Path, str] | None, str]:
    """The files `make` makes from a lint-clean catalogue (and the export `versions` it builds), or None;
    and what to print on stderr (the errors, and the cache's warning if it has one). The cyclic collector
    stays paused until the exports are gone: every container in them lives until then."""
    folder = CacheFolder.at(workspace.base / CACHE_DIR)
    catalogue, errors = linted(workspace, today, folder, versions)
    warnings = "".join(f"{warning}\n" for warning in folder.warnings)
    if catalogue is None:
        return None, warnings + errors
    with gc_paused():
        return make(catalogue), warnings


def _differences(old_text: str | None, new_text: str, label: str) -> str:
    if old_text is None:
        return f"{label}: missing\n"
    old_lines, new_lines = old_text.splitlines(), new_text.splitlines()
    changed = sum(1 for a, b in zip(old_lines, new_lines, strict=False) if a != b) + abs(
        len(old_lines) - len(new_lines)
    )
    return f"{label}: out of date ({changed} line{'s' if changed != 1 else ''} differ)\n"


def _refuse_special(path: Path) -> None:
    """Generated files replace regular files only: not a device (`-o /dev/null`), a FIFO, a folder or a
    symbolic link, which a rename would replace rather than write through."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise ToolError(f"{path}: {error.strerror}") from None
    if not stat.S_ISREG(mode):
        what = "a symbolic link" if stat.S_ISLNK(mode) else "not a regular file"
        raise ToolError(f"{path} exists and is {what}: refusing to replace it (write to a regular file or -)")


def _read(path: Path) -> str | None:
    try:  # newline="": the calendar's CRLF line ends are part of what is compared
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError):
        return None


def publish(files: dict[Path, str], output: str | None, check: bool, command: str) -> Outcome:
    """Write, check or print generated files; `files` maps target paths to their text (first is the main one)."""
    main_path, main_text = next(iter(files.items()))
    if output == "-":
        return Outcome(main_text, "", 0)
    for path in files:
        _refuse_special(path)
    if check:
        stale = "".join(
            _differences(_read(path), content, os.path.relpath(path))
            for path, content in files.items()
            if _read(path) != content
        )
        if stale:
            return Outcome("", stale + f"run `catalogue {command}` and commit the result\n", 1)
        return Outcome("", f"{_names(files)}: up to date\n", 0)
    write_all_atomically(files)  # all written, then all renamed: never one new beside another half-written
    return Outcome("", f"wrote {_names(files)}\n", 0)


def _names(files: dict[Path, str]) -> str:
    return ", ".join(os.path.relpath(path) for path in files)


@dataclass(frozen=True)
class ExportVersion:
    """One major version of the export: where `catalogue export` writes it and the ids schema beside it,
    how it is built, and the model line the worker processes make for it while they parse."""

    path: Path
    ids_name: str
    build: Callable[[Catalogue], export.Export]
    ids_schema: Callable[[export.Export], dict[str, Any]]
    model_line: tuple[str, Callable[[Entry], str | None]]


# Every export consumers fetch, by major version; 1 stays generated until its deprecation date
# (docs/export-changelog.md).
EXPORT_VERSIONS = {
    "1": ExportVersion(
        EXPORT_PATH, IDS_SCHEMA_NAME, export.build, export.model_ids_schema, (export.MODEL_LINE, export.model_line)
    ),
    "2": ExportVersion(
        Path("export/v2/catalogue.json"),
        "routable-ids.schema.json",
        export_v2.build,
        export_v2.routable_ids_schema,
        (export_v2.MODEL_LINE, export_v2.model_line),
    ),
}
# Files made from export 2 for other tools, committed beside it and checked with it (`publish --check`):
# the LiteLLM model map and the lifecycle calendar.
BESIDE_EXPORT: dict[Path, Callable[[dict[str, Any]], str]] = {
    Path(litellm_map.PATH): lambda document: dumps(litellm_map.build(document)),
    Path(calendar.PATH): calendar.build,
}
DEFAULT_OUTPUT_VERSION = "1"  # what `-o PATH` writes unless --major says otherwise, until 1 is retired


def _json_files(target: Path, with_ids_schema: bool, version: ExportVersion, built: export.Export) -> dict[Path, str]:
    files = {target: one_entry_per_line(built.encoded)}
    if with_ids_schema:
        files[target.parent / version.ids_name] = dumps_entries(version.ids_schema(built))
    return files


def _jsonl_files(target: Path, with_ids_schema: bool, version: ExportVersion, built: export.Export) -> dict[Path, str]:
    return {target: "".join(dumps_line(record) for record in export.jsonl_records(built.document))}


# `catalogue export --format`: each format's files, from the target path, whether the ids schema goes
# beside it, and the export version.
EXPORT_WRITERS: dict[str, Callable[[Path, bool, ExportVersion, export.Export], dict[Path, str]]] = {
    "json": _json_files,
    "jsonl": _jsonl_files,
}


def run_export(
    root: str | None, output: str | None, output_format: str, check: bool, today: Any, major: str | None = None
) -> Outcome:
    """Every export version at its path; with `-o`, one version (`major`, default 1) there or on stdout."""
    workspace = find_workspace(root)
    if output is None and major is None:
        chosen = {workspace.base / version.path: version for version in EXPORT_VERSIONS.values()}
    else:
        version = EXPORT_VERSIONS[major or DEFAULT_OUTPUT_VERSION]
        chosen = {Path(output) if output not in (None, "-") else workspace.base / version.path: version}

    every = output is None and major is None

    def make(catalogue: Catalogue) -> dict[Path, str]:
        files: dict[Path, str] = {}
        for target, version in chosen.items():
            built = version.build(catalogue)
            files |= EXPORT_WRITERS[output_format](target, output != "-", version, built)
            if every and version is EXPORT_VERSIONS["2"]:
                files |= _beside(workspace.base, catalogue)
        return files

    versions = tuple(key for key, version in EXPORT_VERSIONS.items() if version in chosen.values())
    files, notes = generated(workspace, today, make, versions)
    if files is None:
        return Outcome("", notes, 1)
    return _noted(notes, publish(files, output, check, "export"))


def run_render(root: str | None, output: str | None, check: bool, today: Any) -> Outcome:
    workspace = find_workspace(root)
    target = Path(output) if output not in (None, "-") else workspace.base / PAGE_PATH
    files, notes = generated(
        workspace, today, lambda catalogue: {target: render.page(export.build(catalogue).document)}, ("1",)
    )
    if files is None:
        return Outcome("", notes, 1)
    return _noted(notes, publish(files, output, check, "render"))


def run_publish(root: str | None, check: bool, today: Any) -> Outcome:
    """Export, render and bundle the entry schemas together: what a contributor runs after editing, and
    what CI checks."""
    workspace = find_workspace(root)
    files, notes = generated(workspace, today, partial(_all_files, workspace.base))
    if files is None:
        return Outcome("", notes, 1)
    return _noted(notes, publish(files, None, check, "publish"))


def _noted(notes: str, outcome: Outcome) -> Outcome:
    return replace(outcome, stderr=notes + outcome.stderr)


def _all_files(base: Path, catalogue: Catalogue) -> dict[Path, str]:
    files: dict[Path, str] = {}
    for version in EXPORT_VERSIONS.values():
        built = version.build(catalogue)
        files |= _json_files(base / version.path, True, version, built)
        if version is EXPORT_VERSIONS["1"]:
            files[base / PAGE_PATH] = render.page(built.document)
        if version is EXPORT_VERSIONS["2"]:
            files |= _beside(base, catalogue) | route_files(base, catalogue, built.document)
    return files | _bundled_schemas(base)


def _beside(base: Path, catalogue: Catalogue) -> dict[Path, str]:
    document = export_v2.offerings_document(catalogue)
    return {base / path: make(document) for path, make in BESIDE_EXPORT.items()}


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


def _indented(document: dict[str, Any]) -> str:
    """Sorted keys, two spaces, a trailing newline: one fact a line, so a diff names what changed."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def route_files(base: Path, catalogue: Catalogue, document: dict[str, Any]) -> dict[Path, str]:
    """export/routes/<recipe>.json for every recipe, answered from the export 2 being written, so a change
    to a price or a capability shows in the diff of the routing answers it changes."""
    recipes = catalogue.of_kind("recipe")
    if not recipes:
        return {}
    answers = reader.from_document(document)
    return {
        base / ROUTES_DIR / f"{recipe_id}.json": _indented(route_answer(entry.data, roles(entry.data, answers)))
        for recipe_id, entry in sorted(recipes.items())
    }
