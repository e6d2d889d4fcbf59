"""`planner.quote` alone over a feed folder: for comparing two versions of the planner.

    cd /tmp && PYTHONPATH=<checkout> <repo>/.venv/bin/python <repo>/benchmarks/quote_ab.py FOLDER [N]

Validates the feeds of FOLDER (a generated network with its agreements.csv, e.g.
benchmarks/.cache/national-7-KEY), compiles the planner of the `jalin` first on the import path
(run from outside the checkout so PYTHONPATH decides which), and times N (300) seeded queries as
bench_quote.py draws them (district pairs, weights, dimensions for half), ready 2026-11-27
09:00 WIB, in one process, with no snapshot and no HTTP. Prints p50, p95, p99 and the mean in
ms as one JSON line. Run the versions in turn, several rounds, and give the load average.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from jalin.geo import get_atlas
from jalin.network.validator import validate_feed
from jalin.routing import CompiledNetwork, HandoverPolicy, Planner, QuoteRequest

try:
    from jalin.network.agreements import read_agreements
except ImportError:  # checkouts before the agreements module moved
    from jalin.network.generator import read_agreements  # type: ignore[attr-defined,no-redef]

READY = datetime(2026, 11, 27, 9, 0, tzinfo=timezone(timedelta(hours=7)))


def main() -> None:
    folder = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    atlas = get_atlas()
    feeds = [validate_feed(p, atlas).feed for p in sorted(folder.iterdir()) if p.is_dir()]
    pairs = [(a.carrier_a, a.carrier_b, a.fee) for a in read_agreements(folder / "agreements.csv")]
    planner = Planner(CompiledNetwork(feeds), HandoverPolicy.from_pairs(pairs))  # type: ignore[arg-type]
    rng = random.Random(7)
    districts = [d.code for d in atlas.districts()]
    requests = []
    for _ in range(n):
        dims = tuple(Decimal(rng.randint(5, 60)) for _ in range(3)) if rng.random() < 0.5 else None
        weight = Decimal(rng.randint(1, 300)) / 10
        requests.append(QuoteRequest(rng.choice(districts), rng.choice(districts), weight, READY, dims))  # type: ignore[arg-type]
    planner.quote(requests[0])  # the kernels' first compile stays out of the timing
    times = []
    for r in requests:
        t = time.perf_counter()
        planner.quote(r)
        times.append((time.perf_counter() - t) * 1000)
    ordered = sorted(times)

    def at(q: float) -> float:
        return round(ordered[int(q * (len(ordered) - 1))], 1)

    print(
        json.dumps(
            {
                "p50": round(statistics.median(times), 1),
                "p95": at(0.95),
                "p99": at(0.99),
                "mean": round(statistics.mean(times), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
