"""The pieces every page is made of: escaping, the page shell, badges and the spelling of values.

Everything that comes from the data goes through `e` (html.escape, quotes included); templates are
plain strings, so what a page holds can be read off the code.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

STATUS_WORDS = {
    "active": "active",
    "preview": "preview",
    "deprecated": "deprecated",
    "retired": "retired",
    "unverified": "unverified",
}
HIDDEN_BY_DEFAULT = ("retired", "unverified")  # the table shows them only when asked, marked


@dataclass(frozen=True)
class Options:
    """What a build needs besides the export: the day review ages count from, each confidence's
    review interval for models (days), and the GitHub repository the edit links point to."""

    today: date
    review_days: dict[str, int]
    repository: str | None = None
    branch: str = "main"


def e(value: Any) -> str:
    """Text from the data, escaped for an element or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no `</script>` or `<!--` can close or confuse it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


NAV = (("index.html", "Home"), ("models.html", "Models"), ("compare.html", "Compare"))


def page(title: str, body: str, root: str, current: str, *, routing: bool, scripts: tuple[str, ...] = ()) -> str:
    """A whole HTML document: `root` is the relative path to the site's top ("" or "../")."""
    links = NAV + ((("routing.html", "Routing"),) if routing else ())
    here = ' aria-current="page"'
    nav = "".join(
        f'<li><a href="{root}{href}"{here if href == current else ""}>{e(text)}</a></li>' for href, text in links
    )
    tags = "".join(f'<script src="{root}{src}" defer></script>' for src in scripts)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)} · LLM class catalogue</title>\n"
        f'<link rel="stylesheet" href="{root}assets/site.css">\n'
        f'<link rel="icon" href="data:,">\n{tags}\n</head>\n<body>\n'
        '<a class="skip" href="#main">Skip to content</a>\n'
        f'<header class="top"><p class="brand"><a href="{root}index.html">LLM class catalogue</a></p>'
        f'<nav aria-label="Site"><ul>{nav}</ul></nav></header>\n'
        f'<main id="main" tabindex="-1">\n{body}\n</main>\n'
        '<footer class="foot"><p>Generated from the catalogue\'s export 2 by <code>catalogue site</code>; '
        "every figure carries its confidence and sources.</p></footer>\n"
        "</body>\n</html>\n"
    )


def status_badge(status: str) -> str:
    return f'<span class="status status-{e(status)}">{e(STATUS_WORDS.get(status, status))}</span>'


def short_name(name: str) -> str:
    """A class's name for a badge: its abbreviation where it has one ("Mixture of Experts (MoE)" is MoE),
    else the name up to an ampersand, without "Models" ("Chat & Conversational Models" is Chat)."""
    if name.endswith(")") and " (" in name:
        inner = name.rsplit(" (", 1)[1][:-1]
        if len(inner) <= 5 and any(c.isupper() for c in inner):
            return inner
    return name.split(" (", 1)[0].split(" & ", 1)[0].removesuffix(" Models")


def class_badge(class_id: str, name: str, root: str) -> str:
    return f'<a class="badge" href="{root}class/{e(class_id)}.html" title="{e(name)}">{e(short_name(name))}</a>'


def tokens(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "—" if value is None else e(value)


def spell(value: Any) -> str:
    """A fact's value in words: lists joined, booleans as yes or no, integers with separators."""
    if value is None:
        return '<span class="unknown">unknown</span>'
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return e(", ".join(str(item) for item in value)) if value else "none"
    if isinstance(value, dict):
        return e(", ".join(f"{key}: {item}" for key, item in value.items()))
    return e(value)


def money(value: Any, currency: str = "USD") -> str:
    if value is None:
        return "—"
    symbol = "$" if currency == "USD" else f"{currency} "
    return e(f"{symbol}{value:,.4f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{symbol}{value:,}")


def confidence(level: str | None) -> str:
    if level is None:
        return '<span class="unknown">—</span>'
    return f'<span class="conf conf-{e(level)}">{e(level)}</span>'


def external(url: str | None, text: str) -> str:
    """A link out of the site (followed only when a reader clicks it; nothing is loaded from it)."""
    if not url:
        return e(text)
    return f'<a href="{e(url)}" rel="noopener noreferrer">{e(text)}</a>'


def code_marks(text: str) -> str:
    """The Markdown page's `backticks` (criteria in words) as <code>, after escaping."""
    parts = e(text).split("`")
    return "".join(f"<code>{part}</code>" if index % 2 else part for index, part in enumerate(parts))
