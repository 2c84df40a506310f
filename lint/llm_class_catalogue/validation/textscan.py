"""Characters that have no place in a catalogue entry, found before YAML sees the text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# C0 controls but tab, LF and CR; DEL; C1 controls (NEL among them); line and paragraph
# separators (YAML 1.1 reads them as line breaks, editors do not); bidirectional controls
# (they reorder what a reviewer sees); zero-width characters and a BOM past the start;
# lone surrogates (only reachable through escapes); the two non-characters.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e"
    "\u2066-\u2069\u200b-\u200d\u2060\ufeff\ud800-\udfff\ufffe\uffff]"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def describe(char: str) -> str:
    """`U+200B ZERO WIDTH SPACE`, or the code point alone when it has no name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


def find_forbidden(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (line, column, char), 1-based, for each forbidden character in text."""
    first = _FORBIDDEN.search(text, 1 if text.startswith("\ufeff") else 0)  # a BOM is allowed at the start
    if first is None:
        return  # the common case: no need to know where the lines start
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    line = 0
    for match in _FORBIDDEN.finditer(text, first.start()):
        offset = match.start()
        while line + 1 < len(line_starts) and line_starts[line + 1] <= offset:
            line += 1
        yield line + 1, offset - line_starts[line] + 1, match.group()


def line_starts(text: str) -> list[int]:
    """The offset where each line of text starts, lines broken as YAML breaks them (but NEL, LS, PS)."""
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


def first_forbidden(value: str) -> str | None:
    """The first forbidden character of a decoded scalar (escapes can produce them)."""
    match = _FORBIDDEN.search(value)
    return match.group() if match else None


def misplaced_tabs(text: str, scalars: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Yield (line, column), 1-based, of each tab outside the scalars' spans and outside comments.

    YAML allows a tab as separating space, and libyaml reads it so; PyYAML's own scanner and
    others refuse it there. scalars are the (start, end) offsets of every scalar in text: a tab
    inside one is the scalar's own business (quoted and block scalars may hold tabs).
    """
    starts = line_starts(text)
    spans = sorted(scalars)
    line = 0
    for match in re.finditer("\t", text):
        offset = match.start()
        while line + 1 < len(starts) and starts[line + 1] <= offset:
            line += 1
        if any(start <= offset < end for start, end in spans):
            continue
        if _in_comment(text, starts[line], offset, spans):
            continue
        yield line + 1, offset - starts[line] + 1


def _in_comment(text: str, line_start: int, offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a `#` that starts a comment (after a space, a tab or nothing) stands before offset on its line."""
    for position in range(line_start, offset):
        if text[position] == "#" and (position == line_start or text[position - 1] in " \t"):
            if not any(start <= position < end for start, end in spans):
                return True
    return False
