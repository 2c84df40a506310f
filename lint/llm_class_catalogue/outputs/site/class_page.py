"""A class's page: its criteria in words, its members, and the architecture comparison of its members
(computed as the Markdown page's is: a model that is not a language model sits in no row)."""

from __future__ import annotations

from typing import Any

from llm_class_catalogue.outputs import architectures
from llm_class_catalogue.outputs.render import compact, criteria_text
from llm_class_catalogue.outputs.site.html import code_marks, e, external, status_badge, tokens

ROOT = "../"


def _range(values: tuple[int, ...], spell: Any = compact) -> str:
    if not values:
        return "not disclosed"
    low, high = min(values), max(values)
    return e(spell(low)) if low == high else f"{e(spell(low))} to {e(spell(high))}"


def comparison(members: list[dict[str, Any]]) -> str:
    """The architecture table of some models, and the ones it leaves out because they are not language models."""
    found, others = architectures.rows(members)
    if not found and not others:
        return ""
    body = "".join(
        f'<tr><th scope="row">{e(row.name)}</th><td class="num">{len(row.models):,}</td>'
        f"<td>{_range(row.total)}</td>"
        f"<td>{'all, for every token' if row.architecture == 'dense' else _range(row.active)}</td>"
        f"<td>{_range(row.context, lambda n: f'{n:,}')}</td></tr>"
        for row in found
    )
    table = (
        '<div class="table-wrap"><table><caption class="visually-hidden">Architectures of the verified members'
        '</caption><thead><tr><th scope="col">Architecture</th><th scope="col">Models</th>'
        '<th scope="col">Total parameters</th><th scope="col">Active parameters</th>'
        f'<th scope="col">Context window</th></tr></thead><tbody>{body}</tbody></table></div>'
        if found
        else ""
    )
    apart = (
        f"<p>Not counted in any row, as they are not language models (no text in or out): "
        f"{e(', '.join(m['name'] for m in others))}.</p>"
        if others
        else ""
    )
    return (
        '<section aria-labelledby="architectures"><h2 id="architectures">Architectures compared</h2>'
        "<p>Computed from the verified members; a range covers only the models whose figure is disclosed.</p>"
        f"{table}{apart}</section>"
    )


def _member(model: dict[str, Any], providers: dict[str, str]) -> str:
    mark = f" {status_badge(model['status'])}" if model["status"] in ("retired", "unverified", "deprecated") else ""
    context = model["facts"]["context_window"]["value"]
    return (
        f'<li><a href="{ROOT}model/{e(model["id"])}.html">{e(model["name"])}</a> '
        f'<span class="meta">({e(providers.get(model["provider"], model["provider"]))}'
        f"{', ' + tokens(context) + ' tokens' if context else ''})</span>{mark}</li>"
    )


def class_page(klass: dict[str, Any], models: dict[str, dict[str, Any]], providers: dict[str, str]) -> str:
    """The page's body (it lives at class/<id>.html)."""
    members = [models[m] for m in klass["members"] if m in models]
    criteria = (
        f"<p>A model is a member when its {code_marks(criteria_text(klass['criteria']))}.</p>"
        if klass["criteria"]
        else "<p>The class has no criteria a fact can test: membership is the entry's judgement, "
        "backed by its sources.</p>"
    )
    related = ", ".join(f'<a href="{e(r)}.html">{e(r)}</a>' for r in klass["related"])
    sources = "".join(f"<li>{external(s['url'], s['title'] or s['url'])}</li>" for s in klass["sources"])
    listing = "".join(_member(m, providers) for m in members)
    return (
        f"<h1>{e(klass['number'])}. {e(klass['name'])}</h1>"
        f'<p class="lead">{e(klass["summary"])}</p><p><strong>Purpose:</strong> {e(klass["purpose"])}</p>'
        f'<section aria-labelledby="criteria"><h2 id="criteria">Criteria</h2>{criteria}'
        + (f"<p>{e(klass['notes'])}</p>" if klass["notes"] else "")
        + (f"<p>Related classes: {related}.</p>" if related else "")
        + "</section>"
        f'<section aria-labelledby="members"><h2 id="members">Members ({len(members):,})</h2>'
        f'<p><a href="{ROOT}models.html?class={e(klass["id"])}">Filter the models table to this class</a> '
        "(retired and unverified members are marked here and hidden there by default).</p>"
        f'<ul class="members">{listing}</ul></section>'
        + comparison(members)
        + f'<section aria-labelledby="class-sources"><h2 id="class-sources">Sources</h2><ul>{sources}</ul></section>'
    )
