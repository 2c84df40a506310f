"""Shared test helpers: a fresh copy of the valid fixture catalogue, its entries as data, lint as
(code, line) pairs, and the line a snippet stands on (so no test hard-codes a fixture's line)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from llm_class_catalogue.engine.config import Config
from llm_class_catalogue.engine.engine import lint
from llm_class_catalogue.engine.load import load
from llm_class_catalogue.loading.workspace import Workspace
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import FOLDER_KINDS
from llm_class_catalogue.rules import Context
from llm_class_catalogue.validation.yaml_loader import parse_yaml

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
TODAY = date(2026, 11, 28)
# Every valid fixture entry by name, as (kind, data).
VALID_ENTRIES = {
    path.stem: (kind, parse_yaml(path.read_text(encoding="utf-8"), str(path)).data)
    for folder, kind in FOLDER_KINDS.items()
    for path in sorted((VALID / "catalogue" / folder).glob("*.yaml"))
}
# A valid offering of acme-big, kept apart from the shared fixture: its 30-day clock would make the
# shared fixture's dates, chosen for 180-day clocks, stale or due on the days other tests run.
VALID_OFFERING = FIXTURES / "valid-offering" / "acme-big--acme.yaml"
VALID_ENTRIES[VALID_OFFERING.stem] = (
    "offering",
    parse_yaml(VALID_OFFERING.read_text(encoding="utf-8"), str(VALID_OFFERING)).data,
)
# A retired and an unverified model beside it, for offerings that must not serve them (R005).
OFFERING_MODELS = sorted((VALID_OFFERING.parent / "models").glob("*.yaml"))
# Nested criteria, for the recursive `$ref` and the oneOf between all, any and a condition.
VALID_ENTRIES["nested-criteria"] = (
    "class",
    {
        **VALID_ENTRIES["long-context"][1],
        "criteria": {
            "all": [
                {"fact": "context_window", "at_least": 100000},
                {"any": [{"fact": "sparse", "equals": True}, {"fact": "modalities.input", "contains": "image"}]},
            ]
        },
    },
)


def fresh_catalogue(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture catalogue (its catalogue/ folder alone, so nothing a run left
    beside it, such as a cache, comes along); returns the folder that holds catalogue/."""
    base = tmp_path / "repo"
    shutil.copytree(VALID / "catalogue", base / "catalogue")
    (base / "catalogue" / "offerings").mkdir(exist_ok=True)  # empty, as git cannot keep it: for the bad offerings
    (base / "catalogue" / "recipes").mkdir(exist_ok=True)  # empty, as git cannot keep it: for the bad recipes
    return base


def with_offering(base: Path) -> Path:
    """The fresh catalogue at base, with the valid offering added; returns its path."""
    target = base / "catalogue" / "offerings" / VALID_OFFERING.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(VALID_OFFERING, target)
    return target


def with_offerings_world(base: Path) -> None:
    """The fresh catalogue at base, with the valid offering and the models that only offerings refer to
    (a retired and an unverified one): what the offering fixtures are checked against."""
    with_offering(base)
    for model in OFFERING_MODELS:
        shutil.copy(model, base / "catalogue" / "models" / model.name)


def with_bad_fixtures(base: Path) -> list[Path]:
    """The fresh catalogue at base, with the offerings' world and every bad fixture in the folder it
    names; returns the fixtures copied."""
    with_offerings_world(base)
    bad = sorted((FIXTURES / "bad").rglob("*.yaml"))
    for path in bad:
        target = base / "catalogue" / path.relative_to(FIXTURES / "bad")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    return bad


def diagnostics(base: Path, config: Config | None = None, today: date = TODAY) -> list[Diagnostic]:
    config = config or Config()
    catalogue = load(Workspace(base), config)
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


def line_in(text: str, snippet: str, where: str = "the text") -> int:
    """The 1-based number of the one line of text that contains snippet. Fails if no line or several
    do, so an edit to a shared fixture breaks a test loudly instead of moving what it checks."""
    # Newlines only, as the linter counts lines (str.splitlines would also break at U+2028, NEL, ...).
    found = [number for number, line in enumerate(text.split("\n"), 1) if snippet in line]
    assert len(found) == 1, f"{snippet!r} should stand on exactly one line of {where}, not on lines {found}"
    return found[0]


def line_of(path: Path, snippet: str) -> int:
    """The 1-based number of the one line of the file at path that contains snippet (see line_in)."""
    return line_in(path.read_text(encoding="utf-8"), snippet, str(path))
