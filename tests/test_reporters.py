"""The SARIF reporter's fingerprints and rule help, for code scanning."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import diagnostics, fresh_catalogue
from llm_class_catalogue.model.diagnostics import Diagnostic, Severity
from llm_class_catalogue.model.ruletable import RULES, Where
from llm_class_catalogue.outputs.reporters import FINGERPRINT_KEY, sarif

MODEL = "catalogue/models/acme-small.yaml"


def results(diags: list[Diagnostic]) -> list[dict]:
    return json.loads(sarif(diags))["runs"][0]["results"]


def by_rule(base: Path) -> dict[str, tuple[int, str]]:
    """Each result's rule, with its line and fingerprint (the fixture breaks each rule once)."""
    found = {}
    for result in results(diagnostics(base)):
        line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        found[result["ruleId"]] = (line, result["partialFingerprints"][FINGERPRINT_KEY])
    return found


def test_fingerprint_does_not_move_with_the_line(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    entry = base / MODEL
    # R001, and S002 whose message names the line of the first key ("first at line 4").
    entry.write_text(entry.read_text().replace("provider: acme\n", "provider: nobody\nprovider: nobody\n"))
    before = by_rule(base)
    assert set(before) == {"R001", "S002"}
    first, rest = entry.read_text().split("\n", 1)
    entry.write_text(f"{first}\n# a comment above every problem\n{rest}")
    after = by_rule(base)
    for code in before:
        assert after[code][0] == before[code][0] + 1
        assert after[code][1] == before[code][1]


def test_different_problems_have_different_fingerprints() -> None:
    def at(path: str, code: str, message: str) -> Diagnostic:
        return Diagnostic(path, 3, 1, code, Severity.ERROR, message)

    diags = [
        at("catalogue/models/a.yaml", "R001", "provider: unknown provider `x`"),
        at("catalogue/models/a.yaml", "R001", "provider: unknown provider `y`"),
        at("catalogue/models/a.yaml", "R002", "provider: unknown provider `x`"),
        at("catalogue/models/b.yaml", "R001", "provider: unknown provider `x`"),
    ]
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in results(diags)]
    assert len(set(prints)) == len(prints)


def test_the_same_problem_twice_in_a_file_is_told_apart_by_its_order() -> None:
    twice = [Diagnostic(MODEL, line, 1, "L003", Severity.ERROR, "repeated source") for line in (5, 9)]
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in results(twice)]
    assert prints[0].endswith(":1") and prints[1] == prints[0][:-1] + "2"


def test_every_rule_has_help_from_the_rule_table() -> None:
    rules = json.loads(sarif([]))["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [rule.code for rule in RULES]
    for rule, row in zip(RULES, rules, strict=True):
        text, markdown = row["help"]["text"], row["help"]["markdown"]
        assert text.startswith(rule.description + "\n\n") and rule.description in markdown
        if rule.where is Where.CONFIG:  # found in a router's configuration, not in an entry
            assert "`catalogue check-config CONFIG`" in text and "rule:" not in text
            continue
        assert f"--select {rule.code}`" in text and f"--select {rule.code}`" in markdown
        # Only what the schema lets an entry suppress is offered as a way out.
        assert (f"rule: {rule.code}" in text) == (not rule.code.startswith("S"))
