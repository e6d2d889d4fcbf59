"""Impact comparison speed at national scale, against per-pair quotes in the same run.

    .venv/bin/python benchmarks/bench_impact.py --seed 7 --rank 3 --json

The national synthetic network (benchmarks/.cache/national-SEED, as bench_quote.py makes it) with
the generator's agreements is today's network; the proposal is the demo's: the post's Jawa
Barat regional office joining with its own feed and a Rp1.500 handover agreement with every
carrier it meets. As the API and the CLI do, today's network is compiled once into snapshot
files (what a publish pays) and read back memory-mapped; the comparison parses no feed but the
newcomer's. Timed, after the numba kernels are loaded:

1. building the snapshot (compiling today's network and its two planners, writing the files:
   once per publish) and reading it back (every process, every question);
2. the full national comparison from the 38 capitals to all 7,285 districts, cold: today, the
   proposal, each carrier alone and every pair open, summed, plus the ranking of RANK
   not-yet-active pairs;
3. the same question again (what a second question in a meeting costs: today's answers are
   cached, the proposal's planners are rebuilt).

Each with its wall time, the process's CPU seconds (all threads) and the load average before
and after (the machine is shared: the wall time depends on the load, the CPU seconds much less).
Baseline: the same comparison asked as per-pair quotes (`Planner.quote`, the full Pareto answer,
fastest and cheapest taken from it) on SAMPLE destinations per origin for today and the proposal,
extrapolated to the full grid; the sampled pairs must agree with the one-to-all grid.
The last line is the JSON summary.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_quote import CACHE, READY, load_network

from jalin.geo import get_resolver
from jalin.impact import Joining, Network, Proposal
from jalin.network.regional_post import regional_post_feed
from jalin.routing import CompiledNetwork, HandoverPolicy, Planner, QuoteRequest
from jalin.routing.arrayfile import ArrayFile, write_arrays
from jalin.services.impact import ImpactInput, Search, Today, carriers_of, grids, run_impact

KG = Decimal(1)


def load() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 1)[0]


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def measured(fn: Callable[[], Any]) -> tuple[Any, dict[str, Any]]:
    before, t0, c0 = load(), time.perf_counter(), cpu()
    out = fn()
    return out, {
        "wall_s": round(time.perf_counter() - t0, 1),
        "cpu_s": round(cpu() - c0, 1),
        "load_before": before,
        "load_after": load(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sample", type=int, default=2, help="destinations per origin for the baseline")
    ap.add_argument("--rank", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    def say(text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')} load {load()}] {text}", file=sys.stderr, flush=True)

    say("loading (parsing) the national network")
    (atlas, feeds, agreements), parse = measured(lambda: load_network("national", args.seed))
    pairs = tuple((a, b, fee, None) for a, b, fee in agreements)
    say(f"{len(feeds)} feeds, {len(agreements)} agreements; building the snapshot")
    policy = HandoverPolicy.from_pairs(list(pairs))
    snap = CACHE / f"impact-snapshot-{args.seed}"
    snap.mkdir(exist_ok=True)

    def build() -> None:
        compiled = CompiledNetwork(feeds)
        write_arrays(snap / "network.arr", *compiled.to_arrays())
        write_arrays(snap / "agreements.arr", *Planner(compiled, policy).to_arrays())
        write_arrays(snap / "open.arr", *Planner(compiled, HandoverPolicy.open()).to_arrays())

    _, snapshot_build = measured(build)

    def read() -> Today:
        nf, af, of = (ArrayFile(snap / f"{p}.arr") for p in ("network", "agreements", "open"))
        net = CompiledNetwork.from_arrays(nf, nf.meta)
        return Today(
            Network(carriers_of(net), pairs),
            net,
            Planner.from_arrays(net, policy, af, af.meta),
            open_planner=Planner.from_arrays(net, HandoverPolicy.open(), of, of.meta),
        )

    today, snapshot_read = measured(read)
    post = next(f for f in feeds if f.carrier_id == "POS")
    jabar = regional_post_feed(post, "32", carrier_id="POSJB", name="Pos Regional Jawa Barat")
    proposal = Proposal(join=(Joining(jabar, 1500),))
    resolver = get_resolver()
    warm = Planner(CompiledNetwork(feeds[:3]), HandoverPolicy.open())  # load the numba kernels
    warm.tariff(QuoteRequest("31.71.01", "31.71.01", KG, READY), ["31.71.01"])
    q = ImpactInput(ready_at=READY.isoformat(), rank=args.rank)

    def ask() -> dict[str, Any]:
        return run_impact(
            today,
            proposal,
            q,
            atlas=atlas,
            resolver=resolver,
            workers=args.workers,
            progress=lambda lap: say(f"comparison: {lap} done"),
        )

    say("the comparison, cold")
    body, cold = measured(ask)
    say(f"cold {cold}; the same question again")
    again, warm_run = measured(ask)
    say(f"again {warm_run}; baseline: per-pair quotes")
    assert again["national"] == body["national"] and again["ranking"] == body["ranking"]

    # Baseline: per-pair quotes on a sample, today and with the proposal.
    after = Planner(
        CompiledNetwork([*feeds, jabar]),
        HandoverPolicy.from_pairs([*pairs, *(p for p in body_pairs(body, jabar.carrier_id))]),
    )
    rng = random.Random(args.seed)
    districts = sorted(a.code for a in atlas.districts())
    origins = tuple(o["code"] for o in body["origins"])
    request = QuoteRequest(origins[0], origins[0], KG, READY)
    g_today, g_after = grids(
        [Search(today.planner, request, origins), Search(after, request, origins)],
        tuple(districts),
        workers=args.workers,
    )
    ready = int(READY.timestamp())
    quotes = mismatches = 0
    base_s = 0.0
    for i, origin in enumerate(origins):
        for dest in rng.sample(districts, args.sample):
            j = districts.index(dest)
            for planner, g in ((today.planner, g_today), (after, g_after)):
                t0 = time.perf_counter()
                options, _ = planner.quote(QuoteRequest(origin, dest, KG, READY))
                base_s += time.perf_counter() - t0
                quotes += 1
                fastest = min((int(o.delivered_at.timestamp()) - ready for o in options), default=-1)
                cheapest = min((o.price for o in options), default=-1)
                if (fastest, cheapest) != (int(g.time_s[i, j]), int(g.price[i, j])):
                    mismatches += 1
    per_quote = base_s / quotes
    full_grid = len(origins) * len(districts) * 2
    summary = {
        "network": {"carriers": len(feeds), "agreements": len(agreements), "origins": len(origins)},
        "parse_feeds": parse,
        "snapshot_build": snapshot_build,
        "snapshot_read": snapshot_read,
        "rank": args.rank,
        "workers": args.workers,
        "comparison_cold": cold,
        "comparison_again": warm_run,
        "timing_cold": body["timing_s"],
        "timing_again": again["timing_s"],
        "baseline_quotes": quotes,
        "baseline_ms_per_quote": round(per_quote * 1000, 1),
        "baseline_full_grid_s_extrapolated": round(per_quote * full_grid),
        "baseline_mismatches": mismatches,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "national": body["national"],
        "scenarios": body["scenarios"],
        "ranking": body["ranking"]["pairs"],
    }
    if not args.json:
        for k, v in summary.items():
            print(f"{k}: {v}")
    print(json.dumps(summary, ensure_ascii=False))


def body_pairs(body: dict[str, Any], joined: str) -> list[tuple[str, str, int, None]]:
    """The agreements the proposal added for the member that joined, from the answer."""
    j = next(x for x in body["proposal"]["join"] if x["carrier_id"] == joined)
    return [(joined, other, j["neighbour_fee"], None) for other in j["agreements_added"]]


if __name__ == "__main__":
    main()
