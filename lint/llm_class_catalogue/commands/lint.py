"""What each command does, as plain values in and strings out (the CLI prints them)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from llm_class_catalogue.loading.catalogue import Catalogue
from llm_class_catalogue.engine.config import Config, check_codes, load_config
from llm_class_catalogue.engine.engine import fails, lint
from llm_class_catalogue.cache.filecache import cache_key
from llm_class_catalogue.loading.loading import CACHE_DIR, InternalError, gc_paused, load_catalogue
from llm_class_catalogue.engine.online import OnlineOptions, allowed_hosts
from llm_class_catalogue.outputs.reporters import REPORTERS, summary
from llm_class_catalogue.cache.rulecache import RuleCache
from llm_class_catalogue.rules import RULES, Context
from llm_class_catalogue.rules.policy import policy, review_dates
from llm_class_catalogue.loading.workspace import Workspace, find_workspace


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


@dataclass(frozen=True)
class LintRequest:
    """What `catalogue lint` was asked to do."""

    paths: tuple[str, ...] = ()
    root: str | None = None
    output_format: str = "text"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    today: date = field(default_factory=date.today)
    online: bool = False
    online_options: OnlineOptions = OnlineOptions()
    cache: bool = True
    cache_dir: str | None = None


@dataclass(frozen=True)
class LintOutcome:
    report: str
    notes: list[str]
    failed: bool


def with_allowed_hosts(sections: dict[str, Any], options: OnlineOptions) -> dict[str, Any]:
    """Hosts allowed on the command line count for the offline rules too (no L001/L002 for them)."""
    links = dict(sections.get("links", {}))
    links["allow-hosts"] = sorted(allowed_hosts(options, links))
    return {**sections, "links": links}


def rules_key(config: Config, sections: dict[str, Any], today: date) -> str:
    """What the catalogue rules' results depend on besides the entries: what the files' do, and the day."""
    return f"{cache_key(config.max_file_bytes, sections)}|{today.isoformat()}"


def run_lint(request: LintRequest, progress: Callable[[int, int], None] = lambda done, total: None) -> LintOutcome:
    workspace = find_workspace(request.root)
    config = configure(workspace, request.select, request.ignore)
    sections = with_allowed_hosts(config.sections, request.online_options)
    cache_dir = None if not request.cache else Path(request.cache_dir or workspace.base / CACHE_DIR)
    catalogue = load_catalogue(workspace, config, cache_dir, settings=sections)
    only = resolve(workspace, catalogue, request.paths)
    kept = None if cache_dir is None else RuleCache.open(cache_dir, rules_key(config, sections, request.today))
    try:
        with gc_paused():
            diagnostics = lint(catalogue, config, Context(request.today, sections), only, kept)
    except Exception as error:
        raise InternalError(f"while running the rules: {type(error).__name__}: {error}") from error
    notes: list[str] = []
    if request.online:
        options = replace(request.online_options, cache_dir=cache_dir)
        from llm_class_catalogue.engine.online import check_links  # the HTTP and TLS modules load only for --online

        checked = check_links(catalogue, only, sections["links"], options, progress)
        found = [config.apply(d) for d in checked.diagnostics if config.keeps(d)]
        diagnostics = sorted(set(diagnostics) | set(found))
        notes += checked.warnings + [checked.summary]
    files = len(only) if only is not None else len(catalogue.results)
    notes.append(summary(diagnostics, files))
    return LintOutcome(REPORTERS[request.output_format](diagnostics), notes, fails(diagnostics, request.strict))


def rules_table(output_format: str) -> str:
    if output_format == "json":
        rows = [
            {"code": r.code, "name": r.name, "severity": r.severity.value, "description": r.description} for r in RULES
        ]
        return json.dumps(rows, indent=2) + "\n"
    width = max(len(rule.name) for rule in RULES)
    return "".join(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.description}\n" for r in RULES)


def review_schedule(root: str | None, today: date, within: int | None) -> list[dict[str, Any]]:
    """Every valid entry with its due date, oldest due first; with `within`, only those due by then."""
    workspace = find_workspace(root)
    config = configure(workspace, (), ())
    rows = []
    for entry, reviewed, due in review_dates(load_catalogue(workspace, config).entries, policy(config.sections)):
        if within is None or (due - today).days <= within:
            rows.append(
                {
                    "path": entry.path,
                    "kind": entry.kind,
                    "id": entry.file_id,
                    "confidence": entry.data["confidence"],
                    "last_reviewed": reviewed.isoformat(),
                    "due": due.isoformat(),
                    "days_left": (due - today).days,
                }
            )
    return sorted(rows, key=lambda row: (row["due"], row["path"]))


def review_table(rows: list[dict[str, Any]], output_format: str) -> str:
    if output_format == "json":
        return json.dumps(rows, indent=2) + "\n"
    lines = []
    for row in rows:
        left = row["days_left"]
        when = f"overdue by {-left} days" if left < 0 else "due today" if left == 0 else f"in {left} days"
        lines.append(f"{row['due']}  {when:<20} {row['confidence']:<6}  {row['path']}")
    return "\n".join(lines) + ("\n" if lines else "")
