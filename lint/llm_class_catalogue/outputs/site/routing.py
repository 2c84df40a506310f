"""The routing page: each recipe's committed answer (export/routes/<use-case>.json), when there are any.

The recipes' format belongs to the routing work, so the page renders what a file holds without
assuming its fields: objects as definition lists, lists of objects as tables, model ids as links to
their pages. A file's `use_case`, `name` or `title` names its section, else the file name does.
"""

from __future__ import annotations

from typing import Any

from llm_class_catalogue.outputs.site.html import e, spell

TITLE_KEYS = ("use_case", "name", "title")
DEPTH = 6  # deeper than this is shown as text


def _value(value: Any, models: dict[str, str], depth: int) -> str:
    if isinstance(value, str) and value in models:
        return f'<a href="model/{e(value)}.html">{e(models[value])}</a>'
    if depth >= DEPTH:
        return e(value)
    if isinstance(value, dict):
        items = "".join(
            f"<dt>{e(str(key).replace('_', ' '))}</dt><dd>{_value(item, models, depth + 1)}</dd>"
            for key, item in value.items()
        )
        return f"<dl>{items}</dl>"
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            keys = list(dict.fromkeys(key for item in value for key in item))
            heads = "".join(f'<th scope="col">{e(key.replace("_", " "))}</th>' for key in keys)
            rows = "".join(
                "<tr>" + "".join(f"<td>{_value(item.get(key), models, depth + 1)}</td>" for key in keys) + "</tr>"
                for item in value
            )
            return f'<div class="table-wrap"><table><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table></div>'
        if any(isinstance(item, (dict, list)) for item in value):
            return "<ol>" + "".join(f"<li>{_value(item, models, depth + 1)}</li>" for item in value) + "</ol>"
        return ", ".join(_value(item, models, depth + 1) for item in value) if value else "none"
    return spell(value)


def routing_page(routes: dict[str, Any], models: dict[str, str]) -> str:
    """The page's body: one section per use case, in the order of their file names."""
    sections = []
    for stem, recipe in sorted(routes.items()):
        title = next(
            (recipe[k] for k in TITLE_KEYS if isinstance(recipe, dict) and isinstance(recipe.get(k), str)), stem
        )
        sections.append(
            f'<section aria-labelledby="route-{e(stem)}"><h2 id="route-{e(stem)}">{e(title)}</h2>'
            f"{_value(recipe, models, 0)}</section>"
        )
    return (
        "<h1>Routing</h1>"
        '<p class="lead">The routing recipes\' committed answers, one section per use case '
        "(from <code>export/routes/</code>).</p>" + "".join(sections)
    )
