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
from jalin.storage import tracking as store
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


class Audience:
    """Who listens, read once per batch: the outbox is asked only about shipments whose booking
    member or carriers have an enabled endpoint for that event type (it then decides exactly)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.by_type = store.subscribers(conn)
        self._carriers: dict[str, int | None] = {}

    def wants(self, event_type: EventType, booked_by: int | None, carriers: Iterable[str]) -> bool:
        listening = self.by_type.get(event_type.value)
        if not listening:
            return False
        if booked_by in listening:
            return True
        missing = [c for c in carriers if c not in self._carriers]
        if missing:
            found = store.carrier_members(self.conn, missing)
            self._carriers.update({c: found.get(c) for c in missing})
        return any(self._carriers.get(c) in listening for c in carriers)


def announce(conn: Connection, changes: Iterable[StatusChange], now: datetime, audience: Audience) -> None:
    """Queue the webhooks of these status changes (see the module docstring)."""
    for ch in changes:
        e = ch.latest
        at = e["occurred_at"] if e is not None else now
        base = _event_data(e)

        def wanted(kind: EventType, ch: StatusChange = ch) -> bool:
            return audience.wants(kind, ch.booked_by, ch.carriers)

        if wanted(EventType.SHIPMENT_STATUS_CHANGED):
            publish(
                conn,
                event_type=EventType.SHIPMENT_STATUS_CHANGED,
                number=ch.number,
                data={"status": ch.after, "previous_status": ch.before, **base},
                at=at,
                now=now,
            )
        after = Status(ch.after)
        if after is Status.DELIVERED and e is not None and wanted(EventType.SHIPMENT_DELIVERED):
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
        elif is_exception(after) and wanted(EventType.SHIPMENT_EXCEPTION):
            publish(
                conn,
                event_type=EventType.SHIPMENT_EXCEPTION,
                number=ch.number,
                data={"status": ch.after, "reason": e["reason"] if e else None, **base},
                at=at,
                now=now,
            )
