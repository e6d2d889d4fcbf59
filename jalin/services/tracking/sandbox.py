"""`POST /v1/shipments/{number}/simulate`: walk a test shipment through its legs' statuses,
handovers and delivery through the same ingest as real events, so every webhook fires as it
would for real ones (the receiving carrier's `handed_over` completes each handover, with its
`handover.completed`, as it does for real events). Only sandbox shipments (booked with
`test: true`): anything else is 409 `not_a_test_shipment`. Its booking member, a carrier on
it or an admin may ask; the events are posted as the legs' carriers. Sandbox shipments are
never settled (ingest records no lines for them). The walk itself is
`jalin.tracking.sandbox.walk`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from jalin.errors import JalinError
from jalin.geo import Atlas
from jalin.i18n import t
from jalin.registry.access import Principal
from jalin.registry.rules import Role
from jalin.services.network_state import NetworkState
from jalin.services.shipments.access import load_visible
from jalin.services.tracking.ingest import ingest
from jalin.storage.uow import unit_of_work
from jalin.tracking import TrackingErrorCode
from jalin.tracking.sandbox import SandboxLeg, walk

#: The sandbox posts as the legs' carriers, which only an admin principal may do.
_SANDBOX = Principal(Role.ADMIN)


def simulate(
    engine: Engine,
    state: NetworkState | None,
    atlas: Atlas,
    who: Principal,
    number: str,
    *,
    now: datetime | None = None,
) -> dict[str, Any]:
    now = now or datetime.now(UTC)
    with unit_of_work(engine) as uow:
        _, s, legs, hos = load_visible(uow.conn, who, number)
    if not s["test"]:
        raise JalinError(
            TrackingErrorCode.NOT_A_TEST_SHIPMENT,
            f"Kiriman {s['number']} bukan kiriman uji; simulasi hanya untuk kiriman yang dipesan dengan "
            f"test: true. / Shipment {s['number']} is not a test shipment; the simulation is only for "
            "shipments booked with test: true.",
            field="number",
        )
    due = {h["seq"] + 1: h["planned_at"] for h in hos}
    plan = walk(
        s["number"],
        s["origin"],
        s["destination"],
        s["cod_amount"],
        [SandboxLeg(leg["carrier"], json.loads(leg["runs"]), due.get(leg["seq"])) for leg in legs],
        now,
        lambda status: t(f"status.{status.value}", lang="id"),
    )
    # One event per batch, in order, as a carrier's scanners would send them: each status
    # change is its own (committed) step with its own webhooks.
    results: list[dict[str, Any]] = []
    for event in plan:
        answer = ingest(engine, state, atlas, _SANDBOX, {"events": [event]}, now=now).body["results"]
        results.extend(answer)
    with unit_of_work(engine) as uow:
        _, fresh, _, _ = load_visible(uow.conn, who, number)
    counts = {k: sum(1 for r in results if r["result"] == k) for k in ("accepted", "duplicate", "rejected")}
    return {
        "number": s["number"],
        "status": fresh["status"],
        "results": results,
        "accepted": counts["accepted"],
        "duplicates": counts["duplicate"],
        "rejected": counts["rejected"],
    }
