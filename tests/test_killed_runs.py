"""A run killed at any moment leaves no worker process and, after the next run, no temporary file."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from helpers import TODAY

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic import write_catalogue  # noqa: E402

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds processes through /proc")
TRIALS = 16


def tagged(tag: str) -> list[int]:
    """The processes whose environment carries `tag` (the run and any worker it forked)."""
    found = []
    for item in Path("/proc").iterdir():
        if item.name.isdigit():
            try:
                if tag.encode() in (item / "environ").read_bytes():
                    found.append(int(item.name))
            except OSError:
                continue
    return found


def gone(tag: str, within: float = 5.0) -> list[int]:
    deadline = time.monotonic() + within
    while (left := tagged(tag)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def test_killing_a_cold_export_at_random_moments_leaves_nothing_behind(tmp_path: Path) -> None:
    base = tmp_path / "big"
    write_catalogue(base, 450)  # over the pool threshold: a cold run starts worker processes
    tag = f"CATALOGUE_KILL_TEST={uuid.uuid4().hex}"
    env = {**os.environ, tag.split("=")[0]: tag.split("=")[1]}
    command = [sys.executable, "-m", "llm_class_catalogue", "export", "--root", str(base / "catalogue")]
    command += ["--today", TODAY.isoformat()]
    start = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True)
    took = time.monotonic() - start
    rng = random.Random(19)
    try:
        for trial in range(TRIALS):
            shutil.rmtree(base / ".catalogue-cache", ignore_errors=True)  # cold: the worker pool runs
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.1, 1.0) * took)
            process.send_signal(signal.SIGKILL if trial % 2 else signal.SIGTERM)
            code = process.wait(timeout=30)
            assert code in (0, -signal.SIGKILL, -signal.SIGTERM, 128 + signal.SIGTERM), code  # - : before the handler
            assert gone(tag) == [], f"trial {trial}: processes outlived the killed run"
        subprocess.run(command, env=env, check=True, capture_output=True)  # the next run
        assert gone(tag) == []
        left = [p.name for folder in ("export", ".catalogue-cache") for p in (base / folder).glob(".*.tmp")]
        assert left == []
    finally:
        for pid in tagged(tag):
            os.kill(pid, signal.SIGKILL)
