"""JSON Schema `pattern`s as ECMA-262 defines them, translated to Python regular expressions.

JSON Schema says a pattern is an ECMA-262 regex, and the editors and CI tools that read our
schemas (ajv, check-jsonschema) evaluate it so. Python's `re` differs where it matters: `$`
also matches before a final newline (so "R004\\n" passed `^[RTLC][0-9]{3}$`), `\\d` and `\\w`
take any Unicode digit or letter, `\\s` has a different set, and `.` excludes only `\\n`. The
translation rewrites those, token by token; anything it does not know (lookbehind, named
groups, backreferences, Unicode property escapes) is refused rather than guessed at. Our
schemas' patterns are simple, so this is a few lines, not a dependency; a property test checks
it against a real ECMA-262 engine (the regress package).
"""

from __future__ import annotations

import re
from functools import cache

# ECMA-262 WhiteSpace and LineTerminator: what `\s` means there.
_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_LINE_TERMINATORS = "\n\r\u2028\u2029"
_CLASS_ESCAPES = {"d": "0-9", "w": "A-Za-z0-9_", "s": _SPACE}
_OUTSIDE = {
    "d": "[0-9]",
    "D": "[^0-9]",
    "w": "[A-Za-z0-9_]",
    "W": "[^A-Za-z0-9_]",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
    "b": r"\b",  # with re.ASCII, a boundary between ECMA's word characters and the rest
    "B": r"\B",
}
_CONTROL = {"n": r"\n", "r": r"\r", "t": r"\t", "f": r"\f", "v": r"\x0b", "0": r"\x00"}
_SYNTAX = set("^$\\.*+?()[]{}|/-")


class Unsupported(ValueError):
    """A pattern using ECMA-262 syntax that the translation does not cover."""


@cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """The Python regex that matches (with `search`) exactly where the ECMA-262 pattern does."""
    return re.compile(translate(pattern), re.ASCII)


def translate(pattern: str) -> str:
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        index += 1
        if char == "\\":
            if index >= len(pattern):
                raise Unsupported(f"{pattern!r}: a trailing backslash")
            escaped, index = _escape(pattern, index, in_class)
            out.append(escaped)
        elif in_class:
            if char == "]":
                in_class = False
            elif char == "[":
                char = r"\["  # a literal in ECMA-262, a nested set in some Python versions' future
            out.append(char)
        elif char == "[":
            if pattern.startswith("]", index) or pattern.startswith("^]", index):
                raise Unsupported(f"{pattern!r}: an empty class")
            in_class = True
            out.append(char)
        elif char == "$":
            out.append(r"\Z")  # the end of the input, never before a final newline
        elif char == ".":
            out.append(f"[^{_LINE_TERMINATORS}]")
        elif char == "(" and pattern.startswith("?", index) and not pattern.startswith(("?:", "?=", "?!"), index):
            raise Unsupported(f"{pattern!r}: a group other than (?:...), (?=...) or (?!...)")
        else:
            out.append(char)
    if in_class:
        raise Unsupported(f"{pattern!r}: an unclosed class")
    return "".join(out)


def _escape(pattern: str, index: int, in_class: bool) -> tuple[str, int]:
    """An escape's translation, from the character after its backslash; and where the pattern goes on."""
    char = pattern[index]
    if in_class and char in _CLASS_ESCAPES:
        return _CLASS_ESCAPES[char], index + 1
    if not in_class and char in _OUTSIDE:
        return _OUTSIDE[char], index + 1
    if char in _CONTROL:
        return _CONTROL[char], index + 1
    if char in _SYNTAX:
        return "\\" + char, index + 1
    hex_digits = {"x": 2, "u": 4}.get(char)
    if hex_digits is not None:
        digits = pattern[index + 1 : index + 1 + hex_digits]
        if len(digits) == hex_digits and all(d in "0123456789abcdefABCDEF" for d in digits):
            return "\\u" + digits.rjust(4, "0"), index + 1 + hex_digits
    raise Unsupported(f"{pattern!r}: the escape \\{char}")
