"""Generated files replace regular files only, and go in together; reports never pass a control
character of a file name through raw."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import TODAY, fresh_catalogue
from llm_class_catalogue.cli import cli
from llm_class_catalogue.model import jsonio
from llm_class_catalogue.model.diagnostics import Diagnostic, Severity
from llm_class_catalogue.outputs.reporters import REPORTERS


def export(base: Path, *extra: str) -> tuple[int, str, str]:
    args = ["export", "--root", str(base / "catalogue"), "--today", TODAY.isoformat(), *extra]
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout, result.stderr


def a_fifo(path: Path) -> None:
    os.mkfifo(path)  # stands for a device such as /dev/null: not a regular file


def a_link(path: Path) -> None:
    (path.parent / "target.json").write_text("kept\n")
    path.symlink_to(path.parent / "target.json")


def a_folder(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize("check", [False, True], ids=["write", "check"])
@pytest.mark.parametrize("make", [a_fifo, a_link, a_folder], ids=["fifo named null", "symbolic link", "folder"])
def test_export_refuses_a_target_that_is_not_a_regular_file(make, check: bool, tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "null"
    make(target)
    before = os.lstat(target)
    code, stdout, stderr = export(base, "-o", str(target), *(["--check"] if check else []))
    assert code == 2 and stdout == ""
    assert len(stderr.splitlines()) == 1 and "refusing to replace it" in stderr
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert not (out / "model-ids.schema.json").exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(["null", *(["target.json"] if make is a_link else [])])
    if make is a_link:
        assert (out / "target.json").read_text() == "kept\n"


def test_export_and_its_ids_schema_are_both_written_before_either_is_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = fresh_catalogue(tmp_path)
    replace = os.replace
    seen: list[list[str]] = []

    def files() -> list[str]:
        return sorted(p.relative_to(base / "export").as_posix() for p in (base / "export").rglob("*") if p.is_file())

    def watching(source: str, target: str) -> None:
        if Path(target).is_relative_to(base / "export"):  # the cache is saved before the export is written
            seen.append(files())
        replace(source, target)

    monkeypatch.setattr(jsonio.os, "replace", watching)
    assert export(base)[0] == 0
    pid = os.getpid()
    written = [
        "catalogue.json",
        "litellm/model_prices_and_context_window.json",
        "lifecycle.ics",
        "model-ids.schema.json",
        "v2/catalogue.json",
        "v2/routable-ids.schema.json",
    ]
    temporaries = sorted(
        "/".join([*name.split("/")[:-1], f".{name.split('/')[-1]}.{pid}.tmp"]).lstrip("/") for name in written
    )
    assert seen[0] == temporaries
    assert files() == sorted(written)


def test_a_failed_write_leaves_neither_file_changed_nor_a_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = fresh_catalogue(tmp_path)
    assert export(base)[0] == 0
    before = {p.name: p.read_bytes() for p in (base / "export").iterdir() if p.is_file()}
    (base / "catalogue/models/acme-small.yaml").write_text(
        (base / "catalogue/models/acme-small.yaml").read_text().replace("name: Acme Small", "name: Acme Smaller")
    )
    real = jsonio._write_temporary
    written = []

    def second_fails(path: Path, text: str, durable: bool) -> Path:
        written.append(path)
        if path.name == "model-ids.schema.json":
            raise KeyboardInterrupt  # as a SIGTERM turned into SystemExit would
        return real(path, text, durable)

    monkeypatch.setattr(jsonio, "_write_temporary", second_fails)
    with pytest.raises(KeyboardInterrupt):
        jsonio.write_all_atomically({base / "export/catalogue.json": "new", base / "export/model-ids.schema.json": "x"})
    assert {p.name: p.read_bytes() for p in (base / "export").iterdir() if p.is_file()} == before


def test_temporaries_of_dead_processes_are_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / f".out.json.{dead.pid}.tmp").write_text("left by a killed run")
        (tmp_path / f".out.json.{alive.pid}.tmp").write_text("a run still writing")
        (tmp_path / ".other.json.1.tmp").write_text("another name's")
        jsonio.write_atomically(tmp_path / "out.json", "{}\n")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [".other.json.1.tmp", f".out.json.{alive.pid}.tmp", "out.json"]
        )
    finally:
        alive.kill()
        alive.wait()


NASTY = "catalogue/models/\x1b[2J\x1b]0;owned\x07evil\nname\u202e.yaml"


@pytest.mark.parametrize("name", ["text", "github"])
def test_control_characters_of_a_file_name_are_escaped_in_text_and_github(name: str) -> None:
    report = REPORTERS[name]([Diagnostic(NASTY, 1, 1, "S006", Severity.ERROR, f"`{NASTY[17:]}` is bad", None)])
    body = report[:-1]
    assert "\x1b" not in report and "\x07" not in report and "\u202e" not in report and "\n" not in body
    assert "\\x1b[2J" in report and "\\n" in report and "\\u202e" in report


@pytest.mark.parametrize("name", ["json", "sarif"])
def test_json_reports_escape_every_control_character_and_keep_the_name(name: str) -> None:
    report = REPORTERS[name]([Diagnostic(NASTY + "\x7f\x9b", 1, 1, "S006", Severity.ERROR, "bad", None)])
    assert not any(ord(char) < 0x20 and char != "\n" or 0x7F <= ord(char) < 0xA0 for char in report)
    decoded = json.loads(report)
    path = decoded[0]["path"] if name == "json" else decoded["runs"][0]["results"][0]["locations"][0]
    assert NASTY + "\x7f\x9b" in (path if name == "json" else path["physicalLocation"]["artifactLocation"]["uri"])


def test_a_file_named_with_an_escape_sequence_cannot_paint_the_terminal(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    (base / "catalogue/models/\x1b[31mred.yaml").write_text("id: red\n")
    result = CliRunner().invoke(cli, ["lint", "--root", str(base / "catalogue"), "--today", TODAY.isoformat()])
    assert result.exit_code == 1 and "\x1b" not in result.stdout + result.stderr
    assert "\\x1b[31mred.yaml" in result.stdout
