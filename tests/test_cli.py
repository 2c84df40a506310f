"""The `catalogue` command through click's runner: formats, exit codes and the done-when checks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import fresh_catalogue, line_of, write
from llm_class_catalogue.cli import cli

REPO = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A copy of the committed catalogue, to break on purpose."""
    base = tmp_path / "repo"
    shutil.copytree(REPO / "catalogue", base / "catalogue")
    return base


def lint_lines(base: Path, *extra: str) -> tuple[int, str]:
    code, out, _ = run("lint", "--root", str(base / "catalogue"), *extra)
    return code, out


def test_clean_catalogue_exits_0_with_a_summary(tmp_path: Path) -> None:
    code, out, _ = run("lint", "--root", str(fresh_catalogue(tmp_path) / "catalogue"))
    assert code == 0
    assert out.strip().endswith("no problems in 9 files checked")


def test_duplicated_key_is_reported_at_its_second_occurrence(real_copy: Path) -> None:
    path = real_copy / "catalogue/models/gpt-4o.yaml"
    lines = path.read_text().splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("status:"))
    lines.insert(len(lines), lines[index])
    path.write_text("".join(lines))
    code, out = lint_lines(real_copy)
    assert code == 1
    assert f"catalogue/models/gpt-4o.yaml:{len(lines)}:1: S002 error" in out


def test_misspelled_field_says_did_you_mean(real_copy: Path) -> None:
    path = real_copy / "catalogue/models/mixtral-8x7b.yaml"
    text = path.read_text()
    line = text[: text.index("last_reviewed:")].count("\n") + 1
    path.write_text(text.replace("last_reviewed:", "last_reveiwed:"))
    code, out = lint_lines(real_copy)
    assert code == 1
    assert f"catalogue/models/mixtral-8x7b.yaml:{line}:1: S003 error unknown field `last_reveiwed`" in out
    assert "did you mean `last_reviewed`?" in out


def test_impossible_date_is_a_schema_error_at_its_line(real_copy: Path) -> None:
    path = real_copy / "catalogue/providers/openai.yaml"
    text = path.read_text()
    line = text[: text.index("last_reviewed:")].count("\n") + 1
    path.write_text(re.sub(r"(?m)^last_reviewed: .*$", "last_reviewed: 2026-02-30", text, count=1))
    code, out = lint_lines(real_copy)
    assert code == 1
    assert (
        f"catalogue/providers/openai.yaml:{line}:16: S003 error last_reviewed: '2026-02-30' is not a valid date" in out
    )


def test_missing_class_is_r001(real_copy: Path) -> None:
    (real_copy / "catalogue/classes/slm.yaml").unlink()
    code, out = lint_lines(real_copy)
    assert code == 1
    assert "R001 error classes: unknown class `slm`" in out


def test_renamed_file_is_s005(real_copy: Path) -> None:
    folder = real_copy / "catalogue/models"
    (folder / "gpt-4o.yaml").rename(folder / "gpt-4-omni.yaml")
    code, out = lint_lines(real_copy)
    assert code == 1
    assert "catalogue/models/gpt-4-omni.yaml:2:5: S005 error id `gpt-4o` differs from the file name" in out


def broken(tmp_path: Path) -> Path:
    base = fresh_catalogue(tmp_path)
    path = base / "catalogue/models/acme-small.yaml"
    path.write_text(
        path.read_text()
        .replace("status: active", "status: activ")
        .replace("name: Acme Small", "name: Acme, 100%\nname: again")
    )
    return base


def test_github_format_prints_escaped_annotations_only(tmp_path: Path) -> None:
    code, out, err = run("lint", "--root", str(broken(tmp_path) / "catalogue"), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines and all(line.startswith("::error file=catalogue/models/acme-small.yaml,line=") for line in lines)
    assert any(",title=S002 duplicate-key::" in line for line in lines)
    assert "1 file" not in out and "errors in" in err


def test_github_escaping() -> None:
    from llm_class_catalogue.model.diagnostics import Diagnostic, Severity
    from llm_class_catalogue.outputs.reporters import github

    line = github([Diagnostic("a,b:c.yaml", 1, 2, "S003", Severity.WARNING, "50% done\nnext", None)])
    assert line == "::warning file=a%2Cb%3Ac.yaml,line=1,col=2,title=S003 schema::50%25 done%0Anext\n"


def test_json_format_is_a_list_of_objects(tmp_path: Path) -> None:
    base = broken(tmp_path)
    code, out, _ = run("lint", "--root", str(base / "catalogue"), "--format", "json")
    rows = json.loads(out)
    assert code == 1
    assert {tuple(sorted(row)) for row in rows} == {("code", "column", "hint", "line", "message", "path", "severity")}
    status = line_of(base / "catalogue/models/acme-small.yaml", "status: activ")
    assert ("S003", status) in {(row["code"], row["line"]) for row in rows}


def test_sarif_format_is_sarif_2_1_0(tmp_path: Path) -> None:
    code, out, _ = run("lint", "--root", str(broken(tmp_path) / "catalogue"), "--format", "sarif")
    log = json.loads(out)
    assert code == 1 and log["version"] == "2.1.0"
    run_ = log["runs"][0]
    rule_ids = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    for result in run_["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert {r["level"] for r in run_["results"]} <= {"error", "warning", "note"}


def test_paths_limit_what_is_reported(tmp_path: Path) -> None:
    base = broken(tmp_path)
    write(base, "catalogue/models/other.yaml", "id: other\n")
    code, out, _ = run("lint", "--root", str(base / "catalogue"), str(base / "catalogue/models/other.yaml"))
    assert code == 1
    assert "acme-small" not in out and "catalogue/models/other.yaml" in out


def test_select_and_ignore(tmp_path: Path) -> None:
    base = str(broken(tmp_path) / "catalogue")
    _, out, _ = run("lint", "--root", base, "--select", "S002")
    assert " S002 " in out and " S003 " not in out
    _, out, _ = run("lint", "--root", base, "--ignore", "S002,S003")
    assert out == "no problems in 9 files checked\n"


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    path = base / "catalogue/models/acme-small.yaml"
    path.write_text(
        path.read_text() + "suppress:\n  - rule: R003\n    reason: Kept here to show an unused suppression.\n"
    )
    assert run("lint", "--root", str(base / "catalogue"))[0] == 0
    assert run("lint", "--root", str(base / "catalogue"), "--strict")[0] == 1


@pytest.mark.parametrize(
    "args",
    [
        ("lint", "--format", "xml"),
        ("lint", "--select", "Z9"),
        ("lint", "--root", "/nonexistent/catalogue"),
        ("lint", "--today", "2026-13-01"),
        ("nope",),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    extra = () if "--root" in args or args == ("nope",) else ("--root", str(base / "catalogue"))
    code, _, err = run(*args, *extra)
    assert code == 2
    assert "Traceback" not in err


def test_rules_table_lists_every_rule_once() -> None:
    from llm_class_catalogue.model.ruletable import RULES

    code, out, _ = run("rules", "--format", "json")
    assert code == 0
    assert [row["code"] for row in json.loads(out)] == [rule.code for rule in RULES]
    assert len({rule.code for rule in RULES}) == len(RULES)


def test_version() -> None:
    from llm_class_catalogue import __version__

    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


def test_export_choices_are_the_registries_names() -> None:
    from llm_class_catalogue.commands.choices import EXPORT_FORMATS, EXPORT_MAJORS
    from llm_class_catalogue.commands.publish import EXPORT_VERSIONS, EXPORT_WRITERS

    assert EXPORT_FORMATS == tuple(EXPORT_WRITERS)
    assert EXPORT_MAJORS == tuple(EXPORT_VERSIONS)


def test_a_lint_served_from_the_cache_imports_no_yaml_parser_and_no_exporter(real_copy: Path) -> None:
    """A warm run is mostly start-up: it must not pay for PyYAML, the exporters or the reader."""
    code = (
        "import sys\n"
        "from llm_class_catalogue.cli import main\n"
        "try:\n"
        "    main(['lint'])\n"
        "except SystemExit as done:\n"
        "    print(done.code, sorted(m for m in sys.modules if m.split('.')[0] == 'yaml'"
        " or m in ('llm_class_catalogue.commands.publish', 'llm_class_catalogue.reader')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "lint")}
    runs = [
        subprocess.run([sys.executable, "-c", code], cwd=real_copy, capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    cold, warm = (run.stdout.splitlines()[-1].split(" ", 1) for run in runs)
    assert cold[0] == "0" and "yaml" in cold[1]  # the first run parses every file
    assert warm == ["0", "[]"]
