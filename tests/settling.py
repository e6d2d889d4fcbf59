"""Helpers for the settlement tests: drive a booked shipment through its handovers (by confirming
its manifests as the receiving carriers) and its delivery (through the recording service, the
call event ingest makes), and read what was recorded."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jalin.services.settlement import record_delivery
from jalin.storage import settlement as store
from jalin.storage.db import make_engine
from jalin.storage.uow import unit_of_work
from tests.shipping import World


def hand_over(world: World, shipment: dict[str, Any], upto: int | None = None) -> None:
    """Confirm the shipment's handovers 1..upto (all by default), each by its receiving carrier."""
    for h in shipment["handovers"][:upto]:
        r = world.client.post(
            f"/v1/manifests/{h['manifest']}/confirm",
            json={"scanned": [shipment["number"]]},
            headers=world.h(h["to_carrier"]),
        )
        assert r.status_code == 200, r.text
        assert shipment["number"] in r.json()["handed_over"]


def deliver(world: World, number: str, cod_collected: int | None, at: datetime | None = None) -> list[Any]:
    """What event ingest does when the first `delivered` event is accepted."""
    engine = make_engine(world.url)
    try:
        with unit_of_work(engine) as uow:
            return record_delivery(
                uow.conn, shipment=number, cod_collected=cod_collected, at=at or datetime.now(UTC)
            )
    finally:
        engine.dispose()


def lines_of(world: World, number: str) -> list[Any]:
    engine = make_engine(world.url)
    try:
        with engine.connect() as conn:
            s = store.shipment_row(conn, number=number)
            assert s is not None
            return store.lines_of_shipment(conn, s["id"])
    finally:
        engine.dispose()
