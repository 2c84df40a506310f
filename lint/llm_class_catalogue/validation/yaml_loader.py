"""The one strict YAML loader: builds plain data from the event stream, with positions.

Nothing else in the project parses YAML (plain_scalars only borrows PyYAML's resolver table).
The tree is built here from parser events, never by PyYAML's composer or constructor:
libyaml's composer recurses (a deep file kills the interpreter), aliases expand into bombs,
duplicate keys silently keep the last value, and the constructor raises plain Python exceptions
on dates and long integers.

The builder descends one Python call per level of nesting, which MAX_DEPTH keeps far from
the recursion limit. Its common case (an untagged, unanchored scalar) is kept inline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple, NoReturn

import yaml

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.validation.plain_scalars import SPECIAL_WORDS, resolve_plain
from llm_class_catalogue.validation.textscan import describe, first_forbidden, line_starts, misplaced_tabs

try:
    from yaml._yaml import CParser as _EventSource  # libyaml's parser alone: no constructor, no resolver
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventSource

MAX_DEPTH = 64
# A block scalar's header as PyYAML's scanner takes it: libyaml also reads `|#` and a tab after `>`.
_BLOCK_HEADER = re.compile(r"[|>]([+-][1-9]?|[1-9][+-]?)?( +(#[^\r\n]*)?)?(\r|\n|$)")
MAX_NODES = 200_000

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

    def __init__(self, path: str, text: str, events: Iterator[Any]) -> None:
        self.path = path
        self.text = text
        self.events = events
        self.diagnostics: list[Diagnostic] = []
        self.value_marks: dict[Path, Mark] = {}
        self.key_marks: dict[Path, Mark] = {}
        self.nodes = 0
        self.flow = False  # inside a [...] or {...} collection, where PyYAML's scanner ends a plain scalar at `?`

    def report(self, rule: R.Rule, mark: Any, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(rule.at(self.path, mark.line + 1, mark.column + 1, message, hint))

    def fail(self, rule: R.Rule, mark: Any, message: str, hint: str | None = None) -> NoReturn:
        self.report(rule, mark, message, hint)
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
                        R.UNUSABLE_FILE,
                        event.start_mark,
                        "more than one YAML document in the file",
                        "an entry is one document: remove the second `---` and what follows",
                    )
                if event.version or event.tags:
                    self.report(R.YAML_FEATURE, event.start_mark, "`%` directive", "remove the %YAML or %TAG line")
        return root

    # -- nodes whose value is kept ------------------------------------------------------
    def value(self, event: Any, path: Path, depth: int) -> Any:
        """A kept node's value (None for an alias), its mark recorded under path."""
        self.announce(event)
        kind = type(event)
        if kind is _MAPPING_START or kind is _SEQUENCE_START:
            self.check_depth(event, depth)
        self.value_marks[path] = _mark_of(event)
        if kind is _MAPPING_START or kind is _SEQUENCE_START:
            outer = self.flow
            self.flow = outer or bool(event.flow_style)
            result = self.mapping(path, depth + 1) if kind is _MAPPING_START else self.sequence(path, depth + 1)
            self.flow = outer
            return result
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
                and key not in SPECIAL_WORDS
                and "\t" not in key
                and not ("?" in key and self.flow)
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
            if not text[:1].isalpha() or text in SPECIAL_WORDS or "\t" in text or "?" in text and self.flow:
                text = self.plain(event)
        elif event.style == '"':
            self.check_escapes(event)
        elif event.style == "|" or event.style == ">":
            self.check_block_header(event)
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
            self.report(
                R.NON_STRING_KEY, event.start_mark, "a mapping key that is a collection", "keys are plain words"
            )
            self.skip_rest(depth + 1)
            return _SKIPPED
        text: str = event.value
        mark = event.start_mark
        if text == "<<" and not event.style:  # before its value: a merge key is S004, not an odd scalar
            self.report(R.YAML_FEATURE, mark, "merge key `<<`", "write the merged keys out in full")
            return _SKIPPED
        key = self.scalar(event)
        if not isinstance(key, str):
            kind_of_key = _KIND_OF_KEY.get(type(key), "value")
            self.report(
                R.NON_STRING_KEY,
                mark,
                f"mapping key `{text}` is a {kind_of_key}, not a string",
                f'quote it ("{text}") if it is meant as a word',
            )
        first = lines.get(text) or (None if isinstance(key, str) else numbers.get(key))
        if first is not None:
            self.report(
                R.DUPLICATE_KEY,
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
        self.fail(R.UNUSABLE_FILE, event.start_mark, f"more than {MAX_NODES} YAML nodes", "split or shorten the entry")

    def announce(self, event: Any) -> None:
        """Count the node and report its anchor, alias or tag."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.too_many(event)
        if type(event) is _ALIAS:
            self.report(R.YAML_FEATURE, event.start_mark, f"alias `*{event.anchor}`", "write the value out in full")
            return
        if event.anchor is not None:
            self.report(R.YAML_FEATURE, event.start_mark, f"anchor `&{event.anchor}`", "write the value out in full")
        if event.tag is not None:
            self.report(
                R.YAML_FEATURE,
                event.start_mark,
                f"explicit tag `{event.tag}`",
                "remove the tag; types come from the schema",
            )

    def check_depth(self, event: Any, depth: int) -> None:
        if depth >= MAX_DEPTH:
            self.fail(
                R.UNUSABLE_FILE,
                event.start_mark,
                f"nested more than {MAX_DEPTH} levels deep",
                "an entry needs only a few levels",
            )

    def scalar(self, event: Any) -> Any:
        if not event.style:
            return self.plain(event)
        if event.style == '"':
            self.check_escapes(event)
        elif (event.style == "|" or event.style == ">") and event.tag is None and event.anchor is None:
            self.check_block_header(event)
        return event.value

    def check_block_header(self, event: Any) -> None:
        if not _BLOCK_HEADER.match(self.text, event.start_mark.index):
            self.report(
                R.YAML_SYNTAX,
                event.start_mark,
                "a block scalar header that PyYAML refuses as a syntax error",
                "put a space between `|` or `>` and a comment, and no tab",
            )

    def plain(self, event: Any) -> Any:
        """A plain scalar's YAML 1.2 value; what YAML 1.1 would read otherwise is reported."""
        text: str = event.value
        value, ambiguity = resolve_plain(text)
        if ambiguity is None and self.flow and "?" in text:
            ambiguity = "an unquoted value with a `?` inside [...] or {...}, where PyYAML ends the value at the `?`"
        if ambiguity is not None:
            shown = text.replace("\t", "\\t")
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            self.report(
                R.AMBIGUOUS_SCALAR,
                event.start_mark,
                f"`{shown}` is {ambiguity}",
                f'quote it ("{shown}") or write it canonically',
            )
        return value

    def check_escapes(self, event: Any) -> None:
        """Escapes can make characters that the text scan never saw: report the first forbidden one."""
        forbidden = first_forbidden(event.value)
        if forbidden is not None:
            self.report(
                R.FORBIDDEN_CHARACTER,
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
            outer = self.flow
            self.flow = outer or bool(event.flow_style)
            self.skip_rest(depth + 1)
            self.flow = outer

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
                R.UNUSABLE_FILE.at(
                    self.path,
                    1,
                    1,
                    "the file holds no entry",
                    "start from `catalogue new`, or delete the file",
                )
            )
            return None
        if not isinstance(root, dict):
            mark = self.value_marks.get((), Mark(1, 1))
            kind = "list" if isinstance(root, list) else "single value"
            self.diagnostics.append(
                R.UNUSABLE_FILE.at(
                    self.path,
                    mark.line,
                    mark.column,
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
    builder = _Builder(path, text, events)
    data = None
    try:
        data = builder.entry(builder.stream())
    except _Stop:
        pass
    except yaml.YAMLError as error:
        builder.diagnostics.append(_syntax_error(path, error))
    if "\t" in text:  # rare: a second pass over the events, for where the scalars stand
        syntax = {d.line for d in builder.diagnostics if d.code == R.YAML_SYNTAX.code}
        builder.diagnostics += [d for d in _tab_diagnostics(text, path) if d.line not in syntax]
    return ParsedYaml(data, builder.value_marks, builder.key_marks, tuple(builder.diagnostics))


def _tab_diagnostics(text: str, path: str) -> list[Diagnostic]:
    """S001 for each line with a tab where PyYAML's scanner refuses one (libyaml reads the file)."""
    starts = line_starts(text)
    scalars: list[tuple[int, int]] = []
    try:
        for event in _events(text):
            if type(event) is _SCALAR and "\t" not in event.value and not event.style:
                continue  # a plain scalar without a tab in its value: a tab in its span is between its words
            if type(event) is _SCALAR:
                start, end = event.start_mark, event.end_mark
                scalars.append((starts[start.line] + start.column, starts[end.line] + end.column))
    except yaml.YAMLError:
        pass  # reported already; the tabs before the error are still checked
    lines: dict[int, int] = {}
    for line, column in misplaced_tabs(text, scalars):
        lines.setdefault(line, column)
    return [
        R.YAML_SYNTAX.at(
            path,
            line,
            column,
            "a tab outside quotes, a block scalar or a comment, which PyYAML and other readers refuse",
            "use spaces",
        )
        for line, column in lines.items()
    ]


def _syntax_error(path: str, error: yaml.YAMLError) -> Diagnostic:
    """The diagnostic for a parser error: a bad escape, libyaml's depth guard, or plain syntax."""
    if not isinstance(error, yaml.MarkedYAMLError):
        return R.YAML_SYNTAX.at(path, 1, 1, f"YAML syntax error: {error}")
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "invalid YAML"
    if error.context:
        problem = f"{problem} ({error.context})"
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if "escape" in problem and "Unicode" in problem:  # a surrogate or out-of-range \u escape
        return R.FORBIDDEN_CHARACTER.at(
            path,
            line,
            column,
            "an escape that is not a Unicode character (a lone surrogate?)",
            "write the character itself, or remove the escape",
        )
    if "nesting depth" in problem:  # libyaml's own guard, in newer releases
        return R.UNUSABLE_FILE.at(
            path,
            line,
            column,
            f"nested more than {MAX_DEPTH} levels deep",
            "an entry needs only a few levels",
        )
    return R.YAML_SYNTAX.at(path, line, column, f"YAML syntax error: {problem}")
