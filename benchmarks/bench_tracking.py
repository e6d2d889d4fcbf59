"""Tracking: events ingested per second through the service against a bare bulk insert of the
same rows (same run, same database), and timeline lookups (p50/p99).

    .venv/bin/python benchmarks/bench_tracking.py [--events 1000000] [--shipments 100000]
        [--lookups 1000] [--pg postgresql://...] [--json]

On a fresh SQLite database (and a throwaway PostgreSQL schema with --pg):
1. setup (untimed): SHIPMENTS shipments, each with one leg of carrier BENCH, written straight
   into the tables (booking is measured by bench_booking.py);
2. baseline: the EVENTS rows ingest would store, inserted with one executemany per 1,000 in one
   transaction each, nothing else: the floor of what storing events costs;
3. the same EVENTS (the baseline's rows stay, under another carrier, so the service writes
   into a table of that size with current statistics) go through `jalin.services.tracking.ingest.ingest`
   in batches of 1,000 (what `POST /v1/events` runs): every check, the lookups of numbers, legs
   and known ids, the idempotent insert, the status and custody derived again from each touched
   shipment's whole timeline, one transaction per batch. Events are spread as a carrier's scans
   are: each batch touches 1,000 shipments, in order, one step each, at districts (facility
   events would add the ETA re-plan, which needs a live network);
4. timeline: LOOKUPS random shipments read with `jalin.services.tracking.reading.timeline` (what
   `GET /v1/shipments/{number}/events` runs, access check included): p50 and p99 in ms, against
   the bare indexed query of the same rows.
Figures: events/s of both and their ratio (issue 13's targets: >= 20,000 events/s and >= 0.3
of the bare insert; timeline p99 <= 10 ms on PostgreSQL with 10,000,000 events). The last line
is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import create_engine, text

from jalin.geo import get_atlas
from jalin.registry.access import CLI_ADMIN
from jalin.services.tracking.ingest import ingest
from jalin.services.tracking.reading import timeline
from jalin.shipments.numbers import random_number
from jalin.storage import tracking as store
from jalin.storage.db import make_engine, normalize_url, upgrade
from jalin.storage.tables import shipment_events, shipment_legs, shipments
from jalin.storage.uow import unit_of_work

BATCH = 1000
CARRIER = "BENCH"
BARE = "BARE"  # the baseline's rows stay, under another carrier: the service then writes into a
# table that already holds as many rows, with its statistics current (a steady state), not
# into an empty table whose plans were made for no rows; they are a year older than the
# service's events, so they are history to every timeline, not steps still to come
HISTORY = timedelta(days=365)
ORIGIN, DESTINATION = "31.71.06", "74.71.01"
STEPS = ["picked_up", "departed", "arrived", "departed", "arrived", "out_for_delivery"]
T0 = datetime(2026, 11, 1, 8, 0, tzinfo=timezone(timedelta(hours=7)))


def _setup(engine: Any, n: int, rng: random.Random) -> list[str]:
    """n shipments with one BENCH leg each; returns their numbers."""
    numbers: set[str] = set()
    while len(numbers) < n:
        numbers.add(random_number("JL"))
    ordered = sorted(numbers, key=lambda _: rng.random())
    now = datetime.now(UTC)
    for start in range(0, n, 5000):
        chunk = ordered[start : start + 5000]
        with unit_of_work(engine) as uow:
            uow.conn.execute(
                shipments.insert(),
                [
                    {
                        "number": num,
                        "status": "booked",
                        "test": False,
                        "booked_by": None,
                        "created_at": now,
                        "origin": ORIGIN,
                        "destination": DESTINATION,
                        "weight_kg": "1",
                        "dims_cm": None,
                        "ready_at": T0,
                        "cod_amount": 0,
                        "declared_value": 0,
                        "price": 10000,
                        "planned_delivery": T0 + timedelta(days=3),
                        "eta": T0 + timedelta(days=3),
                        "late": False,
                        "shipper_name": "Toko",
                        "shipper_phone": "+6281234567890",
                        "shipper_address": "Jl. Sudirman 5",
                        "recipient_name": "Budi",
                        "recipient_phone": "+6281298765432",
                        "recipient_address": "Jl. Ahmad Yani 12",
                        "option": "{}",
                    }
                    for num in chunk
                ],
            )
            ids = {num: s["id"] for num, s in store.shipments_by_number(uow.conn, chunk).items()}
            uow.conn.execute(
                shipment_legs.insert(),
                [
                    {
                        "shipment_id": ids[num],
                        "seq": 1,
                        "carrier": CARRIER,
                        "carrier_ref": None,
                        "status": "planned",
                        "start_kind": "district",
                        "start_code": ORIGIN,
                        "end_kind": "district",
                        "end_code": DESTINATION,
                        "start_area": ORIGIN,
                        "end_area": DESTINATION,
                        "price": 10000,
                        "planned_departure": T0,
                        "planned_arrival": T0 + timedelta(days=3),
                        "runs": "[]",
                    }
                    for num in chunk
                ],
            )
    return ordered


def _events(numbers: list[str], total: int) -> list[dict[str, Any]]:
    """`total` events: round k gives every shipment its k-th step (a batch = 1,000 shipments)."""
    out = []
    for i in range(total):
        k, j = divmod(i, len(numbers))
        out.append(
            {
                "event_id": f"E{i:09d}",
                "number": numbers[j],
                "carrier": CARRIER,
                "status": STEPS[k % len(STEPS)],
                "occurred_at": (T0 + timedelta(minutes=30 * k + j % 30)).isoformat(),
                "location": ORIGIN if k % 2 == 0 else DESTINATION,
                "description": "Paket diproses",
            }
        )
    return out


def _bare(engine: Any, events: list[dict[str, Any]], ids: dict[str, int]) -> float:
    """Seconds to insert the rows ingest would store: one executemany per batch, one
    transaction each."""
    now = datetime.now(UTC)
    t = time.perf_counter()
    for start in range(0, len(events), BATCH):
        rows = [
            {
                "shipment_id": ids[e["number"]],
                "carrier": BARE,
                "event_id": e["event_id"],
                "code": None,
                "status": e["status"],
                "occurred_at": datetime.fromisoformat(e["occurred_at"]) - HISTORY,
                "received_at": now,
                "location": e["location"],
                "area": e["location"],
                "description": e["description"],
                "reason": None,
                "received_by": None,
                "cod_collected": None,
                "fingerprint": "0" * 64,
            }
            for e in events[start : start + BATCH]
        ]
        with unit_of_work(engine) as uow:
            uow.conn.execute(shipment_events.insert(), rows)
    return time.perf_counter() - t


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(name: str, url: str, n_events: int, n_shipments: int, lookups: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    atlas = get_atlas()
    engine = make_engine(url)
    upgrade(engine)
    t = time.perf_counter()
    numbers = _setup(engine, n_shipments, rng)
    setup_s = time.perf_counter() - t
    with engine.connect() as conn:
        ids = {num: s["id"] for num, s in store.shipments_by_number(conn, numbers).items()}
    events = _events(numbers, n_events)
    bare_s = _bare(engine, events, ids)
    with engine.connect() as conn:  # statistics for the table the service writes into
        conn.execute(text("ANALYZE"))
        conn.commit()
    t = time.perf_counter()
    accepted = 0
    for start in range(0, n_events, BATCH):
        got = ingest(engine, None, atlas, CLI_ADMIN, {"events": events[start : start + BATCH]})
        accepted += got.body["accepted"]
    ingest_s = time.perf_counter() - t
    assert accepted == n_events, (accepted, n_events)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    sample = [rng.choice(numbers) for _ in range(lookups)]
    service_ms, bare_ms = [], []
    for num in sample:
        t = time.perf_counter()
        timeline(engine, CLI_ADMIN, num)
        service_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        with engine.connect() as conn:
            store.timelines(conn, [ids[num]])
        bare_ms.append((time.perf_counter() - t) * 1000)
    engine.dispose()
    result = {
        "database": name,
        "events": n_events,
        "shipments": n_shipments,
        "setup_s": round(setup_s, 2),
        "bare_insert_events_per_s": round(n_events / bare_s),
        "ingest_events_per_s": round(n_events / ingest_s),
        "ingest_vs_bare": round(bare_s / ingest_s, 3),
        "timeline_p50_ms": round(statistics.median(service_ms), 2),
        "timeline_p99_ms": round(_percentile(service_ms, 0.99), 2),
        "bare_query_p50_ms": round(statistics.median(bare_ms), 2),
        "bare_query_p99_ms": round(_percentile(bare_ms, 0.99), 2),
    }
    print(
        f"{name}: ingest {result['ingest_events_per_s']:,} events/s vs bare insert "
        f"{result['bare_insert_events_per_s']:,} events/s (ratio {result['ingest_vs_bare']}); "
        f"timeline p50 {result['timeline_p50_ms']} ms, p99 {result['timeline_p99_ms']} ms "
        f"(bare query p50 {result['bare_query_p50_ms']} ms, p99 {result['bare_query_p99_ms']} ms)",
        file=sys.stderr,
    )
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--events", type=int, default=1_000_000, help="events to ingest (the size)")
    ap.add_argument("--shipments", type=int, default=None, help="default: events / 10")
    ap.add_argument("--lookups", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--pg", help="PostgreSQL URL (a throwaway schema is created and dropped)")
    ap.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    ap.add_argument("--json", action="store_true", help="print only the JSON line")
    args = ap.parse_args()
    n_shipments = args.shipments or max(BATCH, args.events // 10)
    results = []
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            results.append(
                measure(
                    "sqlite", f"sqlite:///{tmp}/bench.db", args.events, n_shipments, args.lookups, args.seed
                )
            )
    if args.pg:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(normalize_url(args.pg), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in args.pg else "?"
        try:
            url = f"{normalize_url(args.pg)}{sep}options=-csearch_path%3D{schema}"
            results.append(measure("postgresql", url, args.events, n_shipments, args.lookups, args.seed))
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    print(json.dumps({"results": results}))


if __name__ == "__main__":
    main()
