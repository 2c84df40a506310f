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


def text(diagnostics: Sequence[Diagnostic]) -> str:
    """`path:line:col: CODE severity message`, then the hint indented."""
    lines = []
    for d in diagnostics:
        lines.append(f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity.value} {d.message}")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    return "\n".join(lines) + ("\n" if lines else "")


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    counts = Counter(d.severity for d in diagnostics)
    parts = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity if counts[s]]
    found = ", ".join(parts) if parts else "no problems"
    return f"{found} in {files} file{'s' if files != 1 else ''} checked"


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
    return json.dumps(rows, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands, escaped as the runner expects."""
    lines = []
    for d in diagnostics:
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        properties = (
            f"file={_escape_property(d.path)},line={d.line},col={d.column},"
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
    return json.dumps(log, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


REPORTERS: dict[str, Callable[[Sequence[Diagnostic]], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
    "sarif": sarif,
}
