"""The tracking vocabulary (tracking-v1): statuses, what each means, and the codes of ingest.

A shipment's status is one word of one vocabulary whatever carrier reported it. The vocabulary
is `jalin.shipments.model.ShipmentStatus` (shipments were booked with it first); this module
names it `Status` for tracking and adds what the contract says about each word: its meaning,
the AfterShip tag integrators already know, whether a carrier may report it in an event, and
whether it shows a carrier holding the parcel.
"""

from __future__ import annotations

from enum import StrEnum

from jalin.shipments.model import ShipmentStatus

#: The one status vocabulary (tracking-v1, "Status vocabulary").
Status = ShipmentStatus

#: status -> (meaning, AfterShip tag), exactly the contract's table.
MEANING: dict[Status, tuple[str, str]] = {
    Status.BOOKED: ("booked, not yet collected", "InfoReceived"),
    Status.PICKED_UP: ("collected from the shipper", "InTransit"),
    Status.DEPARTED: ("left a facility", "InTransit"),
    Status.ARRIVED: ("arrived at a facility", "InTransit"),
    Status.HANDED_OVER: ("custody passed to the next carrier", "InTransit"),
    Status.OUT_FOR_DELIVERY: ("with the courier for the last mile", "OutForDelivery"),
    Status.DELIVERY_FAILED: ("an attempt failed (reason says why)", "AttemptFail"),
    Status.DELIVERED: ("received (received_by; cod_collected for COD)", "Delivered"),
    Status.RETURNING: ("on its way back to the shipper", "Exception"),
    Status.RETURNED: ("back with the shipper", "Exception"),
    Status.EXCEPTION: ("damaged, lost, held, address problem (reason)", "Exception"),
    Status.CANCELLED: ("the booking was cancelled", "Expired"),
}

#: What a carrier may report in an event: everything but the two states only a booking sets
#: (`booked` at booking, `cancelled` by the booking member's cancel).
EVENT_STATUSES: frozenset[Status] = frozenset(Status) - {Status.BOOKED, Status.CANCELLED}

#: Statuses after which the parcel has left the last carrier's hands (custody ends).
FINAL: frozenset[Status] = frozenset({Status.DELIVERED, Status.RETURNED})


def aftership_tag(status: Status) -> str:
    """The AfterShip tag of a status (InfoReceived, InTransit, ...)."""
    return MEANING[status][1]


class Outcome(StrEnum):
    """What happened to one posted event."""

    ACCEPTED = "accepted"  # stored (now or in this batch)
    DUPLICATE = "duplicate"  # the same (carrier, event_id) with the same content: nothing changes
    REJECTED = "rejected"  # not stored; `code` says why


class EventCode(StrEnum):
    """Stable per-event result codes of `POST /v1/events` (members' tools match on them).

    All but `unmapped_code` come with `rejected`; `unmapped_code` comes with `accepted` (the
    event is kept with status null and counted in the data-quality report)."""

    INVALID_EVENT = "invalid_event"  # not an object, or a field of the wrong type or length
    MISSING_CODE_OR_STATUS = "missing_code_or_status"
    INVALID_STATUS = "invalid_status"  # not in the vocabulary, or booked/cancelled
    INVALID_TIME = "invalid_time"  # no offset, unreadable, or more than 10 minutes ahead
    UNKNOWN_SHIPMENT = "unknown_shipment"  # neither a master number nor a carrier_ref
    NOT_YOUR_LEG = "not_your_leg"  # the caller's carrier has no leg on the shipment
    CARRIER_REQUIRED = "carrier_required"  # an admin must name the event's carrier
    SHIPMENT_CANCELLED = "shipment_cancelled"
    UNKNOWN_LOCATION = "unknown_location"  # neither a district code nor a facility of the carrier
    EVENT_ID_CONFLICT = "event_id_conflict"  # the same (carrier, event_id) with other content
    UNMAPPED_CODE = "unmapped_code"  # accepted: the carrier's code has no status mapping


class TrackingErrorCode(StrEnum):
    """Refusals of a whole tracking request (problem+json `code`)."""

    INVALID_EVENTS = "invalid_events"  # the body is not {"events": [...]}
    TOO_MANY_EVENTS = "too_many_events"  # more than MAX_BATCH events in one request
    NOT_A_TEST_SHIPMENT = "not_a_test_shipment"  # the sandbox walks only test shipments
