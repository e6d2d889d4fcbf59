"""Webhooks caused by tracking, written to the outbox in the caller's transaction.

For each shipment whose derived status moved: `shipment.status_changed`; when it moved to
`delivered`, also `shipment.delivered`; when it moved to a status AfterShip tags `Exception` or
`AttemptFail` (`exception`, `returning`, `returned`, `delivery_failed`), also
`shipment.exception`. The message's timestamp is when the deciding event happened.
(`shipment.booked` and `handover.*` are written by booking and manifest confirmation.)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from jalin.services.tracking.refresh import StatusChange
from jalin.services.webhooks.outbox import publish
from jalin.tracking import Status, aftership_tag
from jalin.webhooks.events import EventType


def _event_data(e: dict[str, Any] | None) -> dict[str, Any]:
    if e is None:
        return {}
    return {
        "occurred_at": e["occurred_at"],
        "carrier": e["carrier"],
        "code": e["code"],
        "location": e["location"],
        "district": e["area"],
        "event_id": e["event_id"],
    }


def is_exception(status: Status) -> bool:
    return aftership_tag(status) in ("Exception", "AttemptFail")


def announce(conn: Connection, changes: Iterable[StatusChange], now: datetime) -> None:
    """Queue the webhooks of these status changes (see the module docstring)."""
    for ch in changes:
        e = ch.latest
        at = e["occurred_at"] if e is not None else now
        base = _event_data(e)
        publish(
            conn,
            event_type=EventType.SHIPMENT_STATUS_CHANGED,
            number=ch.number,
            data={"status": ch.after, "previous_status": ch.before, **base},
            at=at,
            now=now,
        )
        after = Status(ch.after)
        if after is Status.DELIVERED and e is not None:
            publish(
                conn,
                event_type=EventType.SHIPMENT_DELIVERED,
                number=ch.number,
                data={
                    "delivered_at": e["occurred_at"],
                    "received_by": e["received_by"],
                    "cod_collected": e["cod_collected"],
                    **base,
                },
                at=at,
                now=now,
            )
        elif is_exception(after):
            publish(
                conn,
                event_type=EventType.SHIPMENT_EXCEPTION,
                number=ch.number,
                data={"status": ch.after, "reason": e["reason"] if e else None, **base},
                at=at,
                now=now,
            )
