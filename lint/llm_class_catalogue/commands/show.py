"""`catalogue show`: one entry with its references resolved, its review status and its links' last state."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from llm_class_catalogue.commands.lint import configure
from llm_class_catalogue.engine.load import load
from llm_class_catalogue.loading.loader import CACHE_DIR
from llm_class_catalogue.loading.workspace import find_workspace
from llm_class_catalogue.model.dates import parse
from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.model.entry import Catalogue
from llm_class_catalogue.outputs import export
from llm_class_catalogue.rules.policy import Policy, policy


def _loose(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def find(document: dict[str, Any], name: str) -> tuple[str, dict[str, Any]]:
    """The (kind, exported item) named by id, name, alias or family; ToolError when none or several."""
    collections = (("model", document["models"]), ("class", document["classes"]), ("provider", document["providers"]))
    for kind, items in collections:
        for item in items:
            if item["id"] == name:
                return kind, item
    matches = [
        (kind, item)
        for kind, items in collections
        for item in items
        if _loose(name) in {_loose(n) for n in [item["name"], *item.get("aliases", []), item.get("family") or ""]}
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ToolError(f"`{name}` names several entries: {', '.join(item['id'] for _, item in matches)}")
    raise ToolError(f"no entry is called `{name}` (by id, name, alias or family)")


def _fact(shape: dict[str, Any]) -> str:
    value = shape["value"]
    text = (
        "unknown"
        if value is None
        else ", ".join(value)
        if isinstance(value, list)
        else f"{value:,}"
        if isinstance(value, int) and not isinstance(value, bool)
        else str(value).lower()
        if isinstance(value, bool)
        else str(value)
    )
    if shape["note"]:
        text += f"  [{shape['confidence'] or 'no'} confidence: {shape['note']}]"
    return text


def _links(cache_dir: Path) -> dict[str, dict[str, str]]:
    try:
        entries = json.loads((cache_dir / "links.json").read_text(encoding="utf-8")).get("entries", {})
        return entries if isinstance(entries, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def describe(catalogue: Catalogue, name: str, today: date, rules: Policy, cache_dir: Path) -> str:
    document = export.build(catalogue).document
    kind, item = find(document, name)
    names = {entity["id"]: entity["name"] for key in ("classes", "models", "providers") for entity in document[key]}
    path = next(e.path for e in catalogue.entries if e.kind == kind and e.file_id == item["id"])
    lines = [f"{kind} {item['id']}: {item['name']}  ({path})"]
    if kind == "model":
        lines.append(f"provider: {item['provider']} ({names.get(item['provider'], 'unknown')})")
        lines.append("classes: " + ", ".join(f"{c} ({names.get(c, 'unknown')})" for c in item["classes"]))
        status = item["status"]
        if item["deprecation"]:
            status += f"; retires {item['deprecation']['retires'] or 'on a date not given'}"
        lines.append(f"status: {status}{'' if item['available'] else ' (not available to route to)'}")
        if item["family"]:
            lines.append(f"family: {item['family']}")
        lines.append("facts:")
        lines += [f"  {fact:<18} {_fact(shape)}" for fact, shape in item["facts"].items()]
    elif kind == "class":
        lines.append(f"{item['number']}. {item['summary']}")
        lines.append("members: " + (", ".join(item["members"]) or "none"))
    else:
        lines.append(f"{item['kind']}, {item['homepage']}")
        lines.append("models: " + (", ".join(item["models"]) or "none"))
    if item.get("aliases"):
        lines.append("aliases: " + ", ".join(item["aliases"]))
    reviewed = parse(item["review"]["last_reviewed"])
    assert reviewed is not None
    due = rules.due(kind, item["review"]["confidence"], reviewed)
    left = (due - today).days
    lines.append(
        f"review: {item['review']['confidence']} confidence, last reviewed {reviewed} "
        f"({(today - reviewed).days} days ago), due {due} ({'overdue' if left < 0 else f'in {left} days'})"
    )
    links = _links(cache_dir)
    lines.append("sources:")
    for index, source in enumerate(item["sources"], start=1):
        state = links.get(source["url"])
        seen = f"  [link {state['outcome']}, checked {state['checked'][:10]}]" if state else ""
        lines.append(f"  [{index}] {source['title']}  {source['url']}{seen}")
    return "\n".join(lines) + "\n"


def show_entry(root: str | None, name: str, today: date, cache_dir: str | None) -> str:
    """`catalogue show NAME`: the entry loaded through the same cache as `lint`."""
    workspace = find_workspace(root)
    config = configure(workspace, (), ())
    folder = Path(cache_dir) if cache_dir else workspace.base / CACHE_DIR
    return describe(load(workspace, config, folder), name, today, policy(config.sections), folder)
