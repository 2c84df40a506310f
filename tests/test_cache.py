"""The file cache and the worker processes never change what is reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, TODAY, fresh_catalogue

from lint.config import Config
from lint.engine import lint
from lint.loading import load_catalogue
from lint.rules import Context
from lint.workspace import Workspace


def bad_catalogue(tmp_path: Path) -> Path:
    """The valid fixture plus every bad fixture: plenty of diagnostics of every kind."""
    base = fresh_catalogue(tmp_path)
    for path in (FIXTURES / "bad").rglob("*.yaml"):
        shutil.copy(path, base / "catalogue" / path.relative_to(FIXTURES / "bad"))
    return base


def run(base: Path, cache: Path | None, workers: int = 1) -> list[tuple]:
    config = Config()
    catalogue = load_catalogue(Workspace(base), config, cache, workers)
    return [tuple(vars(d).values()) for d in lint(catalogue, config, Context(TODAY, {}))]


def test_cold_and_warm_runs_report_the_same(tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    cache = tmp_path / "cache"
    cold = run(base, cache)
    assert (cache / "files.json").is_file()
    warm = run(base, cache)
    assert warm == cold and len(cold) > 50


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
        b"[]",
        b'{"format": 1, "key": "other", "files": {}}',
        b'{"format": 1, "key": "x", "files": {"catalogue/models/acme-small.yaml": 3}}',
    ],
)
def test_corrupt_or_foreign_cache_is_ignored_and_rebuilt(garbage: bytes, tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "files.json").write_bytes(garbage)
    assert run(base, cache) == run(base, None)
    assert json.loads((cache / "files.json").read_text())["format"] == 1


def test_a_planted_record_with_the_wrong_digest_is_not_used(tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    cache = tmp_path / "cache"
    run(base, cache)
    stored = json.loads((cache / "files.json").read_text())
    record = stored["files"]["catalogue/models/acme-small.yaml"]
    record["diagnostics"] = []
    record["entry"]["data"]["provider"] = "nobody"
    record["digest"] = "0" * 64
    (cache / "files.json").write_text(json.dumps(stored))
    assert run(base, cache) == run(base, None)


def test_worker_processes_report_the_same_in_the_same_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import lint.loading

    base = bad_catalogue(tmp_path)
    single = run(base, None, workers=1)
    monkeypatch.setattr(lint.loading, "POOL_THRESHOLD", 1)
    assert run(base, None, workers=2) == single
