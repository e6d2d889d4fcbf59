"""The JSON shapes of shipments-v1, built from stored rows (one place for POST, GET and replay).

Instants are stored in UTC and written with the offset of the place they happen at.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from jalin.geo import Atlas, zone_of


def utc(dt: datetime) -> datetime:
    """Stored instants are UTC; SQLite hands them back without an offset."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def local(dt: datetime, area_code: str) -> str:
    """ISO instant with the offset of the place (WIB/WITA/WIT by province)."""
    return utc(dt).astimezone(zone_of(area_code).tzinfo).isoformat()


def member_ref(member_id: int | None) -> str | None:
    """How shipments name a member: `M` and its id in at least four digits (M0012)."""
    return None if member_id is None else f"M{member_id:04d}"


def parse_member_ref(value: object) -> int | None:
    """`M0012`, `12` or 12 -> 12; None when it is not a member reference."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str):
        text = value.strip().upper().removeprefix("M")
        if text.isdigit() and int(text) > 0:
            return int(text)
    return None


def _endpoint(kind: str, code: str) -> dict[str, str]:
    return {kind: code}


def leg_view(leg: dict[str, Any]) -> dict[str, Any]:
    return {
        "seq": leg["seq"],
        "carrier": leg["carrier"],
        "carrier_ref": leg["carrier_ref"],
        "status": leg["status"],
        "from": _endpoint(leg["start_kind"], leg["start_code"]),
        "to": _endpoint(leg["end_kind"], leg["end_code"]),
        "price": leg["price"],
        "planned_departure": local(leg["planned_departure"], leg["start_area"]),
        "planned_arrival": local(leg["planned_arrival"], leg["end_area"]),
        "runs": json.loads(leg["runs"]),
    }


def handover_view(h: dict[str, Any]) -> dict[str, Any]:
    return {
        "seq": h["seq"],
        "from_carrier": h["from_carrier"],
        "from_facility": h["from_facility"],
        "to_carrier": h["to_carrier"],
        "to_facility": h["to_facility"],
        "district": h["district"],
        "planned_at": local(h["planned_at"], h["district"]),
        "fee": h["fee"],
        "status": h["status"],
        "manifest": h["manifest_id"],
        "completed_at": local(h["completed_at"], h["district"]) if h["completed_at"] else None,
    }


def dims_list(dims: str | None) -> list[str] | None:
    return dims.split("x") if dims else None


def shipment_view(s: dict[str, Any], legs: list[dict[str, Any]], hos: list[dict[str, Any]]) -> dict[str, Any]:
    """The booking answer and `GET /v1/shipments/{number}` (shipments-v1)."""
    number = s["number"]
    return {
        "number": number,
        "status": s["status"],
        "test": s["test"],
        "booked_by": member_ref(s["booked_by"]),
        "created_at": local(s["created_at"], s["origin"]),
        "from": s["origin"],
        "to": s["destination"],
        "ready_at": local(s["ready_at"], s["origin"]),
        "weight_kg": s["weight_kg"],
        "dims_cm": dims_list(s["dims_cm"]),
        "cod_amount": s["cod_amount"],
        "declared_value": s["declared_value"],
        "contents": s["contents"],
        "price": s["price"],
        "planned_delivery": local(s["planned_delivery"], s["destination"]),
        "eta": local(s["eta"], s["destination"]),
        "late": s["late"],
        "reference": s["reference"],
        "shipper": {"name": s["shipper_name"], "phone": s["shipper_phone"], "address": s["shipper_address"]},
        "recipient": {
            "name": s["recipient_name"],
            "phone": s["recipient_phone"],
            "address": s["recipient_address"],
        },
        "legs": [leg_view(leg) for leg in legs],
        "handovers": [handover_view(h) for h in hos],
        "cancelled_at": local(s["cancelled_at"], s["origin"]) if s["cancelled_at"] else None,
        "label_url": f"/v1/shipments/{number}/label",
    }


def place_names(atlas: Atlas, district: str) -> dict[str, str | None]:
    """District, regency and province names of a district code (no street, no village)."""
    area = atlas.get(district)
    if area is None:
        return {"district": None, "regency": None, "province": None}
    lineage = atlas.lineage(area)
    return {
        "district": area.name,
        "regency": lineage[1].name if len(lineage) > 1 else None,
        "province": lineage[0].name,
    }


def _moment(atlas: Atlas, at: datetime, area: str | None, status: str | None, carrier: str | None) -> dict:
    zone_area = area or "31"
    return {
        "status": status,
        "at": local(at, zone_area),
        "zone": zone_of(zone_area).value,
        "place": place_names(atlas, area)["district"] if area else None,
        "carrier": carrier,
    }


def track_view(
    atlas: Atlas, s: dict[str, Any], events: list[dict[str, Any]], brands: dict[str, str]
) -> dict[str, Any]:
    """The public view (`GET /v1/track/{number}`): no names, phones or street addresses.

    Places are district, regency and province names; carriers are brands.
    Booking opens the timeline and a cancellation closes it; the events between are in the
    order of the timeline (`events` come ordered by occurred_at, ties by the later received),
    without those whose carrier code has no status.
    """
    timeline = [_moment(atlas, s["created_at"], s["origin"], "booked", None)]
    for e in events:
        if e["status"] is None:
            continue
        brand = brands.get(e["carrier"], e["carrier"]) if e["carrier"] else None
        timeline.append(_moment(atlas, e["occurred_at"], e["area"], e["status"], brand))
    if s["cancelled_at"]:
        timeline.append(_moment(atlas, s["cancelled_at"], s["origin"], "cancelled", None))
    return {
        "number": s["number"],
        "status": s["status"],
        "from": place_names(atlas, s["origin"]),
        "to": place_names(atlas, s["destination"]),
        "planned_delivery": local(s["planned_delivery"], s["destination"]),
        "eta": local(s["eta"], s["destination"]),
        "late": s["late"],
        "timeline": timeline,
    }
