"""The one strict YAML loader: builds plain data from the event stream, with positions.

Nothing else in the project imports yaml. The tree is built here from parser events,
never by PyYAML's composer or constructor: libyaml's composer recurses (a deep file kills
the interpreter), aliases expand into bombs, duplicate keys silently keep the last value,
and the constructor raises plain Python exceptions on dates and long integers.

The builder descends one Python call per level of nesting, which MAX_DEPTH keeps far from
the recursion limit. Its common case (an untagged, unanchored scalar) is kept inline.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple, NoReturn

import yaml

from llm_class_catalogue.model.diagnostics import Diagnostic, Severity
from llm_class_catalogue.validation.textscan import describe, first_forbidden

try:
    from yaml._yaml import CParser as _EventSource  # libyaml's parser alone: no constructor, no resolver
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventSource

MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_INT_DIGITS = 4000

Path = tuple[Any, ...]


class Mark(NamedTuple):
    line: int
    column: int


@dataclass(frozen=True)
class ParsedYaml:
    """Plain data (None when the file is unusable), where each part stands, and problems."""

    data: dict[str, Any] | None
    value_marks: dict[Path, Mark]
    key_marks: dict[Path, Mark]
    diagnostics: tuple[Diagnostic, ...]

    def locate(self, path: Path, *, key: bool = False) -> Mark:
        """The mark of path's key (or value), else of its closest existing ancestor."""
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path:
            if path in self.value_marks:
                return self.value_marks[path]
            path = path[:-1]
        return self.value_marks.get((), Mark(1, 1))


# YAML 1.2 core schema resolution of plain scalars, plus what YAML 1.1 reads otherwise.
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_FLOAT_11 = re.compile(r"[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?")
_OTHER_11 = {
    "an octal or hexadecimal number": re.compile(r"[-+]?0[0-7_]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+"),
    "a number with digit separators": re.compile(r"[-+]?[0-9][0-9_]*_[0-9_]*(\.[0-9_]*)?"),
    "a base-60 number": re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?"),
    "a non-finite number, which JSON cannot hold": re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"),
}


_NULL_WORDS = ("~", "null", "Null", "NULL", "")
_BOOL_11_WORDS = ("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF")
# Every plain scalar that is a fixed word, with how it resolves: one lookup instead of three patterns.
_WORDS: dict[str, tuple[Any, str | None]] = {
    **{word: (None, None) for word in _NULL_WORDS},
    **{word: (value, None) for word, value in _BOOL.items()},
    **{word: (word, "a boolean in YAML 1.1 and a string in YAML 1.2") for word in _BOOL_11_WORDS},
}
# The only plain scalars that start with a letter and are not plain strings: the builder's
# inline path takes any other letter-initial scalar as it is.
_SPECIAL_WORDS = frozenset(word for word in _WORDS if word[:1].isalpha())
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def resolve_plain(text: str) -> tuple[Any, str | None]:
    """The YAML 1.2 value of a plain scalar, and why YAML 1.1 would read it otherwise."""
    known = _WORDS.get(text)
    if known is not None:
        return known
    if text[:1].isalpha():
        return text, None  # the common case: a word, sentence or URL, a string in every YAML version
    if text.isascii() and text.isdigit() and text[0] != "0":
        return _integer(text)  # a decimal integer, which no YAML 1.1 pattern matches
    if _DATE.fullmatch(text):
        return text, None  # a date, which no number pattern matches: a string in YAML 1.2
    for what, pattern in _OTHER_11.items():
        if pattern.fullmatch(text):
            return text, f"{what}, read differently by YAML 1.1 and 1.2"
    if _INT.fullmatch(text):
        return _integer(text)
    if _FLOAT.fullmatch(text):
        number = float(text)
        if not math.isfinite(number):
            return text, None  # kept as text; the schema reports it where a number belongs
        ambiguity = None if _FLOAT_11.fullmatch(text) else "a number in YAML 1.2 and a string in YAML 1.1"
        return number, ambiguity
    return text, None


def _integer(text: str) -> tuple[int | str, None]:
    if len(text.lstrip("+-")) > MAX_INT_DIGITS:
        return text, None  # kept as text; the schema reports it where a number belongs
    return int(text), None


_SKIPPED = object()  # a key whose value is dropped, or the root of a file without a document
_KIND_OF_KEY = {type(None): "null", bool: "boolean", int: "number", float: "number"}

_SCALAR = yaml.ScalarEvent
_ALIAS = yaml.AliasEvent
_MAPPING_START = yaml.MappingStartEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_MAPPING_END = yaml.MappingEndEvent
_SEQUENCE_END = yaml.SequenceEndEvent
_NODE_EVENTS = frozenset({_SCALAR, _ALIAS, _MAPPING_START, _SEQUENCE_START})

# Marks are interned by libyaml's 0-based (line, column): a file has tens of them, and the
# same positions recur in every file. The hot paths inline `_mark_of`.
_MARKS: dict[tuple[int, int], Mark] = {}
_MAX_INTERNED_MARKS = 1 << 16


def _mark_of(event: Any) -> Mark:
    """The 1-based Mark where event starts."""
    mark = event.start_mark
    position = (mark.line, mark.column)
    return _MARKS.get(position) or _mark(position)


def _mark(position: tuple[int, int]) -> Mark:
    """The 1-based Mark of libyaml's 0-based (line, column), interned while there is room."""
    line, column = position
    mark = Mark(line + 1, column + 1)
    if len(_MARKS) < _MAX_INTERNED_MARKS:
        _MARKS[position] = mark
    return mark


class _Stop(Exception):
    """A fatal problem was reported: the rest of the stream is not read."""


class _Builder:
    """Builds plain data by recursive descent over the events, reporting each problem once.

    A node whose value is dropped (under a duplicate or non-string key, or used as a key) is
    still walked, for the anchors, tags, aliases and odd scalars inside it.
    """

    def __init__(self, path: str, events: Iterator[Any]) -> None:
        self.path = path
        self.events = events
        self.diagnostics: list[Diagnostic] = []
        self.value_marks: dict[Path, Mark] = {}
        self.key_marks: dict[Path, Mark] = {}
        self.nodes = 0

    def report(self, code: str, mark: Any, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(self.path, mark.line + 1, mark.column + 1, code, Severity.ERROR, message, hint)
        )

    def fail(self, code: str, mark: Any, message: str, hint: str | None = None) -> NoReturn:
        self.report(code, mark, message, hint)
        raise _Stop

    # -- the stream and its one document ----------------------------------------------
    def stream(self) -> Any:
        """The root value of the file's document (_SKIPPED when there is none)."""
        root: Any = _SKIPPED
        documents = 0
        for event in self.events:
            if type(event) in _NODE_EVENTS:
                root = self.value(event, (), 0)
            elif type(event) is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.fail(
                        "S006",
                        event.start_mark,
                        "more than one YAML document in the file",
                        "an entry is one document: remove the second `---` and what follows",
                    )
                if event.version or event.tags:
                    self.report("S004", event.start_mark, "`%` directive", "remove the %YAML or %TAG line")
        return root

    # -- nodes whose value is kept ------------------------------------------------------
    def value(self, event: Any, path: Path, depth: int) -> Any:
        """A kept node's value (None for an alias), its mark recorded under path."""
        self.announce(event)
        kind = type(event)
        if kind is _MAPPING_START or kind is _SEQUENCE_START:
            self.check_depth(event, depth)
        self.value_marks[path] = _mark_of(event)
        if kind is _MAPPING_START:
            return self.mapping(path, depth + 1)
        if kind is _SEQUENCE_START:
            return self.sequence(path, depth + 1)
        return None if kind is _ALIAS else self.scalar(event)

    def mapping(self, path: Path, depth: int) -> dict[str, Any]:
        """The rest of a mapping: its string keys and their values."""
        result: dict[str, Any] = {}
        lines: dict[str, int] = {}  # the first line of each key, by its text
        numbers: dict[Any, int] = {}  # the first line of each boolean or integer key
        events = self.events
        for event in events:
            if type(event) is _MAPPING_END:
                break
            key = event.value if type(event) is _SCALAR else None
            if (
                key is not None
                and event.anchor is None
                and event.tag is None
                and not event.style
                and key[:1].isalpha()
                and key not in _SPECIAL_WORDS
                and key not in lines
            ):
                self.nodes += 1  # the common case inline: a new key that is a plain word
                if self.nodes > MAX_NODES:
                    self.too_many(event)
                mark = event.start_mark
                position = (mark.line, mark.column)
                lines[key] = mark.line + 1
                child = path + (key,)
                self.key_marks[child] = _MARKS.get(position) or _mark(position)
            else:
                key = self.key(event, path, lines, numbers, depth)
                child = path + (key,)
            event = next(events)
            if key is _SKIPPED or type(event) is _ALIAS:
                self.skip(event, depth)
            elif type(event) is _SCALAR and event.anchor is None and event.tag is None:
                result[key] = self.plain_or_quoted(event, child)
            else:
                result[key] = self.value(event, child, depth)
        return result

    def sequence(self, path: Path, depth: int) -> list[Any]:
        """The rest of a sequence: its items."""
        items: list[Any] = []
        for event in self.events:
            if type(event) is _SEQUENCE_END:
                break
            if type(event) is _SCALAR and event.anchor is None and event.tag is None:
                items.append(self.plain_or_quoted(event, path + (len(items),)))
            else:
                items.append(self.value(event, path + (len(items),), depth))
        return items

    def plain_or_quoted(self, event: Any, path: Path) -> Any:
        """An untagged, unanchored scalar's value (the common case, kept short), its mark recorded."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.too_many(event)
        text = event.value
        if not event.style:
            if not text[:1].isalpha() or text in _SPECIAL_WORDS:
                text = self.plain(event)
        elif event.style == '"':
            self.check_escapes(event)
        mark = event.start_mark
        position = (mark.line, mark.column)
        self.value_marks[path] = _MARKS.get(position) or _mark(position)
        return text

    def key(self, event: Any, path: Path, lines: dict[str, int], numbers: dict[Any, int], depth: int) -> Any:
        """A mapping key: the string its value is kept under, or _SKIPPED to drop the value."""
        self.announce(event)
        kind = type(event)
        if kind is _ALIAS:
            return _SKIPPED
        if kind is not _SCALAR:
            self.check_depth(event, depth)
            self.report("S008", event.start_mark, "a mapping key that is a collection", "keys are plain words")
            self.skip_rest(depth + 1)
            return _SKIPPED
        key = self.scalar(event)
        text: str = event.value
        mark = event.start_mark
        if text == "<<" and not event.style:
            self.report("S004", mark, "merge key `<<`", "write the merged keys out in full")
            return _SKIPPED
        if not isinstance(key, str):
            kind_of_key = _KIND_OF_KEY.get(type(key), "value")
            self.report(
                "S008",
                mark,
                f"mapping key `{text}` is a {kind_of_key}, not a string",
                f'quote it ("{text}") if it is meant as a word',
            )
        first = lines.get(text) or (None if isinstance(key, str) else numbers.get(key))
        if first is not None:
            self.report(
                "S002",
                mark,
                f"duplicate key `{text}` (first at line {first})",
                "keep one of them: YAML would silently drop the first",
            )
            return _SKIPPED
        lines[text] = mark.line + 1
        if not isinstance(key, str):
            if key is not None and not isinstance(key, float):
                numbers[key] = mark.line + 1
            return _SKIPPED
        self.key_marks[path + (key,)] = _mark_of(event)
        return key

    # -- what every node goes through ---------------------------------------------------
    def too_many(self, event: Any) -> NoReturn:
        self.fail("S006", event.start_mark, f"more than {MAX_NODES} YAML nodes", "split or shorten the entry")

    def announce(self, event: Any) -> None:
        """Count the node and report its anchor, alias or tag."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.too_many(event)
        if type(event) is _ALIAS:
            self.report("S004", event.start_mark, f"alias `*{event.anchor}`", "write the value out in full")
            return
        if event.anchor is not None:
            self.report("S004", event.start_mark, f"anchor `&{event.anchor}`", "write the value out in full")
        if event.tag is not None:
            self.report(
                "S004", event.start_mark, f"explicit tag `{event.tag}`", "remove the tag; types come from the schema"
            )

    def check_depth(self, event: Any, depth: int) -> None:
        if depth >= MAX_DEPTH:
            self.fail(
                "S006",
                event.start_mark,
                f"nested more than {MAX_DEPTH} levels deep",
                "an entry needs only a few levels",
            )

    def scalar(self, event: Any) -> Any:
        if not event.style:
            return self.plain(event)
        if event.style == '"':
            self.check_escapes(event)
        return event.value

    def plain(self, event: Any) -> Any:
        """A plain scalar's YAML 1.2 value; what YAML 1.1 would read otherwise is reported."""
        text: str = event.value
        value, ambiguity = resolve_plain(text)
        if ambiguity is not None:
            shown = text if len(text) <= 40 else text[:37] + "..."
            self.report(
                "S007", event.start_mark, f"`{shown}` is {ambiguity}", f'quote it ("{shown}") or write it canonically'
            )
        return value

    def check_escapes(self, event: Any) -> None:
        """Escapes can make characters that the text scan never saw: report the first forbidden one."""
        forbidden = first_forbidden(event.value)
        if forbidden is not None:
            self.report(
                "S009",
                event.start_mark,
                f"forbidden character {describe(forbidden)} in a value",
                "remove it, or write the character it stands for",
            )

    # -- nodes whose value is dropped ---------------------------------------------------
    def skip(self, event: Any, depth: int) -> None:
        """A node whose value is dropped: only the problems inside it are reported."""
        self.announce(event)
        kind = type(event)
        if kind is _SCALAR:
            self.scalar(event)
        elif kind is not _ALIAS:
            self.check_depth(event, depth)
            self.skip_rest(depth + 1)

    def skip_rest(self, depth: int) -> None:
        """The rest of a dropped mapping or sequence (keys are not checked in one)."""
        for event in self.events:
            if type(event) is _MAPPING_END or type(event) is _SEQUENCE_END:
                return
            self.skip(event, depth)

    def entry(self, root: Any) -> dict[str, Any] | None:
        """The root if it is a mapping; otherwise None, with the reason reported."""
        if root is None or root is _SKIPPED:
            self.diagnostics.append(
                Diagnostic(
                    self.path,
                    1,
                    1,
                    "S006",
                    Severity.ERROR,
                    "the file holds no entry",
                    "start from `catalogue new`, or delete the file",
                )
            )
            return None
        if not isinstance(root, dict):
            mark = self.value_marks.get((), Mark(1, 1))
            kind = "list" if isinstance(root, list) else "single value"
            self.diagnostics.append(
                Diagnostic(
                    self.path,
                    mark.line,
                    mark.column,
                    "S006",
                    Severity.ERROR,
                    f"the top level is a {kind}, not a mapping of fields",
                )
            )
            return None
        return root


def _events(text: str) -> Iterator[Any]:
    """The parser's events, one at a time."""
    return iter(_EventSource(text).get_event, None)


def parse_yaml(text: str, path: str) -> ParsedYaml:
    """Parse one entry's text; problems come back as diagnostics, never as exceptions."""
    try:
        events = _events(text)
    except yaml.YAMLError as error:  # PyYAML's own reader checks the whole text up front
        return ParsedYaml(None, {}, {}, (_syntax_error(path, error),))
    builder = _Builder(path, events)
    data = None
    try:
        data = builder.entry(builder.stream())
    except _Stop:
        pass
    except yaml.YAMLError as error:
        builder.diagnostics.append(_syntax_error(path, error))
    return ParsedYaml(data, builder.value_marks, builder.key_marks, tuple(builder.diagnostics))


def _syntax_error(path: str, error: yaml.YAMLError) -> Diagnostic:
    """The diagnostic for a parser error: a bad escape, libyaml's depth guard, or plain syntax."""
    if not isinstance(error, yaml.MarkedYAMLError):
        return Diagnostic(path, 1, 1, "S001", Severity.ERROR, f"YAML syntax error: {error}")
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "invalid YAML"
    if error.context:
        problem = f"{problem} ({error.context})"
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if "escape" in problem and "Unicode" in problem:  # a surrogate or out-of-range \u escape
        return Diagnostic(
            path,
            line,
            column,
            "S009",
            Severity.ERROR,
            "an escape that is not a Unicode character (a lone surrogate?)",
            "write the character itself, or remove the escape",
        )
    if "nesting depth" in problem:  # libyaml's own guard, in newer releases
        return Diagnostic(
            path,
            line,
            column,
            "S006",
            Severity.ERROR,
            f"nested more than {MAX_DEPTH} levels deep",
            "an entry needs only a few levels",
        )
    return Diagnostic(path, line, column, "S001", Severity.ERROR, f"YAML syntax error: {problem}")
