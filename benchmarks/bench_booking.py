"""Bookings per second through the service (planning included) against the bare quote, same run.

    .venv/bin/python benchmarks/bench_booking.py [--bookings 300] [--pg postgresql://...] [--json]

Publishes the national network (seed 7, cached in benchmarks/.cache like bench_quote) into a
fresh SQLite database, and into a throwaway PostgreSQL schema when --pg is given; imports its
carriers as members and its agreements (the production handover policy). Then, on each
database, for BOOKINGS seeded district pairs that have a route (found in an untimed pass):
1. quote: `build_request` + `answer`, what `POST /v1/quotes` runs;
2. book: `jalin.services.shipments.booking.book`, what `POST /v1/shipments` runs: every check,
   the same planning, the choice, the idempotency record, the shipment with its legs, handovers
   and manifests, committed in one transaction;
3. quote again. The three run pair by pair (quote, book, quote), so a change in the machine's
   load during the run weighs on both sides alike. The quote rate is from the mean time of
   passes 1 and 3; the ratio is book / quote.
The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from network_cache import network_folder

from jalin.geo import get_atlas, get_resolver
from jalin.network.agreements import read_agreements
from jalin.network.validator import validate_feed
from jalin.registry.access import CLI_ADMIN
from jalin.registry.rules import Role
from jalin.services import registry as reg
from jalin.services.network_state import NetworkState
from jalin.services.publishing import publish_validated
from jalin.services.quotes import QuoteInput, answer, build_request
from jalin.services.registry_import import import_interline, members_for_feeds
from jalin.services.shipments.booking import book
from jalin.storage.db import make_engine, normalize_url, upgrade
from jalin.storage.uow import unit_of_work

READY = datetime(2026, 11, 27, 9, 0, tzinfo=timezone(timedelta(hours=7))).isoformat()
SHOP = {"name": "Toko Sari", "phone": "081234567890", "address": "Jl. Sudirman 5"}
BUYER = {"name": "Budi", "phone": "+6281298765432", "address": "Jl. Ahmad Yani 12"}


def setup(url: str, folder: Path):  # type: ignore[no-untyped-def]
    """Publish the network, members and agreements; returns (engine, state, seller principal)."""
    atlas = get_atlas()
    engine = make_engine(url)
    upgrade(engine)
    feeds = []
    for d in sorted(p for p in folder.iterdir() if p.is_dir()):
        result = validate_feed(d, atlas)
        with unit_of_work(engine) as uow:
            publish_validated(uow, CLI_ADMIN, result)
        feeds.append(result.feed)
    with unit_of_work(engine) as uow:
        reg.ensure_structure(uow, atlas)
        ids = members_for_feeds(uow, CLI_ADMIN, atlas, feeds)
        import_interline(uow, CLI_ADMIN, atlas, read_agreements(folder / "agreements.csv"), ids)
        seller = reg.create_member(
            uow,
            CLI_ADMIN,
            atlas,
            {
                "legal_name": "PT Toko Sari Daring",
                "brand": "Toko Sari",
                "nib": "9120000000777",
                "type": "logistics",
                "carrier_id": None,
                "regency_code": "31.71",
                "contact_name": "Sari",
            },
        )
        key = reg.create_key(uow, CLI_ADMIN, Role.MEMBER, member_id=seller.id).secret
    who = reg.authenticate(engine, key)
    state = NetworkState(engine, get_atlas)
    state.snapshot().planner(open_handovers=False)
    return engine, state, who


def pairs_with_routes(state: NetworkState, n: int, seed: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    districts = [d.code for d in get_atlas().districts()]
    planner = state.snapshot().planner(open_handovers=False)
    out: list[dict[str, str]] = []
    for _ in range(50 * n):
        if len(out) == n:
            break
        body = {
            "from": rng.choice(districts),
            "to": rng.choice(districts),
            "weight_kg": str(rng.randint(1, 300) / 10),
        }
        if rng.random() < 0.5:
            body["dims_cm"] = "x".join(str(rng.randint(5, 60)) for _ in range(3))
        q = QuoteInput(body["from"], body["to"], body["weight_kg"], body.get("dims_cm"), READY)
        request, _, _ = build_request(get_resolver(), q)
        if planner.quote(request)[0]:
            out.append(body)
    return out


def quote_one(state: NetworkState, resolver, b: dict[str, str]) -> float:  # type: ignore[no-untyped-def]
    """Seconds for one quote as `POST /v1/quotes` runs it."""
    t0 = time.perf_counter()
    q = QuoteInput(b["from"], b["to"], b["weight_kg"], b.get("dims_cm"), READY)
    request, origin, destination = build_request(resolver, q)
    planner = state.snapshot().planner(open_handovers=False)
    answer(planner, request, origin, destination, open_handovers=False)
    return time.perf_counter() - t0


def book_one(engine, state: NetworkState, resolver, who, b: dict[str, str]) -> float:  # type: ignore[no-untyped-def]
    """Seconds for one booking as `POST /v1/shipments` runs it."""
    payload = {**b, "ready_at": READY, "shipper": SHOP, "recipient": BUYER, "choose": "fastest"}
    t0 = time.perf_counter()
    result = book(engine, state, resolver, who, payload, str(uuid.uuid4()))
    elapsed = time.perf_counter() - t0
    assert result.status_code == 201
    return elapsed


def measure(name: str, url: str, folder: Path, n: int, seed: int) -> dict[str, object]:
    t0 = time.perf_counter()
    engine, state, who = setup(url, folder)
    setup_s = time.perf_counter() - t0
    bodies = pairs_with_routes(state, n, seed)
    resolver = get_resolver()
    for body in bodies[:5]:  # warm: first writes, caches
        book_one(engine, state, resolver, who, body)
    # Per pair, quote / book / quote, so a change in the machine's load hits both alike.
    t1 = t2 = booked = 0.0
    for body in bodies:
        t1 += quote_one(state, resolver, body)
        booked += book_one(engine, state, resolver, who, body)
        t2 += quote_one(state, resolver, body)
    engine.dispose()
    quote = len(bodies) / ((t1 + t2) / 2)
    b = len(bodies) / booked
    q1, q2 = len(bodies) / t1, len(bodies) / t2
    figures = {
        "database": name,
        "setup_s": round(setup_s, 1),
        "bookings": len(bodies),
        "quote_per_s": round(quote, 1),
        "quote_passes": [round(q1, 1), round(q2, 1)],
        "book_per_s": round(b, 1),
        "ratio": round(b / quote, 3),
    }
    print(
        f"{name}: quote {quote:.1f}/s (passes {q1:.1f}, {q2:.1f}), book {b:.1f}/s, ratio {b / quote:.2f} "
        f"(setup {setup_s:.0f} s)",
        file=sys.stderr,
    )
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bookings", type=int, default=300)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--network-seed", type=int, default=7)
    ap.add_argument("--network", help="a network folder (default: the cached national one)")
    ap.add_argument("--pg", help="PostgreSQL URL (a throwaway schema is created and dropped)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    folder = (
        Path(args.network) if args.network else network_folder(get_atlas(), "national", args.network_seed)
    )
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(measure("sqlite", f"sqlite:///{tmp}/bench.db", folder, args.bookings, args.seed))
    if args.pg:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(normalize_url(args.pg), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in args.pg else "?"
        try:
            url = f"{normalize_url(args.pg)}{sep}options=-csearch_path%3D{schema}"
            results.append(measure("postgresql", url, folder, args.bookings, args.seed))
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    print(json.dumps({"results": results}))


if __name__ == "__main__":
    main()
