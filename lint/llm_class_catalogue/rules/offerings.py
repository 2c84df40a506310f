"""C012, R005 and R006: an offering agrees with its model and with the host's other offerings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Catalogue, Entry
from llm_class_catalogue.model.facts import unwrap
from llm_class_catalogue.rules.base import Context

# The limits an offering may state, each also a fact of its model (an offering's lives under `limits`).
LIMITS = ("context_window", "max_input_tokens", "max_output_tokens")
SERVED = ("active", "preview", "deprecated")
NOT_SERVABLE = ("retired", "unverified")


def _limits(data: dict[str, Any]) -> dict[str, int]:
    """The known limits of a mapping that holds them, bare or qualified."""
    known = {name: unwrap(data.get(name)) for name in LIMITS}
    return {name: value for name, value in known.items() if type(value) is int}


def extract(entry: Entry) -> dict[str, Any] | None:
    """What the offering rules read: a valid offering's model, host, api_id, status and limits; a valid
    model's status and limits."""
    if not entry.valid:
        return None
    data = entry.data
    if entry.kind == "offering":
        return {
            "model": data["model"],
            "host": data["host"],
            "api_id": data["api_id"],
            "status": data["status"],
            "limits": _limits(data.get("limits") or {}),
        }
    if entry.kind == "model":
        return {"status": data["status"], "limits": _limits(data)}
    return None


def _offerings(catalogue: Catalogue) -> Iterator[tuple[Entry, dict[str, Any]]]:
    """(offering, what the index keeps of it) for every valid offering."""
    for entry in catalogue.of_kind("offering").values():
        if entry.index["offerings"] is not None:
            yield entry, entry.index["offerings"]


def _model(catalogue: Catalogue, offering: dict[str, Any]) -> dict[str, Any] | None:
    """What the index keeps of an offering's model, if it is a known, valid one (R001 reports the rest)."""
    model = catalogue.of_kind("model").get(offering["model"])
    return model.index["offerings"] if model is not None else None


def check_exceeds_model(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """An offering's context window, maximum input or maximum output above its model's."""
    for entry, offering in _offerings(catalogue):
        model = _model(catalogue, offering)
        if model is None:
            continue
        for name, value in offering["limits"].items():
            most = model["limits"].get(name)
            if most is not None and value > most:
                yield entry.diagnostic(
                    R.OFFERING_EXCEEDS_MODEL,
                    f"limits.{name} {value} exceeds {offering['model']}'s {name} of {most}",
                    "limits",
                    name,
                    hint="a host serves at most what the model takes: fix the offering, or the model's fact",
                )


def check_lifecycle(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """An offering active, preview or deprecated for a model that is retired or unverified."""
    for entry, offering in _offerings(catalogue):
        model = _model(catalogue, offering)
        if model is not None and offering["status"] in SERVED and model["status"] in NOT_SERVABLE:
            yield entry.diagnostic(
                R.LIFECYCLE_CONFLICT,
                f"status {offering['status']}, but the model {offering['model']} is {model['status']}",
                "status",
                hint=(
                    "a retired model is served nowhere: retire the offering, or correct the model's status"
                    if model["status"] == "retired"
                    else "an unverified model is never routed to: confirm the model first, or drop the offering"
                ),
            )


def check_api_ids(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """Two offerings of one host with the same api_id."""
    first: dict[tuple[str, str], Entry] = {}
    for entry, offering in _offerings(catalogue):
        owner = first.setdefault((offering["host"], offering["api_id"]), entry)
        if owner is not entry:
            yield entry.diagnostic(
                R.DUPLICATE_API_ID,
                f"api_id `{offering['api_id']}` of {offering['host']} is already {owner.path}'s",
                "api_id",
                hint="an API id names one offering of its host: fix the id, or merge the two entries",
            )
