"""Impact comparison speed at national scale, against per-pair quotes in the same run.

    .venv/bin/python benchmarks/bench_impact.py --seed 7 --sample 4 --json

The national synthetic network (benchmarks/.cache/national-SEED, as bench_quote.py makes it) with
the generator's agreements is today's network; the proposal is the demo's: the post's Jawa
Barat regional office joining with its own feed and a Rp1.500 handover agreement with every
carrier it meets. Timed, after the numba kernels are loaded:

1. compiling today's network and planner (paid once per snapshot by the server);
2. the full national comparison from the 38 capitals to all 7,285 districts: today, the
   proposal, each carrier alone and the ceiling (every pair open), summed, with a cold cache;
3. the same proposal again on the warm cache (what a second question in a meeting costs);
4. the ranking of RANK not-yet-active pairs on top of (3).

Baseline: the same comparison asked as per-pair quotes (`Planner.quote`, the full Pareto
answer, fastest and cheapest taken from it) on SAMPLE destinations per origin for today and the
proposal, extrapolated to the full grid; the sampled pairs must agree with the one-to-all grid.
The last line is the JSON summary.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_quote import READY, load_network

from jalin.geo import get_resolver
from jalin.impact import Joining, Network, Proposal
from jalin.impact.proposal import apply_proposal
from jalin.network.regional_post import regional_post_feed
from jalin.routing import CompiledNetwork, HandoverPolicy, Planner, QuoteRequest
from jalin.services.impact import ImpactInput, Planners, one_to_all_grid, run_impact

KG = Decimal(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sample", type=int, default=4, help="destinations per origin for the baseline")
    ap.add_argument("--rank", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    def say(text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    say("loading the national network")
    atlas, feeds, agreements = load_network("national", args.seed)
    say(f"{len(feeds)} feeds, {len(agreements)} agreements")
    today = Network(tuple(feeds), tuple((a, b, fee, None) for a, b, fee in agreements))
    post = next(f for f in feeds if f.carrier_id == "POS")
    jabar = regional_post_feed(post, "32", carrier_id="POSJB", name="Pos Regional Jawa Barat")
    proposal = Proposal(join=(Joining(jabar, 1500),))
    resolver = get_resolver()
    warm = Planner(CompiledNetwork(feeds[:3]), HandoverPolicy.open())  # load the numba kernels
    warm.tariff(QuoteRequest("31.71.01", "31.71.01", KG, READY), ["31.71.01"])

    t0 = time.perf_counter()
    planners = Planners.build(today)
    compile_s = time.perf_counter() - t0

    q = ImpactInput(ready_at=READY.isoformat(), rank=0)
    t0 = time.perf_counter()
    body = run_impact(
        today, proposal, q, atlas=atlas, resolver=resolver, planners=planners, workers=args.workers
    )
    cold_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = run_impact(
        today, proposal, q, atlas=atlas, resolver=resolver, planners=planners, workers=args.workers
    )
    warm_s = time.perf_counter() - t0
    assert again["national"] == body["national"]
    t0 = time.perf_counter()
    ranked = run_impact(
        today,
        proposal,
        replace(q, rank=args.rank),
        atlas=atlas,
        resolver=resolver,
        planners=planners,
        workers=args.workers,
    )
    rank_s = time.perf_counter() - t0
    say("baseline: per-pair quotes")

    # Baseline: per-pair quotes on a sample, today and with the proposal.
    after = apply_proposal(list(today.feeds), list(today.pairs), proposal)
    after_planner = Planner(CompiledNetwork(list(after.feeds)), HandoverPolicy.from_pairs(list(after.pairs)))
    rng = random.Random(args.seed)
    districts = sorted(a.code for a in atlas.districts())
    origins = tuple(o["code"] for o in body["origins"])
    request = QuoteRequest(origins[0], origins[0], KG, READY)
    grids = {
        "today": one_to_all_grid(planners.today, request, origins, tuple(districts), workers=args.workers),
        "proposal": one_to_all_grid(after_planner, request, origins, tuple(districts), workers=args.workers),
    }
    ready = int(READY.timestamp())
    quotes = mismatches = 0
    base_s = 0.0
    for i, origin in enumerate(origins):
        for dest in rng.sample(districts, args.sample):
            j = districts.index(dest)
            for name, planner in (("today", planners.today), ("proposal", after_planner)):
                t0 = time.perf_counter()
                options, _ = planner.quote(QuoteRequest(origin, dest, KG, READY))
                base_s += time.perf_counter() - t0
                quotes += 1
                fastest = min((int(o.delivered_at.timestamp()) - ready for o in options), default=-1)
                cheapest = min((o.price for o in options), default=-1)
                g = grids[name]
                if (fastest, cheapest) != (int(g.time_s[i, j]), int(g.price[i, j])):
                    mismatches += 1
    per_quote = base_s / quotes
    full_grid = len(origins) * len(districts) * 2
    summary = {
        "network": {"carriers": len(feeds), "agreements": len(agreements), "origins": len(origins)},
        "compile_today_s": round(compile_s, 1),
        "comparison_cold_s": round(cold_s, 1),
        "comparison_warm_s": round(warm_s, 1),
        "comparison_with_rank_s": round(rank_s, 1),
        "rank": args.rank,
        "timing_cold": body["timing_s"],
        "timing_rank": ranked["timing_s"],
        "baseline_quotes": quotes,
        "baseline_ms_per_quote": round(per_quote * 1000, 1),
        "baseline_full_grid_s_extrapolated": round(per_quote * full_grid),
        "speedup_cold": round(per_quote * full_grid / cold_s, 1),
        "baseline_mismatches": mismatches,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "national": body["national"],
        "scenarios": body["scenarios"],
        "ranking": ranked["ranking"]["pairs"],
    }
    if not args.json:
        for k, v in summary.items():
            print(f"{k}: {v}")
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
