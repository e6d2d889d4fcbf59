"""Event types and message bodies.

A message is one event for one endpoint. Its id (the `webhook-id` header) and its body are fixed
when it is written to the outbox, so every retry sends the same id and the same bytes; only
`webhook-timestamp` and the signature change per attempt.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class EventType(StrEnum):
    """The event types of tracking-v1. A member receives those of shipments it booked or carries."""

    SHIPMENT_BOOKED = "shipment.booked"
    SHIPMENT_STATUS_CHANGED = "shipment.status_changed"
    SHIPMENT_DELIVERED = "shipment.delivered"
    SHIPMENT_EXCEPTION = "shipment.exception"
    SHIPMENT_ETA_CHANGED = "shipment.eta_changed"
    HANDOVER_COMPLETED = "handover.completed"
    HANDOVER_DISCREPANCY = "handover.discrepancy"
    #: Sent by `POST /v1/webhooks/{id}/test` whatever the endpoint chose; not subscribable.
    WEBHOOK_TEST = "webhook.test"
    #: Sent to a member's other enabled endpoints when one of its endpoints is disabled.
    WEBHOOK_DISABLED = "webhook.disabled"


#: Notices every endpoint receives whatever it chose; not in `event_types`.
NOTICES = frozenset({EventType.WEBHOOK_TEST, EventType.WEBHOOK_DISABLED})

#: The types an endpoint may choose (`event_types`), in the contract's order.
SUBSCRIBABLE: tuple[EventType, ...] = tuple(t for t in EventType if t not in NOTICES)


def new_message_id() -> str:
    """A message id: `msg_` + 32 hex digits (128 random bits), unique for ever."""
    return "msg_" + secrets.token_hex(16)


def _instant(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("event instants must be timezone-aware")
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def message_body(event_type: EventType, at: datetime, data: dict[str, Any]) -> str:
    """The exact body sent: `{"type", "timestamp" (ISO 8601, UTC), "data"}` as compact JSON."""
    return json.dumps(
        {"type": event_type.value, "timestamp": _instant(at), "data": data},
        ensure_ascii=False,
        separators=(",", ":"),
        default=_default,
    )


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return _instant(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
