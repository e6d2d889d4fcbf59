"""`GET /v1/shipments/{number}/epcis`: the shipment's timeline as a GS1 EPCIS 2.0 document.

The mapping (CBV bizStep and disposition per status, identifiers, handovers as
possessing_party) is `jalin.tracking.epcis`; this reads the timeline for the shipment's
parties and places each instant in the zone of the district it happened in.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from jalin.geo import zone_of
from jalin.registry.access import Principal
from jalin.services.shipments.access import load_visible
from jalin.storage import tracking as store
from jalin.storage.uow import unit_of_work
from jalin.tracking import Status
from jalin.tracking.epcis import EpcisEvent, document, handover_parties


def export(
    engine: Engine, who: Principal, number: str, base_url: str, *, now: datetime | None = None
) -> dict[str, Any]:
    """The EPCISDocument of a shipment its booking member, carriers or an admin may see."""
    base = base_url.rstrip("/")
    with unit_of_work(engine) as uow:
        _, s, _, hos = load_visible(uow.conn, who, number)
        rows = store.timelines(uow.conn, [s["id"]])[s["id"]]
    pairs = [(h["from_carrier"], h["to_carrier"]) for h in hos]
    used: set[int] = set()
    events = []
    for r in rows:
        if r["status"] is None:
            continue
        status = Status(r["status"])
        area = r["area"] or s["origin"]
        giving = taking = None
        if status is Status.HANDED_OVER:
            giving, taking, index = handover_parties(r["carrier"], pairs, used)
            if index is not None:
                used.add(index)
        location = r["location"]
        events.append(
            EpcisEvent(
                row=r["id"],
                carrier=r["carrier"],
                event_id=r["event_id"],
                status=status,
                occurred_at=r["occurred_at"].astimezone(zone_of(area).tzinfo),
                location=location,
                location_is_district=location is not None and location == r["area"],
                source=giving,
                destination=taking,
            )
        )
    return document(base, s["number"], events, (now or datetime.now(UTC)).replace(microsecond=0))
