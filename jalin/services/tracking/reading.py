"""Reading timelines: `GET /v1/shipments/{number}/events` for the shipment's parties.

Each event is shown with the offset of the place it happened in (its district; the origin's
zone when it names no place), the carrier that reported it and its code as the carrier wrote
it. Custody per leg comes with it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from jalin.geo import zone_of
from jalin.registry.access import Principal
from jalin.services.shipments.access import load_visible
from jalin.services.shipments.views import local
from jalin.storage import tracking as store
from jalin.storage.uow import unit_of_work


def event_view(e: dict[str, Any], fallback_area: str) -> dict[str, Any]:
    """One timeline event for the shipment's parties (not the public)."""
    area = e["area"] or fallback_area
    return {
        "event_id": e["event_id"],
        "carrier": e["carrier"],
        "code": e["code"],
        "status": e["status"],
        "occurred_at": local(e["occurred_at"], area),
        "zone": zone_of(area).value,
        "received_at": local(e["received_at"], area),
        "location": e["location"],
        "district": e["area"],
        "description": e["description"],
        "reason": e["reason"],
        "received_by": e["received_by"],
        "cod_collected": e["cod_collected"],
    }


def custody_view(leg: dict[str, Any]) -> dict[str, Any]:
    took, gave = leg["took_at"], leg["gave_at"]
    return {
        "seq": leg["seq"],
        "carrier": leg["carrier"],
        "status": leg["status"],
        "took_at": local(took, leg["start_area"]) if took else None,
        "gave_at": local(gave, leg["end_area"]) if gave else None,
    }


def timeline(engine: Engine, who: Principal, number: str) -> dict[str, Any]:
    """The full timeline of a shipment its booking member, its carriers or an admin may see."""
    with unit_of_work(engine) as uow:
        _, s, legs, _ = load_visible(uow.conn, who, number)
        events = store.timelines(uow.conn, [s["id"]])[s["id"]]
    return {
        "number": s["number"],
        "status": s["status"],
        "eta": local(s["eta"], s["destination"]),
        "late": s["late"],
        "custody": [custody_view(leg) for leg in legs],
        "events": [event_view(e, s["origin"]) for e in events],
    }
