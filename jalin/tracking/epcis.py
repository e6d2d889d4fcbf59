"""The EPCIS 2.0 mapping (tracking-v1, "EPCIS 2.0 export"), as a table and pure builders.

Each timeline event with a status becomes one `ObjectEvent` (action `OBSERVE`) about the
shipment, with a CBV 2.0 `bizStep` and `disposition` (bare standard names) from `CBV`:

| status | bizStep | disposition | why |
|---|---|---|---|
| picked_up | accepting | in_transit | the carrier takes possession from the shipper |
| departed | departing | in_transit | leaves a facility |
| arrived | arriving | in_transit | arrives at a facility, still on its way |
| handed_over | accepting | in_transit | possession passes to the next carrier (source/destination lists) |
| out_for_delivery | transporting | in_transit | on the last-mile vehicle |
| delivery_failed | holding | unavailable | kept back after a failed attempt |
| delivered | receiving | in_progress | received at the destination (CBV's disposition for receiving) |
| returning | transporting | returned | being sent back to the shipper |
| returned | receiving | returned | back with the shipper |
| exception | holding | unknown | held: damaged, lost or an address problem (`reason`) |

`booked` and `cancelled` are states of the booking, not events, and are not exported; neither
are events whose carrier code has no status. A handover names the giving and the receiving
carrier as `possessing_party` in `sourceList` / `destinationList`. Identifiers are URIs under
Jalin's public address: `/id/shipment/{number}`, `/id/event/{number}/{carrier}/{event_id}` (Jalin's
own events: `/id/event/{number}/jalin/{row}`), `/id/district/{code}`,
`/id/facility/{carrier}/{facility}`, `/id/party/{carrier}`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from jalin.tracking.vocabulary import Status

#: status -> (CBV 2.0 bizStep, CBV 2.0 disposition); see the module docstring for why.
CBV: dict[Status, tuple[str, str]] = {
    Status.PICKED_UP: ("accepting", "in_transit"),
    Status.DEPARTED: ("departing", "in_transit"),
    Status.ARRIVED: ("arriving", "in_transit"),
    Status.HANDED_OVER: ("accepting", "in_transit"),
    Status.OUT_FOR_DELIVERY: ("transporting", "in_transit"),
    Status.DELIVERY_FAILED: ("holding", "unavailable"),
    Status.DELIVERED: ("receiving", "in_progress"),
    Status.RETURNING: ("transporting", "returned"),
    Status.RETURNED: ("receiving", "returned"),
    Status.EXCEPTION: ("holding", "unknown"),
}

#: Statuses after which the parcel stays where it was seen (it gets a bizLocation).
STAYS: frozenset[Status] = frozenset(
    {
        Status.ARRIVED,
        Status.HANDED_OVER,
        Status.DELIVERY_FAILED,
        Status.DELIVERED,
        Status.RETURNED,
        Status.EXCEPTION,
    }
)

CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"


@dataclass(frozen=True, slots=True)
class EpcisEvent:
    """What the export needs of one timeline event."""

    row: int  # storage id, for Jalin's own events that have no event_id
    carrier: str | None
    event_id: str | None
    status: Status
    occurred_at: datetime  # aware, in the zone of the place
    location: str | None  # district code or facility id as posted
    location_is_district: bool
    source: str | None = None  # handovers: the giving carrier
    destination: str | None = None  # handovers: the receiving carrier


def _seg(text: str) -> str:
    return quote(text, safe="")


def shipment_uri(base: str, number: str) -> str:
    return f"{base}/id/shipment/{_seg(number)}"


def _offset(dt: datetime) -> str:
    off = dt.utcoffset() or timedelta(0)
    sign = "-" if off < timedelta(0) else "+"
    minutes = abs(int(off.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def object_event(base: str, number: str, e: EpcisEvent) -> dict[str, Any]:
    """One ObjectEvent of the export."""
    biz_step, disposition = CBV[e.status]
    if e.event_id is not None and e.carrier is not None:
        event_uri = f"{base}/id/event/{_seg(number)}/{_seg(e.carrier)}/{_seg(e.event_id)}"
    else:
        event_uri = f"{base}/id/event/{_seg(number)}/jalin/{e.row}"
    out: dict[str, Any] = {
        "type": "ObjectEvent",
        "eventID": event_uri,
        "eventTime": e.occurred_at.isoformat(),
        "eventTimeZoneOffset": _offset(e.occurred_at),
        "epcList": [shipment_uri(base, number)],
        "action": "OBSERVE",
        "bizStep": biz_step,
        "disposition": disposition,
    }
    if e.location is not None:
        if e.location_is_district:
            place = f"{base}/id/district/{_seg(e.location)}"
        else:
            place = f"{base}/id/facility/{_seg(e.carrier or 'jalin')}/{_seg(e.location)}"
        out["readPoint"] = {"id": place}
        if e.status in STAYS:
            out["bizLocation"] = {"id": place}
    if e.source is not None:
        out["sourceList"] = [{"type": "possessing_party", "source": f"{base}/id/party/{_seg(e.source)}"}]
    if e.destination is not None:
        out["destinationList"] = [
            {"type": "possessing_party", "destination": f"{base}/id/party/{_seg(e.destination)}"}
        ]
    return out


def document(base: str, number: str, events: Sequence[EpcisEvent], created: datetime) -> dict[str, Any]:
    """The EPCISDocument (JSON-LD, schemaVersion 2.0) of a shipment's timeline."""
    return {
        "@context": [CONTEXT],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": created.isoformat(),
        "epcisBody": {"eventList": [object_event(base, number, e) for e in events]},
    }


def handover_parties(
    carrier: str | None, handovers: Sequence[tuple[str, str]], used: set[int]
) -> tuple[str | None, str | None, int | None]:
    """(giving, receiving, index) of the handover a `handed_over` event by `carrier` reports:
    the first unused handover it receives, else the first unused one it gives."""
    for i, (giver, taker) in enumerate(handovers):
        if i not in used and taker == carrier:
            return giver, taker, i
    for i, (giver, taker) in enumerate(handovers):
        if i not in used and giver == carrier:
            return giver, taker, i
    return None, None, None
