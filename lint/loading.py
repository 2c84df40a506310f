"""Loading the whole catalogue: unchanged files from the cache, the rest parsed (in worker
processes when there are many), every crash named by its file."""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lint import catalogue as catalogue_module
from lint.catalogue import Candidate, Catalogue, FileResult, LoadOptions, load_file
from lint.config import Config
from lint.filecache import FileCache, cache_key
from lint.files import read_raw
from lint.rules import ENTRY_CHECKS
from lint.workspace import Workspace

CACHE_DIR = ".catalogue-cache"
POOL_THRESHOLD = 400  # below this, starting worker processes costs more than it saves
Job = tuple[Candidate, bytes, LoadOptions]


class InternalError(Exception):
    """A bug in the tool, raised with the file or rule it was working on."""


@contextmanager
def gc_paused() -> Iterator[None]:
    """Loading builds many small objects that all live to the end; the cyclic collector only slows it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _crash(candidate: Candidate, error: Exception) -> str:
    return f"while reading {candidate.rel_path}: {type(error).__name__}: {error}"


def _load_record(job: Job) -> dict[str, Any]:
    """In a worker: one file's result as a plain record (a crash comes back as a message, not a pickle)."""
    candidate, raw, options = job
    try:
        return load_file(candidate, options, raw).to_record()
    except Exception as error:
        return {"crash": _crash(candidate, error)}


def _parse(jobs: list[Job], workers: int) -> list[FileResult]:
    """Parse and validate files, in worker processes when there are enough of them; same results either way."""
    if workers < 2 or len(jobs) < POOL_THRESHOLD:
        results = []
        for candidate, raw, options in jobs:
            try:
                results.append(load_file(candidate, options, raw))
            except Exception as error:
                raise InternalError(_crash(candidate, error)) from error
        return results
    with ProcessPoolExecutor(max_workers=workers) as pool:
        records = list(pool.map(_load_record, jobs, chunksize=max(1, len(jobs) // (workers * 8))))
    crashes = [record["crash"] for record in records if "crash" in record]
    if crashes:
        raise InternalError(crashes[0])
    return [
        FileResult.from_record(record, candidate.abs_path)
        for (candidate, _, _), record in zip(jobs, records, strict=True)
    ]


def load_catalogue(
    workspace: Workspace,
    config: Config,
    cache_dir: Path | None = None,
    workers: int | None = None,
    settings: dict[str, Any] | None = None,
) -> Catalogue:
    """Every file, each loaded on its own (a crash names the file); unchanged files come from the cache."""
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    options = LoadOptions(config.max_file_bytes, settings if settings is not None else config.sections, ENTRY_CHECKS)
    cache = FileCache.open(cache_dir, cache_key(options.max_bytes, options.settings)) if cache_dir is not None else None
    results: list[FileResult] = []
    reused: set[str] = set()
    jobs: list[Job] = []
    with gc_paused():
        for candidate in catalogue_module.discover(str(workspace.base)):
            if candidate.problem is not None:
                results.append(load_file(candidate, options))
                continue
            raw, problems = read_raw(candidate.abs_path, candidate.rel_path, options.max_bytes)
            if raw is None:
                results.append(FileResult(candidate.rel_path, "", None, problems))
                continue
            record = cache.get(candidate.rel_path, hashlib.sha256(raw).hexdigest()) if cache is not None else None
            if record is not None:
                results.append(FileResult.from_record(record, candidate.abs_path))
                reused.add(candidate.rel_path)
            else:
                jobs.append((candidate, raw, options))
        results += _parse(jobs, workers)
    if cache is not None:
        cache.save(results, reused)
    return catalogue_module.build(str(workspace.base), results)
