"""Each file's parsed and validated result, keyed by its content hash and the tool and schema versions,
so a warm run parses only the files that changed. Plain JSON in shards, so one changed file rewrites
one shard; a planted cache can be wrong, never code.

A file's record (diagnostics, and the index the catalogue rules read) is kept apart from its data,
which lint never needs for an unchanged file: `files-NN.json` load on every run, `data-NN.json`
only when something asks for an entry's data (export, render, show). Saves go through the folder's
lock and generation check (cache/folder.py), so overlapping runs never leave one run's results
under another's state."""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from llm_class_catalogue import __version__
from llm_class_catalogue.cache.folder import GENERATION_FILE, WRITING, CacheFolder
from llm_class_catalogue.model.entry import DATA_JSON

FORMAT = 3
DATA_SHARDS = 128  # smaller than the record shards: one changed file rewrites one, read and written whole
SHARDS = 32
Record = dict[str, Any]


def code_version() -> str:
    """A fingerprint of the tool's own code, so results of an edited rule are never reused."""
    package = Path(__file__).resolve().parents[1]  # the whole llm_class_catalogue package
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(schemas: str, max_bytes: int, settings: dict[str, Any]) -> str:
    """What a cached result depends on besides the file: tool and its code, schemas, size cap, rule settings."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return f"{__version__}|{code_version()}|{schemas}|{max_bytes}|{digest}"


def shard_of(rel_path: str, shards: int = SHARDS) -> int:
    return zlib.crc32(rel_path.encode()) % shards


def _shard_name(shard: int, part: str = "files") -> str:
    return f"{part}-{shard:02d}.json"


def _read_shard(folder: CacheFolder, name: str, key: str) -> dict[str, Any]:
    """A shard's records; a missing, corrupt or foreign shard holds none (and is rebuilt)."""
    content = folder.read(name)
    try:
        raw = json.loads(content) if content is not None else None
    except ValueError:
        return {}
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("key") != key:
        return {}
    files = raw.get("files")
    return files if isinstance(files, dict) else {}


def _usable(record: Any, rel_path: str) -> bool:
    """A record of the shape this version writes (JSON gives exact types: no subclasses to allow for)."""
    if type(record) is not dict or record.get("path") != rel_path:
        return False
    if type(record.get("digest")) is not str or type(record.get("diagnostics")) is not list:
        return False
    entry = record.get("entry", False)
    return entry is None or (
        type(entry) is dict
        and type(entry.get("kind")) is str
        and type(entry.get("file_id")) is str
        and type(entry.get("valid")) is bool
        and type(entry.get("index")) is dict
    )


@dataclass
class FileCache:
    folder: CacheFolder
    key: str
    shards: list[dict[str, Record]]
    read_in: str  # the generation file as it was before the shards were read (saving checks it still is)
    generation: str  # the state the shards are in, "" when unknown; results derived from them are kept under it
    changed: set[int] = field(default_factory=set)
    data_shards: dict[int, dict[str, Any]] = field(default_factory=dict)  # read when first needed
    changed_data: set[int] = field(default_factory=set)

    @classmethod
    def open(cls, folder: CacheFolder, key: str) -> FileCache:
        """The records kept in folder under this key; they are one state only if the generation is the
        same finished token before and after reading them (a run saving meanwhile changes it)."""
        before = folder.raw_generation()
        shards = [_read_shard(folder, _shard_name(shard), key) for shard in range(SHARDS)]
        after = folder.raw_generation()
        one_state = before == after and not before.startswith(WRITING)
        return cls(folder, key, shards, before, before if one_state else "")

    def _data_shard(self, shard: int) -> dict[str, Any]:
        if shard not in self.data_shards:
            self.data_shards[shard] = _read_shard(self.folder, _shard_name(shard, "data"), self.key)
        return self.data_shards[shard]

    def data(self, rel_path: str, digest: str) -> dict[str, Any] | None:
        """The data kept for the file with this content, if any (else the caller parses the file again)."""
        item = self._data_shard(shard_of(rel_path, DATA_SHARDS)).get(rel_path)
        if isinstance(item, dict) and item.get("digest") == digest:
            if isinstance(item.get(DATA_JSON), str):  # put in this run, as a worker encoded it
                item = {"digest": digest, "data": json.loads(item[DATA_JSON])}
            if isinstance(item.get("data"), dict):
                data: dict[str, Any] = item["data"]
                return data
        return None

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
        """Keep a file's record; its data too when the record carries it (a file parsed in this run)."""
        stored = {key: value for key, value in record.items() if key not in ("data", DATA_JSON, "made")}
        stored["stat"] = list(signature) if signature is not None else None
        shard = shard_of(record["path"])
        if self.shards[shard].get(record["path"]) != stored:
            self.shards[shard][record["path"]] = stored
            self.changed.add(shard)
        if "data" in record or DATA_JSON in record:
            data_shard = shard_of(record["path"], DATA_SHARDS)
            kept = {"data": record["data"]} if "data" in record else {DATA_JSON: record[DATA_JSON]}
            self._data_shard(data_shard)[record["path"]] = {"digest": record["digest"], **kept}
            self.changed_data.add(data_shard)

    def keep_only(self, paths: set[str]) -> bool:
        """Forget the files that are gone; whether there were any."""
        dropped = False
        for shard, records in enumerate(self.shards):
            gone = [path for path in records if path not in paths]
            for path in gone:
                del records[path]
                self.changed_data.add(shard_of(path, DATA_SHARDS))
            if gone:
                self.changed.add(shard)
                dropped = True
        return dropped

    def save(self) -> None:
        """Rewrite the shards that changed in this run, each atomically, under the folder's lock and
        only if no other run saved since these were read (else this run's view is not what the folder
        holds, and it keeps nothing: its generation becomes unknown). The generation is a marker while
        the shards are written and a new token after, so a run cut short leaves no known state behind;
        data is used only when its digest matches the record's."""
        if not self.changed and not self.changed_data:
            return
        self.generation = ""
        with self.folder.locked() as held:
            if not held or self.folder.raw_generation() != self.read_in:
                return
            fresh = os.urandom(8).hex()
            if not all(self.folder.write(name, text) for name, text in self._writes(fresh)):
                return
            self.read_in = self.generation = fresh
        self.changed.clear()
        self.changed_data.clear()

    def _writes(self, fresh: str) -> Iterator[tuple[str, str]]:
        """What a save writes, in order, each text made only when it is written."""
        yield GENERATION_FILE, f"{WRITING}-{os.getpid()}\n"
        for data_shard in sorted(self.changed_data):
            kept = {path: item for path, item in self._data_shard(data_shard).items() if self._has(path)}
            yield _shard_name(data_shard, "data"), _encode_data(self.key, kept)
        for shard in sorted(self.changed):
            yield _shard_name(shard), _encode(self.key, self.shards[shard])
        yield GENERATION_FILE, fresh + "\n"

    def _has(self, rel_path: str) -> bool:
        return rel_path in self.shards[shard_of(rel_path)]


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _encode(key: str, files: dict[str, Any]) -> str:
    return _compact({"format": FORMAT, "key": key, "files": files})


def _encode_data(key: str, files: dict[str, Any]) -> str:
    """A data shard, as `_encode` writes it, with the data a worker encoded already put in as it is."""
    items = (
        f'{_compact(path)}:{{"digest":{_compact(item["digest"])},"data":{item[DATA_JSON]}}}'
        if DATA_JSON in item
        else f"{_compact(path)}:{_compact(item)}"
        for path, item in files.items()
    )
    return f'{{"format":{FORMAT},"key":{_compact(key)},"files":{{{",".join(items)}}}}}'
