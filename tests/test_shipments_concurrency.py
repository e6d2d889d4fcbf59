"""Idempotency under real concurrency: many simultaneous HTTP requests to a running server with
one Idempotency-Key make exactly one shipment, on SQLite and PostgreSQL; distinct keys in
parallel all succeed with distinct numbers."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest
import uvicorn
from sqlalchemy import func, select

from jalin.api import create_app
from jalin.settings import Settings
from jalin.storage.db import make_engine
from jalin.storage.tables import audit_log, idempotency_keys, shipment_legs, shipments
from tests.shipping import World, body


@pytest.fixture(scope="module")
def server(world: World) -> Iterator[str]:
    """The API served by uvicorn on a free port (a thread of this process), over the world's database."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        create_app(Settings(database_url=world.url)), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _post_all(base: str, requests: list[tuple[dict, dict]]) -> list[httpx2.Response]:
    barrier = threading.Barrier(len(requests))

    def one(args: tuple[dict, dict]) -> httpx2.Response:
        payload, headers = args
        with httpx2.Client(base_url=base, timeout=60) as client:
            barrier.wait()
            return client.post("/v1/shipments", json=payload, headers=headers)

    with ThreadPoolExecutor(len(requests)) as pool:
        return list(pool.map(one, requests))


def _count(url: str, table, **where) -> int:
    engine = make_engine(url)
    with engine.connect() as conn:
        q = select(func.count()).select_from(table)
        for column, value in where.items():
            q = q.where(table.c[column] == value)
        n = conn.scalar(q)
    engine.dispose()
    return int(n or 0)


def test_one_key_under_concurrency_makes_one_shipment(world, server):
    key = f"burst-{uuid.uuid4()}"
    reference = f"BURST-{uuid.uuid4().hex[:8]}"
    headers = world.h("seller", key)
    responses = _post_all(server, [(body(reference=reference), headers)] * 8)
    codes = Counter(r.status_code for r in responses)
    assert set(codes) <= {201, 409}, [r.text for r in responses]
    created = [r for r in responses if r.status_code == 201]
    assert created and len({r.json()["number"] for r in created}) == 1
    assert sum(1 for r in created if "idempotent-replayed" not in r.headers) <= 1
    for r in responses:
        if r.status_code == 409:
            assert r.json()["code"] == "idempotency_in_progress"
    assert _count(world.url, shipments, reference=reference) == 1
    assert _count(world.url, idempotency_keys, key=key) == 1
    # Once the first is done, everyone retrying gets the same answer.
    again = _post_all(server, [(body(reference=reference), headers)] * 4)
    assert {r.status_code for r in again} == {201}
    assert {r.json()["number"] for r in again} == {created[0].json()["number"]}
    assert all(r.headers["idempotent-replayed"] == "true" for r in again)


def test_distinct_keys_in_parallel_all_book(world, server):
    reference = f"PAR-{uuid.uuid4().hex[:8]}"
    requests = [(body(reference=reference), world.h(who, str(uuid.uuid4()))) for who in ["seller", "POS"] * 4]
    responses = _post_all(server, requests)
    assert [r.status_code for r in responses] == [201] * 8, [r.text for r in responses]
    assert len({r.json()["number"] for r in responses}) == 8
    assert _count(world.url, shipments, reference=reference) == 8


def test_without_the_in_process_guard_the_database_alone_keeps_one_shipment(world, monkeypatch):
    """Separate processes share no memory: only the database's constraint and locks stand between
    their requests. Switch the in-process registry off and race the service itself."""
    from contextlib import nullcontext

    from jalin.errors import JalinError
    from jalin.geo import get_atlas, get_resolver
    from jalin.services.network_state import NetworkState
    from jalin.services.registry import authenticate
    from jalin.services.shipments import booking

    monkeypatch.setattr(booking, "_in_flight", lambda scope, key: nullcontext())
    engine = make_engine(world.url)
    state = NetworkState(engine, get_atlas)
    state.snapshot().planner(open_handovers=False)
    who = authenticate(engine, world.keys["seller"])
    key, reference = f"db-{uuid.uuid4()}", f"DB-{uuid.uuid4().hex[:8]}"
    payload = body(reference=reference)
    barrier = threading.Barrier(8)

    def one(_: int) -> tuple[int, str]:
        barrier.wait()
        try:
            result = booking.book(engine, state, get_resolver(), who, payload, key)
            return result.status_code, result.body["number"]
        except JalinError as exc:
            return 409, exc.code.value

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(one, range(8)))
    engine.dispose()
    numbers = {n for code, n in outcomes if code == 201}
    assert len(numbers) == 1, outcomes
    assert {n for code, n in outcomes if code == 409} <= {"idempotency_in_progress"}
    assert _count(world.url, shipments, reference=reference) == 1
    assert _count(world.url, idempotency_keys, key=key) == 1


def _race(n: int, call) -> list[httpx2.Response]:
    """`n` requests released at once through a barrier, each on its own connection."""
    barrier = threading.Barrier(n)

    def one(i: int) -> httpx2.Response:
        barrier.wait()
        return call(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(one, range(n)))


def test_one_carrier_ref_claimed_by_two_legs_at_once_goes_to_one(world, server):
    """Two shipments whose first legs share a carrier claim the same waybill number at the same
    moment: one keeps it, the other gets 409 `carrier_ref_taken` (never a 500, never both)."""
    first = [world.book() for _ in range(2)]
    carrier = first[0]["legs"][0]["carrier"]
    assert all(s["legs"][0]["carrier"] == carrier for s in first)
    for attempt in range(3):
        ref = f"RACE{uuid.uuid4().hex[:10].upper()}"

        def claim(i: int, ref: str = ref) -> httpx2.Response:
            with httpx2.Client(base_url=server, timeout=60) as client:
                return client.put(
                    f"/v1/shipments/{first[i % 2]['number']}/legs/1/carrier-ref",
                    json={"carrier_ref": ref},
                    headers=world.h(carrier),
                )

        responses = _race(2, claim)
        codes = sorted(r.status_code for r in responses)
        assert codes == [200, 409], (attempt, [r.text for r in responses])
        assert next(r for r in responses if r.status_code == 409).json()["code"] == "carrier_ref_taken"
        engine = make_engine(world.url)
        with engine.connect() as conn:
            holders = conn.execute(
                select(func.count()).select_from(shipment_legs).where(shipment_legs.c.carrier_ref == ref)
            ).scalar()
        engine.dispose()
        assert holders == 1
        # free the legs for the next attempt
        for s in first:
            world.client.put(
                f"/v1/shipments/{s['number']}/legs/1/carrier-ref",
                json={"carrier_ref": f"FREE{uuid.uuid4().hex[:10].upper()}"},
                headers=world.h(carrier),
            )


def test_cancels_at_once_cancel_once(world, server):
    """Four cancels of one shipment at the same moment: all answer 200 with `cancelled`, and the
    audit holds one cancellation (the row lock makes the others see it already cancelled)."""
    s = world.book()

    def cancel(_: int) -> httpx2.Response:
        with httpx2.Client(base_url=server, timeout=60) as client:
            return client.post(f"/v1/shipments/{s['number']}/cancel", headers=world.h("seller"))

    responses = _race(4, cancel)
    assert [r.status_code for r in responses] == [200] * 4, [r.text for r in responses]
    assert {r.json()["status"] for r in responses} == {"cancelled"}
    assert _count(world.url, audit_log, action="shipment.cancel", entity_id=s["number"]) == 1
