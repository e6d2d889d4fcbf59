"""Whole-process wall time of `jalin quote`, `jalin coverage` and `jalin geo resolve`, cold and warm.

    .venv/bin/python benchmarks/bench_cli.py --repeat 5

Against the national database (benchmarks/national_db.py: 350 carriers, 67k facilities, 336k
runs, published with the association). Each figure is the wall time of a fresh `jalin`
process, as an operator or a script calling the CLI sees it:

- warm: the snapshot files and the geography cache are present (median of REPEAT calls);
- cold: the first call after a publish, when no snapshot exists yet for the new data (the
  snapshot folder is emptied first): the call parses every active feed, compiles, writes
  the snapshot and answers; shown beside the in-process time of that build alone;
- baseline, in the same run: the same commands as before snapshots existed, i.e. every call
  parsing every feed (a cold call that is never followed by a warm one) and, for geo resolve,
  no geography cache; and the floor, `python -c "import jalin.cli"`.

The last line is the JSON summary.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from national_db import HOME, JALIN, ensure

COMMANDS = {
    "quote": ["quote", "--from", "31.71.06", "--to", "95.01.01", "--weight", "1", "--json"],
    "coverage": ["coverage", "95.01.01", "--json"],
    "geo_resolve": ["geo", "resolve", "jl merdeka 12 kel lalombaa kolaka sultra", "--json"],
}
TARGET_S = {"quote": 1.5, "coverage": 1.0, "geo_resolve": 0.7}


def wall(argv: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def build_seconds(env: dict[str, str]) -> float:
    """In-process time to build (and write) the snapshot and its default planner from the feeds."""
    code = (
        "import time\n"
        "from jalin.geo import get_atlas\n"
        "from jalin.services.network_state import NetworkState\n"
        "from jalin.settings import Settings\n"
        "from jalin.storage.db import make_engine\n"
        "s = Settings(); get_atlas()\n"
        "t = time.perf_counter()\n"
        "NetworkState(make_engine(s.database_url), get_atlas, s.snapshots).snapshot()"
        ".planner(open_handovers=False)\n"
        "print(time.perf_counter() - t)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cold", type=int, default=1, help="cold calls per command")
    args = ap.parse_args()
    env = ensure()
    snapshots = HOME / "var" / "snapshots"
    result: dict[str, object] = {}

    floor = [wall([sys.executable, "-c", "import jalin.cli"], env) for _ in range(args.repeat)]
    result["import_floor_s"] = round(statistics.median(floor), 2)

    # Baseline: no snapshot folder to reuse and no geography cache (a fresh, empty one per call).
    baseline: dict[str, float] = {}
    for name, cmd in COMMANDS.items():
        with tempfile.TemporaryDirectory() as tmp:
            base_env = {**env, "JALIN_SNAPSHOT_DIR": f"{tmp}/s", "JALIN_CACHE_DIR": f"{tmp}/c"}
            baseline[name] = round(wall([JALIN, *cmd], base_env), 2)
    result["baseline_s"] = baseline

    shutil.rmtree(snapshots, ignore_errors=True)
    result["build_s"] = round(build_seconds(env), 2)

    cold: dict[str, float] = {}
    for name in ("quote", "coverage"):
        times = []
        for _ in range(args.cold):
            shutil.rmtree(snapshots, ignore_errors=True)
            times.append(wall([JALIN, *COMMANDS[name]], env))
        cold[name] = round(statistics.median(times), 2)
    result["cold_s"] = cold

    warm: dict[str, dict[str, float]] = {}
    wall([JALIN, *COMMANDS["quote"]], env)  # make sure every file and cache exists
    for name, cmd in COMMANDS.items():
        times = [wall([JALIN, *cmd], env) for _ in range(args.repeat)]
        warm[name] = {"median": round(statistics.median(times), 2), "min": round(min(times), 2)}
    result["warm_s"] = warm
    result["targets_met"] = {
        **{n: warm[n]["median"] <= t for n, t in TARGET_S.items()},
        "cold_quote": cold["quote"] <= result["build_s"] + 1.5,  # type: ignore[operator]
    }
    for name in COMMANDS:
        print(
            f"{name:12} warm median {warm[name]['median']:.2f} s (min {warm[name]['min']:.2f}, "
            f"target {TARGET_S[name]} s); baseline {baseline[name]:.2f} s"
            + (f"; cold {cold[name]:.2f} s" if name in cold else "")
        )
    print(f"snapshot build in process {result['build_s']} s; import floor {result['import_floor_s']} s")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
