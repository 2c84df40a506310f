"""T001-T004 with the date fixed, so the results never depend on when the tests run."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import diagnostics, fresh_catalogue, line_of
from llm_class_catalogue.engine.config import Config, parse_config
from llm_class_catalogue.engine.load import load
from llm_class_catalogue.loading.workspace import Workspace
from llm_class_catalogue.rules import Context
from llm_class_catalogue.rules.policy import policy
from llm_class_catalogue.rules.staleness import check_due_soon, check_stale


def t_pairs(base: Path, today: date, table: dict[str, object] | None = None) -> list[tuple[str, str, int]]:
    config = parse_config(table or {}, "test")
    return sorted(
        (d.code, d.path.rsplit("/", 1)[1], d.line) for d in diagnostics(base, config, today) if d.code.startswith("T")
    )


def test_nothing_is_stale_the_day_after_review(tmp_path: Path) -> None:
    assert t_pairs(fresh_catalogue(tmp_path), date(2026, 11, 2)) == []


def test_every_entry_is_stale_in_2100(tmp_path: Path) -> None:
    found = t_pairs(fresh_catalogue(tmp_path), date(2100, 1, 1))
    assert {name for code, name, _ in found if code == "T001"} == {
        "chat.yaml",
        "slm.yaml",
        "long-context.yaml",
        "embedding.yaml",
        "tool-use.yaml",
        "reasoning.yaml",
        "acme.yaml",
        "acme-small.yaml",
        "acme-big.yaml",
    }


def test_medium_confidence_goes_stale_after_120_days(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)  # long-context.yaml: medium, reviewed 2026-10-01, due 2027-01-29
    line = line_of(base / "catalogue/classes/long-context.yaml", "last_reviewed:")
    assert ("T001", "long-context.yaml", line) not in t_pairs(base, date(2027, 1, 28))
    assert ("T001", "long-context.yaml", line) in t_pairs(base, date(2027, 1, 29))


def test_due_soon_warns_inside_the_window(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    line = line_of(base / "catalogue/classes/long-context.yaml", "last_reviewed:")
    assert ("T002", "long-context.yaml", line) in t_pairs(base, date(2027, 1, 1))
    assert ("T002", "long-context.yaml", line) not in t_pairs(base, date(2026, 12, 1))


def test_policy_is_configurable_per_kind(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    table = {"staleness": {"kinds": {"provider": {"high": 10}}, "due-soon-days": 0}}
    line = line_of(base / "catalogue/providers/acme.yaml", "last_reviewed:")
    assert t_pairs(base, date(2026, 11, 12), table) == [("T001", "acme.yaml", line)]


def test_unknown_staleness_key_is_rejected() -> None:
    from llm_class_catalogue.model.diagnostics import ToolError

    with pytest.raises(ToolError, match="max-age"):
        parse_config({"staleness": {"max_age": {}}}, "test")


@pytest.mark.parametrize(
    "change",
    [
        ("last_reviewed: 2026-11-01", "last_reviewed: 2026-12-01"),
        ("released: 2026-03-01", "released: 2026-11-15"),
        ("    published: 2026-03-01", "    published: 2026-11-20"),
    ],
)
def test_impossible_dates(change: tuple[str, str], tmp_path: Path) -> None:
    """Each reported at the line of the date that was changed."""
    base = fresh_catalogue(tmp_path)
    path = base / "catalogue/models/acme-small.yaml"
    path.write_text(path.read_text().replace(*change))
    assert ("T003", "acme-small.yaml", line_of(path, change[1])) in t_pairs(base, date(2026, 11, 28))


def test_retirement_before_announcement(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    path = base / "catalogue/models/acme-big.yaml"
    path.write_text(path.read_text().replace("retires: 2027-03-01", "retires: 2026-08-01"))
    assert ("T003", "acme-big.yaml", line_of(path, "retires: 2026-08-01")) in t_pairs(base, date(2026, 11, 28))


def test_year_month_release_compares_as_first_day(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)  # acme-big: released 2025-06, reviewed 2026-10-15
    path = base / "catalogue/models/acme-big.yaml"
    path.write_text(path.read_text().replace("released: 2025-06", "released: 2026-10"))
    assert t_pairs(base, date(2026, 11, 28)) == []


def test_lifecycle_drift(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    path = base / "catalogue/models/acme-big.yaml"
    path.write_text(path.read_text().replace("status: deprecated", "status: active"))
    line = line_of(path, "status: active")
    assert ("T004", "acme-big.yaml", line) not in t_pairs(base, date(2027, 2, 28))
    assert ("T004", "acme-big.yaml", line) in t_pairs(base, date(2027, 3, 1))


def test_review_due_lists_oldest_due_first(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner
    from llm_class_catalogue.cli import cli

    base = fresh_catalogue(tmp_path)
    result = CliRunner().invoke(
        cli,
        [
            "review-due",
            "--root",
            str(base / "catalogue"),
            "--today",
            "2027-01-15",
            "--within",
            "30",
            "--format",
            "json",
        ],
    )
    rows = json.loads(result.stdout)
    assert result.exit_code == 0
    assert [(row["id"], row["due"], row["days_left"]) for row in rows] == [
        ("long-context", "2027-01-29", 14),
        ("acme-big", "2027-02-12", 28),
    ]


@pytest.mark.parametrize("confidence", ["high", "medium", "low"])
def test_stale_and_due_soon_agree_with_the_due_date_on_every_day_around_it(confidence: str, tmp_path: Path) -> None:
    """T001 and T002 compare review dates as text against a day worked out per kind and confidence;
    checked here against the due date itself, day by day across both boundaries."""
    catalogue = load(Workspace(fresh_catalogue(tmp_path)), Config())
    entry = catalogue.of_kind("model")["acme-small"]
    rules = policy({})
    reviewed = date(2026, 3, 1)
    entry.index["dates"].update(reviewed=reviewed.isoformat(), confidence=confidence)
    due = rules.due("model", confidence, reviewed)
    for offset in range(-40, 5):
        today = due + timedelta(days=offset)
        context = Context(today, {})
        stale = {d.path for d in check_stale(catalogue, context)}
        soon = {d.path for d in check_due_soon(catalogue, context)}
        assert (entry.path in stale) == (due <= today), today
        assert (entry.path in soon) == (0 < (due - today).days <= rules.due_soon), today
