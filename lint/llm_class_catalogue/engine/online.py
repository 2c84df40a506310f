"""`catalogue lint --online`: each distinct source URL checked once, through the cache, as diagnostics."""

from __future__ import annotations

import fnmatch
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llm_class_catalogue.links.urls import ANY_HOST, host_key, judge
from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Catalogue, Entry
from llm_class_catalogue.rules.links import urls

if TYPE_CHECKING:  # the checker pulls in http.client and ssl: loaded only when links are checked
    from llm_class_catalogue.links.linkcheck import Checker, Result, Settings

DEFAULT_CACHE_DAYS = 7
OUTCOME_RULES = {
    "broken": R.BROKEN_LINK,
    "redirect": R.MOVED_LINK,
    "unverifiable": R.UNVERIFIABLE_LINK,
    "refused": R.REFUSED_LINK,
    "unchecked": R.UNVERIFIABLE_LINK,  # the run's deadline passed before its turn: not verified either
}
LISTED = 10  # URLs named at most in the deadline warning


@dataclass(frozen=True)
class OnlineOptions:
    allow_private: bool = False
    allow_hosts: tuple[str, ...] = ()
    cache_dir: Path | None = None
    url_deadline: float | None = None  # seconds; None: [tool.catalogue.links] url-deadline, or the default
    run_deadline: float | None = None


@dataclass(frozen=True)
class OnlineReport:
    diagnostics: list[Diagnostic]
    summary: str
    warnings: list[str]


def allowed_hosts(options: OnlineOptions, links: dict[str, Any]) -> frozenset[str]:
    """The hosts let through, in the form hops are compared in (so [::1]:8080 and [0::1]:8080 are one)."""
    hosts = {host_key(host) for host in (*links.get("allow-hosts", []), *options.allow_hosts)}
    return frozenset(hosts | ({ANY_HOST} if options.allow_private else set()))


def settings(options: OnlineOptions, links: dict[str, Any]) -> Settings:
    from llm_class_catalogue.links.linkcheck import Settings

    defaults = Settings()
    return Settings(
        concurrency=links.get("concurrency", defaults.concurrency),
        per_host=links.get("per-host", defaults.per_host),
        interval=links.get("interval", defaults.interval),
        timeout=links.get("timeout", defaults.timeout),
        retries=links.get("retries", defaults.retries),
        retry_after_cap=links.get("retry-after-cap", defaults.retry_after_cap),
        max_redirects=links.get("max-redirects", defaults.max_redirects),
        url_deadline=_first(options.url_deadline, links.get("url-deadline"), defaults.url_deadline),
        run_deadline=_first(options.run_deadline, links.get("run-deadline"), defaults.run_deadline),
        ports=frozenset(links.get("ports", defaults.ports)),
        allow_private=options.allow_private,
        allow_hosts=allowed_hosts(options, links) - {ANY_HOST},
    )


def _first(*values: float | None) -> float:
    """The command line's value, else the configuration's, else the default."""
    return next(value for value in values if value is not None)


def _places(
    catalogue: Catalogue, only: set[str] | None, allowed: frozenset[str], excluded: list[str]
) -> dict[str, list[tuple[Entry, tuple[Any, ...]]]]:
    places: dict[str, list[tuple[Entry, tuple[Any, ...]]]] = {}
    for entry in catalogue.entries:
        if only is not None and entry.path not in only:
            continue
        for where, url, _ in urls(entry):
            if judge(url, allowed).code is None and not any(fnmatch.fnmatchcase(url, p) for p in excluded):
                places.setdefault(url, []).append((entry, where))
    return places


def check_links(
    catalogue: Catalogue,
    only: set[str] | None,
    links: dict[str, Any],
    options: OnlineOptions,
    progress: Callable[[int, int], None] = lambda done, total: None,
    checker: Checker | None = None,
) -> OnlineReport:
    """Check the URLs of the entries reported on; results become L101-L104 diagnostics."""
    from llm_class_catalogue.links.linkcache import LinkCache, utc_now
    from llm_class_catalogue.links.linkcheck import Checker

    allowed = allowed_hosts(options, links)
    excluded = [item["pattern"] for item in links.get("exclude", [])]
    places = _places(catalogue, only, allowed, excluded)
    warnings: list[str] = []
    cache = (
        LinkCache.open(options.cache_dir, links.get("cache-days", DEFAULT_CACHE_DAYS)) if options.cache_dir else None
    )
    if cache is not None and cache.warning:
        warnings.append(cache.warning)
    now = utc_now()
    results: dict[str, Result] = {}
    for url in places:
        cached = cache.get(url, now) if cache is not None else None
        if cached is not None:
            results[url] = cached
    to_check = [url for url in places if url not in results]
    checker = checker or Checker(settings(options, links))
    fresh = checker.check_all(to_check, lambda done: progress(done, len(to_check)))
    results.update(fresh)
    if cache is not None:
        for result in fresh.values():
            cache.put(result, utc_now())
        try:
            cache.save()
        except OSError as error:  # a read-only or full cache folder: the results are still reported
            warnings.append(f"warning: cannot save the link cache {cache.path}: {error.strerror or error}")
    diagnostics = [
        entry.diagnostic(OUTCOME_RULES[result.outcome], result.detail, *where, hint=_hint(result))
        for url, result in sorted(results.items())
        if result.outcome in OUTCOME_RULES
        for entry, where in places[url]
    ]
    counts = Counter(result.outcome for result in results.values())
    summary = (
        f"links: {len(fresh) - counts['unchecked']} checked, {len(results) - len(fresh)} cached; {counts['ok']} ok, "
        f"{counts['redirect']} redirected, {counts['unverifiable']} unverifiable, "
        f"{counts['broken'] + counts['refused']} broken"
        + (f", {counts['unchecked']} not checked (the run's deadline passed)" if counts["unchecked"] else "")
    )
    cut = sorted(url for url, result in results.items() if result.hit_deadline)
    if cut:
        more = f" and {len(cut) - LISTED} more" if len(cut) > LISTED else ""
        warnings.append(f"links: {len(cut)} hit a deadline: {', '.join(cut[:LISTED])}{more}")
    return OnlineReport(diagnostics, summary, warnings)


def _hint(result: Result) -> str:
    if result.final_url:
        return f"replace it with {result.final_url}"
    if result.hit_deadline:
        return "if the server is only slow, raise url-deadline (or run-deadline) in [tool.catalogue.links]"
    return {
        "broken": "find where the page moved, or cite another source",
        "unverifiable": "open it in a browser; if it is fine, exclude it in [tool.catalogue.links] with a reason",
        "refused": "sources must stay on public hosts at every redirect",
        "unchecked": "raise run-deadline in [tool.catalogue.links] (or --run-deadline), or check fewer files at once",
    }.get(result.outcome, "")
