"""The one strict YAML loader: builds plain data from the event stream, with positions.

Nothing else in the project imports yaml. The tree is built here from parser events,
never by PyYAML's composer or constructor: libyaml's composer recurses (a deep file kills
the interpreter), aliases expand into bombs, duplicate keys silently keep the last value,
and the constructor raises plain Python exceptions on dates and long integers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from lint.diagnostics import Diagnostic, Severity
from lint.textscan import describe, first_forbidden

try:
    from yaml import CSafeLoader as _EventSource
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


@dataclass
class _Frame:
    """A mapping or sequence being built; `skip` discards what lands in it."""

    container: dict[str, Any] | list[Any] | None
    path: Path
    pending_key: Any = None
    has_key: bool = False
    skip_value: bool = False
    seen_text: dict[str, int] = field(default_factory=dict)
    seen_typed: dict[Any, int] = field(default_factory=dict)


_SKIPPED = object()
_KIND_OF_KEY = {type(None): "null", bool: "boolean", int: "number", float: "number"}


class _Builder:
    """Consumes events, building data and reporting each problem once."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.value_marks: dict[Path, Mark] = {}
        self.key_marks: dict[Path, Mark] = {}
        self.stack: list[_Frame] = []
        self.root: Any = _SKIPPED
        self.documents = 0
        self.nodes = 0
        self.fatal = False

    def report(self, code: str, mark: Any, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(self.path, mark.line + 1, mark.column + 1, code, Severity.ERROR, message, hint)
        )

    def fail(self, code: str, mark: Any, message: str, hint: str | None = None) -> None:
        self.report(code, mark, message, hint)
        self.fatal = True

    # -- events ---------------------------------------------------------------------
    def feed(self, event: Any) -> None:
        if event.__class__ is yaml.ScalarEvent and event.anchor is None and event.tag is None:
            self.nodes += 1  # the common case first: an untagged, unanchored scalar
            if self.nodes > MAX_NODES:
                self.fail("S006", event.start_mark, f"more than {MAX_NODES} YAML nodes", "split or shorten the entry")
                return
            self.node(self.scalar(event), event.start_mark, plain_text=None if event.style else event.value)
            return
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.fail(
                    "S006",
                    event.start_mark,
                    "more than one YAML document in the file",
                    "an entry is one document: remove the second `---` and what follows",
                )
                return
            if event.version or event.tags:
                self.report("S004", event.start_mark, "`%` directive", "remove the %YAML or %TAG line")
            return
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            if frame.container is not None:
                self.attach(frame.container, event.start_mark, frame.path, finished=True)
            else:
                self.attach(_SKIPPED, event.start_mark, frame.path, finished=True)
            return
        if not isinstance(event, yaml.NodeEvent):
            return
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.fail("S006", event.start_mark, f"more than {MAX_NODES} YAML nodes", "split or shorten the entry")
            return
        if event.anchor is not None and not isinstance(event, yaml.AliasEvent):
            self.report("S004", event.start_mark, f"anchor `&{event.anchor}`", "write the value out in full")
        if isinstance(event, yaml.AliasEvent):
            self.report("S004", event.start_mark, f"alias `*{event.anchor}`", "write the value out in full")
            self.node(_SKIPPED, event.start_mark)
            return
        if event.tag is not None:
            self.report(
                "S004", event.start_mark, f"explicit tag `{event.tag}`", "remove the tag; types come from the schema"
            )
        if isinstance(event, yaml.ScalarEvent):
            self.node(self.scalar(event), event.start_mark, plain_text=event.value if not event.style else None)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.open(event)

    def scalar(self, event: Any) -> Any:
        text: str = event.value
        forbidden = (
            first_forbidden(text) if event.style == '"' else None
        )  # only escapes add characters past the text scan
        if forbidden is not None:
            self.report(
                "S009",
                event.start_mark,
                f"forbidden character {describe(forbidden)} in a value",
                "remove it, or write the character it stands for",
            )
        if event.style:
            return text
        value, ambiguity = resolve_plain(text)
        if ambiguity is not None:
            shown = text if len(text) <= 40 else text[:37] + "..."
            self.report(
                "S007", event.start_mark, f"`{shown}` is {ambiguity}", f'quote it ("{shown}") or write it canonically'
            )
        return value

    def open(self, event: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self.fail(
                "S006",
                event.start_mark,
                f"nested more than {MAX_DEPTH} levels deep",
                "an entry needs only a few levels",
            )
            return
        parent = self.stack[-1] if self.stack else None
        skip = False
        if parent is not None and (
            parent.container is None
            or (isinstance(parent.container, dict) and (not parent.has_key or parent.skip_value))
        ):
            skip = True
        if parent is not None and isinstance(parent.container, dict) and not parent.has_key:
            self.report("S008", event.start_mark, "a mapping key that is a collection", "keys are plain words")
        path = self.child_path(parent)
        if not skip:
            self.value_marks[path] = Mark(event.start_mark.line + 1, event.start_mark.column + 1)
        container: dict[str, Any] | list[Any] | None
        if skip:
            container = None
        elif isinstance(event, yaml.MappingStartEvent):
            container = {}
        else:
            container = []
        self.stack.append(_Frame(container, path))

    def child_path(self, parent: _Frame | None) -> Path:
        if parent is None:
            return ()
        if isinstance(parent.container, list):
            return parent.path + (len(parent.container),)
        if parent.has_key:
            return parent.path + (parent.pending_key,)
        return parent.path

    def node(self, value: Any, mark: Any, plain_text: str | None = None) -> None:
        """A complete scalar or alias: a key or a value, depending on where it lands."""
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and not parent.has_key:
            self.key(parent, value, mark, plain_text)
            return
        if parent is None:
            self.root = value
            self.value_marks[()] = Mark(mark.line + 1, mark.column + 1)
            return
        self.attach(value, mark, self.child_path(parent), finished=False)

    def key(self, frame: _Frame, key: Any, mark: Any, plain_text: str | None) -> None:
        frame.has_key = True
        frame.pending_key = key
        frame.skip_value = False
        if key is _SKIPPED:
            frame.skip_value = True
            return
        if plain_text == "<<":
            self.report("S004", mark, "merge key `<<`", "write the merged keys out in full")
            frame.skip_value = True
            return
        text = key if isinstance(key, str) else plain_text if plain_text is not None else str(key)
        if not isinstance(key, str):
            kind = _KIND_OF_KEY.get(type(key), "value")
            self.report(
                "S008",
                mark,
                f"mapping key `{text}` is a {kind}, not a string",
                f'quote it ("{text}") if it is meant as a word',
            )
        try:
            typed_clash = key in frame.seen_typed
        except TypeError:
            typed_clash = False
        if text in frame.seen_text or typed_clash:
            first = frame.seen_text.get(text) or frame.seen_typed.get(key)
            self.report(
                "S002",
                mark,
                f"duplicate key `{text}` (first at line {first})",
                "keep one of them: YAML would silently drop the first",
            )
            frame.skip_value = True
            return
        frame.seen_text[text] = mark.line + 1
        if key is not None and not isinstance(key, float):
            frame.seen_typed[key] = mark.line + 1
        if not isinstance(key, str):
            frame.skip_value = True
            return
        self.key_marks[frame.path + (key,)] = Mark(mark.line + 1, mark.column + 1)

    def attach(self, value: Any, mark: Any, path: Path, *, finished: bool) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            self.root = value
            if not finished:
                self.value_marks[()] = Mark(mark.line + 1, mark.column + 1)
            return
        if isinstance(parent.container, list):
            if not finished:
                self.value_marks[path] = Mark(mark.line + 1, mark.column + 1)
            parent.container.append(None if value is _SKIPPED else value)
            return
        if isinstance(parent.container, dict):
            if not parent.has_key:
                # A finished collection used as a key: already reported, its value is skipped.
                parent.has_key = True
                parent.skip_value = True
                return
            if not parent.skip_value and value is not _SKIPPED:
                if not finished:
                    self.value_marks[path] = Mark(mark.line + 1, mark.column + 1)
                parent.container[parent.pending_key] = value
            parent.has_key = False
            parent.skip_value = False


def _events(text: str) -> Iterator[Any]:
    source = _EventSource(text)
    try:
        while source.check_event():
            yield source.get_event()
    finally:
        source.dispose()


def parse_yaml(text: str, path: str) -> ParsedYaml:
    """Parse one entry's text; problems come back as diagnostics, never as exceptions."""
    builder = _Builder(path)
    try:
        for event in _events(text):
            builder.feed(event)
            if builder.fatal:
                break
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "invalid YAML"
        if error.context:
            problem = f"{problem} ({error.context})"
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if "escape" in problem and "Unicode" in problem:  # a surrogate or out-of-range \u escape
            builder.diagnostics.append(
                Diagnostic(
                    path,
                    line,
                    column,
                    "S009",
                    Severity.ERROR,
                    "an escape that is not a Unicode character (a lone surrogate?)",
                    "write the character itself, or remove the escape",
                )
            )
        elif "nesting depth" in problem:  # libyaml's own guard, in newer releases
            builder.diagnostics.append(
                Diagnostic(
                    path,
                    line,
                    column,
                    "S006",
                    Severity.ERROR,
                    f"nested more than {MAX_DEPTH} levels deep",
                    "an entry needs only a few levels",
                )
            )
        else:
            builder.diagnostics.append(
                Diagnostic(path, line, column, "S001", Severity.ERROR, f"YAML syntax error: {problem}")
            )
        builder.fatal = True
    except yaml.YAMLError as error:
        builder.diagnostics.append(Diagnostic(path, 1, 1, "S001", Severity.ERROR, f"YAML syntax error: {error}"))
        builder.fatal = True
    data = _usable_root(builder)
    return ParsedYaml(data, builder.value_marks, builder.key_marks, tuple(builder.diagnostics))


def _usable_root(builder: _Builder) -> dict[str, Any] | None:
    if builder.fatal:
        return None
    root = builder.root
    if builder.documents == 0 or root is None or root is _SKIPPED:
        builder.diagnostics.append(
            Diagnostic(
                builder.path,
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
        mark = builder.value_marks.get((), Mark(1, 1))
        kind = "list" if isinstance(root, list) else "single value"
        builder.diagnostics.append(
            Diagnostic(
                builder.path,
                mark.line,
                mark.column,
                "S006",
                Severity.ERROR,
                f"the top level is a {kind}, not a mapping of fields",
            )
        )
        return None
    return root
