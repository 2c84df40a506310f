"""Benchmark: the linter against the YAML parse floor, on synthetic catalogues of growing size.

    python benchmarks/run.py                  # 1k, 10k and 50k entries
    python benchmarks/run.py --sizes 1000 --json

Every figure is measured in this run, in fresh processes, and reported as a ratio to the floor:
reading every file and parsing it with libyaml's CSafeLoader, nothing else. The floor, cold lint
and export are each the best of three runs; warm lint the best of five, each after its own edit,
for two kinds of edit: a name (no catalogue rule reads it) and a review date (the time rules do).
The site is built from each catalogue (`catalogue site`) and its models table loaded in Chromium,
served on 127.0.0.1: the first render, a search and a class filter are each the best of three loads.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
REPEATS = 3  # the floor, cold lint and export: the best of this many runs
WARM_RUNS = 5  # the warm figure is the best of these, each after its own one-file change
SITE_RUNS = 3  # the table page's first render and filters: the best of this many page loads
SELECT_PROCESSES = 3  # the library select: the best of 20 runs in each of this many processes

from synthetic import write_catalogue  # noqa: E402

FLOOR = """
import sys, time, yaml
from pathlib import Path
files = sorted(Path(sys.argv[1]).rglob("*.yaml"))
start = time.perf_counter()
for path in files:
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
print(time.perf_counter() - start)
"""


def timed(command: list[str], cwd: Path) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in MiB of the main process, exit code) of one fresh process."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "lint")}  # this checkout's package, installed or not
    # As a user's Python does, the first run writes each module's bytecode and later runs load it; with
    # PYTHONDONTWRITEBYTECODE set (some sandboxes and containers), every run would compile afresh the
    # modules that have none, which is not what a warm run costs anywhere else.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def best(runs: list[tuple[float, int, int]]) -> tuple[float, int]:
    """The fastest run's time, and the largest peak memory of any."""
    return min(run[0] for run in runs), max(run[1] for run in runs)


# One-file edits a warm run follows: a name, which no catalogue rule reads, and a review date, which
# the time rules read (so they run again).
EDITS = {
    "name": ("name: Model {n}\n", "name: Model {n} v2\n", 1),
    "review": ("last_reviewed: 2026-11-01\n", "last_reviewed: 2026-11-02\n", 1 + WARM_RUNS),
}


def edits(base: Path, kind: str) -> Iterator[None]:
    """Before each warm run, one model changed (a different one each time, as a contributor would)."""
    old, new, first = EDITS[kind]
    for number in range(first, first + WARM_RUNS):
        changed = base / f"catalogue/models/model-{number:06d}.yaml"
        text = changed.read_text()
        assert old.format(n=number) in text
        changed.write_text(text.replace(old.format(n=number), new.format(n=number), 1))
        yield


def entry_size(folder: Path) -> int:
    """The median size of the model files, in bytes."""
    return int(statistics.median(path.stat().st_size for path in folder.glob("*.yaml")))


def catalogue(*args: str) -> list[str]:
    return [sys.executable, "-m", "llm_class_catalogue", *args]


def measure(size: int, work: Path, compare: bool) -> dict[str, float]:
    """One catalogue size: the floor, then the linter cold, warm and exporting, each in a fresh process."""
    base = work / f"catalogue-{size}"
    write_catalogue(base, size)
    cache = base / ".catalogue-cache"
    floor = min(
        float(
            subprocess.run(
                [sys.executable, "-c", FLOOR, str(base / "catalogue")], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(REPEATS)
    )
    export_runs, cold_runs = [], []
    for _ in range(REPEATS):  # export and lint alternate, so both see the same machine
        shutil.rmtree(cache, ignore_errors=True)
        export_runs.append(timed(catalogue("export", "--today", "2026-11-28", "-o", str(work / "out.json")), base))
        shutil.rmtree(cache, ignore_errors=True)
        cold_runs.append(timed(catalogue("lint", "--today", "2026-11-28"), base))
    assert all(run[2] == 0 for run in export_runs + cold_runs), "lint or export failed on the synthetic catalogue"
    warm_runs = {
        kind: [timed(catalogue("lint", "--today", "2026-11-28"), base) for _ in edits(base, kind)] for kind in EDITS
    }
    (exported, export_rss), (cold, cold_rss) = best(export_runs), best(cold_runs)
    (warm_name, name_rss), (warm_review, review_rss) = best(warm_runs["name"]), best(warm_runs["review"])
    row = {
        "entries": size,
        "median_entry_bytes": entry_size(base / "catalogue/models"),
        "floor_s": floor,
        "lint_cold_s": cold,
        "lint_warm_name_changed_s": warm_name,
        "lint_warm_review_changed_s": warm_review,
        "export_cold_s": exported,
        "peak_rss_mib": max(cold_rss, name_rss, review_rss, export_rss),
    }
    site = work / f"site-{size}"
    row["site_build_s"], _, code = timed(catalogue("site", "--today", "2026-11-28", "-o", str(site)), base)
    assert code == 0, "catalogue site failed on the synthetic catalogue"
    row.update(site_figures(site) or {})
    if compare:
        files = sorted(str(p) for p in (base / "catalogue/models").glob("*.yaml"))
        checker = shutil.which("check-jsonschema")
        if checker:
            row["check_jsonschema_s"], _, _ = timed(
                [checker, "--schemafile", str(REPO / "schema/model.schema.json"), *files], base
            )
    return row


# The five queries, as CLI flags and as the reader's keywords (`catalogue select` on an export).
SELECT_QUERIES = [
    ["--class", "reasoning", "--needs", "tools", "--min-context", "200000", "--tokens", "30000:4000"],
    ["--class", "chat", "--needs", "tools", "--max-price-out", "2"],
    ["--open-weights", "--max-params", "4B", "--min-context", "32000", "--license", "permissive"],
    ["--class", "embedding", "--open-weights", "--max-dimensions", "1024", "--min-embedding-input", "8000"],
    ["--min-context", "1000000", "--tokens", "500000:2000"],
]
SELECT_KEYWORDS = [
    {"classes": ["reasoning"], "needs": ["tools"], "min_context": 200000, "tokens": "30000:4000"},
    {"classes": ["chat"], "needs": ["tools"], "max_price_out": 2},
    {"open_weights": True, "max_params": "4B", "min_context": 32000, "license": ["permissive"]},
    {"classes": ["embedding"], "open_weights": True, "max_dimensions": 1024, "min_embedding_input": 8000},
    {"min_context": 1000000, "tokens": "500000:2000"},
]
LIBRARY = """
import json, sys, time
from llm_class_catalogue import reader
catalogue = reader.load(sys.argv[1])
figures = []
for keywords in json.loads(sys.argv[2]):
    catalogue.select(**keywords)  # the first run of a query makes the fact columns it reads
    runs = []
    for _ in range(20):
        start = time.perf_counter()
        catalogue.select(**keywords)
        runs.append(time.perf_counter() - start)
    figures.append(min(runs))
print(json.dumps(figures))
"""
PARSE_FLOOR = "import json, sys; json.load(open(sys.argv[1], encoding='utf-8'))"


def measure_select(size: int, work: Path) -> dict[str, Any]:
    """`select` on a synthetic export of `size` models: the library per query after `load` (best of 20 in
    each of three processes), and the CLI in a fresh process against starting Python and parsing the
    export (best of three)."""
    # Made in a child process: the 75 MB document would otherwise stay in this one, and a child's peak
    # memory, as wait4 reports it, counts the pages it shared with this process before exec.
    export = work / f"export-{size}.json"
    subprocess.run([sys.executable, str(HERE / "synthetic_export.py"), str(export), str(size)], check=True)
    processes = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", LIBRARY, str(export), json.dumps(SELECT_KEYWORDS)],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONPATH": str(REPO / "lint")},
            ).stdout
        )
        for _ in range(SELECT_PROCESSES)
    ]
    library = [min(figures) for figures in zip(*processes, strict=True)]
    floor = min(timed([sys.executable, "-c", PARSE_FLOOR, str(export)], work)[0] for _ in range(3))
    cli = []
    for flags in SELECT_QUERIES:
        command = catalogue("select", "--export", str(export), "--format", "json", *flags)
        answer = subprocess.run(
            command, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO / "lint")}
        )
        assert answer.returncode in (0, 1) and "results" in json.loads(answer.stdout), f"select failed: {answer.stderr}"
        cli.append(min(timed(command, work)[0] for _ in range(3)))
    return {"models": size, "library_ms": [f * 1000 for f in library], "parse_floor_s": floor, "cli_s": cli}


def select_targets(row: dict[str, Any]) -> list[tuple[str, str, bool]]:
    slowest, cli = max(row["library_ms"]), max(row["cli_s"])
    return [
        ("library select after load <= 5 ms per query (the slowest)", f"{slowest:.1f} ms", slowest <= 5),
        (
            "CLI select <= 1.5x starting Python and parsing the export (the slowest)",
            f"{cli / row['parse_floor_s']:.2f}x",
            cli <= 1.5 * row["parse_floor_s"],
        ),
    ]


def select_table(row: dict[str, Any]) -> str:
    lines = [
        f"`catalogue select` on an export of {row['models']:,} models (parse floor {row['parse_floor_s']:.2f} s):",
        "",
        "| query | library | CLI |",
        "| --- | ---: | ---: |",
    ]
    for flags, library, cli in zip(SELECT_QUERIES, row["library_ms"], row["cli_s"], strict=True):
        lines.append(f"| `{' '.join(flags)}` | {library:.1f} ms | {cli:.2f} s ({cli / row['parse_floor_s']:.2f}x) |")
    lines += ["", "Targets:", ""]
    lines += [f"- {what}: {got} ({'met' if met else 'NOT met'})" for what, got, met in select_targets(row)]
    return "\n".join(lines)


# In the models table page, after it has drawn: how long typing a search and choosing a class take (the
# script filters, sorts and redraws synchronously in the input event, so the time around it is the cost),
# and the longest task the page ran while loading (a freeze is a long task).
SITE_PROBE = """() => {
  const q = document.getElementById("q"), cls = document.getElementById("class");
  let t = performance.now();
  q.value = "model 12"; q.dispatchEvent(new Event("input", {bubbles: true}));
  const search = performance.now() - t;
  q.value = ""; q.dispatchEvent(new Event("input", {bubbles: true}));
  t = performance.now();
  cls.value = "long-context"; cls.dispatchEvent(new Event("change", {bubbles: true}));
  const filter = performance.now() - t;
  return {first: window.catalogueReady, search, filter, longest: window.longestTask || 0,
          rows: document.querySelectorAll("#models tbody tr").length};
}"""
LONG_TASKS = """window.longestTask = 0;
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.longestTask = Math.max(window.longestTask, e.duration);
}).observe({type: "longtask", buffered: true});"""


def site_figures(folder: Path) -> dict[str, float] | None:
    """The built site's table page in Chromium (tests/browser.py), served on 127.0.0.1: the first render
    (navigation start to the first rows drawn), a search and a class filter, in ms; None without a browser."""
    sys.path.insert(0, str(REPO / "tests"))
    from browser import browser, chromium, serve  # the tests' own browser setup

    if chromium() is None:
        return None
    runs = []
    with serve(folder) as url, browser() as chrome:
        for _ in range(SITE_RUNS):
            page = chrome.new_page(viewport={"width": 1280, "height": 900})
            page.add_init_script(LONG_TASKS)
            page.goto(url + "models.html")
            page.wait_for_selector("html[data-ready=models]")
            runs.append(page.evaluate(SITE_PROBE))
            page.close()
    return {
        "site_first_render_ms": min(run["first"] for run in runs),
        "site_search_ms": min(run["search"] for run in runs),
        "site_class_filter_ms": min(run["filter"] for run in runs),
        "site_longest_task_ms": min(run["longest"] for run in runs),
    }


def startup() -> float:
    """`catalogue lint` on the real catalogue, warm, interpreter start included (best of three)."""
    timed(catalogue("lint", "--ignore", "T"), REPO)
    return min(timed(catalogue("lint", "--ignore", "T"), REPO)[0] for _ in range(3))


def _cell(row: dict[str, float], key: str) -> str:
    """Seconds and the ratio to the floor measured in the same run."""
    return f"{row[key]:.2f} s ({row[key] / row['floor_s']:.2f}x)" if key in row else "not run"


def targets(row: dict[str, float], real: float) -> list[tuple[str, str, bool]]:
    """Issue #8's targets, each as (what, measured, met), for one catalogue size."""
    floor, cold = row["floor_s"], row["lint_cold_s"]
    warm = max(row["lint_warm_name_changed_s"], row["lint_warm_review_changed_s"])
    found = [
        ("cold lint <= 1.5x floor", f"{cold / floor:.2f}x", cold <= 1.5 * floor),
        ("warm lint, 1 changed <= 0.15x floor (the slower edit)", f"{warm / floor:.2f}x", warm <= 0.15 * floor),
        ("export <= 1.2x cold lint", f"{row['export_cold_s'] / cold:.2f}x", row["export_cold_s"] <= 1.2 * cold),
        ("real catalogue lint < 0.5 s", f"{real:.2f} s", real < 0.5),
        ("peak memory < 300 MB", f"{row['peak_rss_mib']} MiB", row["peak_rss_mib"] * 2**20 < 300e6),
    ]
    if "site_first_render_ms" in row:
        first, slowest = row["site_first_render_ms"], max(row["site_search_ms"], row["site_class_filter_ms"])
        found.append(("site: table's first render < 1 s", f"{first:.0f} ms", first < 1000))
        found.append(("site: a search or filter < 100 ms (no freeze)", f"{slowest:.0f} ms", slowest < 100))
    if "check_jsonschema_s" in row:
        speedup = row["check_jsonschema_s"] / cold
        found.append(("cold lint >= 8x faster than check-jsonschema", f"{speedup:.1f}x", speedup >= 8))
    return found


def table(rows: list[dict[str, float]], real: float, target_size: int) -> str:
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "",
        "| entries | median entry | floor | lint cold | lint warm, a name edited | lint warm, a review date edited "
        "| export cold | check-jsonschema | peak RSS |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['entries']:,} | {row['median_entry_bytes']:,} B | {row['floor_s']:.2f} s "
            f"| {_cell(row, 'lint_cold_s')} | {_cell(row, 'lint_warm_name_changed_s')} "
            f"| {_cell(row, 'lint_warm_review_changed_s')} | {_cell(row, 'export_cold_s')} "
            f"| {_cell(row, 'check_jsonschema_s')} | {row['peak_rss_mib']} MiB |"
        )
    lines += ["", f"`catalogue lint` on the real catalogue, interpreter start included: {real:.2f} s", ""]
    lines += [
        "| entries | site build | table: first render | a search | a class filter | longest task while loading |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['entries']:,} | {row['site_build_s']:.2f} s | "
            + (
                f"{row['site_first_render_ms']:.0f} ms | {row['site_search_ms']:.0f} ms | "
                f"{row['site_class_filter_ms']:.0f} ms | {row['site_longest_task_ms']:.0f} ms |"
                if "site_first_render_ms" in row
                else "not run (no Chromium) | | | |"
            )
        )
    for row in rows:
        if row["entries"] == target_size:
            lines += ["", f"Targets at {target_size:,} entries:", ""]
            lines += [f"- {what}: {got} ({'met' if met else 'NOT met'})" for what, got, met in targets(row, real)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated catalogue sizes")
    parser.add_argument(
        "--compare-at",
        type=int,
        default=10000,
        help="judge the targets and run check-jsonschema at this size (0: never)",
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--select-models", type=int, default=10000, help="models in the select benchmark's export")
    parser.add_argument("--select-only", action="store_true", help="only the select figures (seconds, not minutes)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="catalogue-bench-") as folder:
        selected = measure_select(args.select_models, Path(folder))
        if args.select_only:
            if args.json:
                targets_ = [{"target": w, "measured": g, "met": m} for w, g, m in select_targets(selected)]
                print(json.dumps({"select": selected, "targets": targets_}, indent=2))
            else:
                print(select_table(selected))
            return
        rows = [measure(int(size), Path(folder), int(size) == args.compare_at) for size in args.sizes.split(",")]
    real = startup()
    if args.json:
        print(
            json.dumps(
                {
                    "machine": platform.machine(),
                    "cores": os.cpu_count(),
                    "results": rows,
                    "real_catalogue_lint_s": real,
                    "select": selected,
                    "targets": [
                        {"target": what, "measured": got, "met": met}
                        for row in rows
                        if row["entries"] == args.compare_at
                        for what, got, met in targets(row, real)
                    ]
                    + [{"target": w, "measured": g, "met": m} for w, g, m in select_targets(selected)],
                },
                indent=2,
            )
        )
    else:
        print(table(rows, real, args.compare_at) + "\n\n" + select_table(selected))


if __name__ == "__main__":
    main()
