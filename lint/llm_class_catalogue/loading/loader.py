"""Loading the whole catalogue: unchanged files from the cache, the rest parsed (in worker
processes when there are many), every crash named by its file."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import signal
import sys
import threading
import time

from llm_class_catalogue.cache.filecache import FileCache, Record, cache_key
from llm_class_catalogue.cache.folder import CacheFolder
from llm_class_catalogue.loading.discover import discover
from llm_class_catalogue.loading.locator import FileLocator
from llm_class_catalogue.loading.pipeline import load_file
from llm_class_catalogue.loading.workspace import Workspace
from llm_class_catalogue.model.collector import gc_paused
from llm_class_catalogue.model.entry import DATA_JSON, Candidate, Catalogue, Changes, FileResult, LoadOptions, build
from llm_class_catalogue.validation.files import read_raw
from llm_class_catalogue.validation.schemas import schema_version

CACHE_DIR = ".catalogue-cache"
POOL_THRESHOLD = 400  # below this, starting worker processes costs more than it saves
# A file changed this recently may change again within one tick of a coarse file-system clock
# without its times changing, so its size, times and inode are not yet trusted to stand for its content.
RACY_NS = 2_000_000_000
Job = tuple[Candidate, bytes | None]

_worker_options = LoadOptions()


class InternalError(Exception):
    """A bug in the tool, raised with the file or rule it was working on."""


def _crash(candidate: Candidate, error: Exception) -> str:
    return f"while reading {candidate.rel_path}: {type(error).__name__}: {error}"


def _start_worker(options: LoadOptions, parent: int) -> None:
    global _worker_options
    _worker_options = options
    gc.disable()  # a worker's objects all live until its results are sent
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: a worker just stops
    _die_with(parent)


PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """A worker ends when the run that started it does, however it ends: the pool's queue stays open in
    the workers themselves, so a killed run's workers would otherwise wait for work forever. On Linux
    the kernel sends the signal; elsewhere a thread watches for the parent to go."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            asked = ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            asked = False
        if asked:
            if os.getppid() != parent:  # the parent went before the request was made
                os._exit(1)
            return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def _load_record(job: Job) -> Record:
    """In a worker: one file's result as a plain record (a crash comes back as a message, not a pickle).
    Its data goes as JSON text: the parent writes that into the cache as it is and decodes it only if a
    rule reads the entry's data, so neither the encoding nor the decoding is done on its one core."""
    candidate, raw = job
    try:
        record = load_file(candidate, _worker_options, raw).to_record()
        if "data" in record:
            record[DATA_JSON] = json.dumps(
                record.pop("data"), ensure_ascii=False, separators=(",", ":"), allow_nan=False
            )
        return record
    except Exception as error:
        return {"crash": _crash(candidate, error)}


def _prepare_fork() -> None:
    """Compile the schema checks once in the parent, so forked workers inherit them."""
    from llm_class_catalogue.validation.schemas import KINDS, fast_validator

    for kind in KINDS:
        fast_validator(kind)


def _parse(jobs: list[Job], options: LoadOptions, workers: int) -> list[tuple[FileResult, Record | None]]:
    """Read, parse and validate files, in worker processes when there are enough of them; same results
    either way. Each result comes with its plain record when a worker made one."""
    if workers < 2 or len(jobs) < POOL_THRESHOLD:
        results: list[tuple[FileResult, Record | None]] = []
        for candidate, raw in jobs:
            try:
                results.append((load_file(candidate, options, raw), None))
            except Exception as error:
                raise InternalError(_crash(candidate, error)) from error
        return results
    from concurrent.futures import ProcessPoolExecutor  # only cold runs of large catalogues start workers

    _prepare_fork()
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(options, os.getpid())) as pool:
        try:
            records = list(pool.map(_load_record, jobs, chunksize=max(1, len(jobs) // (workers * 8))))
        except BaseException:  # cut short (a SIGTERM, Ctrl-C): the workers finish the chunk in hand and
            pool.shutdown(wait=False, cancel_futures=True)  # stop, not after all the work queued for them
            raise
    crashes = [record["crash"] for record in records if "crash" in record]
    if crashes:
        raise InternalError(crashes[0])
    return [
        (FileResult.from_record(record, FileLocator(candidate.abs_path, record["digest"])), record)
        for (candidate, _), record in zip(jobs, records, strict=True)
    ]


def _trusted(candidate: Candidate, started_ns: int) -> tuple[int, int, int, int] | None:
    """The file's signature, once it is old enough that a later change must show in its times."""
    signature = candidate.signature
    if signature is None or max(signature[1], signature[2]) >= started_ns - RACY_NS:
        return None
    return signature


def load_catalogue(
    workspace: Workspace, options: LoadOptions, folder: CacheFolder | None = None, workers: int | None = None
) -> Catalogue:
    """Every file, each loaded on its own (a crash names the file); unchanged files come from the cache
    in `folder` (none when it is not usable)."""
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    started_ns = time.time_ns()
    results: list[FileResult] = []
    jobs: list[Job] = []
    previous: dict[str, Record] = {}  # the cached records of files parsed again
    entries_moved = False  # entries came, went or changed kind, id or validity: every rule runs again
    index_parts = [name for name, _ in options.extracts]
    with gc_paused():
        cache = (
            FileCache.open(folder, cache_key(schema_version(), options.max_bytes, options.settings))
            if folder is not None and folder.usable
            else None
        )
        candidates = list(discover(str(workspace.base)))
        for candidate in candidates:
            record = cache.record(candidate.rel_path) if cache is not None else None
            if candidate.problem is not None:
                results.append(load_file(candidate, options))
                entries_moved |= record is not None
            elif cache is None or record is None:
                jobs.append((candidate, None))  # read where it is parsed
                entries_moved = True
            elif cache.unchanged(record, _trusted(candidate, started_ns)):
                results.append(
                    FileResult.from_record(record, FileLocator(candidate.abs_path, record["digest"]), cache.data)
                )
            else:
                raw, problems = read_raw(candidate.abs_path, candidate.rel_path, options.max_bytes)
                if raw is None:
                    results.append(FileResult(candidate.rel_path, "", None, problems))
                    entries_moved = True
                elif record["digest"] == hashlib.sha256(raw).hexdigest():
                    results.append(
                        FileResult.from_record(record, FileLocator(candidate.abs_path, record["digest"]), cache.data)
                    )
                    cache.put(record, _trusted(candidate, started_ns))  # touched, not changed
                else:
                    jobs.append((candidate, raw))
                    previous[candidate.rel_path] = record
        changed_parts: set[str] = set()
        for (candidate, _), (result, record) in zip(jobs, _parse(jobs, options, workers), strict=True):
            results.append(result)
            if candidate.rel_path in previous:
                parts = _index_changes(previous[candidate.rel_path], result)
                entries_moved |= parts is None
                changed_parts |= parts or set()
            if cache is not None and result.digest:
                cache.put(record or result.to_record(), _trusted(candidate, started_ns))
        if cache is not None:
            entries_moved |= cache.keep_only({candidate.rel_path for candidate in candidates})
            since = cache.generation
            cache.save()
    changes = None
    if cache is not None:
        if entries_moved:  # nothing can be assumed about the rules' inputs
            since, changed_parts = "", set(index_parts)
        changes = Changes(since, cache.generation, frozenset(changed_parts), frozenset(previous))
    return build(str(workspace.base), results, changes)


def _index_changes(old: Record, new: FileResult) -> set[str] | None:
    """The parts of the index that differ between a file's cached record and its new result; None when
    its entry came, went, or changed kind, id or validity."""
    before, after = old["entry"], new.entry
    if before is None or after is None:
        return None if (before is None) != (after is None) else set()
    if (before["kind"], before["file_id"], before["valid"]) != (after.kind, after.file_id, after.valid):
        return None
    names = set(before["index"]) | set(after.index)
    return {name for name in names if before["index"].get(name) != after.index.get(name)}
