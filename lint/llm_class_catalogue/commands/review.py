"""`catalogue review-due`: entries by the date their review falls due."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from llm_class_catalogue.commands.lint import configure
from llm_class_catalogue.engine.load import load
from llm_class_catalogue.loading.loader import CACHE_DIR
from llm_class_catalogue.loading.workspace import find_workspace
from llm_class_catalogue.rules.policy import policy, review_dates


def review_schedule(root: str | None, today: date, within: int | None) -> list[dict[str, Any]]:
    """Every valid entry with its due date, oldest due first; with `within`, only those due by then."""
    workspace = find_workspace(root)
    config = configure(workspace, (), ())
    rows = []
    for entry, reviewed, due in review_dates(
        load(workspace, config, workspace.base / CACHE_DIR).entries, policy(config.sections)
    ):
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
