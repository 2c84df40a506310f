"""The home page: the classes as a picture (inline SVG, drawn here, so it needs no script or network)
with their member counts, and the taxonomy's own sections."""

from __future__ import annotations

from typing import Any

from llm_class_catalogue.outputs.render import FACET_TITLES
from llm_class_catalogue.outputs.site.html import e

# One colour per facet, each at least 3:1 against white (WCAG's contrast for graphics).
FACET_COLOURS = {
    "architecture": "#1f5fa8",
    "capability": "#2e7d32",
    "modality": "#8e3b9e",
    "representation": "#b3461b",
    "deployment": "#5d5d5d",
}
ROW, BAR = 46, 360  # the picture's geometry, in its own units: a label above each bar, so it fits a phone


def picture(classes: list[dict[str, Any]], counts: dict[str, int]) -> str:
    """A bar per class (its length the member count), coloured by facet, with a legend."""
    most = max([counts.get(c["id"], 0) for c in classes] + [1])
    facets = [facet for facet in FACET_TITLES if any(c["facet"] == facet for c in classes)]
    legend_y = len(classes) * ROW + 12
    height = legend_y + 28 * ((len(facets) + 1) // 2) + 4
    bars = []
    for index, klass in enumerate(classes):
        y = index * ROW
        count = counts.get(klass["id"], 0)
        width = max(2, round(BAR * count / most))
        colour = FACET_COLOURS.get(klass["facet"], "#5d5d5d")
        bars.append(
            f'<g><text x="0" y="{y + 16}">{e(klass["number"])}. {e(_short(klass["name"]))}</text>'
            f'<rect x="0" y="{y + 22}" width="{width}" height="18" rx="3" fill="{colour}"></rect>'
            f'<text x="{width + 8}" y="{y + 37}">{count:,}</text></g>'
        )
    legend = []
    for index, facet in enumerate(facets):
        x, y = (index % 2) * 210, legend_y + 28 * (index // 2)
        legend.append(
            f'<rect x="{x}" y="{y}" width="16" height="16" fill="{FACET_COLOURS.get(facet, "#5d5d5d")}"></rect>'
            f'<text x="{x + 24}" y="{y + 13}">{e(FACET_TITLES[facet])}</text>'
        )
    total = sum(counts.get(c["id"], 0) for c in classes)
    return (
        f'<svg class="classes" viewBox="0 0 {BAR + 70} {height}" role="img" '
        'aria-labelledby="classes-title classes-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="classes-title">The {len(classes)} classes and how many models each has</title>'
        f'<desc id="classes-desc">A bar per class, its length the number of member models ({total:,} '
        "memberships in all; a model is often in several classes), coloured by the kind of distinction "
        "the class draws.</desc>" + "".join(bars) + "".join(legend) + "</svg>"
    )


def _short(name: str) -> str:
    """A class name without its parenthesised abbreviation, so the picture's labels stay short."""
    return name.split(" (", 1)[0]


def _items(items: list[dict[str, Any]]) -> str:
    return "<ul>" + "".join(f"<li><strong>{e(i['title'])}:</strong> {e(i['text'])}</li>" for i in items) + "</ul>"


def _bullets(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{e(item)}</li>" for item in items) + "</ul>"


def _sections(taxonomy: dict[str, Any] | None) -> str:
    if taxonomy is None:
        return ""
    parts = [
        ("What it is", f"<p>{e(taxonomy['what_it_is'])}</p>"),
        ("What problem it solves", f"<p>{e(taxonomy['problem'])}</p>"),
        ("Where it fits in the stack", f"<p>{e(taxonomy['stack_position'])}</p>"),
        ("Typical use cases", _items(taxonomy["use_cases"])),
        ("Strengths", _items(taxonomy["strengths"])),
        ("Limitations", _items(taxonomy["limitations"])),
        ("When to use it", _bullets(taxonomy["when_to_use"])),
        ("When not to use it", _bullets(taxonomy["when_not_to_use"])),
    ]
    return "".join(f'<section><h2 id="{e(_slug(title))}">{e(title)}</h2>{text}</section>' for title, text in parts)


def _slug(title: str) -> str:
    return "-".join(title.lower().split())


def home(document: dict[str, Any]) -> str:
    """The home page's body."""
    classes, taxonomy = document["classes"], document["taxonomy"]
    counts = {c["id"]: len(c["members"]) for c in classes}
    title = taxonomy["name"] if taxonomy else "Classes of large language models"
    listing = "".join(
        f'<li><a href="class/{e(c["id"])}.html">{e(c["number"])}. {e(c["name"])}</a>: '
        f"{counts[c['id']]:,} model{'s' if counts[c['id']] != 1 else ''}</li>"
        for c in classes
    )
    return (
        f"<h1>{e(title)}</h1>"
        f'<p class="lead">{len(document["models"]):,} models from {len(document["providers"]):,} providers '
        f'in {len(classes)} classes. <a href="models.html">Browse every model</a>.</p>'
        f'<section aria-labelledby="at-a-glance"><h2 id="at-a-glance">The classes at a glance</h2>'
        f'{picture(classes, counts)}<ul class="class-list">{listing}</ul></section>' + _sections(taxonomy)
    )
