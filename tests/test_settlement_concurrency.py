"""Settlement under real concurrency, on SQLite and PostgreSQL: simultaneous confirmations of one
manifest (HTTP requests to a running server) make one set of lines; simultaneous delivered
recordings of one shipment make one last-leg line and one cod line; the journal stays balanced."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import httpx2

from jalin.services.settlement import record_delivery
from jalin.storage import settlement as store
from jalin.storage.db import make_engine
from jalin.storage.uow import unit_of_work
from tests.settling import lines_of
from tests.test_shipments_concurrency import server  # noqa: F401  (the fixture)

LATER = "2026-12-11T09:00:00+07:00"
N = 4


def test_simultaneous_confirmations_make_one_set_of_lines(world, server):  # noqa: F811
    s = world.book(ready_at=LATER)
    h = s["handovers"][0]
    barrier = threading.Barrier(N)

    def confirm(_: int) -> int:
        with httpx2.Client(base_url=server, timeout=60) as client:
            barrier.wait()
            r = client.post(
                f"/v1/manifests/{h['manifest']}/confirm",
                json={"scanned": [s["number"]]},
                headers=world.h(h["to_carrier"]),
            )
            return r.status_code

    with ThreadPoolExecutor(N) as pool:
        codes = list(pool.map(confirm, range(N)))
    assert codes == [200] * N
    lines = lines_of(world, s["number"])
    kinds = Counter((x.kind.value, x.payee) for x in lines)
    assert all(n == 1 for n in kinds.values())
    assert sum(x.amount for x in lines) == s["legs"][0]["price"] + h["fee"]


def test_simultaneous_delivered_recordings_make_one_set_of_lines(world):
    s = world.book(ready_at=LATER)
    engine = make_engine(world.url)
    barrier = threading.Barrier(N)

    def deliver(_: int) -> int:
        with unit_of_work(engine) as uow:
            if uow.dialect == "postgresql":  # all four inside a transaction at once; SQLite
                barrier.wait(timeout=5)  # serialises writers at BEGIN IMMEDIATE instead
            return len(
                record_delivery(uow.conn, shipment=s["number"], cod_collected=150000, at=datetime.now(UTC))
            )

    try:
        with ThreadPoolExecutor(N) as pool:
            made = list(pool.map(deliver, range(N)))
        assert sorted(made) == [0] * (N - 1) + [2]
        assert sorted(x.kind.value for x in lines_of(world, s["number"])) == ["cod", "leg"]
        with engine.connect() as conn:
            assert sum(store.journal_balances(conn).values()) == 0
    finally:
        engine.dispose()
