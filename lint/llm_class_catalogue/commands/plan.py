"""`catalogue plan RECIPE`: every role of a recipe (catalogue/recipes/<id>.yaml) answered from the export,
and the committed answer `catalogue publish` writes to export/routes/<id>.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from llm_class_catalogue import reader
from llm_class_catalogue.commands.select import DEFAULT_FALLBACKS, Answer, model_list, open_export, text
from llm_class_catalogue.model.collector import gc_paused
from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.outputs.reporters import text as report
from llm_class_catalogue.validation.schemas import schema_diagnostics
from llm_class_catalogue.validation.yaml_loader import parse_yaml

ROUTES_DIR = Path("export/routes")


def recipe_path(name: str, base: Path) -> Path:
    """A recipe by id (catalogue/recipes/<id>.yaml under base) or by path."""
    as_path = Path(name)
    if as_path.suffix in (".yaml", ".yml") or as_path.exists():
        return as_path
    return base / "catalogue" / "recipes" / f"{name}.yaml"


def read_recipe(path: Path) -> dict[str, Any]:
    """The recipe's data, schema-checked; ToolError with every problem when it is not a valid recipe."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ToolError(f"cannot read the recipe {path}: {error}") from None
    parsed = parse_yaml(source, str(path))
    problems = list(parsed.diagnostics)
    if not problems and isinstance(parsed.data, dict):
        problems = list(schema_diagnostics("recipe", parsed, str(path)))
    if problems or not isinstance(parsed.data, dict):
        raise ToolError(f"{path} is not a valid recipe (run `catalogue lint`):\n{report(problems)}".rstrip())
    return parsed.data


def roles(recipe: dict[str, Any], catalogue: reader.Catalogue) -> dict[str, reader.Selection]:
    return catalogue.plan(recipe)


def _kept(recipe: dict[str, Any], role: str, selection: reader.Selection) -> list[reader.Result]:
    """The chosen candidate and its fallbacks."""
    return list(selection.results[: 1 + recipe["roles"][role].get("fallbacks", DEFAULT_FALLBACKS)])


def run_plan(name: str, base: Path, export: str | None, output_format: str, explain: bool) -> Answer:
    recipe = read_recipe(recipe_path(name, base))
    with gc_paused():  # the export and the answers live until the command ends
        answers = roles(recipe, open_export(export))
        stdout = PLAN_FORMATS[output_format](recipe, answers, explain)
    empty = [role for role, selection in answers.items() if not selection.results]
    note = f"no model for the role{'s' if len(empty) != 1 else ''} {', '.join(empty)}\n" if empty else ""
    return Answer(stdout, note, 1 if empty else 0)


def _text(recipe: dict[str, Any], answers: dict[str, reader.Selection], explain: bool) -> str:
    parts = [f"{recipe['name']} ({recipe['id']})"]
    for role, selection in answers.items():
        kept = _kept(recipe, role, selection)
        parts.append(f"\n== {role}: {recipe['roles'][role]['description']}")
        parts.append(
            f"chosen: {kept[0].id if kept else 'none'}; fallbacks: {', '.join(r.id for r in kept[1:]) or 'none'}"
        )
        parts.append(text(selection, explain).rstrip("\n"))
    return "\n".join(parts) + "\n"


def _json(recipe: dict[str, Any], answers: dict[str, reader.Selection], explain: bool) -> str:
    document = {}
    for role, selection in answers.items():
        found = selection.to_json()
        kept = _kept(recipe, role, selection)
        found["description"] = recipe["roles"][role]["description"]
        found["chosen"] = kept[0].id if kept else None
        found["fallbacks"] = [result.id for result in kept[1:]]
        document[role] = found
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _litellm(recipe: dict[str, Any], answers: dict[str, reader.Selection], explain: bool) -> str:
    return model_list({role: _kept(recipe, role, selection) for role, selection in answers.items()})


PLAN_FORMATS: dict[str, Callable[[dict[str, Any], dict[str, reader.Selection], bool], str]] = {
    "text": _text,
    "json": _json,
    "litellm": _litellm,
}


def route_answer(recipe: dict[str, Any], answers: dict[str, reader.Selection]) -> dict[str, Any]:
    """What export/routes/<id>.json commits: per role the models chosen, in order, with the offering, the
    estimated cost and the deciding facts' values and confidence, and the unknowns. Nothing that moves
    with the day (review ages, warnings) or with unrelated edits (notes, the export's hash)."""
    document: dict[str, Any] = {"recipe": recipe["id"], "roles": {}}
    for role, selection in answers.items():
        chosen = []
        for result in _kept(recipe, role, selection):
            item: dict[str, Any] = {
                "id": result.id,
                "offering": result.offering.id if result.offering is not None else None,
                "facts": {d.name: {"value": d.value, "confidence": d.confidence} for d in result.facts},
            }
            if selection.query.tokens is not None:
                item["estimated_cost_usd"] = result.estimated_cost_usd
            chosen.append(item)
        document["roles"][role] = {
            "select": reader.query_json(selection.query),
            "chosen": chosen,
            "unknown": [{"id": u.id, "missing": list(u.missing)} for u in selection.unknown],
        }
    return document
