"""Webhook endpoints, the outbox and the delivery log (tables `webhook_*`).

Callers own the transaction. `insert_messages` is called inside the transaction of the change
that causes the event, so the message exists if and only if the change committed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from jalin.storage.tables import members, shipment_legs, shipments, webhook_endpoints, webhook_messages
from jalin.webhooks.records import Endpoint, MessageStatus


def endpoint_of(row: Any) -> Endpoint:
    return Endpoint(
        id=row.id,
        member_id=row.member_id,
        url=row.url,
        event_types=tuple(json.loads(row.event_types)),
        enabled=bool(row.enabled),
        failure_streak=row.failure_streak,
        failing_since=row.failing_since,
        disabled_at=row.disabled_at,
        disabled_reason=row.disabled_reason,
        created_at=row.created_at,
    )


def insert_endpoint(
    conn: Connection,
    *,
    id: str,
    member_id: int,
    url: str,
    event_types: Sequence[str],
    secret: str,
    now: datetime,
) -> Endpoint:
    conn.execute(
        webhook_endpoints.insert().values(
            id=id,
            member_id=member_id,
            url=url,
            event_types=json.dumps(list(event_types)),
            secret=secret,
            enabled=True,
            failure_streak=0,
            failing_since=None,
            created_at=now,
        )
    )
    found = endpoint(conn, id)
    assert found is not None
    return found


def endpoint(conn: Connection, endpoint_id: str) -> Endpoint | None:
    row = conn.execute(select(webhook_endpoints).where(webhook_endpoints.c.id == endpoint_id)).first()
    return endpoint_of(row) if row is not None else None


def members_of_shipment(conn: Connection, number: str) -> set[int]:
    """The booking member and the members running the carriers of the shipment's legs."""
    sid, booked_by = conn.execute(
        select(shipments.c.id, shipments.c.booked_by).where(shipments.c.number == number)
    ).one_or_none() or (None, None)
    if sid is None:
        return set()
    carriers = select(shipment_legs.c.carrier).where(shipment_legs.c.shipment_id == sid)
    found = set(conn.scalars(select(members.c.id).where(members.c.carrier_id.in_(carriers))))
    if booked_by is not None:
        found.add(booked_by)
    return found


def subscribed(conn: Connection, member_ids: Iterable[int], event_type: str) -> list[tuple[str, int]]:
    """(endpoint id, member id) of the enabled endpoints of these members that chose `event_type`."""
    ids = sorted(set(member_ids))
    if not ids:
        return []
    rows = conn.execute(
        select(webhook_endpoints.c.id, webhook_endpoints.c.member_id, webhook_endpoints.c.event_types)
        .where(webhook_endpoints.c.member_id.in_(ids), webhook_endpoints.c.enabled.is_(True))
        .order_by(webhook_endpoints.c.id)
    )
    return [(r.id, r.member_id) for r in rows if event_type in json.loads(r.event_types)]


def insert_messages(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Outbox rows: each needs id, endpoint_id, event_type, number, body, created_at."""
    if not rows:
        return
    conn.execute(
        webhook_messages.insert(),
        [
            {
                **r,
                "status": MessageStatus.PENDING.value,
                "attempts": 0,
                "next_attempt_at": r["created_at"],
                "lease_until": None,
                "lease_owner": None,
                "finished_at": None,
            }
            for r in rows
        ],
    )
