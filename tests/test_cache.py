"""The file cache and the worker processes never change what is reported."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import TODAY, fresh_catalogue, with_bad_fixtures
from llm_class_catalogue.cache.filecache import shard_of
from llm_class_catalogue.engine.config import Config
from llm_class_catalogue.engine.engine import lint
from llm_class_catalogue.engine.load import load
from llm_class_catalogue.loading.locator import FileLocator
from llm_class_catalogue.loading.workspace import Workspace
from llm_class_catalogue.rules import Context


def bad_catalogue(tmp_path: Path) -> Path:
    """The valid fixture plus every bad fixture: plenty of diagnostics of every kind."""
    base = fresh_catalogue(tmp_path)
    with_bad_fixtures(base)
    return base


def run(base: Path, cache: Path | None, workers: int = 1) -> list[tuple]:
    config = Config()
    catalogue = load(Workspace(base), config, cache, workers)
    return [tuple(vars(d).values()) for d in lint(catalogue, config, Context(TODAY, {}))]


def shards(cache: Path) -> list[Path]:
    return sorted(cache.glob("files-*.json"))


def stored_record(cache: Path, rel_path: str) -> tuple[Path, dict, dict]:
    """The shard holding rel_path, its parsed content, and the record."""
    shard = cache / f"files-{shard_of(rel_path):02d}.json"
    content = json.loads(shard.read_text())
    return shard, content, content["files"][rel_path]


def test_cold_and_warm_runs_report_the_same(tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    cache = tmp_path / "cache"
    cold = run(base, cache)
    assert len(shards(cache)) > 1
    warm = run(base, cache)
    assert warm == cold and len(cold) > 50


@pytest.fixture
def trusted_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files' signatures are trusted as soon as they are recorded, not once two seconds old."""
    import llm_class_catalogue.loading.loader

    monkeypatch.setattr(llm_class_catalogue.loading.loader, "RACY_NS", 0)


@pytest.mark.usefixtures("trusted_at_once")  # else a file turning two seconds old gets its signature kept
def test_one_changed_file_rewrites_only_its_shard(tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    cache = tmp_path / "cache"
    run(base, cache)
    before = {path.name: path.stat().st_mtime_ns for path in shards(cache)}
    model = base / "catalogue/models/acme-small.yaml"
    model.write_text(model.read_text() + "# an edit\n")
    run(base, cache)
    rewritten = {path.name for path in shards(cache) if path.stat().st_mtime_ns != before.get(path.name)}
    assert rewritten == {f"files-{shard_of('catalogue/models/acme-small.yaml'):02d}.json"}


@pytest.mark.usefixtures("trusted_at_once")
def test_a_file_old_enough_is_not_read_again_while_its_size_times_and_inode_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import llm_class_catalogue.loading.loader

    base = bad_catalogue(tmp_path)
    cache = tmp_path / "cache"
    expected = run(base, None)
    run(base, cache)  # records every signature
    monkeypatch.setattr(llm_class_catalogue.loading.loader, "read_raw", lambda *args: pytest.fail(f"read {args[0]}"))
    monkeypatch.setattr(
        llm_class_catalogue.loading.loader, "load_file", lambda candidate, *args: pytest.fail(f"parsed {candidate}")
    )
    assert run(base, cache) == expected


@pytest.mark.usefixtures("trusted_at_once")
def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    cache = tmp_path / "cache"
    run(base, cache)
    model = base / "catalogue/models/acme-small.yaml"
    before = model.stat()
    text = model.read_text()
    model.write_text(text.replace("provider: acme\n", "provider: acmf\n"))
    os.utime(model, ns=(before.st_atime_ns, before.st_mtime_ns))  # the inode change time still moves
    assert model.stat().st_size == before.st_size and model.stat().st_mtime_ns == before.st_mtime_ns
    assert run(base, cache) == run(base, None)
    assert any(row[0] == "catalogue/models/acme-small.yaml" and row[3] == "R001" for row in run(base, cache))


def test_a_file_changed_just_now_is_hashed_again_next_time(tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    cache = tmp_path / "cache"
    model = base / "catalogue/models/acme-small.yaml"
    model.write_text(model.read_text())
    run(base, cache)
    _, _, record = stored_record(cache, "catalogue/models/acme-small.yaml")
    assert record["stat"] is None  # written moments ago: its times may not show the next change


def test_a_deleted_file_leaves_the_cache(tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    cache = tmp_path / "cache"
    run(base, cache)
    (base / "catalogue/models/acme-small.yaml").unlink()
    run(base, cache)
    recorded = {path for shard in shards(cache) for path in json.loads(shard.read_text())["files"]}
    assert "catalogue/models/acme-big.yaml" in recorded
    assert "catalogue/models/acme-small.yaml" not in recorded


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    cache = tmp_path / "cache"
    run(base, cache)
    model = base / "catalogue/models/acme-small.yaml"
    model.write_text(model.read_text().replace("provider: acme", "provider: acme-labs"))
    assert run(base, cache) == run(base, None)
    assert any(row[0] == "catalogue/models/acme-small.yaml" and row[3] == "R001" for row in run(base, cache))


@pytest.mark.parametrize(
    "garbage",
    [
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'{"format": 3, "key": "other", "files": {}}',
        b'{"format": 2, "key": "KEY", "files": {}}',
        b'{"format": 3, "key": "KEY", "files": []}',
        b'{"format": 3, "key": "KEY", "files": {"catalogue/models/acme-small.yaml": 3}}',
        b'{"format": 3, "key": "KEY", "files": {"catalogue/models/acme-small.yaml": {"path": 1}}}',
        b'{"format": 3, "key": "KEY", "files": {"catalogue/models/acme-small.yaml": {"path": '
        b'"catalogue/models/acme-small.yaml", "digest": "", "diagnostics": [], "entry": {"kind": "model"}}}}',
    ],
)
def test_corrupt_or_foreign_cache_is_ignored_and_rebuilt(garbage: bytes, tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    cache = tmp_path / "cache"
    run(base, cache)
    key = json.loads(shards(cache)[0].read_text())["key"]
    for shard in shards(cache):
        shard.write_bytes(garbage.replace(b"KEY", key.encode()))
    assert run(base, cache) == run(base, None)
    assert all(json.loads(shard.read_text())["format"] == 3 for shard in shards(cache))


def test_a_planted_record_with_the_wrong_digest_is_not_used(tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    cache = tmp_path / "cache"
    run(base, cache)
    shard, stored, record = stored_record(cache, "catalogue/models/acme-small.yaml")
    record["diagnostics"] = []
    record["entry"]["index"]["references"] = [["provider", ["provider"], "nobody"]]
    record["digest"] = "0" * 64
    shard.write_text(json.dumps(stored))
    assert run(base, cache) == run(base, None)


def test_worker_processes_report_the_same_in_the_same_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import llm_class_catalogue.loading.loader

    base = bad_catalogue(tmp_path)
    single = run(base, None, workers=1)
    monkeypatch.setattr(llm_class_catalogue.loading.loader, "POOL_THRESHOLD", 1)
    assert run(base, None, workers=2) == single


def test_a_warm_lint_needs_no_data_of_unchanged_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    base = fresh_catalogue(tmp_path)
    cache = tmp_path / "cache"
    expected = run(base, None)
    run(base, cache)
    for data_shard in cache.glob("data-*.json"):
        data_shard.unlink()
    monkeypatch.setattr(FileLocator, "data", lambda self: pytest.fail(f"parsed {self.abs_path} for its data"))
    assert run(base, cache) == expected


def test_data_comes_from_the_cache_only_when_its_digest_matches(tmp_path: Path) -> None:
    from llm_class_catalogue.outputs.export import build

    base = fresh_catalogue(tmp_path)
    cache = tmp_path / "cache"
    expected = build(load(Workspace(base), Config()))
    load(Workspace(base), Config(), cache)
    for data_shard in cache.glob("data-*.json"):
        content = json.loads(data_shard.read_text())
        for item in content["files"].values():
            item["data"]["name"] = "Planted"
            item["digest"] = "0" * 64
        data_shard.write_text(json.dumps(content))
    assert build(load(Workspace(base), Config(), cache)) == expected


def test_data_kept_in_the_cache_is_the_data_of_the_file(tmp_path: Path) -> None:
    from llm_class_catalogue.outputs.export import build

    base = fresh_catalogue(tmp_path)
    cache = tmp_path / "cache"
    expected = build(load(Workspace(base), Config()))
    load(Workspace(base), Config(), cache)
    assert len(list(cache.glob("data-*.json"))) > 1
    assert build(load(Workspace(base), Config(), cache)) == expected


def test_data_encoded_in_the_workers_is_the_data_a_single_process_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers send each entry's data as JSON text, written into the cache as it is and decoded only when
    read: the shards, and an export made from either the run itself or the cache after it, are the same
    as a single process makes."""
    import llm_class_catalogue.loading.loader
    from llm_class_catalogue.outputs.export import build

    base = fresh_catalogue(tmp_path)
    single_cache, pooled_cache = tmp_path / "single", tmp_path / "pooled"
    expected = build(load(Workspace(base), Config(), single_cache, workers=1))
    monkeypatch.setattr(llm_class_catalogue.loading.loader, "POOL_THRESHOLD", 1)
    assert build(load(Workspace(base), Config(), pooled_cache, workers=2)) == expected
    shards = sorted(path.name for path in single_cache.glob("data-*.json"))
    assert shards == sorted(path.name for path in pooled_cache.glob("data-*.json")) and shards
    for name in shards:
        assert (pooled_cache / name).read_bytes() == (single_cache / name).read_bytes()
    assert build(load(Workspace(base), Config(), pooled_cache, workers=2)) == expected
