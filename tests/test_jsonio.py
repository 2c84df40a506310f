"""JSON text: one entry per line, read back line by line to the document a plain dump gives; the
canonical pieces join to a plain compact dump; non-finite numbers refused."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from llm_class_catalogue.model.jsonio import canonical_pieces, dumps_entries, encode_members

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**15), 10**15)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)  # any character: quotes, backslashes, newlines, U+2028, non-ASCII
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
)
documents = st.dictionaries(st.text(max_size=8), values | st.lists(values, max_size=4), max_size=5)


def read_back(text: str) -> dict[str, Any]:
    """The document, read line by line: each line must hold one whole member or one whole array item."""
    lines = text.split("\n")
    assert lines[-1] == "", "a final newline"
    if lines[0] == "{}":
        assert lines == ["{}", ""]
        return {}
    assert lines[0] == "{" and lines[-2] == "}"
    document: dict[str, Any] = {}
    body = iter(lines[1:-2])
    for line in body:
        assert line.startswith('  "')
        key, end = json.JSONDecoder().raw_decode(line, 2)
        assert line[end : end + 2] == ": "
        rest = line[end + 2 :].removesuffix(",")
        if rest != "[":
            document[key] = json.loads(rest)
            continue
        document[key] = []
        for item_line in body:
            if item_line.startswith("  ]"):
                break
            assert item_line.startswith("    ")
            document[key].append(json.loads(item_line[4:].removesuffix(",")))
    return document


@given(documents)
def test_one_entry_per_line_reads_back_to_a_plain_dump(document: dict[str, Any]) -> None:
    text = dumps_entries(document)
    plain = json.loads(json.dumps(document))
    assert json.loads(text) == plain
    assert read_back(text) == plain
    assert list(read_back(text)) == sorted(document)


@given(documents)
def test_canonical_pieces_join_to_a_plain_compact_dump(document: dict[str, Any]) -> None:
    expected = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert "".join(canonical_pieces(encode_members(document))) == expected


@given(st.dictionaries(st.text(max_size=8), scalars | st.lists(scalars, max_size=4), max_size=5))
def test_a_flat_document_is_laid_out_as_with_a_two_space_indent(document: dict[str, Any]) -> None:
    expected = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert dumps_entries(document) == expected


def test_text_is_utf8_not_escaped() -> None:
    assert '"name": "Modèle – 模型"' in dumps_entries({"name": "Modèle – 模型"})


def test_a_cycle_is_refused() -> None:
    document: dict[str, Any] = {"models": []}
    document["models"].append(document)
    with pytest.raises(RecursionError):
        dumps_entries(document)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_refused(value: float) -> None:
    with pytest.raises(ValueError):
        dumps_entries({"models": [{"facts": {"x": value}}]})
