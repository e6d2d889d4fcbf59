"""The webhook outbox on SQLite and PostgreSQL: who gets a message for an event, which endpoints
(chosen types, enabled only), fixed ids and bodies, and that a message commits or rolls back with
the change that caused it (tracking-v1, Webhooks)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, update

from jalin.services.webhooks.outbox import publish
from jalin.storage import webhooks as store
from jalin.storage.db import make_engine
from jalin.storage.tables import metadata, webhook_endpoints, webhook_messages
from jalin.storage.uow import unit_of_work
from jalin.webhooks import EventType, new_secret

AT = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def test_the_migration_matches_the_webhook_tables(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    ours = [d for d in diff if "webhook" in repr(d)]
    assert ours == []


@pytest.fixture(scope="module")
def booked(world):
    """One shipment booked by the seller across carriers; the engine; the carriers of its legs."""
    s = world.book()
    carriers = sorted({leg["carrier"] for leg in s["legs"]})
    engine = make_engine(world.url)
    yield s, engine, carriers
    engine.dispose()


_counter = iter(range(10**6))


def _endpoint(engine, member_id: int, types: list[str], *, enabled: bool = True) -> str:
    eid = f"ep_test{next(_counter):08d}"
    with unit_of_work(engine) as uow:
        store.insert_endpoint(
            uow.conn,
            id=eid,
            member_id=member_id,
            url="https://example.com/hook",
            event_types=types,
            secret=new_secret(),
            now=AT,
        )
        if not enabled:
            uow.conn.execute(
                update(webhook_endpoints).where(webhook_endpoints.c.id == eid).values(enabled=False)
            )
    return eid


def _messages(engine, ids: list[str]):
    with engine.connect() as conn:
        rows = conn.execute(select(webhook_messages).where(webhook_messages.c.id.in_(ids)))
        return {r.endpoint_id: r for r in rows}


def test_the_booking_member_and_the_carriers_receive_what_they_chose(world, booked):
    s, engine, carriers = booked
    assert len(carriers) >= 1
    seller = _endpoint(engine, world.members["seller"], ["shipment.status_changed", "shipment.delivered"])
    seller_other = _endpoint(engine, world.members["seller"], ["shipment.booked"])
    carrier_eps = [_endpoint(engine, world.members[c], ["shipment.status_changed"]) for c in carriers]
    outsider = next(m for m in world.members if m not in carriers and m != "seller")
    stranger = _endpoint(engine, world.members[outsider], ["shipment.status_changed"])
    disabled = _endpoint(engine, world.members["seller"], ["shipment.status_changed"], enabled=False)

    with unit_of_work(engine) as uow:
        ids = publish(
            uow.conn,
            event_type=EventType.SHIPMENT_STATUS_CHANGED,
            number=s["number"],
            data={"status": "picked_up"},
            at=AT,
        )
    got = _messages(engine, ids)
    assert set(got) == {seller, *carrier_eps}
    assert seller_other not in got and stranger not in got and disabled not in got
    assert len(set(ids)) == len(ids)
    for row in got.values():
        assert row.id.startswith("msg_") and len(row.id) == 36
        assert row.status == "pending" and row.attempts == 0 and row.number == s["number"]
        assert row.next_attempt_at is not None
        assert json.loads(row.body) == {
            "type": "shipment.status_changed",
            "timestamp": "2026-12-01T03:00:00Z",
            "data": {"number": s["number"], "status": "picked_up"},
        }


def test_messages_roll_back_with_the_change(world, booked):
    s, engine, _ = booked
    _endpoint(engine, world.members["seller"], ["shipment.exception"])
    with pytest.raises(RuntimeError), unit_of_work(engine) as uow:
        ids = publish(uow.conn, event_type="shipment.exception", number=s["number"], data={}, at=AT)
        assert ids
        raise RuntimeError("the change failed")
    assert _messages(engine, ids) == {}


def test_no_endpoint_no_message_and_unknown_numbers_are_quiet(booked):
    s, engine, _ = booked
    with unit_of_work(engine) as uow:
        assert publish(uow.conn, event_type="handover.discrepancy", number=s["number"], data={}, at=AT) == []
        assert publish(uow.conn, event_type="shipment.booked", number="JL000000000ID", data={}, at=AT) == []


def test_unknown_event_types_and_notices_are_not_published(booked):
    s, engine, _ = booked
    with unit_of_work(engine) as uow:
        with pytest.raises(ValueError):
            publish(uow.conn, event_type="shipment.teleported", number=s["number"], data={}, at=AT)
        with pytest.raises(ValueError):
            publish(uow.conn, event_type="webhook.test", number=s["number"], data={}, at=AT)
