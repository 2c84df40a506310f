"""Output formats, one function each, chosen by name from REPORTERS."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence

from llm_class_catalogue import __version__
from llm_class_catalogue.model.diagnostics import Diagnostic, Severity
from llm_class_catalogue.model.ruletable import RULES, RULES_BY_CODE, Rule, Where

_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(value: str, keep: str = "") -> str:
    """`value` with every control, format or separator character but those in `keep` written as an
    escape (`\\x1b`, `\\n`, `\\u202e`): a file name cannot move the cursor, colour a terminal, start a
    new line or reorder the text it stands in."""
    if value.isprintable():
        return value
    return "".join(char if char.isprintable() or char in keep else _escape(char) for char in value)


def _escape(char: str) -> str:
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def text(diagnostics: Sequence[Diagnostic]) -> str:
    """`path:line:col: CODE severity message`, then the hint indented; control characters escaped."""
    lines = []
    for d in diagnostics:
        lines.append(f"{printable(d.path)}:{d.line}:{d.column}: {d.code} {d.severity.value} {printable(d.message)}")
        if d.hint:
            lines.append(f"    hint: {printable(d.hint)}")
    return "\n".join(lines) + ("\n" if lines else "")


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    counts = Counter(d.severity for d in diagnostics)
    parts = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity if counts[s]]
    found = ", ".join(parts) if parts else "no problems"
    return f"{found} in {files} file{'s' if files != 1 else ''} checked"


# Characters JSON allows raw that a terminal may still act on (DEL and the C1 controls, CSI among them);
# json.dumps escapes the C0 controls itself.
_JSON_CONTROLS = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0))}


def _json(document: object) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False).translate(_JSON_CONTROLS) + "\n"


def as_json(diagnostics: Sequence[Diagnostic]) -> str:
    rows = [
        {
            "path": d.path,
            "line": d.line,
            "column": d.column,
            "code": d.code,
            "severity": d.severity.value,
            "message": d.message,
            "hint": d.hint,
        }
        for d in diagnostics
    ]
    return _json(rows)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands, escaped as the runner expects, control characters first."""
    lines = []
    for d in diagnostics:
        message = printable(d.message + (f" (hint: {d.hint})" if d.hint else ""), keep="\r\n")  # escaped below
        properties = (
            f"file={_escape_property(printable(d.path))},line={d.line},col={d.column},"
            f"title={_escape_property(d.code + ' ' + RULES_BY_CODE[d.code].name)}"
        )
        lines.append(f"::{_GITHUB_COMMAND[d.severity]} {properties}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

# The key of the results' own fingerprint; the version changes if what it hashes ever changes.
FINGERPRINT_KEY = "catalogueFingerprint/v1"
# A message may name another line ("first at line 3"); that moves with the file, so it is left out.
_LINE_REFERENCE = re.compile(r"\bline \d+")


def _fingerprints(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """Per diagnostic, a hash of its rule, file and message (never its line or column), so that code
    scanning keeps an alert open, not closed and new, when lines are added above it. The same
    problem twice in one file is told apart by its order: `hash:1`, `hash:2`."""
    seen: Counter[str] = Counter()
    prints = []
    for d in diagnostics:
        what = "\0".join((d.code, d.path, _LINE_REFERENCE.sub("line", d.message)))
        digest = hashlib.sha256(what.encode("utf-8")).hexdigest()[:32]
        seen[digest] += 1
        prints.append(f"{digest}:{seen[digest]}")
    return prints


def _help(rule: Rule) -> dict[str, str]:
    """A rule's help for code scanning: its description from the rule table, then how to fix it."""
    fix = "Fix it at the reported place: the message, and its hint when it has one, say what to change."
    check = f"catalogue lint {'--online ' if rule.where is Where.ONLINE else ''}--select {rule.code}"
    if rule.where is Where.CONFIG:
        how = f"{fix} The finding is in the router's configuration: change the id or the limit there."
        return {
            "text": f"{rule.description}\n\n{how} Check again with `catalogue check-config CONFIG`.",
            "markdown": f"**{rule.code} {rule.name}**: {rule.description}\n\n{how} "
            "Check again with `catalogue check-config CONFIG`.",
        }
    if rule.code.startswith("S"):
        # The schema accepts no S code in `suppress`: schema and syntax problems are always fixed.
        how = f"{fix} Schema and syntax rules cannot be suppressed."
    else:
        exempt = f"`suppress: [{{rule: {rule.code}, reason: ...}}]`"
        how = f"{fix} If the entry is right as it is, exempt it with a reason: {exempt}."
    how += f" Check again with `{check}`."
    return {
        "text": f"{rule.description}\n\n{how}",
        "markdown": f"**{rule.code} {rule.name}**: {rule.description}\n\n{how}",
    }


def sarif(diagnostics: Sequence[Diagnostic]) -> str:
    """SARIF 2.1.0, with every rule's metadata and help and a line-independent fingerprint per result,
    for code scanning."""
    index = {rule.code: position for position, rule in enumerate(RULES)}
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.description},
            "help": _help(rule),
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        }
        for rule in RULES
    ]
    results = []
    for d, fingerprint in zip(diagnostics, _fingerprints(diagnostics), strict=True):
        text_ = d.message + (f" (hint: {d.hint})" if d.hint else "")
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": _SARIF_LEVEL[d.severity],
                "message": {"text": text_},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": d.path, "uriBaseId": "SRCROOT"},
                            "region": {"startLine": d.line, "startColumn": d.column},
                        }
                    }
                ],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            }
        )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "catalogue", "version": __version__, "rules": rules}},
                "originalUriBaseIds": {"SRCROOT": {"description": {"text": "The folder that holds catalogue/."}}},
                "results": results,
            }
        ],
    }
    return _json(log)


REPORTERS: dict[str, Callable[[Sequence[Diagnostic]], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
    "sarif": sarif,
}
