"""What contributors see: workflows and issue forms valid against GitHub's schemas, the pre-commit
hooks working as pre-commit runs them, and the README's example true."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from llm_class_catalogue.validation.yaml_loader import parse_yaml

REPO = Path(__file__).resolve().parent.parent
VALID = REPO / "tests/fixtures/valid"


def vendored_schema(name: str) -> dict:
    vendor = pytest.importorskip(
        "check_jsonschema.builtin_schemas.vendor", reason="check-jsonschema (the test extra) ships GitHub's schemas"
    )
    return json.loads((Path(vendor.__file__).parent / f"{name}.json").read_text(encoding="utf-8"))


def load(path: Path) -> dict:
    parsed = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    # GitHub reads `on:` as a string key, as YAML 1.2 does; the S007 note about YAML 1.1 does not apply.
    assert [d for d in parsed.diagnostics if d.code != "S007"] == []
    assert parsed.data is not None
    return parsed.data


@pytest.mark.parametrize("workflow", sorted((REPO / ".github/workflows").glob("*.yml")), ids=lambda p: p.name)
def test_workflow_is_valid(workflow: Path) -> None:
    from jsonschema import Draft7Validator

    errors = list(Draft7Validator(vendored_schema("github-workflows")).iter_errors(load(workflow)))
    assert [e.message for e in errors] == []


@pytest.mark.parametrize("form", sorted((REPO / ".github/ISSUE_TEMPLATE").glob("*.yml")), ids=lambda p: p.name)
def test_issue_form_is_valid(form: Path) -> None:
    from jsonschema import Draft7Validator

    errors = list(Draft7Validator(vendored_schema("github-issue-forms")).iter_errors(load(form)))
    assert [e.message for e in errors] == []


def _hook_list() -> list[dict]:
    # The hooks file is a YAML list, which the entry loader (mappings only) reports as S006; read it
    # through the same event-stream loader by wrapping it in a mapping.
    text = "hooks:\n" + "".join(
        f"  {line}\n" if line else "\n" for line in (REPO / ".pre-commit-hooks.yaml").read_text().splitlines()
    )
    parsed = parse_yaml(text, ".pre-commit-hooks.yaml")
    assert parsed.diagnostics == () and parsed.data is not None
    return parsed.data["hooks"]


def run_hook(hook_id: str, repo: Path, files: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a hook's entry the way pre-commit does for a commit that stages `files`: the entry's words,
    then the matching file names. pre-commit leaves deleted files out of `files`, and skips a hook that
    none of them matches unless the hook has `always_run`; a skipped hook fails the test."""
    hook = {h["id"]: h for h in _hook_list()}[hook_id]
    matching = [f for f in files if re.search(hook.get("files", ""), f)]
    assert matching or hook.get("always_run", False), f"pre-commit would skip {hook_id} for {files}"
    words = hook["entry"].split()
    assert words[0] == "catalogue"
    args = [sys.executable, "-m", "llm_class_catalogue", *words[1:]] + (
        matching if hook.get("pass_filenames", True) else []
    )
    return subprocess.run(args, cwd=repo, capture_output=True, text=True, env={"PYTHONPATH": str(REPO), "PATH": ""})


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    for folder in ("catalogue", "export", "docs", "schema"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_lint_hook_passes_a_good_change_and_fails_a_broken_one(repo_copy: Path) -> None:
    changed = ["catalogue/models/gpt-4o.yaml", "README.md"]
    assert run_hook("catalogue-lint", repo_copy, changed).returncode == 0
    entry = repo_copy / "catalogue/models/gpt-4o.yaml"
    entry.write_text(entry.read_text().replace("provider: openai", "provider: open-ai"))
    result = run_hook("catalogue-lint", repo_copy, changed)
    assert result.returncode == 1 and "catalogue/models/gpt-4o.yaml" in result.stdout and "R001" in result.stdout


def test_lint_hook_runs_on_a_commit_that_only_deletes(tmp_path: Path) -> None:
    shutil.copytree(VALID / "catalogue", tmp_path / "catalogue")
    assert run_hook("catalogue-lint", tmp_path, []).returncode == 0
    (tmp_path / "catalogue/providers/acme.yaml").unlink()
    # pre-commit passes a deletion-only commit's hooks no file at all.
    result = run_hook("catalogue-lint", tmp_path, [])
    assert result.returncode == 1
    reported = set(re.findall(r"^(\S+):\d+:\d+: (\w+) ", result.stdout, re.MULTILINE))
    assert reported == {("catalogue/models/acme-big.yaml", "R001"), ("catalogue/models/acme-small.yaml", "R001")}


def test_published_hook_runs_on_a_commit_that_only_deletes(repo_copy: Path) -> None:
    (repo_copy / "catalogue/models/gpt-4o.yaml").unlink()
    assert run_hook("catalogue-published", repo_copy, []).returncode == 1


def test_published_hook_fails_until_publish_is_run(repo_copy: Path) -> None:
    assert run_hook("catalogue-published", repo_copy, ["catalogue/models/gpt-4o.yaml"]).returncode == 0
    entry = repo_copy / "catalogue/models/gpt-4o.yaml"
    entry.write_text(entry.read_text().replace("name: GPT-4o\n", "name: GPT-4o (omni)\n"))
    assert run_hook("catalogue-published", repo_copy, ["catalogue/models/gpt-4o.yaml"]).returncode == 1


def test_published_hook_fails_when_a_schema_changes_until_publish_is_run(repo_copy: Path) -> None:
    """The bundled schemas are generated from the sources, so editing a source makes them stale."""
    source = repo_copy / "schema/common.schema.json"
    source.write_text(source.read_text().replace("Free text.", "Free text, any length."))
    result = run_hook("catalogue-published", repo_copy, ["schema/common.schema.json"])
    assert result.returncode == 1 and "schema/bundled/model.schema.json: out of date" in result.stderr
    subprocess.run(
        [sys.executable, "-m", "llm_class_catalogue", "publish"],
        cwd=repo_copy,
        env={"PYTHONPATH": str(REPO), "PATH": ""},
        check=True,
        capture_output=True,
    )
    assert run_hook("catalogue-published", repo_copy, ["schema/common.schema.json"]).returncode == 0


def test_readme_consuming_example_runs(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Consuming the export", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    # An ASCII locale, with neither UTF-8 mode nor locale coercion to rescue it: the example must say
    # which encoding it reads (on Windows the default is often cp1252). Its output is read as UTF-8.
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, encoding="utf-8", env=env, check=True
    )
    lines = result.stdout.splitlines()
    assert len(lines) >= 3 and all("tokens (" in line for line in lines)


def test_readme_lists_every_content_rule() -> None:
    """The README's tables of content rules (facts that contradict each other; offerings and prices)
    name each C rule of the rule table, in its order."""
    from llm_class_catalogue.model.ruletable import RULES

    readme = (REPO / "README.md").read_text()
    listed = re.findall(r"^\| (C[0-9]{3}) \|", readme, flags=re.MULTILINE)
    assert listed == [rule.code for rule in RULES if rule.code.startswith("C")]


def test_the_pre_commit_snippet_names_the_tag_of_this_version() -> None:
    """The tag a release pushes is `v` and pyproject's version; CONTRIBUTING's `rev:` must be one."""
    version = re.search(r'^version = "([^"]+)"', (REPO / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    revs = re.findall(r"^\s+rev: (\S+)", (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.M)
    assert version is not None and revs == [f"v{version.group(1)}"]
