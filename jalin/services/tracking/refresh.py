"""After events are stored: the shipment's status and each leg's custody, derived again from
the whole timeline (events arrive late and out of order, so nothing is derived incrementally).

Runs inside the caller's unit of work, for every shipment a batch touched, in a fixed number
of statements; returns what changed so the caller can emit webhooks for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from jalin.storage import tracking as store
from jalin.tracking import Moment, Status, custody, shipment_status


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A shipment whose derived status moved (from `before` to `after`)."""

    shipment_id: int
    number: str
    before: str
    after: str
    latest: dict[str, Any] | None  # the event that decides the new status
    booked_by: int | None
    carriers: tuple[str, ...]  # the legs' carriers (who may listen to its webhooks)


def moments(events: Iterable[dict[str, Any]]) -> list[Moment]:
    return [
        Moment(
            Status(e["status"]) if e["status"] else None,
            e["carrier"],
            e["occurred_at"],
            e["received_at"],
            e["id"],
        )
        for e in events
    ]


def refresh(conn: Connection, shipment_ids: Iterable[int]) -> list[StatusChange]:
    """Write the derived status and leg custody of these shipments; return the status changes."""
    ids = sorted(set(shipment_ids))
    if not ids:
        return []
    ships = store.shipments_by_id(conn, ids)
    lines = store.timelines(conn, ids)
    legs = store.legs_of(conn, ids)
    status_rows: list[dict[str, Any]] = []
    leg_rows: list[dict[str, Any]] = []
    changes: list[StatusChange] = []
    for sid in ids:
        s = ships[sid]
        events = lines[sid]
        ms = moments(events)
        new = shipment_status(ms, cancelled=s["cancelled_at"] is not None)
        if new.value != s["status"]:
            status_rows.append({"id": sid, "status": new.value})
            decided = [e for e in events if e["status"] is not None]
            changes.append(
                StatusChange(
                    sid,
                    s["number"],
                    s["status"],
                    new.value,
                    decided[-1] if decided else None,
                    s["booked_by"],
                    tuple(leg["carrier"] for leg in legs[sid]),
                )
            )
        if s["cancelled_at"] is not None:
            continue
        for leg, c in zip(legs[sid], custody([leg["carrier"] for leg in legs[sid]], ms), strict=True):
            wanted = {"status": c.leg_status, "took_at": c.took_at, "gave_at": c.gave_at}
            if any(leg[k] != v for k, v in wanted.items()):
                leg_rows.append({"id": leg["id"], **wanted})
    store.set_shipment_columns(conn, status_rows)
    store.set_leg_custody(conn, leg_rows)
    return changes
