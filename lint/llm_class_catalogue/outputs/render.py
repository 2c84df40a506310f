"""The taxonomy page, regenerated from the export document (so both come from the same data)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from llm_class_catalogue.model.facts import words
from llm_class_catalogue.outputs import architectures

FACET_TITLES = {
    "architecture": "Architecture",
    "capability": "Capability",
    "modality": "Modality",
    "representation": "Representation",
    "deployment": "Deployment",
}
# Where the page links an entry: to its own YAML file, which GitHub shows beside the page with every
# source, note and confidence (a model's first source was an arbitrary pick among several).
ENTRY_LINK = "../catalogue/{folder}/{id}.yaml"


def compact(number: float) -> str:
    """1230000000 -> 1.23B, 128000 -> 128K."""
    for size, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")):
        if number >= size:
            return f"{number / size:.3g}{suffix}"
    return f"{number:g}"


def _operand(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return compact(value)
    if isinstance(value, list):
        return ", ".join(_operand(item) for item in value)
    return f"`{value}`"


def criteria_text(criterion: dict[str, Any]) -> str:
    if "all" in criterion:
        return " and ".join(criteria_text(part) for part in criterion["all"])
    if "any" in criterion:
        return " or ".join(criteria_text(part) for part in criterion["any"])
    fact = words(criterion["fact"])
    operator, operand = next((k, v) for k, v in criterion.items() if k != "fact")
    if criterion["fact"] == "sparse":
        return fact if operand is True else f"not {fact}"
    verbs = {"equals": "is", "in": "is one of", "contains": "include", "at_least": "at least", "less_than": "below"}
    return f"{fact} {verbs[operator]} {_operand(operand)}"


def _link(title: str, url: str) -> str:
    return f"[{title.replace('[', '(').replace(']', ')')}]({url})"


def _sources(items: Iterable[dict[str, Any]]) -> str:
    return "; ".join(_link(item["title"], item["url"]) for item in items)


def _intro(taxonomy: dict[str, Any]) -> list[str]:
    out = [
        f"# {taxonomy['name']}",
        "",
        "## What it is",
        "",
        taxonomy["what_it_is"],
        "",
        "## What problem it solves",
        "",
        taxonomy["problem"],
        "",
        "## Where it fits in the stack",
        "",
        taxonomy["stack_position"],
        "",
    ]
    for heading, key in (
        ("Typical use cases", "use_cases"),
        ("Strengths", "strengths"),
        ("Limitations", "limitations"),
    ):
        out += [f"## {heading}", ""] + [f"- **{item['title']}:** {item['text']}" for item in taxonomy[key]] + [""]
    for heading, key in (("When to use it", "when_to_use"), ("When not to use it", "when_not_to_use")):
        out += [f"## {heading}", ""] + [f"- {item}" for item in taxonomy[key]] + [""]
    return out


def _diagram(classes: list[dict[str, Any]]) -> list[str]:
    out = [
        "## The classes at a glance",
        "",
        "Classes grouped by the kind of distinction they draw. A model usually belongs to several.",
        "",
        "```mermaid",
        "flowchart LR",
    ]
    for facet, title in FACET_TITLES.items():
        members = [c for c in classes if c["facet"] == facet]
        if members:
            out.append(f'  subgraph {facet}["{title}"]')
            out += [
                f'    {c["id"].replace("-", "_")}["{c["number"]}. {c["name"].replace(chr(34), "")}"]' for c in members
            ]
            out.append("  end")
    out += ["```", ""]
    return out


def _provider_link(provider_id: str, providers: dict[str, dict[str, Any]]) -> str:
    provider = providers.get(provider_id)
    if provider is None:
        return provider_id
    return _link(provider["name"], ENTRY_LINK.format(folder="providers", id=provider_id))


def _model_link(model: dict[str, Any], providers: dict[str, dict[str, Any]]) -> str:
    """The model's name linked to its entry, its provider's to theirs; a retired model says so."""
    retired = ", retired" if model["status"] == "retired" else ""
    name = _link(model["name"], ENTRY_LINK.format(folder="models", id=model["id"]))
    return f"{name} ({_provider_link(model['provider'], providers)}{retired})"


def _class_section(
    klass: dict[str, Any], models: dict[str, dict[str, Any]], providers: dict[str, dict[str, Any]]
) -> list[str]:
    members = [models[member] for member in klass["members"]]
    verified = [m for m in members if m["status"] != "unverified"]
    unverified = [m for m in members if m["status"] == "unverified"]
    out = [f"## {klass['number']}. {klass['name']}", "", klass["summary"], "", f"- **Purpose:** {klass['purpose']}"]
    if klass["criteria"]:
        out.append(f"- **Membership:** {criteria_text(klass['criteria'])}.")
    if verified:
        out.append("- **Models:** " + ", ".join(_model_link(m, providers) for m in verified))
    if unverified:
        out.append(
            "- **Named on the original page but not confirmed by any primary source:** "
            + ", ".join(
                f"{m['name']} ({providers.get(m['provider'], {}).get('name', m['provider'])})" for m in unverified
            )
        )
    if klass["related"]:
        out.append("- **Related classes:** " + ", ".join(klass["related"]))
    if klass["notes"]:
        out.append(f"- **Notes:** {klass['notes']}")
    out += [f"- **Sources:** {_sources(klass['sources'])}", ""]
    return out


def _range(values: tuple[int, ...], spell: Any = compact) -> str:
    if not values:
        return "not disclosed"
    low, high = min(values), max(values)
    return spell(low) if low == high else f"{spell(low)} to {spell(high)}"


def _architecture_table(models: list[dict[str, Any]]) -> list[str]:
    found, others = architectures.rows(models)
    out = [
        "## Architectures compared",
        "",
        "Computed from the verified language models; a range covers only the models whose figure is disclosed.",
        "",
        "| Architecture | Models | Total parameters | Active parameters | Context window | Examples |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in found:
        examples = ", ".join(m["name"] for m in row.models[:3])
        active = "all, for every token" if row.architecture == "dense" else _range(row.active)
        out.append(
            f"| {row.name} | {len(row.models)} | {_range(row.total)} | {active} | "
            f"{_range(row.context, lambda n: f'{n:,}')} | {examples} |"
        )
    if others:
        out += [
            "",
            "Not counted, as they are not language models (no text in or out): "
            + ", ".join(m["name"] for m in others)
            + ".",
        ]
    return out + [""]


def _reasoning_section(
    classes: list[dict[str, Any]], models: dict[str, dict[str, Any]], providers: dict[str, dict[str, Any]]
) -> list[str]:
    reasoning = next((c for c in classes if c["id"] == "reasoning"), None)
    if reasoning is None:
        return []
    members = [models[m] for m in reasoning["members"] if models[m]["status"] != "unverified"]
    out = ["## Reasoning-native models: reasoning tokens and chain of thought", "", reasoning["summary"], ""]
    if reasoning["notes"]:
        out += [reasoning["notes"], ""]
    out += [
        "Reasoning-native models in the catalogue: " + ", ".join(_model_link(m, providers) for m in members) + ".",
        "",
        f"Sources: {_sources(reasoning['sources'])}.",
        "",
    ]
    return out


def _oldest_review(document: dict[str, Any]) -> str:
    reviews = [document["taxonomy"]["last_reviewed"]] + [
        item["review"]["last_reviewed"] for item in document["classes"] + document["models"] + document["providers"]
    ]
    return min(reviews)


def page(document: dict[str, Any]) -> str:
    """The whole Markdown page."""
    taxonomy = document["taxonomy"]
    classes = document["classes"]
    models = {model["id"]: model for model in document["models"]}
    providers = {provider["id"]: provider for provider in document["providers"]}
    out = ["<!-- Generated by `catalogue render` from catalogue/; edit the entries, not this page. -->", ""]
    out += _intro(taxonomy) + _diagram(classes)
    for klass in classes:
        out += _class_section(klass, models, providers)
    out += _architecture_table(document["models"]) + _reasoning_section(classes, models, providers)
    out += ["## Related tools / concepts", ""] + [f"- {item}" for item in taxonomy["related_concepts"]] + [""]
    out += (
        ["## Backlog", ""]
        + [
            f"- [{'x' if item['status'] == 'done' else ' '}] {item['item']}"
            + (f" {item['note']}" if item.get("note") else "")
            for item in taxonomy["backlog"]
        ]
        + [""]
    )
    out += ["## Sources / References", ""] + [f"- {_link(s['title'], s['url'])}" for s in taxonomy["references"]] + [""]
    unverified = sum(1 for model in document["models"] if model["status"] == "unverified")
    out += [
        "## Contribution metadata",
        "",
        f"- Confidence: {taxonomy['confidence']}",
        f"- Last reviewed: {_oldest_review(document)} (the oldest review among the entries shown)",
        f"- Entries: {len(classes)} classes, {len(models)} models ({unverified} unverified), "
        f"{len(providers)} providers",
        f"- Data: export content hash `{document['content_hash']}`",
        "",
    ]
    return "\n".join(out)
