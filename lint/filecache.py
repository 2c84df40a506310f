"""Each file's parsed and validated result, keyed by its content hash and the tool and schema versions,
so a warm run parses only the files that changed. Plain JSON: a planted cache can be wrong, never code."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lint import __version__
from lint.catalogue import FileResult
from lint.jsonio import write_atomically
from lint.schemas import schema_version

CACHE_FILE = "files.json"
FORMAT = 1


def cache_key(max_bytes: int, settings: dict[str, Any]) -> str:
    """What a cached result depends on besides the file: tool, schemas, size cap, rule settings."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return f"{__version__}|{schema_version()}|{max_bytes}|{digest}"


@dataclass
class FileCache:
    path: Path
    key: str
    records: dict[str, dict[str, Any]]

    @classmethod
    def open(cls, folder: Path, key: str) -> FileCache:
        """The cache in folder; a missing, corrupt or foreign one is ignored and rebuilt."""
        path = folder / CACHE_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return cls(path, key, {})
        if (
            not isinstance(raw, dict)
            or raw.get("format") != FORMAT
            or raw.get("key") != key
            or not isinstance(raw.get("files"), dict)
        ):
            return cls(path, key, {})
        return cls(path, key, raw["files"])

    def get(self, rel_path: str, digest: str) -> dict[str, Any] | None:
        record = self.records.get(rel_path)
        if not isinstance(record, dict) or record.get("digest") != digest or record.get("path") != rel_path:
            return None
        if not isinstance(record.get("diagnostics"), list) or "entry" not in record:
            return None
        return record

    def save(self, results: list[FileResult], reused: set[str]) -> None:
        """Write the records of this run; those reused unchanged from the cache are not rebuilt."""
        files = {
            result.path: self.records[result.path] if result.path in reused else result.to_record()
            for result in results
            if result.digest
        }
        if files.keys() == self.records.keys() and len(reused) == len(files):
            return
        text = json.dumps(
            {"format": FORMAT, "key": self.key, "files": files},
            ensure_ascii=False,
            separators=(",", ":"),
            allow_nan=False,
        )
        write_atomically(self.path, text)
