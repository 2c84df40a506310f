"""Matching a peer's entries to the catalogue's offerings and models, and comparing every fact both state.

The catalogue is read as export 2 (the document outputs/export_v2.py builds): what consumers see is what
is compared. An offering is matched by the peer id it records (peer_ids), else by its API id; a model
with no matched offering by its id and aliases. Matches by name are weaker and say so in each finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from llm_class_catalogue.peers import hosts
from llm_class_catalogue.peers.classify import classify
from llm_class_catalogue.peers.codes import NOT_CATALOGUED, OTHER_SCOPE, PEER_ID_MISSING, Code
from llm_class_catalogue.peers.findings import Finding, Ours, hashable
from llm_class_catalogue.peers.records import PeerEntry, PeerFile

PEER_ID, NAME = "peer id", "name"
LIMITS = ("context_window", "max_input_tokens", "max_output_tokens")
PRICES = ("input", "output", "cache_read", "cache_write")
CAPABILITIES = ("tool_calling", "structured_output", "reasoning")
MODALITIES = ("image", "audio", "video", "pdf")


@dataclass(frozen=True)
class Match:
    model: dict[str, Any]
    offering: dict[str, Any] | None
    entry: PeerEntry
    how: str  # PEER_ID or NAME


def _source(sources: list[dict[str, Any]], names: tuple[str, ...]) -> str | None:
    """The first source that says it backs one of these facts."""
    return next((s["url"] for s in sources if any(n in s.get("supports", []) for n in names)), None)


def _model_fact(model: dict[str, Any], name: str, path: str, supports: tuple[str, ...]) -> Ours | None:
    fact = model["facts"].get(name) or {}
    if fact.get("value") is None:
        return None
    return Ours(
        fact["value"],
        fact.get("confidence"),
        model["review"]["last_reviewed"],
        _source(model["sources"], supports),
        f"catalogue/models/{model['id']}.yaml {path}",
    )


def _offering_value(offering: dict[str, Any], value: Any, path: str, supports: tuple[str, ...]) -> Ours | None:
    if value is None:
        return None
    review = offering["review"]
    return Ours(
        value,
        review["confidence"],
        review["checked"],
        _source(offering["sources"], supports),
        f"catalogue/offerings/{offering['id']}.yaml {path}",
    )


def _limit(match: Match, name: str) -> Ours | None:
    if match.offering is None:
        return _model_fact(match.model, name, name, (name,))
    limit = match.offering["limits"][name]
    if limit["from"] == "model":
        return _model_fact(match.model, name, name, (name,))
    ours = _offering_value(match.offering, limit["value"], f"limits.{name}", ("limits", f"limits.{name}"))
    return None if ours is None else Ours(ours.value, limit["confidence"], ours.reviewed, ours.source, ours.place)


def _price(match: Match, name: str) -> Ours | None:
    pricing = match.offering["pricing"] if match.offering else None
    if not pricing:
        return None
    return _offering_value(match.offering or {}, pricing.get(name), f"pricing.{name}", ("pricing",))


def _modality(match: Match, side: str, modality: str) -> Ours | None:
    own = match.model["facts"][f"{side}_modalities"]
    listed = (match.offering or {}).get("modalities")
    if match.offering is not None and isinstance(listed, dict) and listed.get(side) != own.get("value"):
        ours = _offering_value(match.offering, listed.get(side), f"modalities.{side}", ("modalities",))
    else:
        ours = _model_fact(match.model, f"{side}_modalities", f"modalities.{side}", ("modalities",))
    if ours is None or not isinstance(ours.value, list):
        return None
    return Ours(modality in ours.value, ours.confidence, ours.reviewed, ours.source, ours.place)


def _retires(match: Match) -> Ours | None:
    if match.offering is not None:
        deprecation = match.offering.get("deprecation") or {}
        return _offering_value(match.offering, deprecation.get("retires"), "deprecation.retires", ("deprecation",))
    deprecation = match.model.get("deprecation") or {}
    if deprecation.get("retires") is None:
        return None
    review = match.model["review"]
    return Ours(
        deprecation["retires"],
        review["confidence"],
        review["last_reviewed"],
        _source(match.model["sources"], ("deprecation",)),
        f"catalogue/models/{match.model['id']}.yaml deprecation.retires",
    )


@dataclass(frozen=True)
class Compared:
    """One fact compared: its name (in peer records and findings), how values differ, and our value."""

    name: str
    kind: str
    ours: Callable[[Match], Ours | None]


def _capability(name: str) -> Compared:
    path = f"capabilities.{name}"
    return Compared(name, "flag", lambda m: _model_fact(m.model, name, path, (path, "capabilities")))


def _model_level(name: str, kind: str) -> Compared:
    return Compared(name, kind, lambda m: _model_fact(m.model, name, name, (name,)))


def _limit_fact(name: str) -> Compared:
    return Compared(name, "tokens", lambda m: _limit(m, name))


def _price_fact(name: str) -> Compared:
    return Compared(f"price.{name}", "price", lambda m: _price(m, name))


def _modality_fact(side: str, modality: str) -> Compared:
    return Compared(f"{side}.{modality}", "flag", lambda m: _modality(m, side, modality))


# Every fact compared, in report order.
FACTS: tuple[Compared, ...] = (
    *(_limit_fact(name) for name in LIMITS),
    *(_price_fact(name) for name in PRICES),
    *(_capability(name) for name in CAPABILITIES),
    *(_modality_fact(side, modality) for side in ("input", "output") for modality in MODALITIES),
    _model_level("open_weights", "flag"),
    _model_level("released", "day"),
    Compared("retires", "day", _retires),
)


def _variants(name: str) -> tuple[str, ...]:
    """A name as it is written, and with a hyphen between digits written as a dot (gpt-5-5, gpt-5.5)."""
    dotted = re.sub(r"(?<=\d)-(?=\d)", ".", name)
    return (name, dotted) if dotted != name else (name,)


def _candidates(peer: str, provider: str, names: list[str]) -> Iterator[str]:
    for name in names:
        for variant in _variants(name):
            yield variant
            for prefix in hosts.prefixes(peer, provider):
                yield f"{prefix}/{variant}"


def matches(document: dict[str, Any], peer: PeerFile) -> tuple[list[Match], list[Finding]]:
    """Every offering and model matched to a peer entry, and the recorded peer ids the file lacks."""
    models = {model["id"]: model for model in document["models"]}
    found: list[Match] = []
    missing: list[Finding] = []
    matched_models: set[str] = set()
    for offering in document["offerings"]:
        model = models.get(offering["model"])
        if model is None:
            continue
        recorded = offering["peer_ids"].get(peer.peer)
        if recorded is not None:
            if recorded in peer.entries:
                found.append(Match(model, offering, peer.entries[recorded], PEER_ID))
                matched_models.add(model["id"])
            else:
                missing.append(_missing(peer, model, offering, recorded))
            continue
        names = [offering["api_id"]]
        key = next((k for k in _candidates(peer.peer, offering["host"], names) if k in peer.entries), None)
        if key is not None:
            found.append(Match(model, offering, peer.entries[key], NAME))
            matched_models.add(model["id"])
    for model in document["models"]:
        if model["id"] in matched_models:
            continue
        names = [model["id"], *model["aliases"]]
        key = next((k for k in _candidates(peer.peer, model["provider"], names) if k in peer.entries), None)
        if key is not None:
            found.append(Match(model, None, peer.entries[key], NAME))
    return found, missing


def _missing(peer: PeerFile, model: dict[str, Any], offering: dict[str, Any], recorded: str) -> Finding:
    return Finding(
        PEER_ID_MISSING.code, peer.peer, model["id"], offering["id"], "peer_ids", recorded, None,
        offering["review"]["confidence"], offering["review"]["checked"], None,
        f"catalogue/offerings/{offering['id']}.yaml peer_ids.{peer.peer}", recorded, peer.label, PEER_ID,
        f"peer_ids.{peer.peer} is {recorded!r}, which {peer.label} does not list",
    )  # fmt: skip


def _ours_for(entry: PeerEntry, fact: str, ours: dict[str, Ours | None]) -> tuple[Ours | None, bool]:
    """The value of ours a peer's fact is compared with, and whether it is our window standing in for an
    input limit: a peer that states an input limit and no window (LiteLLM) is compared with our window
    when we state no input limit of our own."""
    if fact == "max_input_tokens" and ours[fact] is None and "context_window" not in entry.facts:
        return ours["context_window"], True
    return ours[fact], False


def _input_is_window_less_output(entry: PeerEntry, window: Any) -> bool:
    """The peer's input limit is our window less its output limit (1,050,000 = 922,000 + 128,000): it
    describes what a request may hold with room left for the answer, not another window."""
    inputs, outputs = entry.facts.get("max_input_tokens"), entry.facts.get("max_output_tokens")
    return inputs is not None and outputs is not None and inputs.value + outputs.value == window


def compare(match: Match, peer: PeerFile) -> Iterator[Finding]:
    """A finding for every fact both sides state and do not agree on."""
    ours_by_fact = {fact.name: fact.ours(match) for fact in FACTS}
    offering = match.offering
    other_host = (
        offering is not None
        and match.entry.host is not None
        and hosts.ours(peer.peer, match.entry.host) != offering["host"]
    )
    for fact in FACTS:
        theirs = match.entry.facts.get(fact.name)
        ours, window = _ours_for(match.entry, fact.name, ours_by_fact)
        if theirs is None or ours is None:
            continue
        code = classify(fact.kind, ours.value, theirs.value)
        if code is None:
            continue
        if other_host or (window and _input_is_window_less_output(match.entry, ours.value)):
            code = OTHER_SCOPE
        yield _finding(code, match, peer, fact.name, ours, theirs.value, theirs.where)


def _finding(code: Code, match: Match, peer: PeerFile, fact: str, ours: Ours, theirs: Any, where: str) -> Finding:
    how = "" if match.how == PEER_ID else " (matched by name only: record the peer id in the offering)"
    host = f" for host {match.entry.host}" if match.entry.host else ""
    message = f"{fact}: ours {_show(ours.value)}, {peer.peer} {_show(theirs)}{host} ({code.classification}){how}"
    return Finding(
        code.code, peer.peer, match.model["id"], match.offering["id"] if match.offering else None, fact,
        hashable(ours.value), hashable(theirs), ours.confidence, ours.reviewed, ours.source, ours.place,
        match.entry.key, f"{peer.label} {where}", match.how, message,
    )  # fmt: skip


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


_STAMP = re.compile(r"(-\d{4}-\d{2}-\d{2}|-\d{2}-\d{4}|-\d{8}|-\d{4}|-latest|-v\d+(:\d+)?|@.*)$")


def normalised(name: str) -> str:
    """A model name without its host prefix, snapshot date or version stamp, dots as hyphens."""
    name = name.rsplit("/", 1)[-1].split(":", 1)[0].lower()
    while True:
        shorter = _STAMP.sub("", name)
        if shorter == name:
            return name.replace(".", "-")
        name = shorter


def not_catalogued(document: dict[str, Any], peer: PeerFile, found: list[Match]) -> Iterator[Finding]:
    """One finding per model the peer lists for a named provider that no model or offering of ours is."""
    known = {normalised(m["id"]) for m in document["models"]}
    known |= {normalised(alias) for m in document["models"] for alias in m["aliases"]}
    known |= {normalised(o["api_id"]) for o in document["offerings"]}
    known |= {normalised(match.entry.key) for match in found}
    groups: dict[str, list[PeerEntry]] = {}
    for entry in peer.entries.values():
        provider = hosts.ours(peer.peer, entry.host)
        if not entry.language_model or provider not in hosts.NAMED_PROVIDERS or entry.key.startswith("ft:"):
            continue
        name = normalised(entry.key)
        if name and name not in known:
            groups.setdefault(name, []).append(entry)
    for name, entries in sorted(groups.items()):
        keys = sorted(entry.key for entry in entries)
        more = (
            f" (and {len(keys) - 1} more: {', '.join(keys[1:4])}{', ...' if len(keys) > 4 else ''})" if keys[1:] else ""
        )
        yield Finding(
            NOT_CATALOGUED.code, peer.peer, name, None, "model", None, keys[0], None, None, None, None, keys[0],
            f"{peer.label} {keys[0]}", None, f"{peer.peer} lists {keys[0]}{more}; the catalogue has no such model",
        )  # fmt: skip


def findings(document: dict[str, Any], peer: PeerFile) -> tuple[list[Finding], int, int]:
    """Every finding against one peer, and how many entries matched by peer id and by name."""
    found, missing = matches(document, peer)
    out = list(missing)
    for match in found:
        out.extend(compare(match, peer))
    out.extend(not_catalogued(document, peer, found))
    return out, sum(m.how == PEER_ID for m in found), sum(m.how == NAME for m in found)
