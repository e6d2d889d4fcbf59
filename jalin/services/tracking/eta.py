"""After events at facilities: the ETA re-planned (rule and search: `jalin.tracking.replan`).

Only a shipment whose latest event (by the timeline's order) arrived in this batch, happened at
a facility, and leaves the parcel on its way is re-planned: from that facility and that time,
on the leg that holds the parcel (custody, just derived), over the booked carriers' live feeds.
When the earliest delivery found differs from the stored `eta`, the shipment's `eta` and `late`
(`eta` after `planned_delivery`) change and `shipment.eta_changed` is queued in the same
transaction. No delivery found (a carrier without a live feed, a facility no longer in it):
the ETA stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection

from jalin.services.tracking.network import NetworkIndex
from jalin.services.tracking.notify import Audience
from jalin.services.webhooks.outbox import publish
from jalin.shipments.model import LegStatus
from jalin.storage import tracking as store
from jalin.tracking import Status
from jalin.tracking.eta import is_late
from jalin.tracking.replan import RemainingLeg, earliest_delivery
from jalin.webhooks.events import EventType

#: After these the parcel is not on its way to the recipient: nothing to re-plan.
_NOT_MOVING = frozenset({Status.DELIVERED, Status.RETURNING, Status.RETURNED, Status.CANCELLED})


@dataclass(frozen=True, slots=True)
class EtaChange:
    number: str
    before: datetime
    after: datetime
    late: bool


def _volume(dims: str | None) -> Decimal | None:
    if not dims:
        return None
    try:
        a, b, c = (Decimal(x) for x in dims.split("x"))
    except (ValueError, InvalidOperation):
        return None
    return a * b * c


def _facility(location: str, carrier: str) -> str:
    prefix = carrier + ":"
    return location[len(prefix) :] if location.upper().startswith(prefix) else location


def _holding_leg(legs: list[dict[str, Any]], carrier: str) -> int | None:
    active = [i for i, leg in enumerate(legs) if leg["status"] == LegStatus.ACTIVE.value]
    if active and legs[active[0]]["carrier"] == carrier:
        return active[0]
    return next(
        (i for i, leg in enumerate(legs) if leg["carrier"] == carrier and leg["gave_at"] is None), None
    )


def replan(
    conn: Connection,
    index: NetworkIndex,
    shipment_ids: Iterable[int],
    received_at: datetime,
    audience: Audience,
) -> list[EtaChange]:
    """Re-plan the shipments whose latest event, received at `received_at`, is at a facility."""
    ids = sorted(set(shipment_ids))
    if not ids:
        return []
    ships = store.shipments_by_id(conn, ids)
    lines = store.timelines(conn, ids)
    all_legs = store.legs_of(conn, ids)
    changes: list[EtaChange] = []
    rows: list[dict[str, Any]] = []
    for sid in ids:
        s, legs = ships[sid], all_legs[sid]
        latest = next((e for e in reversed(lines[sid]) if e["status"] is not None), None)
        if (
            latest is None
            or latest["received_at"] != received_at
            or latest["location"] is None
            or latest["location"] == latest["area"]  # a district, not a facility
            or Status(latest["status"]) in _NOT_MOVING
            or latest["carrier"] is None
        ):
            continue
        at = _holding_leg(legs, latest["carrier"])
        graphs = [index.graph(leg["carrier"]) for leg in legs]
        if at is None or any(g is None for g in graphs[at:]):
            continue
        remaining = [
            RemainingLeg(
                graph,  # type: ignore[arg-type]
                leg["end_code"] if leg["end_kind"] == "facility" and k + 1 < len(legs) else None,
                legs[k + 1]["start_code"] if k + 1 < len(legs) else None,
            )
            for k, (leg, graph) in enumerate(zip(legs, graphs, strict=True))
        ]
        eta = earliest_delivery(
            remaining,
            at,
            _facility(latest["location"], latest["carrier"]),
            latest["occurred_at"],
            s["destination"],
            weight_kg=Decimal(s["weight_kg"]),
            volume_cm3=_volume(s["dims_cm"]),
            cod=s["cod_amount"] > 0,
        )
        if eta is None or eta == s["eta"]:
            continue
        late = is_late(eta, s["planned_delivery"])
        rows.append({"id": sid, "eta": eta, "late": late})
        changes.append(EtaChange(s["number"], s["eta"], eta, late))
    store.set_shipment_columns(conn, rows)
    for ch in changes:
        s = next(x for x in ships.values() if x["number"] == ch.number)
        carriers = [leg["carrier"] for leg in all_legs[s["id"]]]
        if not audience.wants(EventType.SHIPMENT_ETA_CHANGED, s["booked_by"], carriers):
            continue
        publish(
            conn,
            event_type=EventType.SHIPMENT_ETA_CHANGED,
            number=ch.number,
            data={
                "eta": ch.after,
                "previous_eta": ch.before,
                "late": ch.late,
                "planned_delivery": s["planned_delivery"],
            },
            at=received_at,
            now=received_at,
        )
    return changes
