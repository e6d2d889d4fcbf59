"""HTTP quote load against `jalin serve` with 1 and with 2 workers, bounded and on loopback only.

    .venv/bin/python benchmarks/bench_http.py --seconds 20 --clients 16 --seed 7

For each worker count: starts `jalin serve --workers N` on a free loopback port against the
national database (benchmarks/national_db.py), waits until it answers, sends a short warm-up,
then for SECONDS keeps CLIENTS concurrent clients (httpx2's async client, one connection each)
posting seeded random district pairs to `POST /v1/quotes`. Reports quotes/s, p50/p95/p99
latency, errors (any non-200) and the memory of each worker (RSS, and PSS, which splits the
shared, memory-mapped snapshot pages between the processes that map them). One worker is the
baseline of the same run. The whole run is bounded: 2 x SECONDS of load (at most 2 x 25 s)
plus start-up. The last line is the JSON summary.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from national_db import JALIN, ensure

from jalin.geo import get_atlas

READY = "2026-11-27T09:00:00+07:00"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def payloads(n: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    districts = [d.code for d in get_atlas().districts()]
    return [
        {
            "from": rng.choice(districts),
            "to": rng.choice(districts),
            "weight_kg": str(rng.randint(1, 300) / 10),
            "ready_at": READY,
        }
        for _ in range(n)
    ]


def memory(pid: int) -> list[dict[str, int]]:
    """RSS and PSS (MB) of each worker: the children of the server process, or itself."""
    children = [
        c
        for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()  # not the resource tracker
    ]
    out = []
    for p in children or [str(pid)]:
        fields = {}
        for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
            parts = line.split()
            if parts[0] in ("Rss:", "Pss:"):
                fields[parts[0][:-1].lower() + "_mb"] = int(parts[1]) // 1024
        out.append(fields)
    return out


async def load(port: int, bodies: list[dict[str, object]], clients: int, seconds: float) -> dict[str, object]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    stop = time.perf_counter() + seconds
    counter = iter(range(10**9))

    async def client() -> None:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            while time.perf_counter() < stop:
                body = bodies[next(counter) % len(bodies)]
                t = time.perf_counter()
                try:
                    r = await http.post("/v1/quotes", json=body)
                    status = str(r.status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                if status == "200":
                    latencies.append((time.perf_counter() - t) * 1000)
                else:
                    errors[status] = errors.get(status, 0) + 1

    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - t0
    return {
        "quotes": len(latencies),
        "quotes_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99), 1) if latencies else None,
        "errors": errors,
    }


def run(workers: int, env: dict[str, str], bodies: list[dict[str, object]], args) -> dict[str, object]:  # type: ignore[no-untyped-def]
    port = free_port()
    server = subprocess.Popen(
        [JALIN, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        t0 = time.perf_counter()
        while True:
            if server.poll() is not None:
                raise SystemExit(f"jalin serve exited: {server.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() - t0 > 180:
                raise SystemExit("jalin serve did not answer within 180 s")
            time.sleep(0.5)
        startup_s = time.perf_counter() - t0
        asyncio.run(load(port, bodies[-64:], args.clients, 3))  # warm-up, different pairs
        result = asyncio.run(load(port, bodies, args.clients, args.seconds))
        return {"workers": workers, "startup_s": round(startup_s, 1), **result, "memory": memory(server.pid)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=20, help="load per worker count (at most 25)")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    args.seconds = min(args.seconds, 25.0)
    env = ensure()
    bodies = payloads(5000, args.seed)
    results = [run(w, env, bodies, args) for w in args.workers]
    for r in results:
        print(
            f"{r['workers']} worker(s): {r['quotes_per_s']} quotes/s, p50 {r['p50_ms']} ms, "
            f"p95 {r['p95_ms']} ms, p99 {r['p99_ms']} ms, errors {r['errors']}, memory {r['memory']}"
        )
    print(json.dumps({"clients": args.clients, "seconds": args.seconds, "runs": results}))


if __name__ == "__main__":
    main()
