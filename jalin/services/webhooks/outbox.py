"""Writing events to the outbox, inside the caller's transaction.

`publish` is what a use case calls when a change causes an event (booking, manifest confirm,
event ingest, ETA change). It writes one message per subscribed endpoint of the members
concerned, on the caller's connection, so the messages commit with the change or not at all;
the worker delivers them later (at least once). Nothing here touches the network.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from jalin.storage import webhooks as store
from jalin.webhooks.events import SUBSCRIBABLE, EventType, message_body, new_message_id


def publish(
    conn: Connection,
    *,
    event_type: EventType | str,
    number: str,
    data: dict[str, Any],
    at: datetime,
    now: datetime | None = None,
) -> list[str]:
    """Queue `event_type` about shipment `number` for every endpoint that should receive it.

    Who receives it: the member that booked the shipment and the members running the carriers
    of its legs, each through its enabled endpoints that chose this event type. `data` is the
    event's payload (`number` is added if missing); `at` (timezone-aware) is when the event
    happened, the body's `timestamp`. Returns the new message ids (the `webhook-id`s), fixed from
    now on. Call it on the open connection of the unit of work that makes the change.
    """
    kind = EventType(event_type)
    if kind not in SUBSCRIBABLE:
        raise ValueError(f"{kind.value} is a notice, not a shipment event")
    targets = store.subscribed_to_shipment(conn, number, kind.value)
    if not targets:
        return []
    body = message_body(kind, at, {"number": number, **data})
    created = (now or datetime.now(UTC)).astimezone(UTC)
    ids = [new_message_id() for _ in targets]
    rows: list[dict[str, Any]] = [
        {
            "id": mid,
            "endpoint_id": endpoint_id,
            "event_type": kind.value,
            "number": number,
            "body": body,
            "created_at": created,
        }
        for mid, (endpoint_id, _member) in zip(ids, targets, strict=True)
    ]
    store.insert_messages(conn, rows)
    return ids


__all__ = ["publish"]
