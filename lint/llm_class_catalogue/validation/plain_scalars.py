"""What an unquoted (plain) scalar means: its YAML 1.2 value, and why a reader may take it otherwise.

The loader gives every plain scalar its YAML 1.2 core-schema value. A scalar that YAML 1.1 reads
otherwise is refused (S007), so an entry means the same thing to every reader. The YAML 1.1 side is
PyYAML's own resolver table and constructors, not a copy of them: what "YAML 1.1 reads" is what a
YAML 1.1 library does read. The 1.2 side is the core schema's regular expressions, written out
below. The claim is checked against ruamel.yaml, a YAML 1.2 parser, by a differential test and a
fuzz run (benchmarks/yaml_fuzz.py).

Dates are the one agreed difference: YAML 1.1 reads `2026-02-01` as a date and YAML 1.2 as a
string; the project keeps the string, which says the same day. A date-shaped scalar that is no
calendar day is refused, since a YAML 1.1 reader fails on it.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

import yaml
import yaml.constructor

MAX_INT_DIGITS = 4000

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_NULL_12 = frozenset({"~", "null", "Null", "NULL", ""})
_BOOL_12 = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT_12 = re.compile(r"[-+]?[0-9]+", re.ASCII)
_OCT_12 = re.compile(r"0o[0-7]+", re.ASCII)
_HEX_12 = re.compile(r"0x[0-9a-fA-F]+", re.ASCII)
_FLOAT_12 = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", re.ASCII)
_INF_12 = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN_12 = frozenset({".nan", ".NaN", ".NAN"})

# Words that the YAML 1.1 spec reads as booleans; PyYAML leaves y/Y/n/N out, other 1.1 readers do not.
_BOOL_11_WORDS = ("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)

# Signs, digits, underscores, one point and an exponent, or a 0x/0o/0b prefix: what some YAML readers
# take for a number even where both specs read a string (ruamel.yaml reads `-0o17`, `._5` and `-_1` so).
_NUMBER_LIKE = re.compile(r"[-+]?([0-9_]*\.?[0-9_]*([eE][-+]?[0-9_]+)?|0[xob][0-9a-fA-F_]+)", re.ASCII)
_CANONICAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)", re.ASCII)
# Plain scalars that start with a letter and are not strings in some YAML version.
SPECIAL_WORDS = frozenset(_BOOL_11_WORDS).union(_BOOL_12, (word for word in _NULL_12 if word[:1].isalpha()))

_RESOLVERS_11 = yaml.SafeLoader.yaml_implicit_resolvers  # first character -> [(tag, pattern)], in order
_CONSTRUCTOR_11 = yaml.constructor.SafeConstructor()
_TAG_WORDS = {
    "tag:yaml.org,2002:merge": "the merge key",
    "tag:yaml.org,2002:value": "the value key",
    "tag:yaml.org,2002:yaml": "a YAML indicator",
    "tag:yaml.org,2002:timestamp": "a date or time that does not exist",
}


def read_12(text: str) -> Any:
    """The YAML 1.2 core schema's value of a plain scalar (floats may be infinite or NaN)."""
    if text in _NULL_12:
        return None
    if text in _BOOL_12:
        return _BOOL_12[text]
    if _INT_12.fullmatch(text):
        return int(text) if len(text) <= MAX_INT_DIGITS else text
    if _OCT_12.fullmatch(text):
        return int(text[2:], 8) if len(text) <= MAX_INT_DIGITS else text
    if _HEX_12.fullmatch(text):
        return int(text[2:], 16) if len(text) <= MAX_INT_DIGITS else text
    if _FLOAT_12.fullmatch(text):
        return float(text)
    if _INF_12.fullmatch(text):
        return -math.inf if text[0] == "-" else math.inf
    if text in _NAN_12:
        return math.nan
    return text


def read_11(text: str) -> Any:
    """What PyYAML (YAML 1.1) reads: its value, or _Unreadable when its safe loader fails on it."""
    if text in _BOOL_11_WORDS:
        return {"y": True, "Y": True, "n": False, "N": False}.get(text, text.lower() in ("yes", "on"))
    for tag, pattern in _RESOLVERS_11.get(text[:1], ()):
        if pattern.match(text):
            construct = _CONSTRUCTOR_11.yaml_constructors.get(tag)
            if construct is None or tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
                return _Unreadable(tag)
            try:
                return construct(_CONSTRUCTOR_11, yaml.ScalarNode(tag, text))
            except (ValueError, OverflowError, yaml.YAMLError):
                return _Unreadable(tag)
    return text


class _Unreadable:
    """A scalar PyYAML resolves to a tag that its safe constructor cannot build."""

    def __init__(self, tag: str) -> None:
        self.tag = tag


def _same(value_11: Any, value_12: Any) -> bool:
    """Whether the two readings are one value: same type and value, or a date and its ISO text."""
    if type(value_11) is date:
        return value_11.isoformat() == value_12
    return type(value_11) is type(value_12) and value_11 == value_12


def _describe(value: Any, text: str) -> str:
    if isinstance(value, _Unreadable):
        return _TAG_WORDS.get(value.tag, "a value")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}" if math.isfinite(value) else "a non-finite number"
    if isinstance(value, datetime):
        return "a timestamp"
    if isinstance(value, date):
        return "a date"
    return "a string" if value == text else f"the string {value!r}"


def resolve_plain(text: str) -> tuple[Any, str | None]:
    """A plain scalar's YAML 1.2 value (its text when JSON cannot hold it), and why it is refused.

    Refused: what YAML 1.1 and 1.2 read differently, and numbers that both read alike but JSON
    cannot hold (`.inf`, `.nan`) or that are not written in decimal (`0x10`).
    """
    if "\t" in text:
        return text, "an unquoted value with a tab inside, which PyYAML and ruamel.yaml refuse as a syntax error"
    if text[:1].isalpha() and text not in SPECIAL_WORDS:
        return text, None  # the common case: a word, sentence or URL, a string in every YAML version
    if text.isascii() and text.isdigit() and text[0] != "0":
        return (int(text) if len(text) <= MAX_INT_DIGITS else text), None  # a decimal integer, read alike
    if _DATE.fullmatch(text) and _is_day(text):
        return text, None  # a date in YAML 1.1, its ISO text in YAML 1.2: the same day
    value_11, value_12 = read_11(text), read_12(text)
    kept = value_12 if not isinstance(value_12, float) or math.isfinite(value_12) else text
    if isinstance(value_11, _Unreadable):
        reading = f"{_describe(value_11, text)} in YAML 1.1, which a safe loader fails on,"
        return kept, f"{reading} and {_describe(value_12, text)} in YAML 1.2"
    if not _same(value_11, value_12):
        return kept, f"{_describe(value_11, text)} in YAML 1.1 and {_describe(value_12, text)} in YAML 1.2"
    if isinstance(value_12, float) and not math.isfinite(value_12):
        return kept, "a non-finite number in YAML 1.1 and 1.2, which JSON cannot hold"
    if isinstance(value_12, int) and not isinstance(value_12, bool) and not _CANONICAL_INT.fullmatch(text):
        if _HEX_12.fullmatch(text):
            return kept, f"hexadecimal, the number {value_12} in both YAML 1.1 and 1.2, but JSON has only decimals"
        return kept, f"octal in YAML 1.1 and decimal in YAML 1.2, the number {value_12} in both only by chance"
    if type(value_12) is str and text[:1] in "-+.0123456789" and _NUMBER_LIKE.fullmatch(text) and _has_digit(text):
        return kept, "a string in YAML 1.1 and 1.2, but shaped like a number, which some readers take it for"
    return kept, None


def _has_digit(text: str) -> bool:
    return any(char.isdigit() or char == "_" for char in text)


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
