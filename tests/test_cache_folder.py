"""A cache folder in an odd state costs one warning line, never the report or the exit code."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import TODAY, fresh_catalogue
from llm_class_catalogue.cli import cli

MODEL = "catalogue/models/acme-small.yaml"


def lint(base: Path, *extra: str) -> tuple[int, str, str]:
    args = ["lint", "--root", str(base / "catalogue"), "--today", TODAY.isoformat(), *extra]
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout, result.stderr


def a_file(cache: Path) -> None:
    cache.write_text("not a folder")


def a_dangling_link(cache: Path) -> None:
    cache.symlink_to(cache.parent / "nowhere")


def a_foreign_link(cache: Path) -> None:
    elsewhere = cache.parent.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("someone else's")
    cache.symlink_to(elsewhere)


STATES: dict[str, Callable[[Path], None]] = {
    "a file": a_file,
    "a dangling symbolic link": a_dangling_link,
    "a symbolic link to another folder": a_foreign_link,
}


@pytest.mark.parametrize("broken", [False, True], ids=["clean", "with an error"])
@pytest.mark.parametrize("state", sorted(STATES))
def test_an_unusable_cache_folder_gives_one_warning_and_the_full_report(
    state: str, broken: bool, tmp_path: Path
) -> None:
    base = fresh_catalogue(tmp_path)
    if broken:
        path = base / MODEL
        path.write_text(path.read_text().replace("classes: [chat, slm]", "classes: [chat, slm, nowhere]"))
    expected = lint(base, "--no-cache")
    STATES[state](base / ".catalogue-cache")
    for _ in range(2):
        code, stdout, stderr = lint(base)
        assert (code, stdout) == expected[:2] and code == (1 if broken else 0)
        assert len(stderr.splitlines()) == 1 and stderr.startswith("warning: not using the cache"), stderr
    if state == "a symbolic link to another folder":
        assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == ["keep.txt"]


def unwritable_below_a_file(base: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    (base / "file").write_text("")
    return ["--cache-dir", str(base / "file" / "cache")]  # cannot be made: its parent is a file


def full_disk(base: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    real = os.open

    def no_space(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if ".catalogue-cache" in str(path) and flags & os.O_CREAT:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", no_space)
    return []


def read_only(base: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    (base / ".catalogue-cache").mkdir()
    real = os.open

    def refused(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if ".catalogue-cache" in str(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refused)  # the tests run as root, whom chmod does not stop
    return []


def full_disk_mid_write(base: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from llm_class_catalogue.cache import folder

    real = folder.write_atomically
    calls = []

    def fails_after_one(path: Path, text: str, durable: bool = True) -> None:
        calls.append(path)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, text, durable)

    monkeypatch.setattr(folder, "write_atomically", fails_after_one)
    return []


UNWRITABLE = {
    "cannot be made": unwritable_below_a_file,
    "a full disk": full_disk,
    "a full disk mid-save": full_disk_mid_write,
    "read-only": read_only,
}


@pytest.mark.parametrize("state", sorted(UNWRITABLE))
def test_a_cache_that_cannot_be_written_gives_one_warning_and_the_full_report(
    state: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = fresh_catalogue(tmp_path)
    expected = lint(base, "--no-cache")
    extra = UNWRITABLE[state](base, monkeypatch)
    code, stdout, stderr = lint(base, *extra)
    assert (code, stdout) == expected[:2]
    assert len(stderr.splitlines()) == 1 and stderr.startswith("warning: "), stderr
    monkeypatch.undo()
    assert lint(base, *extra)[:2] == expected[:2]
    assert not list(base.glob(".catalogue-cache/.*.tmp"))


def test_export_with_an_unusable_cache_warns_and_still_exports(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    (base / ".catalogue-cache").write_text("")
    result = CliRunner().invoke(cli, ["export", "--root", str(base / "catalogue"), "--today", TODAY.isoformat()])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0].startswith("warning: not using the cache")
    assert (base / "export/catalogue.json").is_file()


def test_a_naive_time_in_the_link_cache_is_checked_again(tmp_path: Path) -> None:
    from llm_class_catalogue.links.linkcache import LinkCache

    cache = LinkCache(tmp_path / "links.json", timedelta(days=7), {})
    naive = "2026-11-27T10:00"  # no zone: not written by this tool
    cache.entries["https://a.example/"] = {"outcome": "ok", "detail": "", "final_url": "", "checked": naive}
    assert cache.get("https://a.example/", datetime(2026, 11, 28, tzinfo=UTC)) is None
