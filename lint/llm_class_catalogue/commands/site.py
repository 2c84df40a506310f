"""`catalogue site`: the static site, built from lint-clean data into a folder (not committed)."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from llm_class_catalogue.commands.lint import configure
from llm_class_catalogue.commands.publish import Outcome, linted
from llm_class_catalogue.loading.workspace import find_workspace
from llm_class_catalogue.model.collector import gc_paused
from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.outputs import export_v2
from llm_class_catalogue.outputs.site.build import site
from llm_class_catalogue.outputs.site.html import Options
from llm_class_catalogue.rules.policy import policy

SITE_PATH = Path("build/site")
ROUTES_PATH = Path("export/routes")  # the routing recipes' committed answers, once that work lands
MARKER = ".catalogue-site"  # a folder with it is ours to empty before a build; any other is refused


def routes(folder: Path) -> dict[str, Any]:
    """Each export/routes/<use-case>.json by its stem; none when the folder is absent."""
    found = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            found[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ToolError(f"{path}: not a JSON file the routing page can read ({error})") from None
    return found


def _clear(target: Path) -> None:
    if not target.exists():
        return
    if not target.is_dir() or (any(target.iterdir()) and not (target / MARKER).is_file()):
        raise ToolError(f"{target}: exists and was not made by `catalogue site`; choose another -o")
    shutil.rmtree(target)


def write(files: dict[str, str], target: Path) -> None:
    """The build folder holds exactly these files (a previous build's are removed first)."""
    _clear(target)
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    (target / MARKER).write_text("built by `catalogue site`; emptied by the next build\n", encoding="utf-8")


def run_site(root: str | None, output: str | None, today: date, repository: str | None) -> Outcome:
    workspace = find_workspace(root)
    target = Path(output) if output else workspace.base / SITE_PATH
    catalogue, errors = linted(workspace, today, versions=("2",))
    if catalogue is None:
        return Outcome("", errors, 1)
    rules = policy(configure(workspace, (), ()).sections)
    options = Options(
        today, {level: rules.days("model", level) for level in ("high", "medium", "low")}, repository or None
    )
    with gc_paused():
        files = site(export_v2.build(catalogue).document, routes(workspace.base / ROUTES_PATH), options)
    write(files, target)
    pages = sum(1 for name in files if name.endswith(".html"))
    return Outcome("", f"wrote {pages:,} pages to {os.path.relpath(target)}\n", 0)
