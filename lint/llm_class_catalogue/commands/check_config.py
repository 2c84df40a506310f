"""`catalogue check-config FILE`: a router's own configuration linted against the export, a LiteLLM
`config.yaml` (its `model_list`) or a plain list of model ids, with lint's diagnostics and reporters."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from llm_class_catalogue import reader
from llm_class_catalogue.commands.select import Answer, open_export
from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic, Severity, ToolError
from llm_class_catalogue.outputs.reporters import REPORTERS, summary
from llm_class_catalogue.validation.yaml_loader import ParsedYaml, parse_yaml

DEFAULT_WITHIN = 90  # days of warning before a retirement (K004)


@dataclass(frozen=True)
class Deployment:
    """One model a configuration routes to: its id, and the line and column of each key that says so."""

    model: str
    at: tuple[int, int]
    max_tokens: tuple[int, tuple[int, int]] | None = None  # requested output limit, where
    context: tuple[int, tuple[int, int]] | None = None  # claimed context window, where


def _deployments(path: str, text: str) -> tuple[list[Deployment], list[Diagnostic]]:
    """The models a file names: a LiteLLM config's model_list, a YAML list of ids, or one id a line."""
    if Path(path).suffix not in (".yaml", ".yml", ".json"):
        return _lines(text), []
    parsed = parse_yaml(text, path)
    if parsed.diagnostics:
        return [], list(parsed.diagnostics)
    data = parsed.data
    if isinstance(data, dict) and isinstance(data.get("model_list"), list):
        return list(_litellm(parsed, data["model_list"])), []
    if isinstance(data, list):
        return [Deployment(item, _at(parsed, (index,))) for index, item in enumerate(data) if isinstance(item, str)], []
    raise ToolError(f"{path}: neither a LiteLLM config (with model_list) nor a list of model ids")


def _lines(text: str) -> list[Deployment]:
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        item = line.split("#", 1)[0].strip()
        if item:
            found.append(Deployment(item, (number, line.index(item) + 1)))
    return found


def _at(parsed: ParsedYaml, where: tuple[Any, ...], key: bool = False) -> tuple[int, int]:
    mark = parsed.locate(where, key=key)
    return mark.line, mark.column


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _litellm(parsed: ParsedYaml, items: list[Any]) -> Iterator[Deployment]:
    for index, item in enumerate(items):
        params = item.get("litellm_params") if isinstance(item, dict) else None
        if not isinstance(params, dict) or not isinstance(params.get("model"), str):
            continue
        info = item.get("model_info") if isinstance(item.get("model_info"), dict) else {}
        max_tokens = None
        for where, value in ((("litellm_params",), params), (("model_info",), info)):
            for name in ("max_tokens", "max_output_tokens"):
                if _count(value.get(name)) is not None and max_tokens is None:
                    max_tokens = (value[name], _at(parsed, ("model_list", index, *where, name), key=True))
        context = None
        if _count(info.get("max_input_tokens")) is not None:
            context = (
                info["max_input_tokens"],
                _at(parsed, ("model_list", index, "model_info", "max_input_tokens"), key=True),
            )
        yield Deployment(
            params["model"],
            _at(parsed, ("model_list", index, "litellm_params", "model"), key=True),
            max_tokens,
            context,
        )


class Resolver:
    """A configuration's model id as the catalogue knows it: an offering (by its LiteLLM id, or a
    `provider/` prefix and its API id) or, for a bare id, the model (by id or alias)."""

    def __init__(self, catalogue: reader.Catalogue) -> None:
        self.catalogue = catalogue
        self.litellm = {o.litellm_id: o for o in catalogue.offerings if o.litellm_id}
        self.api: dict[str, reader.Offering] = {}
        for offering in sorted(catalogue.offerings, key=lambda o: o.id):
            self.api.setdefault(offering.api_id, offering)
        self.names = sorted(
            {*catalogue.ids, *self.litellm, *self.api, *(a for m in catalogue.models for a in m.aliases)}
        )

    def resolve(self, name: str) -> tuple[reader.Model, reader.Offering | None] | None:
        if "/" not in name:
            model = self.catalogue.find(name)
            if model is not None:
                return model, None
        offering = self.litellm.get(name) or self.api.get(name) or self.api.get(name.split("/", 1)[-1])
        if offering is not None:
            found = self.catalogue.model(offering.model)
            return (found, offering) if found is not None else None
        model = self.catalogue.find(name.split("/", 1)[-1])
        return (model, None) if model is not None else None

    def closest(self, name: str) -> str | None:
        close = difflib.get_close_matches(name, self.names, n=1, cutoff=0.6)
        if not close and "/" in name:
            close = difflib.get_close_matches(name.split("/", 1)[1], self.names, n=1, cutoff=0.6)
        return close[0] if close else None


def check(path: str, text: str, catalogue: reader.Catalogue, today: date, within: int) -> list[Diagnostic]:
    """Every problem of one configuration, sorted."""
    deployments, found = _deployments(path, text)
    resolver = Resolver(catalogue)
    horizon = (today + timedelta(days=within)).isoformat()
    for deployment in deployments:
        found += _judge(path, deployment, resolver, today.isoformat(), horizon)
    return sorted(set(found))


def _judge(path: str, deployment: Deployment, resolver: Resolver, today: str, horizon: str) -> Iterator[Diagnostic]:
    name, (line, column) = deployment.model, deployment.at
    resolved = resolver.resolve(name)
    if resolved is None:
        close = resolver.closest(name)
        hint: str | None = (
            f"did you mean `{close}`?" if close else "check the id against export/v2/routable-ids.schema.json"
        )
        yield R.CONFIG_UNKNOWN_ID.at(path, line, column, f"`{name}` is not in the catalogue", hint)
        return
    model, offering = resolved
    if model.status == "unverified":
        yield R.CONFIG_UNVERIFIED.at(
            path, line, column, f"`{name}` ({model.id}) is unverified: no primary source confirms it"
        )
        return
    for what, status, deprecation, successor in _lifecycles(model, offering):
        retires = deprecation.retires if deprecation is not None else None
        hint = f"move to `{successor}`" if successor else None
        if status == "retired" or (retires is not None and retires <= today):
            when = f" on {retires}" if retires else ""
            yield R.CONFIG_RETIRED.at(path, line, column, f"`{name}`: {what} retired{when}", hint)
            return
        if retires is not None and retires <= horizon:  # once: an offering mostly retires with its model
            yield R.CONFIG_RETIRING.at(path, line, column, f"`{name}`: {what} retires on {retires}", hint)
            break
    if deployment.max_tokens is not None:
        requested, (key_line, key_column) = deployment.max_tokens
        limit = _limit(model, offering, "max_output_tokens")
        if limit is not None and requested > limit[0]:
            message = f"max_tokens {requested} is above the output limit of {limit[1]} ({limit[0]})"
            yield R.CONFIG_MAX_TOKENS.at(path, key_line, key_column, message, f"at most {limit[0]}")
    if deployment.context is not None:
        claimed, (key_line, key_column) = deployment.context
        window = model.value("context_window")
        if isinstance(window, int) and claimed > window:
            message = f"max_input_tokens {claimed} is above {model.id}'s context window ({window})"
            yield R.CONFIG_CONTEXT.at(path, key_line, key_column, message, f"at most {window}")


def _lifecycles(
    model: reader.Model, offering: reader.Offering | None
) -> list[tuple[str, str, reader.Deprecation | None, str | None]]:
    found = [(f"the model {model.id}", model.status, model.deprecation, model.successor)]
    if offering is not None:
        successor = offering.deprecation.successor if offering.deprecation is not None else None
        found.append(
            (f"the offering {offering.id}", offering.status, offering.deprecation, successor or model.successor)
        )
    return found


def _limit(model: reader.Model, offering: reader.Offering | None, name: str) -> tuple[int, str] | None:
    """A limit and whose it is: the offering's (which falls back to the model's) or, bare, the model's."""
    if offering is not None:
        found = offering.limits.get(name)
        if found is not None and found.value is not None:
            return found.value, f"the offering {offering.id}"
        return None
    value = model.value(name)
    return (value, f"the model {model.id}") if isinstance(value, int) else None


def run_check_config(
    path: str, export: str | None, output_format: str, today: date, within: int, strict: bool
) -> Answer:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ToolError(f"cannot read {path}: {error}") from None
    found = check(path, text, open_export(export), today, within)
    failed = any(d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING) for d in found)
    note = summary(found, 1) + "\n"
    return Answer(REPORTERS[output_format](found), note, 1 if failed else 0)
