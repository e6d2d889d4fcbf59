"""Quote speed at national scale, against a networkx time-expanded baseline in the same run.

    .venv/bin/python benchmarks/bench_quote.py --preset national --seed 7 --queries 1000 --json

Generates the network (or reuses benchmarks/.cache/PRESET-SEED), compiles it with the
generator's agreements as the handover policy (the production default), then times QUERIES
seeded random district pairs, each with a seeded weight and, for half of them, dimensions,
ready at 2026-11-27 09:00 WIB, max_handovers 2: the full Pareto answer. Then one one-to-all
tariff book. The baseline (benchmarks/te_baseline.py) answers earliest-arrival only over a
3-day time-expanded graph, on the first BASELINE pairs. The last line is the JSON summary.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from te_baseline import TimeExpandedBaseline

from jalin.geo import get_atlas
from jalin.network.agreements import read_agreements
from jalin.network.generator import generate, write_network
from jalin.network.validator import validate_feed
from jalin.routing import CompiledNetwork, HandoverPolicy, Planner, QuoteRequest

READY = datetime(2026, 11, 27, 9, 0, tzinfo=timezone(timedelta(hours=7)))
CACHE = Path(__file__).resolve().parent / ".cache"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def load_network(preset: str, seed: int):  # type: ignore[no-untyped-def]
    atlas = get_atlas()
    folder = CACHE / f"{preset}-{seed}"
    if not (folder / "agreements.csv").exists():
        write_network(generate(atlas, preset=preset, seed=seed), folder)
    feeds = [validate_feed(p, atlas).feed for p in sorted(folder.iterdir()) if p.is_dir()]
    agreements = [(a.carrier_a, a.carrier_b, a.fee) for a in read_agreements(folder / "agreements.csv")]
    return atlas, feeds, agreements


def requests(atlas, n: int, seed: int) -> list[QuoteRequest]:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    districts = [d.code for d in atlas.districts()]
    out = []
    for _ in range(n):
        dims = None
        if rng.random() < 0.5:
            dims = tuple(Decimal(rng.randint(5, 60)) for _ in range(3))
        out.append(
            QuoteRequest(
                rng.choice(districts), rng.choice(districts), Decimal(rng.randint(1, 300)) / 10, READY, dims
            )
        )  # type: ignore[arg-type]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--preset", default="national")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--baseline", type=int, default=30, help="pairs timed on the baseline")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    atlas, feeds, agreements = load_network(args.preset, args.seed)
    t0 = time.perf_counter()
    compiled = CompiledNetwork(feeds)
    planner = Planner(compiled, HandoverPolicy.from_pairs(agreements))
    compile_s = time.perf_counter() - t0
    reqs = requests(atlas, args.queries, args.seed)
    planner.quote(reqs[0])  # load the numba kernels (cached on disk after the first run)
    planner.one_to_all(reqs[0])

    times, n_options = [], []
    for r in reqs:
        t = time.perf_counter()
        options, _ = planner.quote(r)
        times.append((time.perf_counter() - t) * 1000)
        n_options.append(len(options))
    t = time.perf_counter()
    planner.tariff(reqs[0], [d.code for d in atlas.districts()])
    one_to_all_s = time.perf_counter() - t
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    t = time.perf_counter()
    baseline = TimeExpandedBaseline(compiled, int(READY.timestamp()), days=3)
    build_s = time.perf_counter() - t
    base_times, base_ours = [], []
    for r in reqs[: args.baseline]:
        t = time.perf_counter()
        baseline.earliest(r.origin, r.destination)
        base_times.append((time.perf_counter() - t) * 1000)
    base_ours = times[: args.baseline]

    p50 = statistics.median(times)
    result = {
        "compile_s": round(compile_s, 2),
        "rss_mb": round(rss_mb),
        "p50_ms": round(p50, 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "p99_ms": round(percentile(times, 0.99), 2),
        "one_to_all_s": round(one_to_all_s, 3),
        "baseline": {
            "name": f"networkx time-expanded Dijkstra, earliest arrival only, 3-day window, "
            f"first {len(base_times)} pairs",
            "p50_ms": round(statistics.median(base_times), 2),
            "p95_ms": round(percentile(base_times, 0.95), 2),
        },
        "speedup_p50": round(statistics.median(base_times) / statistics.median(base_ours), 1),
    }
    print(
        f"network: {len(feeds)} carriers, {compiled.n_facilities:,} facilities, {compiled.n_runs:,} runs, "
        f"{len(agreements):,} agreements; baseline graph built in {build_s:.1f} s with "
        f"{baseline.graph.number_of_edges():,} arcs"
    )
    print(
        f"options per answer: median {statistics.median(n_options)}, max {max(n_options)}; "
        f"planner p50 on the baseline's pairs {statistics.median(base_ours):.2f} ms"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
