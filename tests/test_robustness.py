"""No input crashes the linter, loses data or escapes the catalogue: real corpora, every bad input
at once, and the last-resort handler that must never be reached."""

from __future__ import annotations

import json
import math
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import FIXTURES, diagnostics, fresh_catalogue, with_bad_fixtures
from llm_class_catalogue.cli import cli, main
from llm_class_catalogue.model.jsonio import dumps

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/yaml-test-suite"
needs_corpus = pytest.mark.skipif(
    not (CORPUS / "index.json").is_file(), reason="shared/corpora/yaml-test-suite is not beside the project"
)


# Malformed per the YAML spec but accepted by libyaml's parser (flow indentation, tabs and comments
# it is lenient about); these still get diagnostics, from the schema.
LIBYAML_LENIENT = {"9C9N", "DK95-01", "QB6E", "S98Z", "SU5Z", "X4QW"}


@needs_corpus
def test_every_yaml_test_suite_case_gets_diagnostics_and_no_crash(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    cases = json.loads((CORPUS / "index.json").read_text())
    assert len(cases) > 300
    for case in cases:
        name = "case-" + case["case"].lower()
        shutil.copy(CORPUS / f"{case['case']}.yaml", base / f"catalogue/models/{name}.yaml")
    found = diagnostics(base)
    by_path: dict[str, set[str]] = {}
    for d in found:
        by_path.setdefault(d.path, set()).add(d.code)
    for case in cases:
        codes = by_path.get(f"catalogue/models/case-{case['case'].lower()}.yaml")
        assert codes, f"{case['case']} produced no diagnostic"
        if case["error"] and case["case"] not in LIBYAML_LENIENT:
            assert codes & {"S001", "S002", "S004", "S006", "S008", "S009"}, (case["case"], codes)


def test_every_bad_input_at_once_in_one_run(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    bad = with_bad_fixtures(base)
    started = time.monotonic()
    result = CliRunner().invoke(
        cli, ["lint", "--root", str(base / "catalogue"), "--format", "json", "--today", "2026-11-28"]
    )
    elapsed = time.monotonic() - started
    assert result.exit_code == 1
    reported = {row["path"] for row in json.loads(result.stdout)}
    assert {f"catalogue/{p.relative_to(FIXTURES / 'bad').as_posix()}" for p in bad} <= reported
    assert elapsed < 10


def test_last_resort_handler_turns_a_bug_into_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import llm_class_catalogue.validation.yaml_loader

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(llm_class_catalogue.validation.yaml_loader, "parse_yaml", broken)
    with pytest.raises(SystemExit) as exit_info:
        main(["lint", "--root", str(fresh_catalogue(tmp_path) / "catalogue")])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert "internal error while reading catalogue/" in err and "please report" in err
    assert "Traceback" not in err and err.count("\n") == 1


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_json_refuses_non_finite_numbers(value: float) -> None:
    with pytest.raises(ValueError):
        dumps({"x": value})


def test_online_check_writes_only_in_its_cache_dir(tmp_path: Path) -> None:
    from llm_class_catalogue.engine.config import Config
    from llm_class_catalogue.engine.load import load
    from llm_class_catalogue.engine.online import OnlineOptions, check_links
    from llm_class_catalogue.links.linkcheck import Checker, Result, Settings
    from llm_class_catalogue.loading.workspace import Workspace

    class Offline(Checker):
        def check(self, url: str, run_ends: float = 0.0) -> Result:
            return Result(url, "ok", "HTTP 200")

    base = fresh_catalogue(tmp_path)
    before = {p for p in tmp_path.rglob("*")}
    cache = tmp_path / "cache-here"
    catalogue = load(Workspace(base), Config())
    report = check_links(catalogue, None, {}, OnlineOptions(cache_dir=cache), checker=Offline(Settings()))
    assert "0 broken" in report.summary
    assert {p for p in tmp_path.rglob("*")} - before == {cache, cache / "links.json"}
