"""The reports of `catalogue compare`: text, json and Markdown (for an issue comment), from one dict."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from llm_class_catalogue.peers.codes import CODES
from llm_class_catalogue.peers.findings import Finding


@dataclass(frozen=True)
class PeerRun:
    """What one peer file gave: its entries, how many matched by recorded peer id and by name, and what
    its reader skipped."""

    peer: str
    label: str
    entries: int
    by_peer_id: int
    by_name: int
    skipped: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    findings: tuple[Finding, ...]
    runs: tuple[PeerRun, ...]
    allowed: int


def summary(comparison: Comparison) -> str:
    """One line per peer, and the totals."""
    lines = [
        f"{run.peer} ({run.label}): {run.entries} entries, {run.by_peer_id} matched by recorded peer id, "
        f"{run.by_name} by name only" + (f", {len(run.skipped)} skipped" if run.skipped else "")
        for run in comparison.runs
    ]
    counts = {code.code: 0 for code in CODES}
    for finding in comparison.findings:
        counts[finding.code] += 1
    shown = ", ".join(f"{n} {code}" for code, n in counts.items() if n)
    allowed = f"; {comparison.allowed} allowed by the allow-list" if comparison.allowed else ""
    lines.append(f"{len(comparison.findings)} findings{' (' + shown + ')' if shown else ''}{allowed}")
    return "\n".join(lines) + "\n"


def _ours(finding: Finding) -> str:
    if finding.ours_place is None:
        return "-"
    details = ", ".join(
        part
        for part in (
            f"{finding.ours_confidence} confidence" if finding.ours_confidence else None,
            f"reviewed {finding.ours_reviewed}" if finding.ours_reviewed else None,
            f"source {finding.ours_source}" if finding.ours_source else "no source names this fact",
        )
        if part
    )
    return f"{finding.ours_place} ({details})"


def text(comparison: Comparison) -> str:
    out = []
    for finding in comparison.findings:
        out.append(f"{finding.code} {finding.name} [{finding.peer_name}] {finding.model}: {finding.message}")
        if finding.ours_place:
            out.append(f"    ours: {_ours(finding)}")
        if finding.peer_place:
            out.append(f"    peer: {finding.peer_place}")
    return "\n".join(out) + ("\n" if out else "")


def as_json(comparison: Comparison) -> str:
    document = {
        "findings": [finding.record() for finding in comparison.findings],
        "peers": [
            {
                "peer": run.peer,
                "file": run.label,
                "entries": run.entries,
                "matched_by_peer_id": run.by_peer_id,
                "matched_by_name": run.by_name,
                "skipped": list(run.skipped),
            }
            for run in comparison.runs
        ],
        "allowed": comparison.allowed,
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown(comparison: Comparison) -> str:
    out = ["## Catalogue against its peers", ""]
    out += [f"- {line}" for line in summary(comparison).splitlines()]
    out += [
        "",
        "Each finding is settled by a human against a primary source: fix the entry (with the source, and a "
        "note saying what the peer states), or add it to `compare-allowlist.yaml` with the reason. See "
        'README, "Comparing with peers".',
    ]
    for code in CODES:
        group = [f for f in comparison.findings if f.code == code.code]
        if not group:
            continue
        out += ["", f"### {code.code} {code.name}: {code.classification} ({len(group)})", "", code.description, ""]
        long = len(group) > 20
        if long:
            out += ["<details><summary>Show them</summary>", ""]
        out += [
            "| peer | model | offering | fact | ours | peer's | our place | peer's place |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for f in group:
            cells = (f.peer_name, f.model, f.offering, f.fact, f.ours, f.peer, _ours(f), f.peer_place)
            out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        if long:
            out += ["", "</details>"]
    return "\n".join(out) + "\n"


REPORTERS: dict[str, Callable[[Comparison], str]] = {"text": text, "json": as_json, "markdown": markdown}
