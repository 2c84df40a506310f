"""`catalogue compare`: the catalogue, as export 2, against peers' published files. Never edits an entry."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llm_class_catalogue.commands.publish import Outcome, linted
from llm_class_catalogue.loading.workspace import find_workspace
from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.outputs import export_v2
from llm_class_catalogue.peers import allowlist, compare
from llm_class_catalogue.peers.readers import PEERS
from llm_class_catalogue.peers.report import REPORTERS, Comparison, PeerRun, summary


@dataclass(frozen=True)
class CompareRequest:
    files: dict[str, str]  # peer name -> path of its file, for the peers asked for
    root: str | None
    output_format: str
    allowlist: str | None  # None: compare-allowlist.yaml beside catalogue/, if there is one
    today: Any


def run(
    document: dict[str, Any], files: dict[str, str], allowed: tuple[allowlist.Allowed, ...], label: str
) -> Comparison:
    """Every finding against every peer given, settled by the allow-list (PeerFileError for a bad file)."""
    found, runs = [], []
    for name, path in files.items():
        peer = PEERS[name].read(path, os.path.basename(os.path.normpath(path)))
        peer_findings, by_id, by_name = compare.findings(document, peer)
        found.extend(peer_findings)
        runs.append(PeerRun(name, peer.label, len(peer.entries), by_id, by_name, peer.skipped))
    kept, settled = allowlist.settle(found, allowed, tuple(files), label)
    return Comparison(tuple(sorted(kept, key=lambda f: f.sort_key())), tuple(runs), settled)


def run_compare(request: CompareRequest) -> Outcome:
    """Exit 0 with no findings, 1 with findings; a peer file that cannot be read raises (exit 2)."""
    if not request.files:
        raise ToolError("compare needs at least one peer file: --litellm, --models-dev or --openrouter")
    workspace = find_workspace(request.root)
    path = Path(request.allowlist) if request.allowlist else workspace.base / allowlist.ALLOWLIST
    allowed = allowlist.load(path, required=request.allowlist is not None)
    catalogue, errors = linted(workspace, request.today, versions=("2",))
    if catalogue is None:
        raise ToolError("the catalogue has lint errors; run `catalogue lint` and fix them before comparing")
    comparison = run(export_v2.build(catalogue).document, request.files, allowed, os.path.relpath(path))
    notes = "".join(f"{run.peer}: skipped {item}\n" for run in comparison.runs for item in run.skipped[:20])
    report = REPORTERS[request.output_format](comparison)
    if request.output_format == "text":
        return Outcome(report + summary(comparison), notes, 1 if comparison.findings else 0)
    return Outcome(report, notes + summary(comparison), 1 if comparison.findings else 0)
