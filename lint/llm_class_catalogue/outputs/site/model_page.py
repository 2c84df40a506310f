"""A model's page: every fact with its confidence, note and the sources that back it; its offerings
with prices, limits and price history; its lifecycle; its review and whether it is due."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from llm_class_catalogue.model.dates import parse
from llm_class_catalogue.model.facts import FACTS
from llm_class_catalogue.outputs.export_v2 import PRICE_FIELDS
from llm_class_catalogue.outputs.site.html import (
    Options,
    class_badge,
    confidence,
    e,
    external,
    money,
    spell,
    status_badge,
    tokens,
)

ROOT = "../"
BY_EXPORT = {fact.export: fact for fact in FACTS}
PRICE_WORDS = {
    "input": "input",
    "output": "output",
    "cache_read": "cache read",
    "cache_write": "cache write",
    "batch_input": "batch input",
    "batch_output": "batch output",
}


def _backing(fact_name: str, sources: list[dict[str, Any]]) -> list[int]:
    """The numbers (1-based) of the sources that say they support a fact: by its path, its field, or
    the group its field belongs to (`capabilities.reasoning`, `parameters`)."""
    fact = BY_EXPORT[fact_name]
    names = {fact.path, fact.field, fact_name}
    return [index for index, source in enumerate(sources, start=1) if names & set(source.get("supports") or [])]


def _refs(numbers: list[int]) -> str:
    if not numbers:
        return '<span class="unknown">not tied to one source</span>'
    return " ".join(f'<a href="#source-{n}" aria-label="source {n}">[{n}]</a>' for n in numbers)


def _facts(model: dict[str, Any]) -> str:
    rows = []
    for name, fact in model["facts"].items():
        if fact["value"] is None and fact["note"] is None:
            continue  # the entry says nothing about it
        words = BY_EXPORT[name].words if name in BY_EXPORT else name
        rows.append(
            f'<tr><th scope="row">{e(words[:1].upper() + words[1:])}</th><td>{spell(fact["value"])}</td>'
            f"<td>{confidence(fact['confidence'])}</td><td>{e(fact['note']) or '—'}</td>"
            f"<td>{_refs(_backing(name, model['sources']))}</td></tr>"
        )
    return (
        '<section aria-labelledby="facts"><h2 id="facts">Facts</h2>'
        '<div class="table-wrap"><table class="facts"><caption class="visually-hidden">Facts with their '
        'confidence, note and sources</caption><thead><tr><th scope="col">Fact</th><th scope="col">Value</th>'
        '<th scope="col">Confidence</th><th scope="col">Note</th><th scope="col">Sources</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _sources(sources: list[dict[str, Any]]) -> str:
    items = []
    for index, source in enumerate(sources, start=1):
        details = [e(source["kind"])] if source.get("kind") else []
        if source.get("published"):
            details.append(f"published {e(source['published'])}")
        if source.get("supports"):
            details.append("supports " + e(", ".join(source["supports"])))
        note = f'<p class="note">{e(source["note"])}</p>' if source.get("note") else ""
        items.append(
            f'<li id="source-{index}">{external(source["url"], source["title"] or source["url"])}'
            f' <span class="meta">({"; ".join(details)})</span>{note}</li>'
            if details
            else f'<li id="source-{index}">{external(source["url"], source["title"] or source["url"])}{note}</li>'
        )
    return f'<section aria-labelledby="sources"><h2 id="sources">Sources</h2><ol class="sources">{"".join(items)}</ol></section>'


def _price_row(label: str, price: dict[str, Any]) -> str:
    cells = "".join(f'<td class="num">{money(price[field], price["currency"])}</td>' for field in PRICE_FIELDS)
    tiers = "; ".join(
        f"above {tier['above_input_tokens']:,} input tokens: "
        + ", ".join(
            f"{PRICE_WORDS[f]} {money(tier[f], price['currency'])}" for f in PRICE_FIELDS if tier[f] is not None
        )
        for tier in price["tiers"]
    )
    when = f"{e(price['effective_from'] or 'unknown')} to {e(price['effective_to'] or 'now')}"
    note = " ".join(part for part in (tiers, e(price["note"] or "")) if part)
    return f'<tr><th scope="row">{e(label)}</th><td>{when}</td>{cells}<td>{e(price["unit"])}</td><td>{note or "—"}</td></tr>'


def _offering(offering: dict[str, Any], providers: dict[str, str]) -> str:
    host = providers.get(offering["host"], offering["host"])
    limits = "".join(
        f"<li>{e(name.replace('_', ' '))}: {tokens(limit['value'])} "
        f'<span class="meta">({"stated by the host" if limit["from"] == "offering" else "the model’s"}'
        f"{', ' + e(limit['confidence']) + ' confidence' if limit['confidence'] else ''})</span></li>"
        for name, limit in offering["limits"].items()
    )
    prices = []
    if offering["pricing"]:
        prices.append(_price_row("current", offering["pricing"]))
    prices += [_price_row("earlier", price) for price in offering["price_history"]]
    heads = "".join(f'<th scope="col">{e(PRICE_WORDS[f])}</th>' for f in PRICE_FIELDS)
    table = (
        f'<div class="table-wrap"><table class="prices"><caption>Prices at {e(host)}, current and earlier</caption>'
        f'<thead><tr><th scope="col">Price</th><th scope="col">In effect</th>{heads}<th scope="col">Per</th>'
        f'<th scope="col">Notes</th></tr></thead><tbody>{"".join(prices)}</tbody></table></div>'
        if prices
        else "<p>No price recorded.</p>"
    )
    sources = ", ".join(external(s["url"], s["title"] or s["url"]) for s in offering["sources"])
    return (
        f'<article class="offering"><h3 id="offering-{e(offering["id"])}">{e(host)}: <code>{e(offering["api_id"])}</code></h3>'
        f"<p>{status_badge(offering['status'])} {'routable now' if offering['available'] else 'not routable'}; "
        f"checked {e(offering['review']['checked'])} ({e(offering['review']['confidence'])} confidence).</p>"
        f"<ul>{limits}</ul>{table}"
        + (f'<p class="note">{e(offering["notes"])}</p>' if offering["notes"] else "")
        + f"<p>Sources: {sources}</p></article>"
    )


def review_due(reviewed: str, level: str, options: Options) -> tuple[date | None, str]:
    """When a review falls due (the T001 interval for its confidence) and how that stands today."""
    day = parse(reviewed)
    days = options.review_days.get(level)
    if day is None or days is None:
        return None, "unknown"
    due = day + timedelta(days=days)
    left = (due - options.today).days
    if left < 0:
        return due, f"overdue by {-left} day{'s' if left != -1 else ''}"
    return due, "due today" if left == 0 else f"due in {left} day{'s' if left != 1 else ''}"


def _lifecycle(model: dict[str, Any], names: dict[str, str]) -> str:
    items = [
        f"<li>Status: {status_badge(model['status'])}"
        f"{' (can be routed to)' if model['available'] else ' (not routable)'}</li>"
    ]
    deprecation = model["deprecation"]
    if deprecation:
        for key, words in (("announced", "Deprecation announced"), ("retires", "Retires")):
            if deprecation.get(key):
                items.append(f"<li>{words}: {e(deprecation[key])}</li>")
        if deprecation.get("note"):
            items.append(f"<li>{e(deprecation['note'])}</li>")
    successor = model["successor"] or (deprecation or {}).get("successor")
    if successor:
        link = (
            f'<a href="{e(successor)}.html">{e(names.get(successor, successor))}</a>'
            if successor in names
            else e(successor)
        )
        items.append(f"<li>Successor: {link}</li>")
    return f'<section aria-labelledby="lifecycle"><h2 id="lifecycle">Lifecycle</h2><ul>{"".join(items)}</ul></section>'


def model_page(
    model: dict[str, Any],
    classes: dict[str, str],
    providers: dict[str, str],
    names: dict[str, str],
    offerings: list[dict[str, Any]],
    options: Options,
) -> str:
    """The page's body (it lives at model/<id>.html)."""
    review = model["review"]
    due, standing = review_due(review["last_reviewed"], review["confidence"], options)
    path = f"catalogue/models/{model['id']}.yaml"
    edit = (
        external(f"https://github.com/{options.repository}/edit/{options.branch}/{path}", f"Edit {path} on GitHub")
        if options.repository
        else f"The entry is <code>{e(path)}</code> in the repository."
    )
    badges = " ".join(class_badge(c, classes.get(c, c), ROOT) for c in model["classes"])
    marked = (
        f'<p class="warning">This model is {e(model["status"])}: '
        + (
            "no primary source confirms it, so it is never routed to.</p>"
            if model["status"] == "unverified"
            else "it is no longer served.</p>"
        )
        if model["status"] in ("retired", "unverified")
        else ""
    )
    aliases = f"<p>Also known as: {e(', '.join(model['aliases']))}.</p>" if model["aliases"] else ""
    hosted = "".join(_offering(o, providers) for o in offerings) or "<p>No offering recorded.</p>"
    return (
        f"<h1>{e(model['name'])}</h1>"
        f'<p class="lead">{status_badge(model["status"])} by {e(providers.get(model["provider"], model["provider"]))}'
        f"{' · family ' + e(model['family']) if model['family'] else ''} · <code>{e(model['id'])}</code></p>"
        f"{marked}<p>Classes: {badges}</p>{aliases}"
        + (f"<p>{e(model['notes'])}</p>" if model["notes"] else "")
        + f'<section aria-labelledby="review"><h2 id="review">Review</h2><p>Last reviewed {e(review["last_reviewed"])} '
        f"with {confidence(review['confidence'])} confidence; next review "
        f"{e(due.isoformat()) + ' (' + e(standing) + ')' if due else 'unknown'}.</p><p>{edit}</p></section>"
        + _facts(model)
        + f'<section aria-labelledby="offerings"><h2 id="offerings">Offerings</h2>{hosted}</section>'
        + _lifecycle(model, names)
        + _sources(model["sources"])
    )
