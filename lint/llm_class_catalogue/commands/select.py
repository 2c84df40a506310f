"""`catalogue select`: one role chosen from the export alone (never the YAML), by the reader, so the
command and the library answer alike; shown as a table, JSON or a LiteLLM Router `model_list`."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llm_class_catalogue import reader
from llm_class_catalogue.model.collector import gc_paused
from llm_class_catalogue.model.diagnostics import ToolError

EXPORT_V2 = Path("export/v2/catalogue.json")
DEFAULT_FALLBACKS = 2


@dataclass(frozen=True)
class Answer:
    """What a command prints on stdout and stderr, and its exit code."""

    stdout: str
    stderr: str
    code: int


def find_export(path: str | None) -> Path:
    """The export named, else export/v2/catalogue.json here or in the nearest folder above that has one."""
    if path is not None:
        return Path(path)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / EXPORT_V2).is_file():
            return folder / EXPORT_V2
    raise ToolError(f"no {EXPORT_V2} here or above; pass --export PATH")


def open_export(path: str | None) -> reader.Catalogue:
    try:
        return reader.load(find_export(path))
    except reader.ReaderError as error:
        raise ToolError(str(error)) from None


def run_select(export: str | None, filters: dict[str, Any], output_format: str, explain: bool, group: str) -> Answer:
    """Exit 0 when something matched, 1 when nothing did (unknowns are not matches); a bad query raises
    reader.QueryError, which the CLI reports as a usage error."""
    with gc_paused():  # the export and the answer live until the command ends
        selection = open_export(export).select(**filters)
        stdout = FORMATS[output_format](selection, explain, group)
    counts = (len(selection.results), len(selection.unknown), sum(selection.excluded.values()))
    notes = "{} matched, {} unknown, {} excluded\n".format(*counts)
    return Answer(stdout, notes if output_format != "text" else "", 0 if selection.results else 1)


# ------------------------------------------------------------------------------------------------ text


def _cell(value: Any) -> str:
    if value is None:
        return "?"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ",".join(str(item) for item in value)
    if isinstance(value, dict):
        return "/".join(_cell(value.get(key)) for key in ("input", "output"))
    return str(value)


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]


def text(selection: reader.Selection, explain: bool, group: str = "") -> str:
    """A table of the results with their deciding facts, the unknowns apart, and with `explain` the
    excluded candidates by reason."""
    query = selection.query
    names = list(reader.deciding(query))
    header = ["#", "model", "host", "api id"]
    header += ["cost/request"] if query.tokens is not None else []
    header += names + ["confidence", "warnings"]
    rows = [header]
    for rank, result in enumerate(selection.results, 1):
        facts = {decided.name: decided for decided in result.facts}
        confidences = [d.confidence for d in result.facts if d.confidence is not None]
        lowest = min(confidences, key=lambda c: reader.CONFIDENCE_RANK.get(c, 0)) if confidences else "?"
        offering = result.offering
        row = [str(rank), result.id, offering.host if offering else "-", offering.api_id if offering else "-"]
        if query.tokens is not None:
            cost = result.estimated_cost_usd
            row.append("?" if cost is None else f"${cost:.6f}")
        row += [_cell(facts[name].value) if name in facts else "?" for name in names]
        row += [lowest, "; ".join(result.warnings)]
        rows.append(row)
    lines = _table(rows) if selection.results else ["no model matched"]
    if selection.unknown:
        lines += ["", "unknown (not matches: a deciding fact is null):"]
        lines += [f"  {unknown.id}: {', '.join(unknown.missing)}" for unknown in selection.unknown]
    if explain:
        lines += ["", "excluded:"] + [f"  {count:>5}  {reason}" for reason, count in selection.excluded.items()]
    if selection.results:
        lines += ["", "sources of the deciding facts:"]
        for result in selection.results:
            urls = sorted({url for decided in result.facts for url in decided.sources})
            lines += [f"  {result.id}: {' '.join(urls) or '(none named)'}"]
    return "\n".join(lines) + "\n"


def as_json(selection: reader.Selection, explain: bool, group: str = "") -> str:
    return json.dumps(selection.to_json(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


# --------------------------------------------------------------------------------------------- LiteLLM


def _yaml(value: Any) -> str:
    """A scalar as YAML: JSON's double-quoted strings and numbers are YAML too."""
    return json.dumps(value, ensure_ascii=False)


def deployment(name: str, result: reader.Result) -> list[str]:
    """One `model_list` item for a result's offering (a comment when it has none to route to)."""
    offering = result.offering
    if offering is None:
        return [f"  # {name}: {result.id} has no catalogued offering (open weights: serve it yourself)"]
    lines = [f"  - model_name: {_yaml(name)}", "    litellm_params:"]
    if offering.litellm_id is not None:
        lines.append(f"      model: {_yaml(offering.litellm_id)}")
    else:
        lines.append(
            f"      model: {_yaml(f'{offering.host}/{offering.api_id}')}  # no LiteLLM id catalogued: check it"
        )
    lines += [
        "    model_info:",
        f"      catalogue_model: {_yaml(result.id)}",
        f"      catalogue_offering: {_yaml(offering.id)}",
    ]
    for key, limit in (("max_input_tokens", "context_window"), ("max_output_tokens", "max_output_tokens")):
        found = offering.limits.get(limit)
        if found is not None and found.value is not None:
            lines.append(f"      {key}: {found.value}")
    price = offering.pricing
    if price is not None:
        for key, rate in (("input_cost_per_token", price.input), ("output_cost_per_token", price.output)):
            if rate is not None:
                lines.append(f"      {key}: {_yaml(round(rate / 1e6, 15))}")
    return lines


def model_list(groups: dict[str, list[reader.Result]]) -> str:
    """One LiteLLM config fragment: a model group per role (its first candidate) and the next candidates
    as that group's fallbacks."""
    lines = ["model_list:"]
    fallbacks = []
    for group, results in groups.items():
        routed = [r for r in results if r.offering is not None]
        names = [group] + [f"{group}-fallback-{n}" for n in range(1, len(routed))]
        for name, result in zip(names, routed, strict=False):
            lines += deployment(name, result)
        for result in results:
            if result.offering is None:
                lines += deployment(group, result)
        if not routed:
            lines.append(f"  # {group}: nothing to route to")
        if len(names) > 1:
            fallbacks.append(f"    - {_yaml(group)}: [{', '.join(_yaml(n) for n in names[1 : len(routed)])}]")
    if fallbacks:
        lines += ["router_settings:", "  fallbacks:"] + fallbacks
    return "\n".join(lines) + "\n"


def litellm(selection: reader.Selection, explain: bool, group: str = "select") -> str:
    return model_list({group: list(selection.results[: 1 + DEFAULT_FALLBACKS])})


FORMATS: dict[str, Callable[[reader.Selection, bool, str], str]] = {"text": text, "json": as_json, "litellm": litellm}
