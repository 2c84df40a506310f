"""The compare page: a form that puts two to four models in the URL, and a table the script draws."""

from __future__ import annotations

from llm_class_catalogue.outputs.site.html import e


def compare_page(example: list[str]) -> str:
    """The page's body; `example` is a pair of model ids for the example link."""
    fields = "".join(
        f'<div class="field"><label for="m{n}">Model {n}{"" if n <= 2 else " (optional)"}</label>'
        f'<input id="m{n}" name="m{n}" list="model-names" autocomplete="off"></div>'
        for n in range(1, 5)
    )
    sample = "&amp;".join(f"m{n}={e(model)}" for n, model in enumerate(example, start=1))
    hint = f' For example, <a href="compare.html?{sample}">{e(" and ".join(example))}</a>.' if len(example) >= 2 else ""
    return (
        "<h1>Compare models</h1>"
        f'<p class="lead">Two to four models side by side: type a model\'s id or name.{hint}</p>'
        f'<form class="filters" method="get" action="compare.html">{fields}<datalist id="model-names"></datalist>'
        '<div class="field"><button type="submit">Compare</button></div></form>'
        '<p id="compare-status" role="status" aria-live="polite"></p><div id="comparison"></div>'
        "<noscript><p>The comparison needs JavaScript; each model's page lists all its facts.</p></noscript>"
    )
