"""The strict loader: every YAML hazard is a diagnostic at its line, never an exception."""

from __future__ import annotations

import llm_class_catalogue.validation.yaml_loader
import pytest
import yaml
from llm_class_catalogue.validation.yaml_loader import MAX_DEPTH, parse_yaml, resolve_plain


def codes(text: str) -> list[tuple[str, int]]:
    return sorted((d.code, d.line) for d in parse_yaml(text, "x.yaml").diagnostics)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\n", []),
        ("a: 1\na: 2\n", [("S002", 2)]),
        ("a:\n  b: 1\n  b: 2\n", [("S002", 3)]),
        ("- {a: 1, a: 2}\n", [("S002", 1), ("S006", 1)]),
        ("1: x\n'1': z\n", [("S002", 2), ("S008", 1)]),
        ("1: x\ntrue: z\n", [("S002", 2), ("S008", 1), ("S008", 2)]),
        ("a: &x 1\nb: *x\n", [("S004", 1), ("S004", 2)]),
        ("base: {a: 1}\nother:\n  <<: {a: 2}\n", [("S004", 3)]),
        ("a: !!python/object:os.system x\n", [("S004", 1)]),
        (
            "a: !!int abc\nb: !!bool maybe\nc: !!timestamp nope\nd: !!int ''\n",
            [("S004", 1), ("S004", 2), ("S004", 3), ("S004", 4)],
        ),
        ("%YAML 1.1\n---\na: 1\n", [("S004", 1)]),
        ("%TAG !e! tag:example.com,2000:\n---\na: 1\n", [("S004", 1)]),
        ("a: 1\n---\nb: 2\n", [("S006", 2)]),
        ("a: [1\n", [("S001", 2)]),
        ("a:\n\tb: 1\n", [("S001", 2)]),
        ("- a\n- b\n", [("S006", 1)]),
        ("just text\n", [("S006", 1)]),
        ("# only a comment\n", [("S006", 1)]),
        ("~: x\n", [("S008", 1)]),
        ("? [a, b]\n: x\n", [("S008", 1)]),
        ("? {a: 1}\n: x\n", [("S008", 1)]),
        ("a: yes\nb: Off\nc: y\n", [("S007", 1), ("S007", 2), ("S007", 3)]),
        ("a: 010\nb: 0x1F\nc: 1_000\nd: 1:20\ne: .inf\nf: .nan\ng: 1e3\n", [("S007", n) for n in range(1, 8)]),
        ("a: 'yes'\nb: \"010\"\nc: 10\nd: 1.5\ne: -2\n", []),
        ('a: "\\u200b"\n', [("S009", 1)]),
        ('a: "\\x01"\n', [("S009", 1)]),
    ],
)
def test_hazard_is_reported_at_its_line(text: str, expected: list[tuple[str, int]]) -> None:
    assert codes(text) == expected


def test_dates_stay_strings_and_data_is_plain() -> None:
    parsed = parse_yaml("d: 2026-02-30\nn: 42\nf: 1.5\nb: true\nz: null\nl: [1, two]\n", "x.yaml")
    assert parsed.data == {"d": "2026-02-30", "n": 42, "f": 1.5, "b": True, "z": None, "l": [1, "two"]}


def test_duplicate_keeps_the_first_value() -> None:
    assert parse_yaml("a: first\na: second\n", "x.yaml").data == {"a": "first"}


def test_huge_integer_stays_text_for_the_schema_to_reject() -> None:
    parsed = parse_yaml("count: " + "9" * 5000 + "\n", "x.yaml")
    assert parsed.diagnostics == ()
    assert parsed.data is not None and isinstance(parsed.data["count"], str)


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_deep_flow_nesting_stops_before_the_parser_is_at_risk(opening: str) -> None:
    text = "a: " + opening * 30_000 + "\n"
    assert ("S006", 1) in codes(text)


def test_deep_block_nesting_is_reported() -> None:
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 5) + "v\n"
    assert [code for code, _ in codes(text)] == ["S006"]


@pytest.mark.parametrize(("levels", "expected"), [(MAX_DEPTH - 1, []), (MAX_DEPTH, [("S006", 1)])])
def test_depth_limit_counts_the_top_level_mapping(levels: int, expected: list[tuple[str, int]]) -> None:
    assert codes("a: " + "[" * levels + "]" * levels + "\n") == expected


def test_node_limit_stops_the_parse_at_the_node_past_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(llm_class_catalogue.validation.yaml_loader, "MAX_NODES", 4)  # the top-level mapping, a, yes, b
    parsed = parse_yaml("a: yes\nb: x\nc: on\n", "x.yaml")
    assert [(d.code, d.line, d.column) for d in parsed.diagnostics] == [("S007", 1, 4), ("S006", 2, 4)]
    assert parsed.data is None


def test_alias_drops_a_mapping_value_but_keeps_a_list_place() -> None:
    parsed = parse_yaml("a: &x 1\nb: *x\nc: [*x]\n", "x.yaml")
    assert parsed.data == {"a": 1, "c": [None]}
    assert ("b",) not in parsed.value_marks and parsed.locate(("c", 0)) == (3, 5)


def test_dropped_value_is_still_checked_but_its_keys_are_not() -> None:
    assert codes("a: 1\na: {b: yes, b: &x 1}\n") == [("S002", 2), ("S004", 2), ("S007", 2)]


def test_pure_python_parser_reports_unreadable_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        llm_class_catalogue.validation.yaml_loader, "_EventSource", yaml.SafeLoader
    )  # as without libyaml
    parsed = parse_yaml("a: \x01\n", "x.yaml")  # PyYAML's reader rejects this before any event
    assert [(d.code, d.line) for d in parsed.diagnostics] == [("S001", 1)]
    assert parsed.data is None


def test_alias_bomb_is_not_expanded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    parsed = parse_yaml("\n".join(lines) + "\n", "x.yaml")
    assert parsed.data is not None
    assert parsed.data["a9"] == [None] * 9
    assert {d.code for d in parsed.diagnostics} == {"S004"}


def test_positions_map_paths_to_lines() -> None:
    parsed = parse_yaml("a:\n  b:\n    - x\n    - c: 1\n", "x.yaml")
    assert (parsed.locate(("a", "b", 1, "c")).line, parsed.locate(("a", "b", 1, "c")).column) == (4, 10)
    assert parsed.locate(("a", "b", 1, "c"), key=True).column == 7
    assert parsed.locate(("a", "missing")).line == 2  # the closest existing ancestor


@pytest.mark.parametrize(
    ("text", "value", "ambiguous"),
    [
        ("true", True, False),
        ("null", None, False),
        ("", None, False),
        ("12", 12, False),
        ("-1.5", -1.5, False),
        ("on", "on", True),
        ("0o17", 15, True),
        ("1e3", 1000.0, True),
        ("2026-01-01", "2026-01-01", False),
        ("hello", "hello", False),
    ],
)
def test_plain_scalars_resolve_as_yaml_1_2(text: str, value: object, ambiguous: bool) -> None:
    resolved, why = resolve_plain(text)
    assert resolved == value and type(resolved) is type(value)
    assert (why is not None) == ambiguous
