"""Queries behind the shipment reports (services/shipments/stats.py): real (non-test) shipments
booked since a moment, with their legs' carriers, the last leg's hand-over time and their
handover pairs. Grouping and rates are computed in Python by the service (portable across
SQLite and PostgreSQL, and the figures are over a bounded window)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from jalin.storage.tables import handovers, shipment_legs, shipments


def shipments_since(conn: Connection, since: datetime) -> list[dict[str, Any]]:
    """`[{id, created_at, status, planned_delivery}]` of real shipments booked at or after `since`."""
    q = (
        select(shipments.c.id, shipments.c.created_at, shipments.c.status, shipments.c.planned_delivery)
        .where(shipments.c.created_at >= since, shipments.c.test.is_(False))
        .order_by(shipments.c.id)
    )
    return [dict(r._mapping) for r in conn.execute(q)]


def legs_and_pairs(
    conn: Connection, shipment_ids: list[int]
) -> tuple[dict[int, list[dict[str, Any]]], dict[int, list[tuple[str, str]]]]:
    """Per shipment: its legs `[{seq, carrier, gave_at}]` in order, and its handover pairs
    `[(from_carrier, to_carrier)]` in order."""
    legs: dict[int, list[dict[str, Any]]] = {}
    pairs: dict[int, list[tuple[str, str]]] = {}
    for start in range(0, len(shipment_ids), 500):
        chunk = shipment_ids[start : start + 500]
        for r in conn.execute(
            select(
                shipment_legs.c.shipment_id,
                shipment_legs.c.seq,
                shipment_legs.c.carrier,
                shipment_legs.c.gave_at,
            )
            .where(shipment_legs.c.shipment_id.in_(chunk))
            .order_by(shipment_legs.c.shipment_id, shipment_legs.c.seq)
        ):
            legs.setdefault(r.shipment_id, []).append(
                {"seq": r.seq, "carrier": r.carrier, "gave_at": r.gave_at}
            )
        for h in conn.execute(
            select(handovers.c.shipment_id, handovers.c.from_carrier, handovers.c.to_carrier)
            .where(handovers.c.shipment_id.in_(chunk))
            .order_by(handovers.c.shipment_id, handovers.c.seq)
        ):
            pairs.setdefault(h.shipment_id, []).append((h.from_carrier, h.to_carrier))
    return legs, pairs
