"""Benchmark: the linter against the YAML parse floor, on synthetic catalogues of growing size.

    python benchmarks/run.py                  # 1k, 10k and 50k entries
    python benchmarks/run.py --sizes 1000 --json

Every figure is measured in this run, in fresh processes, and reported as a ratio to the floor:
reading every file and parsing it with libyaml's CSafeLoader, nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

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
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def catalogue(*args: str) -> list[str]:
    return [sys.executable, "-m", "lint", *args]


def measure(size: int, work: Path, compare: bool) -> dict[str, float]:
    base = work / f"catalogue-{size}"
    write_catalogue(base, size)
    cache = base / ".catalogue-cache"
    floor = float(
        subprocess.run(
            [sys.executable, "-c", FLOOR, str(base / "catalogue")], capture_output=True, text=True, check=True
        ).stdout
    )
    shutil.rmtree(cache, ignore_errors=True)
    cold, cold_rss, code = timed(catalogue("lint", "--today", "2026-11-28"), base)
    assert code == 0, f"lint failed on the synthetic catalogue ({code})"
    changed = base / "catalogue/models/model-000001.yaml"
    changed.write_text(changed.read_text().replace("Model 1\n", "Model 1 (renamed)\n", 1))
    warm, warm_rss, _ = timed(catalogue("lint", "--today", "2026-11-28"), base)
    shutil.rmtree(cache, ignore_errors=True)
    exported, export_rss, code = timed(catalogue("export", "--today", "2026-11-28", "-o", str(work / "out.json")), base)
    assert code == 0, "export failed"
    row = {
        "entries": size,
        "floor_s": floor,
        "lint_cold_s": cold,
        "lint_warm_one_changed_s": warm,
        "export_cold_s": exported,
        "peak_rss_mib": max(cold_rss, warm_rss, export_rss),
    }
    if compare:
        files = sorted(str(p) for p in (base / "catalogue/models").glob("*.yaml"))
        checker = shutil.which("check-jsonschema")
        if checker:
            row["check_jsonschema_s"], _, _ = timed(
                [checker, "--schemafile", str(REPO / "schema/model.schema.json"), *files], base
            )
    return row


def startup() -> float:
    """`catalogue lint` on the real catalogue, warm, interpreter start included (best of three)."""
    timed(catalogue("lint", "--ignore", "T"), REPO)
    return min(timed(catalogue("lint", "--ignore", "T"), REPO)[0] for _ in range(3))


def _cell(row: dict[str, float], key: str) -> str:
    """Seconds and the ratio to the floor measured in the same run."""
    return f"{row[key]:.2f} s ({row[key] / row['floor_s']:.2f}x)" if key in row else "not run"


def table(rows: list[dict[str, float]], real: float) -> str:
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "",
        "| entries | floor | lint cold | lint warm (1 changed) | export cold | check-jsonschema | peak RSS |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['entries']:,} | {row['floor_s']:.2f} s | {_cell(row, 'lint_cold_s')} "
            f"| {_cell(row, 'lint_warm_one_changed_s')} | {_cell(row, 'export_cold_s')} "
            f"| {_cell(row, 'check_jsonschema_s')} | {row['peak_rss_mib']} MiB |"
        )
    lines += ["", f"`catalogue lint` on the real catalogue, interpreter start included: {real:.2f} s"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated catalogue sizes")
    parser.add_argument("--compare-at", type=int, default=10000, help="run check-jsonschema at this size (0: never)")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="catalogue-bench-") as folder:
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
                },
                indent=2,
            )
        )
    else:
        print(table(rows, real))


if __name__ == "__main__":
    main()
