"""After events are stored: the shipment's status and each leg's custody, derived again.

Events arrive late and out of order, so the rules are defined over the whole timeline
(`jalin.tracking.timeline`). Most batches only append: every new event of a shipment orders
after everything stored for it (the usual case: scans arrive in order). Then the walk resumes
from the stored state (status: the latest new event with a status; custody: `resume` from the
legs' took/gave), which is exactly the whole walk (a property test holds `resume` to it).
Otherwise the shipment's whole timeline is read and walked again.

Runs inside the caller's unit of work, for every shipment a batch touched, in a fixed number
of statements; returns what changed so the caller can emit webhooks for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from jalin.storage import tracking as store
from jalin.tracking import Moment, Status, custody, ordered, shipment_status
from jalin.tracking.timeline import Custody, resume


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


def refresh(
    conn: Connection,
    ships: Mapping[int, dict[str, Any]],
    legs: Mapping[int, list[dict[str, Any]]],
    new: Mapping[int, list[dict[str, Any]]],
    appended: set[int],
) -> list[StatusChange]:
    """Write the derived status and leg custody of the shipments with `new` rows (stored now,
    with their ids); `appended` are those whose new rows all order after their stored ones."""
    ids = sorted(new)
    if not ids:
        return []
    whole = store.lean_timelines(conn, [sid for sid in ids if sid not in appended])
    status_rows: list[dict[str, Any]] = []
    leg_rows: list[dict[str, Any]] = []
    pending: list[tuple[int, str, str, int | None, dict[str, Any] | None]] = []
    for sid in ids:
        s, its_legs = ships[sid], legs[sid]
        carriers = [leg["carrier"] for leg in its_legs]
        cancelled = s["cancelled_at"] is not None
        if sid in appended:
            ms = ordered(moments(new[sid]))
            decided = next((m for m in reversed(ms) if m.status is not None), None)
            after: Status = Status(s["status"])
            if cancelled:
                after = Status.CANCELLED
            elif decided is not None and decided.status is not None:
                after = decided.status
            state = [Custody(leg["took_at"], leg["gave_at"]) for leg in its_legs]
            walked = resume(carriers, state, ms)
            by_id = {e["id"]: e for e in new[sid]}
            row = by_id[decided.seq] if decided is not None else None
            pending.append((sid, s["status"], after.value, None, row))
        else:
            ms = moments(whole[sid])
            after = shipment_status(ms, cancelled=cancelled)
            walked = custody(carriers, ms)
            decided_id = next((m.seq for m in reversed(ms) if m.status is not None), None)
            pending.append((sid, s["status"], after.value, decided_id, None))
        if after.value != s["status"]:
            status_rows.append({"id": sid, "status": after.value})
        if cancelled:
            continue
        for leg, c in zip(its_legs, walked, strict=True):
            wanted = {"status": c.leg_status, "took_at": c.took_at, "gave_at": c.gave_at}
            if any(leg[k] != v for k, v in wanted.items()):
                leg_rows.append({"id": leg["id"], **wanted})
    store.set_shipment_columns(conn, status_rows)
    store.set_leg_custody(conn, leg_rows)
    changed = [p for p in pending if p[1] != p[2]]
    details = store.events_by_id(conn, [p[3] for p in changed if p[3] is not None])
    return [
        StatusChange(
            sid,
            ships[sid]["number"],
            before,
            after,
            row if row is not None else details.get(decided_id) if decided_id is not None else None,
            ships[sid]["booked_by"],
            tuple(leg["carrier"] for leg in legs[sid]),
        )
        for sid, before, after, decided_id, row in changed
    ]
