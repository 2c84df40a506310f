"""C010 and C011: which facts a source's `supports` names, against the facts the entry states."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache
from typing import Any

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Entry
from llm_class_catalogue.model.facts import FACTS, UNKNOWN, fact, fact_path, unwrap
from llm_class_catalogue.validation.schemas import load_schema

KINDS = {"model": "a model", "offering": "an offering"}  # the kinds whose sources cite facts
# Fields of a model that are not facts but that a source may still be cited for.
MODEL_FIELDS = ("status", "deprecation", "successor", "aliases", "name", "family", "classes")
OFFERING_FIELDS = ("api_id", "peer_ids", "status", "deprecation", "limits", "modalities", "pricing", "price_history")
OFFERING_GROUPS = ("limits", "pricing")  # fields whose members a source may be cited for one by one
NOT_FACTS = {"pricing.note"}  # a member that is a remark, not something a source states
NOT_DISCLOSED = "unknown"  # the architecture enum's word for a fact the maker keeps to itself
# What to suggest when no known name is close to the one given.
EXAMPLES = {
    "model": "a fact such as context_window, a group such as capabilities, or a field such as status",
    "offering": "a field such as api_id, limits or pricing, or a member such as pricing.input",
}


@cache
def _offering_members() -> tuple[str, ...]:
    """limits.context_window, pricing.input, ...: the members of the offering groups, from its schema."""
    properties = load_schema("offering")["properties"]
    return tuple(f"{group}.{member}" for group in OFFERING_GROUPS for member in properties[group]["properties"])


@cache
def known_names(kind: str) -> frozenset[str]:
    """What a source's `supports` may name in an entry of this kind."""
    if kind == "model":
        return frozenset({f.path for f in FACTS} | {f.field for f in FACTS} | set(MODEL_FIELDS))
    return frozenset(OFFERING_FIELDS + _offering_members())


def _sources(entry: Entry) -> list[dict[str, Any]]:
    sources = entry.data.get("sources", [])
    return [source for source in sources if isinstance(source, dict)] if isinstance(sources, list) else []


def check_unknown_supported(entry: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """A source's `supports` names no fact, fact group or field of its model or offering."""
    if entry.kind not in KINDS or not entry.valid:
        return
    known = known_names(entry.kind)
    for index, source in enumerate(_sources(entry)):
        for position, name in enumerate(source.get("supports", [])):
            if name in known:
                continue
            close = difflib.get_close_matches(name, sorted(known), n=1)
            yield entry.diagnostic(
                R.UNKNOWN_SUPPORTED_FACT,
                f"sources[{index}].supports: {name!r} is not a fact or field of {KINDS[entry.kind]}",
                "sources",
                index,
                "supports",
                position,
                hint=f"did you mean {close[0]!r}?" if close else f"name {EXAMPLES[entry.kind]}",
            )


def _stated(entry: Entry) -> Iterator[tuple[str, str, tuple[Any, ...]]]:
    """Each fact the entry states (known, not null): its name, its group and where it stands."""
    data = entry.data
    if entry.kind == "model":
        for f in FACTS:
            # `architecture: unknown` records that the maker has not disclosed it: nothing to cite.
            if (value := fact(data, f.path)) is not UNKNOWN and value != NOT_DISCLOSED:
                yield f.path, f.field, fact_path(data, f.path)
        return
    if "api_id" in data:
        yield "api_id", "api_id", ("api_id",)
    for name in _offering_members():
        group, member = name.split(".", 1)
        block = data.get(group)
        if name not in NOT_FACTS and isinstance(block, dict) and unwrap(block.get(member)) is not UNKNOWN:
            yield name, group, fact_path(data, name)


def check_unsourced(entry: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """A stated fact that no source's `supports` names, in an entry that has begun listing provenance."""
    if entry.kind not in KINDS or not entry.valid:
        return
    cited = [source["supports"] for source in _sources(entry) if "supports" in source]
    if not cited:  # provenance not begun: a source without `supports` backs nothing in particular
        return
    supported = {name for names in cited for name in names}
    for name, group, where in _stated(entry):
        if name not in supported and group not in supported:
            cite = name if name == group else f"{name} (or {group})"
            yield entry.diagnostic(
                R.UNSOURCED_FACT,
                f"{name} is stated but no source's supports names it",
                *where,
                hint=f"add {cite} to the supports of the source that states it",
            )
