"""Run a benchmark several times and report the median of every figure of its JSON summary.

    .venv/bin/python benchmarks/repeat.py --runs 3 -- benchmarks/bench_quote.py --preset national --json

Each run is a fresh process (nothing warm carries over but the disk caches); the benchmark's
last output line must be its JSON summary. Prints each run's summary, then one JSON object with,
for every numeric figure, the median over the runs (the p95 in docs/benchmarks.md is this median
of at least three runs) and the spread (min, max).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from typing import Any


def _numbers(d: dict[str, Any], prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(_numbers(v, f"{prefix}{k}."))
        elif isinstance(v, int | float) and not isinstance(v, bool):
            out[f"{prefix}{k}"] = float(v)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("command", nargs=argparse.REMAINDER, help="-- script.py [its arguments]")
    args = ap.parse_args()
    command = [a for a in args.command if a != "--"]
    if args.runs < 1 or not command:
        ap.error("give --runs >= 1 and the benchmark after --")
    runs = []
    for i in range(args.runs):
        out = subprocess.run([sys.executable, *command], check=True, capture_output=True, text=True).stdout
        summary = json.loads(out.strip().splitlines()[-1])
        print(f"run {i + 1}: {json.dumps(summary)}", flush=True)
        runs.append(_numbers(summary))
    keys = sorted(set.intersection(*(set(r) for r in runs)))
    print(
        json.dumps(
            {
                "runs": args.runs,
                "median": {k: round(statistics.median(r[k] for r in runs), 3) for k in keys},
                "min": {k: min(r[k] for r in runs) for k in keys},
                "max": {k: max(r[k] for r in runs) for k in keys},
            }
        )
    )


if __name__ == "__main__":
    main()
