"""Link results remembered between runs: only successes and permanent redirects, for a while."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from llm_class_catalogue import __version__
from llm_class_catalogue.links.linkcheck import Result
from llm_class_catalogue.model.jsonio import dumps, write_atomically

CACHE_FILE = "links.json"
FORMAT = 1
KEPT = ("ok", "redirect")


@dataclass
class LinkCache:
    path: Path
    max_age: timedelta
    entries: dict[str, dict[str, str]]
    warning: str | None = None

    @classmethod
    def open(cls, folder: Path, max_age_days: int) -> LinkCache:
        """Read the cache; a missing, corrupt or foreign one is ignored (with a warning when corrupt)."""
        path = folder / CACHE_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path, timedelta(days=max_age_days), {})
        except (OSError, UnicodeDecodeError, ValueError):
            return cls(path, timedelta(days=max_age_days), {}, f"ignored the unreadable link cache {path}")
        if not isinstance(raw, dict) or raw.get("format") != FORMAT or not isinstance(raw.get("entries"), dict):
            return cls(path, timedelta(days=max_age_days), {}, f"ignored the link cache {path}: not this tool's format")
        entries = {
            url: item
            for url, item in raw["entries"].items()
            if isinstance(item, dict) and item.get("outcome") in KEPT and isinstance(item.get("checked"), str)
        }
        return cls(path, timedelta(days=max_age_days), entries)

    def get(self, url: str, now: datetime) -> Result | None:
        item = self.entries.get(url)
        if item is None:
            return None
        try:
            checked = datetime.fromisoformat(item["checked"])
        except ValueError:
            return None
        if checked.tzinfo is None:  # not written by this tool (it writes UTC): checked again
            return None
        if now - checked > self.max_age or checked > now:
            return None
        return Result(url, item["outcome"], item.get("detail", ""), item.get("final_url") or None)

    def put(self, result: Result, now: datetime) -> None:
        if result.outcome in KEPT:
            self.entries[result.url] = {
                "outcome": result.outcome,
                "detail": result.detail,
                "final_url": result.final_url or "",
                "checked": now.isoformat(),
            }
        else:
            self.entries.pop(result.url, None)

    def save(self) -> None:
        write_atomically(self.path, dumps({"format": FORMAT, "tool": __version__, "entries": self.entries}))


def utc_now() -> datetime:
    return datetime.now(UTC)
