"""Mutation fuzz of the loader against PyYAML and ruamel.yaml; not part of the pytest run.

    .venv/bin/python tests/fuzz/yaml_fuzz.py --cases 100000 [--seed 19]

Each case is a line of a real model entry with its value mutated. A case passes when our loader
refuses it (an S code) or every reader in tests/yaml_oracle.py gives the value our loader gave.
Prints the distinct disagreements (by the mutated value) and exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from llm_class_catalogue.validation.yaml_loader import parse_yaml  # noqa: E402
from yaml_oracle import disagreement, entry_lines, mutate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=19)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    lines = entry_lines()
    found: dict[str, str] = {}
    refused = 0
    started = time.perf_counter()
    for _ in range(arguments.cases):
        text = mutate(rng.choice(lines), rng)
        problem = disagreement(text)
        if problem is not None:
            found.setdefault(text, problem)
        elif parse_yaml(text, "x.yaml").diagnostics:
            refused += 1
    elapsed = time.perf_counter() - started
    for text, problem in sorted(found.items()):
        print(f"{text!r}: {problem}")
    print(
        f"{arguments.cases} cases from {len(lines)} entry lines (seed {arguments.seed}) in {elapsed:.0f} s: "
        f"{refused} refused, {len(found)} distinct disagreements"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
