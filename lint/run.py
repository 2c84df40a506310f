"""What each command does, as plain values in and strings out (the CLI prints them)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from lint import catalogue as catalogue_module
from lint.catalogue import Catalogue, FileResult
from lint.config import Config, check_codes, load_config
from lint.engine import fails, lint
from lint.reporters import REPORTERS, summary
from lint.rules import RULES, Context
from lint.workspace import Workspace, find_workspace


class InternalError(Exception):
    """A bug in the tool, raised with the file or rule it was working on."""


def load_catalogue(workspace: Workspace, config: Config) -> Catalogue:
    """Every file, each loaded on its own: a crash names the file instead of a traceback."""
    results: list[FileResult] = []
    for candidate in catalogue_module.discover(str(workspace.base)):
        try:
            results.append(catalogue_module.load_file(candidate, config.max_file_bytes))
        except Exception as error:
            raise InternalError(f"while reading {candidate.rel_path}: {type(error).__name__}: {error}") from error
    return catalogue_module.build(str(workspace.base), results)


def resolve(workspace: Workspace, catalogue: Catalogue, paths: tuple[str, ...]) -> set[str] | None:
    """The report paths a command was pointed at (None: all of them)."""
    if not paths:
        return None
    chosen: set[str] = set()
    for path in paths:
        rel = workspace.relative(path)
        prefix = rel.rstrip("/") + "/"
        chosen.update(r.path for r in catalogue.results if r.path == rel or r.path.startswith(prefix))
    return chosen


def configure(workspace: Workspace, select: tuple[str, ...], ignore: tuple[str, ...]) -> Config:
    config = load_config(workspace.base)
    check_codes(select, "--select")
    check_codes(ignore, "--ignore")
    return replace(config, select=select or config.select, ignore=config.ignore + ignore)


def run_lint(paths: tuple[str, ...], root: str | None, output_format: str, select: tuple[str, ...],
             ignore: tuple[str, ...], strict: bool, today: date) -> tuple[str, str, bool]:
    """(report, summary line, whether the run fails)."""
    workspace = find_workspace(root)
    config = configure(workspace, select, ignore)
    catalogue = load_catalogue(workspace, config)
    only = resolve(workspace, catalogue, paths)
    try:
        diagnostics = lint(catalogue, config, Context(today, config.sections), only)
    except Exception as error:
        raise InternalError(f"while running the rules: {type(error).__name__}: {error}") from error
    files = len(only) if only is not None else len(catalogue.results)
    return REPORTERS[output_format](diagnostics), summary(diagnostics, files), fails(diagnostics, strict)


def rules_table(output_format: str) -> str:
    if output_format == "json":
        rows = [{"code": r.code, "name": r.name, "severity": r.severity.value, "description": r.description}
                for r in RULES]
        return json.dumps(rows, indent=2) + "\n"
    width = max(len(rule.name) for rule in RULES)
    return "".join(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.description}\n" for r in RULES)
