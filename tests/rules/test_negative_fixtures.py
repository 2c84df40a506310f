"""Each bad fixture declares, in its second line, the (code, line) pairs it must produce."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, fresh_catalogue, pairs, with_offering, with_offerings_world

BAD = FIXTURES / "bad"
CASES = sorted(path.relative_to(BAD).as_posix() for path in BAD.rglob("*.yaml"))


def expected(path: Path) -> list[tuple[str, int]]:
    """The pairs on the fixture's `# expect:` line (the second, after the modeline)."""
    header = path.read_text(encoding="utf-8").splitlines()[1]
    match = re.fullmatch(r"# expect: (.+)", header)
    assert match, f"{path} lacks its `# expect:` line"
    found = [item.strip().split(":") for item in match.group(1).split(",")]
    return sorted((code, int(line)) for code, line in found)


@pytest.mark.parametrize("case", CASES)
def test_bad_fixture_reports_exactly_its_defect(case: str, tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    if case.startswith("offerings/"):  # an offering is judged against its model and the host's other offerings
        with_offerings_world(base)
    shutil.copy(BAD / case, base / "catalogue" / case)
    assert pairs(base, f"catalogue/{case}") == expected(BAD / case)


def test_every_rule_code_has_a_negative_fixture() -> None:
    from llm_class_catalogue.model.ruletable import RULES

    covered = {code for case in CASES for code, _ in expected(BAD / case)}
    # S009 bytes are clearer built in test code (test_files.py); L1xx need a server (test_linkcheck.py).
    generated = {"S009", "L101", "L102", "L103", "L104"}
    # K rules judge a router's configuration, not the catalogue: tests/fixtures/config/ holds theirs, and
    # tests/test_routing.py checks that every one has a fixture there.
    config = {rule.code for rule in RULES if rule.code.startswith("K")}
    assert {rule.code for rule in RULES} - covered - generated - config == set()


def test_every_reference_and_content_rule_fires_in_three_fixtures() -> None:
    """Reference and content rules read facts in many shapes (bare, qualified, nested, listed): one
    fixture would test one of them. Counted over the table, so a new R or C rule needs its three."""
    from llm_class_catalogue.model.ruletable import RULES

    files: dict[str, set[str]] = {code: set() for code in (rule.code for rule in RULES if rule.code[0] in "RC")}
    for case in CASES:
        for code, _ in expected(BAD / case):
            files.get(code, set()).add(case)
    assert {code: sorted(cases) for code, cases in files.items() if len(cases) < 3} == {}


def test_valid_fixture_has_no_problems(tmp_path: Path) -> None:
    assert pairs(fresh_catalogue(tmp_path)) == []


def test_valid_offering_has_no_problems(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    with_offering(base)
    assert pairs(base) == []


def test_the_offering_fixtures_world_has_no_problems(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    with_offerings_world(base)
    assert pairs(base) == []
