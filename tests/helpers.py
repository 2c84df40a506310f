"""Shared test helpers: a fresh copy of the valid fixture catalogue, and lint as (code, line) pairs."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from lint.config import Config
from lint.diagnostics import Diagnostic
from lint.engine import lint
from lint.loading import load_catalogue
from lint.rules import Context
from lint.workspace import Workspace

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
TODAY = date(2026, 11, 28)


def fresh_catalogue(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture catalogue; returns the folder that holds catalogue/."""
    base = tmp_path / "repo"
    shutil.copytree(VALID, base)
    return base


def diagnostics(base: Path, config: Config | None = None, today: date = TODAY) -> list[Diagnostic]:
    config = config or Config()
    catalogue = load_catalogue(Workspace(base), config)
    return lint(catalogue, config, Context(today, config.sections))


def pairs(base: Path, path: str | None = None, config: Config | None = None) -> list[tuple[str, int]]:
    """Sorted (code, line) pairs, for one report path or for all."""
    return sorted((d.code, d.line) for d in diagnostics(base, config) if path is None or d.path == path)


def write(base: Path, rel: str, text: str | bytes) -> str:
    target = base / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    return rel
