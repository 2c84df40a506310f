"""The loader against real YAML libraries: whatever it accepts, PyYAML (YAML 1.1) and ruamel.yaml
(YAML 1.2) read as the same value it gave; everything else it refuses with an S code."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from llm_class_catalogue.validation.yaml_loader import parse_yaml
from yaml_oracle import MUTATION_CHARS, NUMBERISH_SEEDS, READERS, disagreement, entry_lines, mutate

LINES = entry_lines()
MANY = settings(max_examples=300, deadline=None)

# Scalars built from the pieces YAML's number, date and indicator patterns are made of.
_pieces = st.sampled_from(["0", "1", "7", "8", "9", "00", "12", "_", ".", "-", "+", "e", "E", "x", "o", "b", ":", "in"])
numberish = st.lists(_pieces, min_size=1, max_size=6).map("".join)
scalars = st.one_of(
    numberish,
    st.text(st.sampled_from(MUTATION_CHARS + "abcdef"), min_size=1, max_size=8),
    st.sampled_from(NUMBERISH_SEEDS),
)


@MANY
@given(scalars, st.sampled_from(["k: {}\n", "k: [a, {}]\n", "k: {{v: {}}}\n", "k:\n  - {}\n"]))
def test_generated_scalar_is_refused_or_read_alike(scalar: str, template: str) -> None:
    assert disagreement(template.format(scalar)) is None


@MANY
@given(st.sampled_from(LINES), st.randoms(use_true_random=False))
def test_mutated_entry_line_is_refused_or_read_alike(line: str, rng: random.Random) -> None:
    assert disagreement(mutate(line, rng)) is None


@pytest.mark.parametrize(
    "value",
    ["0128000", "09", "=", "<<", "x\ty", "-.5", "+.5", "1e3", "010", "0o17", "0b101", "1_000", "1:20", "0x8000",
     ".inf", "2026-02-30", "2026-01-01 10:00:00", "._5", "-0o17", "007"],
)  # fmt: skip
def test_known_escape_is_refused_with_s007(value: str) -> None:
    codes = [d.code for d in parse_yaml(f"k: {value}\n", "x.yaml").diagnostics]
    assert codes == ["S007"]


@pytest.mark.parametrize(("value", "expected"), [(".5", 0.5), ("01.5", 1.5), ("-0", 0), ("1.0e+3", 1000.0)])
def test_number_every_reader_agrees_on_is_kept(value: str, expected: float) -> None:
    text = f"k: {value}\n"
    assert parse_yaml(text, "x.yaml").data == {"k": expected} and disagreement(text) is None


def test_hexadecimal_message_says_both_versions_agree() -> None:
    (diagnostic,) = parse_yaml("k: 0x8000\n", "x.yaml").diagnostics
    assert "32768 in both YAML 1.1 and 1.2" in diagnostic.message
    assert all(read("k: 0x8000\n") == {"k": 32768} for read in READERS.values())


@pytest.mark.parametrize("text", ["k: \tx\n", "k: x\t\n", "k: x\t# note\n", "k: [a,\tb]\n"])
def test_tab_where_pyyaml_refuses_one_is_a_syntax_error(text: str) -> None:
    assert [d.code for d in parse_yaml(text, "x.yaml").diagnostics] == ["S001"]


@pytest.mark.parametrize("text", ['k: "a\tb"\n', "k: |\n  a\tb\n", "k: x # a\tnote\n"])
def test_tab_in_quotes_block_or_comment_is_fine(text: str) -> None:
    assert parse_yaml(text, "x.yaml").diagnostics == () and disagreement(text) is None


def test_question_mark_in_a_flow_value_is_refused() -> None:
    assert [d.code for d in parse_yaml("k: [a?b]\n", "x.yaml").diagnostics] == ["S007"]
    assert parse_yaml("k: a?b\n", "x.yaml").diagnostics == ()
