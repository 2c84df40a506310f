"""compare-allowlist.yaml: findings a human has settled, each with its reason, quiet until a side changes.

An item names a finding by code, peer, model, offering, fact and both values. When our entry or the
peer's file changes either value, the item no longer matches: the finding comes back, and the item is
reported as stale (P007) so that it is looked at again rather than left to rot.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.peers.codes import STALE_ALLOW
from llm_class_catalogue.peers.findings import Finding, hashable
from llm_class_catalogue.validation.schemas import ecma_validator_class, load_schema
from llm_class_catalogue.validation.yaml_loader import parse_yaml

ALLOWLIST = "compare-allowlist.yaml"
SCHEMA = "compare-allowlist"


@dataclass(frozen=True)
class Allowed:
    code: str
    peer_name: str
    model: str
    offering: str | None
    fact: str
    ours: Any
    peer: Any
    reason: str
    line: int

    def key(self) -> tuple[Any, ...]:
        return (self.code, self.peer_name, self.model, self.offering, self.fact, self.ours, self.peer)


def key_of(finding: Finding) -> tuple[Any, ...]:
    return (finding.code, finding.peer_name, finding.model, finding.offering, finding.fact, finding.ours, finding.peer)


def load(path: Path, required: bool = False) -> tuple[Allowed, ...]:
    """The items of the allow-list at path (none when it does not exist and is not required); ToolError,
    with the line, when it is not valid YAML or not valid against schema/compare-allowlist.schema.json."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if required:
            raise ToolError(f"{path}: no such allow-list") from None
        return ()
    except (OSError, UnicodeDecodeError) as error:
        raise ToolError(f"{path}: cannot read it: {error}") from None
    parsed = parse_yaml(text, str(path))
    if parsed.diagnostics or parsed.data is None:
        first = parsed.diagnostics[0] if parsed.diagnostics else None
        where = f":{first.line}" if first else ""
        raise ToolError(f"{path}{where}: {first.message if first else 'not a YAML mapping'}")
    errors = sorted(ecma_validator_class()(load_schema(SCHEMA)).iter_errors(parsed.data), key=lambda e: e.path)
    if errors:
        first_error = errors[0]
        line = parsed.locate(tuple(first_error.absolute_path)).line
        where = ".".join(str(part) for part in first_error.absolute_path) or "the file"
        raise ToolError(f"{path}:{line}: {where}: {first_error.message}")
    return tuple(
        Allowed(
            item["code"],
            item["peer_name"],
            item["model"],
            item.get("offering"),
            item["fact"],
            hashable(item["ours"]),
            hashable(item["peer"]),
            item["reason"],
            parsed.locate(("allow", index)).line,
        )  # fmt: skip
        for index, item in enumerate(parsed.data["allow"])
    )


def settle(
    findings: list[Finding], allowed: tuple[Allowed, ...], peers: tuple[str, ...], label: str
) -> tuple[list[Finding], int]:
    """The findings no item allows, with a P007 for each item of a peer in this run that allowed none;
    and how many findings were allowed."""
    by_key = {item.key(): item for item in allowed}
    used: set[tuple[Any, ...]] = set()
    kept = []
    for finding in findings:
        key = key_of(finding)
        if key in by_key:
            used.add(key)
        else:
            kept.append(finding)
    for item in allowed:
        if item.peer_name in peers and item.key() not in used:
            kept.append(
                Finding(
                    STALE_ALLOW.code,
                    item.peer_name,
                    item.model,
                    item.offering,
                    item.fact,
                    item.ours,
                    item.peer,
                    None,
                    None,
                    None,
                    f"{label}:{item.line}",
                    None,
                    None,
                    None,
                    f"allow-list item at line {item.line} ({item.code} {item.fact}: ours {item.ours}, "
                    f"{item.peer_name} {item.peer}) matches no finding: either side changed; look again",
                )  # fmt: skip
            )
    return kept, len(used)
