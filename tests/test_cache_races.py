"""The cache never changes what is reported: not when runs overlap, not when a file changes during a
run, not when a file goes between the folder scan and its read. Each race is replayed step by step
through a hook, then a stress test overlaps real runs."""

from __future__ import annotations

import fcntl
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import FIXTURES, TODAY, fresh_catalogue
from llm_class_catalogue.cache.filecache import shard_of
from llm_class_catalogue.commands import lint as lint_command
from llm_class_catalogue.commands.lint import LintRequest, run_lint
from llm_class_catalogue.loading import discover as discover_module
from llm_class_catalogue.loading import loader

MODEL = "catalogue/models/acme-small.yaml"
REPORTED = "catalogue/models/r001-unknown-provider.yaml"  # R001, a catalogue rule, reports it below line 1


def bad_catalogue(tmp_path: Path) -> Path:
    base = fresh_catalogue(tmp_path)
    for path in (FIXTURES / "bad").rglob("*.yaml"):
        shutil.copy(path, base / "catalogue" / path.relative_to(FIXTURES / "bad"))
    return base


def report(base: Path, cache: bool) -> str:
    request = LintRequest(root=str(base / "catalogue"), output_format="json", today=TODAY, cache=cache)
    return run_lint(request).report


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def other_shard_model(base: Path) -> Path:
    """A valid model file whose record lives in another shard than MODEL's."""
    for path in sorted((base / "catalogue/models").glob("*.yaml")):
        rel = path.relative_to(base).as_posix()
        if rel != MODEL and shard_of(rel) != shard_of(MODEL) and "name: " in path.read_text():
            return path
    raise AssertionError("no model in another shard")


@pytest.fixture
def trusted_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Signatures trusted as soon as recorded (as for files two seconds old): a stale result shows at once."""
    monkeypatch.setattr(loader, "RACY_NS", 0)


@pytest.mark.usefixtures("trusted_at_once")
def test_a_run_that_saves_while_another_is_between_its_scan_and_its_save_leaves_no_stale_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run A scans; the model is broken and run B lints it whole; then A saves what it saw. Before the
    lock and the generation check, A's results (the model still fine) were kept under A's state while
    B's record of the broken model stood beside them: every later warm run reported the model clean."""
    base = fresh_catalogue(tmp_path)
    report(base, cache=True)
    replace_text(other_shard_model(base), "name: ", "name: Renamed ")  # so that A has something to save
    scan = loader.discover
    nested = []

    def scan_then_run_b(where: str) -> list:
        found = list(scan(where))
        if not nested:
            nested.append(True)
            replace_text(base / MODEL, "classes: [chat, slm]", "classes: [chat, slm, nowhere]")
            assert '"R001"' in report(base, cache=True)  # run B, in the middle of run A
        return found

    monkeypatch.setattr(loader, "discover", scan_then_run_b)
    report(base, cache=True)  # run A
    monkeypatch.setattr(loader, "discover", scan)
    assert report(base, cache=True) == report(base, cache=False)


@pytest.mark.usefixtures("trusted_at_once")
def test_a_run_that_cannot_take_the_lock_saves_nothing_and_reports_in_full(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    report(base, cache=True)
    cache = base / ".catalogue-cache"
    before = {path.name: path.read_bytes() for path in cache.iterdir()}
    replace_text(base / MODEL, "classes: [chat, slm]", "classes: [chat, slm, nowhere]")
    with open(cache / "lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another run saving
        assert report(base, cache=True) == report(base, cache=False)
    assert {path.name: path.read_bytes() for path in cache.iterdir()} == before
    assert report(base, cache=True) == report(base, cache=False)


def test_a_save_cut_short_leaves_no_state_a_later_run_trusts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run killed after writing the first shard leaves the marker, not a token, in `generation`."""
    from llm_class_catalogue.cache import folder

    base = bad_catalogue(tmp_path)
    report(base, cache=True)
    replace_text(base / MODEL, "classes: [chat, slm]", "classes: [chat, slm, nowhere]")
    real = folder.write_atomically
    writes = []

    def killed_after_two(path: Path, text: str, durable: bool = True) -> None:
        writes.append(path.name)
        if len(writes) > 2:
            raise KeyboardInterrupt
        real(path, text, durable)

    monkeypatch.setattr(folder, "write_atomically", killed_after_two)
    with pytest.raises(KeyboardInterrupt):
        report(base, cache=True)
    monkeypatch.setattr(folder, "write_atomically", real)
    assert (base / ".catalogue-cache/generation").read_text().startswith("writing")
    assert report(base, cache=True) == report(base, cache=False)
    assert not (base / ".catalogue-cache/generation").read_text().startswith("writing")


def test_a_file_changed_while_the_rules_run_leaves_no_line_1_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules ask for a place in a file that changed since it was loaded (the locator falls back to
    1:1); the edit is then undone. That run's results must not be kept, or every warm run says 1:1."""
    base = bad_catalogue(tmp_path)
    report(base, cache=True)
    shutil.copy(base / MODEL, base / "catalogue/models/acme-small-copy.yaml")  # every rule runs again
    expected = report(base, cache=False)
    assert f'"path": "{REPORTED}",\n    "line": 1,' not in expected
    reported = base / REPORTED
    original = reported.read_bytes()
    load = lint_command.load

    def load_then_edit(*args: object, **kwargs: object) -> object:
        catalogue = load(*args, **kwargs)  # type: ignore[arg-type]
        reported.write_bytes(b"# an edit made while the rules run\n" + original)
        return catalogue

    monkeypatch.setattr(lint_command, "load", load_then_edit)
    during = report(base, cache=True)
    assert f'"path": "{REPORTED}",\n    "line": 1,' in during  # the run itself could not place it
    monkeypatch.setattr(lint_command, "load", load)
    reported.write_bytes(original)  # the edit undone
    assert report(base, cache=True) == expected
    assert report(base, cache=True) == expected


def test_a_file_deleted_between_the_scan_and_its_stat_is_gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = fresh_catalogue(tmp_path)
    victim = base / MODEL
    scandir = os.scandir

    def scan_then_delete(path: str) -> object:
        if not str(path).endswith("models"):
            return scandir(path)
        items = list(scandir(path))
        victim.unlink(missing_ok=True)
        return iter(items)

    monkeypatch.setattr(discover_module.os, "scandir", scan_then_delete)
    during = report(base, cache=True)
    monkeypatch.setattr(discover_module.os, "scandir", scandir)
    assert during == report(base, cache=False)  # as if it had gone before the run


@pytest.mark.parametrize("cache", [True, False])
def test_a_file_deleted_between_the_scan_and_its_read_is_a_diagnostic(
    cache: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = fresh_catalogue(tmp_path)
    report(base, cache=True)
    replace_text(base / MODEL, "name: Acme Small", "name: Acme Smaller")  # read again, not from the cache
    scan = loader.discover

    def scan_then_delete(where: str) -> list:
        found = list(scan(where))
        (base / MODEL).unlink()
        return found

    monkeypatch.setattr(loader, "discover", scan_then_delete)
    outcome = run_lint(LintRequest(root=str(base / "catalogue"), today=TODAY, cache=cache))
    assert f"{MODEL}:1:1: S006 error cannot open the file" in outcome.report
    monkeypatch.setattr(loader, "discover", scan)
    assert report(base, cache=True) == report(base, cache=False)


def test_an_unreadable_models_folder_is_a_diagnostic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = fresh_catalogue(tmp_path)
    scandir = os.scandir

    def refuse_models(path: str) -> object:
        if str(path).endswith("models"):
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(discover_module.os, "scandir", refuse_models)
    outcome = run_lint(LintRequest(root=str(base / "catalogue"), today=TODAY))
    assert "catalogue/models:1:1: S006 error cannot read the folder: Permission denied" in outcome.report
    assert outcome.failed


LINT = (
    "import sys; import llm_class_catalogue.loading.loader as loader; loader.RACY_NS = 0; "
    "from llm_class_catalogue.cli import main; main(sys.argv[1:])"
)
STATES = [  # what the stress test writes into MODEL, each a different size
    ("classes: [chat, slm]", "classes: [chat, slm]"),
    ("classes: [chat, slm]", "classes: [chat, slm, nowhere]"),
    ("name: Acme Small", "name: Acme Small Two"),
    ("last_reviewed: 2026-11-01", "last_reviewed: 2020-01-01"),
    ("status: active", "status: sideways"),
]


def test_overlapping_runs_with_edits_between_them_never_change_a_quiet_warm_report(tmp_path: Path) -> None:
    """Rounds of four overlapping runs, each started after an edit; after each round a quiet warm run
    must print exactly what --no-cache prints (signatures are trusted at once, so a stale result would show)."""
    base = bad_catalogue(tmp_path)
    original = (base / MODEL).read_text()
    command = [sys.executable, "-c", LINT, "lint", "--root", str(base / "catalogue"), "--today", TODAY.isoformat()]
    rng = random.Random(19)
    started = time.monotonic()
    for _ in range(8):
        runs = []
        for _ in range(4):
            old, new = rng.choice(STATES)
            temporary = base / "edit.tmp"
            temporary.write_text(original.replace(old, new, 1))
            os.replace(temporary, base / MODEL)  # a new inode: an edit is never mistaken for the old file
            runs.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            time.sleep(rng.uniform(0.01, 0.15))
        for process in runs:
            assert process.wait(timeout=30) in (0, 1)
        quiet = subprocess.run(command, capture_output=True, text=True, timeout=30)
        cold = subprocess.run([*command, "--no-cache"], capture_output=True, text=True, timeout=30)
        assert (quiet.returncode, quiet.stdout) == (cold.returncode, cold.stdout)
        assert quiet.stderr == ""
    assert time.monotonic() - started < 60
