"""The "one place" rules of the package: layers, the rule table, the facts table, the format registries."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import diagnostics, fresh_catalogue, with_bad_fixtures
from llm_class_catalogue.engine.config import Config
from llm_class_catalogue.model.diagnostics import Severity
from llm_class_catalogue.model.facts import CRITERIA_FIELDS, DERIVED_WORDS, FACTS
from llm_class_catalogue.model.ruletable import RULES, RULES_BY_CODE, Where
from llm_class_catalogue.rules import CATALOGUE_RULES, ENTRY_RULES

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "lint" / "llm_class_catalogue"
SCHEMAS = REPO / "schema"


def test_the_layer_contract_holds() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert "2 kept, 0 broken" in result.stdout


def test_no_top_level_lint_package_is_importable_outside_a_checkout(tmp_path: Path) -> None:
    code = "import importlib.util, sys; print(importlib.util.find_spec('lint'))"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "None"


def test_each_catalogue_and_entry_rule_of_the_table_has_exactly_one_check() -> None:
    bound = [rule.rule.code for rule in CATALOGUE_RULES] + [rule.rule.code for rule in ENTRY_RULES]
    assert len(bound) == len(set(bound))
    assert sorted(rule.rule.code for rule in CATALOGUE_RULES) == sorted(
        r.code for r in RULES if r.where is Where.CATALOGUE
    )
    assert sorted(rule.rule.code for rule in ENTRY_RULES) == sorted(r.code for r in RULES if r.where is Where.ENTRY)


def test_rule_codes_appear_only_in_the_rule_table() -> None:
    """Checks emit a row of the table, never a literal code (which could drift from the table)."""
    literal = re.compile(r"""["'][SRTLC][0-9]{3}["']""")
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "ruletable.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert found == []


def test_every_emitted_severity_is_the_tables_or_the_configured_one(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    with_bad_fixtures(base)
    found = diagnostics(base)
    assert len({d.code for d in found}) > 10
    assert [(d.code, d.severity) for d in found if d.severity is not RULES_BY_CODE[d.code].severity] == []
    overrides = {d.code: Severity.INFO for d in found}
    configured = diagnostics(base, Config(severity=overrides))
    assert {d.severity for d in configured} == {Severity.INFO}


def _model_schema_facts(schema: dict[str, Any]) -> set[str]:
    """The facts of the model schema: properties that may be written qualified, and the properties of a
    group (an object such as parameters or capabilities) whose members may be."""

    def qualifiable(node: dict[str, Any]) -> bool:
        return any("qualified" in option.get("$ref", "") for option in node.get("anyOf", []))

    def plain_object(node: dict[str, Any]) -> dict[str, Any] | None:
        options = [node, *node.get("anyOf", [])]
        for option in options:
            target = option
            if "$ref" in option and option["$ref"].startswith("#/$defs/"):
                target = schema["$defs"][option["$ref"].split("/")[-1]]
            if target.get("type") == "object" and "properties" in target:
                return target
        return None

    facts = set()
    for name, node in schema["properties"].items():
        group = plain_object(node)
        members = group["properties"] if group else {}
        if group and (qualifiable(node) or any(qualifiable(member) for member in members.values())):
            facts |= {f"{name}.{member}" for member in members}
        elif qualifiable(node):
            facts.add(name)
    return facts


def test_every_fact_of_the_model_schema_is_in_the_facts_table_and_the_export_schemas() -> None:
    schema = json.loads((SCHEMAS / "model.schema.json").read_text(encoding="utf-8"))
    in_schema = _model_schema_facts(schema)
    assert {"context_window", "parameters.total", "modalities.input"} <= in_schema  # the walk finds facts
    assert sorted(in_schema - {fact.path for fact in FACTS}) == []
    assert sorted({fact.path for fact in FACTS} - in_schema) == []
    for export_schema in sorted(SCHEMAS.glob("export*.schema.json")):
        exported = json.loads(export_schema.read_text(encoding="utf-8"))
        major = int(exported["properties"]["schema_version"]["pattern"].lstrip("^")[0])
        facts = exported["$defs"]["model"]["properties"]["facts"]["properties"]
        wanted = {fact.export for fact in FACTS if int(fact.since.split(".")[0]) <= major}
        assert sorted(wanted - set(facts)) == [], export_schema.name


def test_the_criteria_language_tests_exactly_the_facts_marked_for_criteria() -> None:
    schema = json.loads((SCHEMAS / "class.schema.json").read_text(encoding="utf-8"))
    allowed = schema["$defs"]["condition"]["properties"]["fact"]["enum"]
    assert sorted(allowed) == sorted([fact.path for fact in FACTS if fact.criteria] + list(DERIVED_WORDS))
    assert set(CRITERIA_FIELDS) == {fact.field for fact in FACTS if fact.criteria}


@pytest.mark.parametrize("command", [["lint"], ["export"]])
def test_format_choices_come_from_the_registries(command: list[str]) -> None:
    from click.testing import CliRunner
    from llm_class_catalogue.cli import cli
    from llm_class_catalogue.commands.publish import EXPORT_WRITERS
    from llm_class_catalogue.outputs.reporters import REPORTERS

    registry = REPORTERS if command == ["lint"] else EXPORT_WRITERS
    result = CliRunner().invoke(cli, [*command, "--format", "no-such-format"])
    assert result.exit_code == 2
    assert all(name in result.stderr for name in registry)
