"""Feed validation and network generation at national scale.

    .venv/bin/python benchmarks/bench_feed.py [--seed 7] [--json]

1. Generates the `national` preset (timed, written to a temporary folder).
2. Folds every carrier into one feed of >= 200,000 runs (facility ids prefixed by carrier)
   and validates it in a fresh process, reporting wall time, CPU time (steadier than wall
   when other processes share the cores) and that process's peak RSS.
3. Baseline in the same run, on the same files: only reading them with the csv module
   (no checks at all), i.e. the floor any Python validator starts from.
The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import jalin
from jalin.geo import get_atlas
from jalin.network.generator import generate, write_network
from jalin.network.model import Endpoint, Feed, FeedInfo
from jalin.network.writer import write_feed

_CHILD = """
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
import jalin
from jalin.geo import get_atlas
from jalin.network.validator import validate_feed
atlas = get_atlas()
t1, c1 = time.perf_counter(), time.process_time()
result = validate_feed(Path(sys.argv[1]), atlas)
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"code": jalin.__file__,
                  "validate_s": round(t2 - t1, 2), "validate_cpu_s": round(c2 - c1, 2),
                  "atlas_s": round(t1 - t0, 2),
                  "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  "errors": result.to_dict()["summary"]["errors"],
                  "runs": len(result.feed.runs) if result.feed else 0}))
"""


def fold(feeds: list[Feed]) -> Feed:
    """One carrier holding every carrier's network (ids prefixed so they stay unique)."""
    first = feeds[0].info
    big = Feed(FeedInfo("BIGFEED", "All carriers", first.feed_version, first.valid_from, first.valid_until))
    for f in feeds:
        c = f.carrier_id
        for s in f.services.values():
            big.services[f"{c}_{s.service_id}"] = replace(s, service_id=f"{c}_{s.service_id}")
        for fac in f.facilities.values():
            big.facilities[f"{c}_{fac.facility_id}"] = replace(fac, facility_id=f"{c}_{fac.facility_id}")

        def ep(e: Endpoint, c: str = c) -> Endpoint:
            return e if e.is_area else Endpoint(facility_id=f"{c}_{e.facility_id}")

        for r in f.runs:
            big.runs.append(
                replace(
                    r,
                    run_id=f"{c}_{r.run_id}",
                    service_id=f"{c}_{r.service_id}",
                    origin=ep(r.origin),
                    destination=ep(r.destination),
                )
            )
        for cal in f.calendar:
            big.calendar.append(replace(cal, service_id=f"{c}_{cal.service_id}"))
    return big


def csv_floor(folder: Path) -> float:
    t0 = time.perf_counter()
    for name in ("services.csv", "facilities.csv", "runs.csv", "calendar_dates.csv"):
        with (folder / name).open(newline="", encoding="utf-8") as fh:
            for _ in csv.reader(fh):
                pass
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    atlas = get_atlas()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        network = generate(atlas, preset="national", seed=args.seed)
        gen_s = time.perf_counter() - t0
        write_network(network, Path(tmp) / "national")
        gen_write_s = time.perf_counter() - t0
        big = write_feed(fold(network.feeds), Path(tmp) / "big")
        # `python -c` puts its working directory first on the import path: run the child where
        # this process's jalin is, or at_commit.py would time today's validator as the old one.
        child = subprocess.run(
            [sys.executable, "-c", _CHILD, str(big)],
            check=True,
            capture_output=True,
            text=True,
            cwd=Path(jalin.__file__).resolve().parents[1],
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        floor = csv_floor(big)
    result = {
        "national": {
            "carriers": len(network.feeds),
            "facilities": sum(len(f.facilities) for f in network.feeds),
            "runs": sum(len(f.runs) for f in network.feeds),
            "agreements": len(network.agreements),
            "generate_s": round(gen_s, 2),
            "generate_and_write_s": round(gen_write_s, 2),
        },
        "one_feed": {
            **figures,
            "baseline": {"name": "csv.reader only, no checks", "read_s": round(floor, 2)},
        },
    }
    if not args.json:
        n, o = result["national"], result["one_feed"]
        print(
            f"national: {n['carriers']} carriers, {n['facilities']:,} facilities, {n['runs']:,} runs; "
            f"generated in {n['generate_s']} s, written in {n['generate_and_write_s']} s"
        )
        print(
            f"one feed of {o['runs']:,} runs: validated in {o['validate_s']} s "
            f"({o['validate_cpu_s']} s CPU), peak RSS {o['rss_mb']} MB, "
            f"{o['errors']} errors (csv-only floor {o['baseline']['read_s']} s)"
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
