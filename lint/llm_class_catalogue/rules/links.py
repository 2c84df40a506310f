"""L001-L005: source URLs checked offline, on every run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from llm_class_catalogue.links.urls import host_key, judge, normalise, without_tracking
from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Catalogue, Entry
from llm_class_catalogue.rules.base import Context


def allowed_hosts(settings: dict[str, Any]) -> frozenset[str]:
    return frozenset(host_key(host) for host in settings.get("links", {}).get("allow-hosts", []))


def urls(entry: Entry) -> Iterator[tuple[tuple[Any, ...], str, str | None]]:
    """(path, url, title) for every address an entry gives."""
    homepage = entry.data.get("homepage")
    if isinstance(homepage, str):
        yield ("homepage",), homepage, None
    for field in ("sources", "references"):
        items = entry.data.get(field)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict) and isinstance(item.get("url"), str):
                    title = item.get("title") if isinstance(item.get("title"), str) else None
                    yield (field, index, "url"), item["url"], title


def _titled(entry: Entry) -> Iterator[tuple[tuple[str, int], str, str]]:
    """((field, index), url, title) for every source and reference that has both."""
    for field in ("sources", "references"):
        items = entry.data.get(field)
        if type(items) is list:
            for index, item in enumerate(items):
                if (
                    type(item) is dict
                    and type(url := item.get("url")) is str
                    and type(title := item.get("title")) is str
                ):
                    yield (field, index), url, title


def _verdicts(entry: Entry, settings: dict[str, Any], rule: R.Rule) -> Iterator[Diagnostic]:
    allowed = allowed_hosts(settings)
    for where, url, _ in urls(entry):
        verdict = judge(url, allowed)
        if verdict.rule is rule:
            yield entry.diagnostic(
                rule, verdict.message, *where, hint="cite the public https page where the fact can be read"
            )


def check_malformed(entry: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """Malformed URL, or not https (no host, spaces, relative, javascript:, data:, ...)."""
    return _verdicts(entry, settings, R.MALFORMED_URL)


def check_not_public(entry: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """A URL that can never be a public source: IP literal, localhost, .local or .internal host, credentials."""
    return _verdicts(entry, settings, R.PRIVATE_URL)


def check_repeated(entry: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """The same source twice in one entry, once normalised (case, default port, trailing slash, fragment)."""
    seen: dict[str, int] = {}
    for where, url, _ in urls(entry):
        if where[0] == "homepage":
            continue
        key = normalise(url)
        if key in seen:
            yield entry.diagnostic(
                R.REPEATED_SOURCE,
                f"the same source as {where[0]}[{seen[key]}]",
                *where,
                hint="merge the two; put what each supports in its note",
            )
        else:
            seen[key] = where[1]


def check_tracking(entry: Entry, settings: dict[str, Any]) -> Iterator[Diagnostic]:
    """Tracking parameters (utm_*, fbclid, gclid) in a URL."""
    for where, url, _ in urls(entry):
        if judge(url).code is None and (clean := without_tracking(url)) is not None:
            yield entry.diagnostic(R.TRACKING_PARAMETERS, "tracking parameters in the URL", *where, hint=f"use {clean}")


def extract_titles(entry: Entry) -> list[str]:
    """Each titled source's and reference's URL (normalised) and title, in order, as one flat list."""
    return [part for _, url, title in _titled(entry) for part in (normalise(url), title)]


def check_titles(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """One URL given different titles in different entries."""
    first: dict[str, tuple[str, Entry]] = {}
    for entry in catalogue.entries:
        pairs: list[str] = entry.index["titles"]
        disagreeing: dict[str, str] = {}  # URL -> the title another entry gave it first
        for position in range(0, len(pairs), 2):
            key, title = pairs[position], pairs[position + 1]
            known = first.setdefault(key, (title, entry))
            if known[1] is not entry and known[0] != title:
                disagreeing[key] = known[0]
        if not disagreeing:
            continue
        for (field, index), url, title in _titled(entry):  # where each stands: read from the data
            key = normalise(url)
            if key in disagreeing and title != disagreeing[key]:
                yield entry.diagnostic(
                    R.INCONSISTENT_TITLE,
                    f"titled differently in {first[key][1].path}: {disagreeing[key]!r}",
                    field,
                    index,
                    "title",
                    hint="use the source's own title everywhere",
                )
