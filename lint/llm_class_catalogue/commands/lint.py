"""What each command does, as plain values in and strings out (the CLI prints them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from llm_class_catalogue.cache.filecache import cache_key
from llm_class_catalogue.cache.folder import CacheFolder
from llm_class_catalogue.cache.rulecache import RuleCache
from llm_class_catalogue.engine.config import Config, check_codes, load_config
from llm_class_catalogue.engine.engine import fails, found
from llm_class_catalogue.engine.load import load
from llm_class_catalogue.engine.online import OnlineOptions, allowed_hosts
from llm_class_catalogue.engine.settle import OFFLINE, settle
from llm_class_catalogue.loading.loader import CACHE_DIR, InternalError
from llm_class_catalogue.loading.workspace import Workspace, find_workspace
from llm_class_catalogue.model.collector import gc_paused
from llm_class_catalogue.model.entry import Catalogue
from llm_class_catalogue.model.ruletable import Where
from llm_class_catalogue.outputs.reporters import REPORTERS, summary
from llm_class_catalogue.rules import Context
from llm_class_catalogue.validation.schemas import schema_version


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
    return f"{cache_key(schema_version(), config.max_file_bytes, sections)}|{today.isoformat()}"


def run_lint(request: LintRequest, progress: Callable[[int, int], None] = lambda done, total: None) -> LintOutcome:
    workspace = find_workspace(request.root)
    config = configure(workspace, request.select, request.ignore)
    sections = with_allowed_hosts(config.sections, request.online_options)
    cache_dir = None if not request.cache else Path(request.cache_dir or workspace.base / CACHE_DIR)
    folder = None if cache_dir is None else CacheFolder.at(cache_dir)  # an unusable one: a warning, no cache
    catalogue = load(workspace, config, folder, settings=sections)
    only = resolve(workspace, catalogue, request.paths)
    kept = (
        RuleCache.open(folder, rules_key(config, sections, request.today))
        if folder is not None and folder.usable
        else None
    )
    try:
        with gc_paused():
            raw = found(catalogue, config, Context(request.today, sections), kept)
    except Exception as error:
        raise InternalError(f"while running the rules: {type(error).__name__}: {error}") from error
    notes: list[str] = []
    ran = OFFLINE
    if request.online:
        options = replace(request.online_options, cache_dir=cache_dir if folder is None or folder.usable else None)
        from llm_class_catalogue.engine.online import check_links  # the HTTP and TLS modules load only for --online

        checked = check_links(catalogue, only, sections["links"], options, progress)
        raw += checked.diagnostics
        ran = OFFLINE | {Where.ONLINE}
        notes += checked.warnings + [checked.summary]
    diagnostics = settle(raw, catalogue, config, only, ran)
    notes[:0] = folder.warnings if folder is not None else []
    files = len(only) if only is not None else len(catalogue.results)
    notes.append(summary(diagnostics, files))
    return LintOutcome(REPORTERS[request.output_format](diagnostics), notes, fails(diagnostics, request.strict))
