"""[tool.catalogue]: validated with unknown keys rejected, and applied to diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import fresh_catalogue, line_of, pairs, write
from llm_class_catalogue.engine.config import load_config, parse_config
from llm_class_catalogue.model.diagnostics import Severity, ToolError


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"selct": ["S"]}, "did you mean `select`?"),
        ({"select": ["X1"]}, "select"),
        ({"ignore": ["S999"]}, "no rule has the code or prefix `S999`"),
        ({"severity": {"R004": "fatal"}}, "severity"),
        ({"per-path-ignores": {"catalogue/models/*": ["Q1"]}}, "per-path-ignores"),
        ({"max-file-bytes": 10}, "max-file-bytes"),
    ],
)
def test_bad_configuration_is_a_tool_error(table: dict[str, object], message: str) -> None:
    with pytest.raises(ToolError, match=message.replace("?", r"\?").replace("`", "`")):
        parse_config(table, "pyproject.toml")


def test_configuration_is_applied(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    write(
        base,
        "catalogue/models/too-long.yaml",
        (base / "catalogue/models/acme-small.yaml")
        .read_text()
        .replace("aliases: [acme-small-2603, Acme S]\n", "")
        .replace("acme-small", "too-long")
        .replace("context_window: 32768", "context_window: 128000"),
    )
    classes = line_of(base / "catalogue/models/too-long.yaml", "classes:")
    assert pairs(base, "catalogue/models/too-long.yaml") == [("R004", classes)]
    write(base, "pyproject.toml", '[tool.catalogue]\nseverity = { R004 = "error" }\n')
    config = load_config(base)
    assert config.severity == {"R004": Severity.ERROR}
    write(
        base,
        "pyproject.toml",
        '[tool.catalogue]\n[tool.catalogue.per-path-ignores]\n"catalogue/models/too-*" = ["R"]\n',
    )
    assert pairs(base, "catalogue/models/too-long.yaml", load_config(base)) == []
    write(base, "pyproject.toml", '[tool.catalogue]\nignore = ["R004"]\n')
    assert pairs(base, "catalogue/models/too-long.yaml", load_config(base)) == []


def test_unreadable_pyproject_is_a_tool_error(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.catalogue\n")
    with pytest.raises(ToolError):
        load_config(tmp_path)


def test_no_pyproject_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path) == parse_config({}, "x")
