"""Each file's parsed and validated result, keyed by its content hash and the tool and schema versions,
so a warm run parses only the files that changed. Plain JSON in shards, so one changed file rewrites
one shard; a planted cache can be wrong, never code."""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lint import __version__
from lint.jsonio import write_atomically
from lint.schemas import schema_version

FORMAT = 2
SHARDS = 32
Record = dict[str, Any]


def cache_key(max_bytes: int, settings: dict[str, Any]) -> str:
    """What a cached result depends on besides the file: tool, schemas, size cap, rule settings."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return f"{__version__}|{schema_version()}|{max_bytes}|{digest}"


def shard_of(rel_path: str) -> int:
    return zlib.crc32(rel_path.encode()) % SHARDS


def _shard_path(folder: Path, shard: int) -> Path:
    return folder / f"files-{shard:02d}.json"


def _read_shard(path: Path, key: str) -> dict[str, Record]:
    """A shard's records; a missing, corrupt or foreign shard holds none (and is rebuilt)."""
    try:
        raw = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("key") != key:
        return {}
    files = raw.get("files")
    return files if isinstance(files, dict) else {}


def _usable(record: Any, rel_path: str) -> bool:
    return (
        isinstance(record, dict)
        and record.get("path") == rel_path
        and isinstance(record.get("digest"), str)
        and isinstance(record.get("diagnostics"), list)
        and "entry" in record
    )


@dataclass
class FileCache:
    folder: Path
    key: str
    shards: list[dict[str, Record]]
    changed: set[int] = field(default_factory=set)

    @classmethod
    def open(cls, folder: Path, key: str) -> FileCache:
        return cls(folder, key, [_read_shard(_shard_path(folder, shard), key) for shard in range(SHARDS)])

    def record(self, rel_path: str) -> Record | None:
        """What was recorded for the file, if anything usable."""
        record = self.shards[shard_of(rel_path)].get(rel_path)
        return record if _usable(record, rel_path) else None

    @staticmethod
    def unchanged(record: Record, signature: tuple[int, ...] | None) -> bool:
        """The file's size, times and inode are those it had when it was recorded (as git's index
        checks); a signature is only recorded once the file is old enough to trust."""
        return signature is not None and record.get("stat") == list(signature)

    def put(self, record: Record, signature: tuple[int, ...] | None) -> None:
        stored = {**record, "stat": list(signature) if signature is not None else None}
        shard = shard_of(record["path"])
        if self.shards[shard].get(record["path"]) != stored:
            self.shards[shard][record["path"]] = stored
            self.changed.add(shard)

    def keep_only(self, paths: set[str]) -> None:
        """Forget the files that are gone."""
        for shard, records in enumerate(self.shards):
            gone = [path for path in records if path not in paths]
            for path in gone:
                del records[path]
            if gone:
                self.changed.add(shard)

    def save(self) -> None:
        """Rewrite the shards that changed in this run, each atomically."""
        for shard in sorted(self.changed):
            text = json.dumps(
                {"format": FORMAT, "key": self.key, "files": self.shards[shard]},
                ensure_ascii=False,
                separators=(",", ":"),
                allow_nan=False,
            )
            write_atomically(_shard_path(self.folder, shard), text, durable=False)  # lost: rebuilt
        self.changed.clear()
