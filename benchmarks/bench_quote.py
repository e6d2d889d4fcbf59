"""Quote speed at national scale, against two time-expanded baselines in the same run.

    .venv/bin/python benchmarks/bench_quote.py --preset national --seed 7 --queries 1000 --json

Generates the network (or reuses it from benchmarks/.cache, see network_cache.py), compiles it with the
generator's agreements as the handover policy (the production default), writes it as a
snapshot and reads it back by memory-mapping (what the CLI and API workers do), then times
QUERIES seeded random district pairs on the read-back planner, each with a seeded weight and,
for half of them, dimensions, ready at 2026-11-27 09:00 WIB, max_handovers 2: the full Pareto
answer. Then one one-to-all tariff book. The baselines (benchmarks/te_baseline.py) answer
earliest-arrival only over a 3-day time-expanded graph, on the first BASELINE pairs: scipy's
compiled Dijkstra (the headline ratio) and networkx (pure Python). The last line is the JSON
summary.
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

from network_cache import network_folder
from te_baseline import TimeExpandedBaseline

from jalin.geo import get_atlas
from jalin.network.agreements import read_agreements
from jalin.network.validator import validate_feed
from jalin.routing import CompiledNetwork, HandoverPolicy, Planner, QuoteRequest
from jalin.routing.arrayfile import ArrayFile, write_arrays

READY = datetime(2026, 11, 27, 9, 0, tzinfo=timezone(timedelta(hours=7)))
CACHE = Path(__file__).resolve().parent / ".cache"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def load_network(preset: str, seed: int):  # type: ignore[no-untyped-def]
    atlas = get_atlas()
    folder = network_folder(atlas, preset, seed)  # keyed by the generator's code and parameters
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
    ap.add_argument("--no-networkx", action="store_true", help="skip the (slow) networkx baseline")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    atlas, feeds, agreements = load_network(args.preset, args.seed)
    policy = HandoverPolicy.from_pairs(agreements)
    t0 = time.perf_counter()
    compiled = CompiledNetwork(feeds)
    built = Planner(compiled, policy)
    compile_s = time.perf_counter() - t0
    compile_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    snap = CACHE / "snapshot"
    snap.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    write_arrays(snap / "network.arr", *compiled.to_arrays())
    write_arrays(snap / "agreements.arr", *built.to_arrays())
    write_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    nf, pf = ArrayFile(snap / "network.arr"), ArrayFile(snap / "agreements.arr")
    planner = Planner.from_arrays(CompiledNetwork.from_arrays(nf, nf.meta), policy, pf, pf.meta)
    load_s = time.perf_counter() - t0
    snapshot_mb = (snap / "network.arr").stat().st_size / 1e6 + (snap / "agreements.arr").stat().st_size / 1e6
    del built
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
    baseline.build_scipy()
    build_s = time.perf_counter() - t
    pairs = reqs[: args.baseline]
    compiled_times, compiled_answers = [], []
    for r in pairs:
        t = time.perf_counter()
        compiled_answers.append(baseline.earliest_compiled(r.origin, r.destination))
        compiled_times.append((time.perf_counter() - t) * 1000)
    nx_times, nx_answers = [], []
    if not args.no_networkx:
        baseline.build_networkx()
        for r in pairs:
            t = time.perf_counter()
            nx_answers.append(baseline.earliest(r.origin, r.destination))
            nx_times.append((time.perf_counter() - t) * 1000)
    ours = times[: len(pairs)]

    p50 = statistics.median(times)
    result = {
        "compile_s": round(compile_s, 2),
        "compile_rss_mb": round(compile_rss_mb),
        "snapshot_mb": round(snapshot_mb),
        "snapshot_write_s": round(write_s, 2),
        "snapshot_load_s": round(load_s, 3),
        "rss_mb": round(rss_mb),
        "p50_ms": round(p50, 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "p99_ms": round(percentile(times, 0.99), 2),
        "one_to_all_s": round(one_to_all_s, 3),
        "planner_p50_on_baseline_pairs_ms": round(statistics.median(ours), 2),
        "compiled_baseline": {
            "name": "scipy.sparse.csgraph.dijkstra (multi-source, min_only), time-expanded, earliest "
            f"arrival only, 3-day window, first {len(pairs)} pairs",
            "p50_ms": round(statistics.median(compiled_times), 2),
            "p95_ms": round(percentile(compiled_times, 0.95), 2),
        },
        "speedup_p50": round(statistics.median(compiled_times) / statistics.median(ours), 1),
    }
    if nx_times:
        result["networkx_baseline"] = {
            "name": f"networkx Dijkstra over the same graph, first {len(pairs)} pairs",
            "p50_ms": round(statistics.median(nx_times), 2),
            "p95_ms": round(percentile(nx_times, 0.95), 2),
            "answers_equal_to_compiled": sum(
                a == b for a, b in zip(nx_answers, compiled_answers, strict=True)
            ),
        }
        result["speedup_p50_vs_networkx"] = round(statistics.median(nx_times) / statistics.median(ours), 1)
    print(
        f"network: {len(feeds)} carriers, {compiled.n_facilities:,} facilities, {compiled.n_runs:,} runs, "
        f"{len(agreements):,} agreements; baseline graph built in {build_s:.1f} s with "
        f"{baseline.n_nodes:,} nodes and {baseline.n_arcs:,} arcs"
    )
    print(f"options per answer: median {statistics.median(n_options)}, max {max(n_options)}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
