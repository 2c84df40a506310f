"""A warm run reuses a catalogue rule's last result only while nothing it reads has changed, and then
reports exactly what a run without any cache reports."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from helpers import TODAY, fresh_catalogue, with_bad_fixtures
from llm_class_catalogue.commands.lint import LintRequest, run_lint
from llm_class_catalogue.commands.publish import run_export
from llm_class_catalogue.engine import engine
from llm_class_catalogue.engine.config import Config
from llm_class_catalogue.engine.load import load
from llm_class_catalogue.loading.workspace import Workspace
from llm_class_catalogue.model.entry import Entry
from llm_class_catalogue.rules import CATALOGUE_RULES, Context

MODEL = "catalogue/models/acme-small.yaml"


def bad_catalogue(tmp_path: Path) -> Path:
    """The valid fixture, the offerings' world and every bad fixture: diagnostics from every catalogue rule."""
    base = fresh_catalogue(tmp_path)
    with_bad_fixtures(base)
    return base


def report(base: Path, cache: bool) -> str:
    """What `catalogue lint --format json` prints, with or without the caches."""
    request = LintRequest(root=str(base / "catalogue"), output_format="json", today=TODAY, cache=cache)
    return run_lint(request).report


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


EDITS: dict[str, Callable[[Path], None]] = {
    "a name (read by no catalogue rule)": lambda base: edit(base / MODEL, "name: Acme Small", "name: Acme Smaller"),
    "a review date": lambda base: edit(base / MODEL, "last_reviewed: 2026-11-01", "last_reviewed: 2025-01-01"),
    "a stale entry reviewed again": lambda base: edit(
        base / "catalogue/models/t001-stale.yaml", "last_reviewed: 2020-01-01", "last_reviewed: 2026-11-01"
    ),
    "a class": lambda base: edit(base / MODEL, "classes: [chat, slm]", "classes: [chat, slm, nowhere]"),
    "an alias that clashes": lambda base: edit(base / MODEL, "Acme S]", "Acme Big]"),
    "a title that disagrees": lambda base: edit(base / MODEL, "title: Introducing Acme Small", "title: Other"),
    "a line above a reported one": lambda base: (base / "catalogue/models/r001-unknown-provider.yaml").write_text(
        "# moved down\n" + (base / "catalogue/models/r001-unknown-provider.yaml").read_text()
    ),
    "a file added": lambda base: shutil.copy(base / MODEL, base / "catalogue/models/acme-small-copy.yaml"),
    "a file removed": lambda base: (base / MODEL).unlink(),
    "an entry made invalid": lambda base: edit(base / MODEL, "status: active", "status: sideways"),
}


@pytest.mark.parametrize("change", sorted(EDITS))
def test_after_an_edit_a_warm_run_reports_what_a_cold_one_does(change: str, tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    report(base, cache=True)
    EDITS[change](base)
    warm = report(base, cache=True)
    assert warm == report(base, cache=False)
    assert report(base, cache=True) == warm  # and again, from what the warm run kept


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the code of every catalogue rule that runs."""
    ran: list[str] = []

    def wrap(rule: Any) -> Any:
        check = rule.check
        return replace(rule, check=lambda catalogue, context: ran.append(rule.code) or check(catalogue, context))

    monkeypatch.setattr(engine, "CATALOGUE_RULES", tuple(wrap(rule) for rule in CATALOGUE_RULES))
    return ran


def test_an_edit_no_rule_reads_runs_no_catalogue_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = bad_catalogue(tmp_path)
    report(base, cache=True)
    ran = counting(monkeypatch)
    EDITS["a name (read by no catalogue rule)"](base)
    report(base, cache=True)
    assert ran == []


def test_an_edit_runs_again_only_the_rules_that_read_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = bad_catalogue(tmp_path)
    report(base, cache=True)
    ran = counting(monkeypatch)
    EDITS["a review date"](base)
    report(base, cache=True)
    assert sorted(ran) == [rule.code for rule in CATALOGUE_RULES if "dates" in rule.reads]


def test_a_rule_that_judges_each_entry_alone_runs_again_on_the_edited_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = bad_catalogue(tmp_path)
    report(base, cache=True)
    seen: dict[str, list[str]] = {}

    def wrap(rule: Any) -> Any:
        check = rule.check

        def counted(catalogue: Any, context: Any) -> Any:
            seen.setdefault(rule.code, []).extend(entry.path for entry in catalogue.entries)
            return check(catalogue, context)

        return replace(rule, check=counted)

    monkeypatch.setattr(engine, "CATALOGUE_RULES", tuple(wrap(rule) for rule in CATALOGUE_RULES))
    EDITS["a review date"](base)
    report(base, cache=True)
    each_entry = sorted(rule.code for rule in CATALOGUE_RULES if rule.each_entry)
    assert each_entry == ["T001", "T002", "T003", "T004", "T005"]
    assert {code: seen[code] for code in each_entry} == {code: [MODEL] for code in each_entry}


def test_a_run_on_another_day_runs_every_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = bad_catalogue(tmp_path)
    report(base, cache=True)
    ran = counting(monkeypatch)
    run_lint(LintRequest(root=str(base / "catalogue"), today=TODAY.replace(year=2027)))
    assert sorted(ran) == sorted(rule.code for rule in CATALOGUE_RULES)


def test_results_of_an_older_cache_state_are_not_reused(tmp_path: Path) -> None:
    """An export in between brings the file cache up to date but not the rules' results."""
    base = fresh_catalogue(tmp_path)
    report(base, cache=True)
    EDITS["a class"](base)
    run_export(str(base / "catalogue"), str(tmp_path / "out.json"), "json", False, TODAY)  # refuses, but loads
    assert report(base, cache=True) == report(base, cache=False)


@pytest.mark.parametrize("garbage", [b"{", b"[]", b'{"format": 1, "key": 1}', b'{"format": 1, "rules": {"R001": 3}}'])
def test_a_corrupt_or_foreign_rules_file_is_ignored(garbage: bytes, tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    report(base, cache=True)
    (base / ".catalogue-cache/rules.json").write_bytes(garbage)
    assert report(base, cache=True) == report(base, cache=False)


def test_a_planted_result_under_the_right_key_is_trusted_only_for_what_it_is_kept_for(tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    cold = report(base, cache=False)
    report(base, cache=True)
    kept = json.loads((base / ".catalogue-cache/rules.json").read_text())
    assert kept["rules"]["R001"], "the bad fixtures have unknown references"
    kept["generation"] = "another state"
    (base / ".catalogue-cache/rules.json").write_text(json.dumps(kept))
    assert report(base, cache=True) == cold


class Guarded(dict[str, Any]):
    """An index that lets a rule read only the parts it declares."""

    def __init__(self, index: dict[str, Any], allowed: tuple[str, ...]) -> None:
        super().__init__(index)
        self.allowed = allowed

    def __getitem__(self, name: str) -> Any:
        assert name in self.allowed, f"reads `{name}` without declaring it"
        return super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:
        assert name in self.allowed, f"reads `{name}` without declaring it"
        return super().get(name, default)


@pytest.mark.parametrize("rule", list(CATALOGUE_RULES), ids=lambda rule: rule.code)
def test_each_catalogue_rule_reads_only_the_index_parts_it_declares(rule: Any, tmp_path: Path) -> None:
    base = bad_catalogue(tmp_path)
    catalogue = load(Workspace(base), Config())
    context = Context(TODAY, {})
    expected = list(rule.check(catalogue, context))
    reported = {diagnostic.path for diagnostic in expected}
    read_data: set[str] = set()
    original = Entry.data.fget
    assert original is not None
    for entry in catalogue.entries:
        object.__setattr__(entry, "index", Guarded(entry.index, rule.reads))
    try:
        Entry.data = property(lambda entry: read_data.add(entry.path) or original(entry))  # type: ignore[method-assign]
        assert list(rule.check(catalogue, context)) == expected
    finally:
        Entry.data = property(original)  # type: ignore[method-assign]
    assert read_data <= reported, "a rule reads an entry's data only to report on it"
