"""`catalogue new`: a new entry from its kind's template, with placeholders lint reports until filled."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.model.entry import FOLDER_OF_KIND, REVIEW_FIELD
from llm_class_catalogue.model.facts import FACTS
from llm_class_catalogue.rules.placeholders import PLACEHOLDER
from llm_class_catalogue.validation.modeline import expected
from llm_class_catalogue.validation.placement import id_rule, valid_id


def fill(what: str) -> str:
    """A placeholder as a quoted YAML string: never valid data, always reported (C003)."""
    return json.dumps(f"{PLACEHOLDER}: {what}>")


@dataclass(frozen=True)
class NewEntry:
    kind: str
    id: str
    name: str | None = None
    provider: str | None = None
    classes: tuple[str, ...] = ()


def _model(entry: NewEntry) -> list[str]:
    classes = ", ".join(entry.classes) if entry.classes else fill("class ids, e.g. chat, long-context")
    return [
        f"provider: {entry.provider or fill('provider id (catalogue/providers/<id>.yaml)')}",
        f"classes: [{classes}]",
        f"status: {fill('active | preview | deprecated | retired | unverified')}",
    ] + _fact_lines()


def _fact_lines() -> list[str]:
    """The facts table's template lines, a group's members indented under it."""
    lines: list[str] = []
    for fact in FACTS:
        value = fill(fact.hint) if fact.hint is not None else fact.sample
        if value is None:
            continue
        if fact.part is None:
            lines.append(f"{fact.field}: {value}")
            continue
        if f"{fact.field}:" not in lines:
            lines.append(f"{fact.field}:")
        lines.append(f"  {fact.part}: {value}")
    return lines


def _class(entry: NewEntry) -> list[str]:
    return [
        f"number: {fill('its place in the taxonomy')}",
        f"facet: {fill('architecture | capability | modality | representation | deployment')}",
        f"summary: {fill('what the class is, in a sentence or two')}",
        f"purpose: {fill('what its models are used for')}",
    ]


def _provider(entry: NewEntry) -> list[str]:
    return [f"homepage: {fill('https home page')}", f"kind: {fill('company | lab | community | academic')}"]


def _offering(entry: NewEntry) -> list[str]:
    model, _, host = entry.id.partition("--")
    return [
        f"model: {model}",
        f"host: {host}",
        f"api_id: {fill('the exact model id the host API takes')}",
        f"status: {fill('active | preview | deprecated | retired')}",
        "pricing:",
        "  currency: USD",
        "  unit: 1M tokens",
        f"  effective_from: {fill('YYYY-MM-DD the price took effect')}",
        f"  input: {fill('price per 1M input tokens, as the pricing page states it')}",
        f"  output: {fill('price per 1M output tokens')}",
    ]


def _recipe(entry: NewEntry) -> list[str]:
    return [
        f"use_case: {fill('the use case of taxonomy.yaml this recipe answers, by its title')}",
        f"summary: {fill('what the recipe chooses, in a sentence or two')}",
        "roles:",
        f"  {fill('role id')}:",
        f"    description: {fill('what the role does in the use case')}",
        "    select:",
        f"      classes: [{fill('class id')}]",
    ]


BODIES = {"model": _model, "class": _class, "provider": _provider, "offering": _offering, "recipe": _recipe}


def render_entry(entry: NewEntry, today: date) -> str:
    """The template text for a new entry, reviewed today with low confidence."""
    rel_path = f"catalogue/{FOLDER_OF_KIND[entry.kind]}/{entry.id}.yaml"
    lines = [expected(entry.kind, rel_path), f"id: {entry.id}"]
    if entry.kind != "offering":  # an offering is named by its model and host
        lines.append(f"name: {json.dumps(entry.name) if entry.name else fill('the name its owner uses')}")
    lines += BODIES[entry.kind](entry)
    lines += [
        "confidence: low",
        f"{REVIEW_FIELD.get(entry.kind, 'last_reviewed')}: {today.isoformat()}",
        "sources:",
        f"  - url: {fill('https address of the primary source you read')}",
        f"    title: {fill('the source’s own title')}",
        f"    kind: {'pricing' if entry.kind == 'offering' else 'announcement'}",
    ]
    return "\n".join(lines) + "\n"


def create(base: Path, entry: NewEntry, today: date) -> Path:
    """Write the new entry; ToolError for a bad id or an existing file (never overwritten)."""
    if not valid_id(entry.kind, entry.id):
        raise ToolError(f"`{entry.id}` is not a valid {entry.kind} id: {id_rule(entry.kind)}")
    path = base / "catalogue" / FOLDER_OF_KIND[entry.kind] / f"{entry.id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(render_entry(entry, today))
    except FileExistsError:
        raise ToolError(f"{os.path.relpath(path)} already exists; edit it instead") from None
    return path
