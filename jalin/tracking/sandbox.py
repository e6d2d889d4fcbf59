"""The sandbox walk (tracking-v1, "Sandbox"): the events a test shipment would see if every run
went as booked, for `POST /v1/shipments/{number}/simulate` to feed through the real ingest.

Per leg, in order: the first leg's carrier picks the parcel up in the shipper's district; every
later leg's carrier reports the handover at its receiving facility; each run reports departing
its origin facility and arriving at its destination facility; the last run (a delivery) goes
out for delivery from its facility and is delivered in the recipient's district, with the COD
amount collected. Times are the booked runs' times, moved back as a whole when the last of them
is still ahead of `now` (ingest refuses events more than 10 minutes ahead), so the spacing stays
as booked. Event ids are `SIM-{number}-{n}`, so walking twice changes nothing (duplicates).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from jalin.tracking.vocabulary import Status


@dataclass(frozen=True, slots=True)
class SandboxLeg:
    carrier: str
    runs: Sequence[dict[str, Any]]  # the quote's run legs: origin, destination, departure, arrival
    handover_at: datetime | None  # for legs after the first: when the parcel is due at it


def _facility(endpoint: str) -> str | None:
    return None if endpoint.startswith("area:") else endpoint


def walk(
    number: str,
    origin: str,
    destination: str,
    cod_amount: int,
    legs: Sequence[SandboxLeg],
    now: datetime,
    describe: Callable[[Status], str],
) -> list[dict[str, Any]]:
    """The events of the walk, ready for ingest (each names its carrier)."""
    planned: list[tuple[datetime, str, Status, str | None, dict[str, Any]]] = []
    last = len(legs) - 1
    previous: datetime | None = None
    for k, leg in enumerate(legs):
        if not leg.runs:
            continue
        first = leg.runs[0]
        if k == 0:
            planned.append(
                (datetime.fromisoformat(first["departure"]), leg.carrier, Status.PICKED_UP, origin, {})
            )
        else:
            at = leg.handover_at or datetime.fromisoformat(first["departure"])
            if previous is not None and at <= previous:
                at = previous + timedelta(minutes=1)
            planned.append((at, leg.carrier, Status.HANDED_OVER, _facility(first["origin"]), {}))
        for j, run in enumerate(leg.runs):
            dep, arr = datetime.fromisoformat(run["departure"]), datetime.fromisoformat(run["arrival"])
            src, dst = _facility(run["origin"]), _facility(run["destination"])
            delivering = k == last and j == len(leg.runs) - 1 and dst is None
            if delivering:
                planned.append((dep, leg.carrier, Status.OUT_FOR_DELIVERY, src, {}))
                extra = {"received_by": "Penerima (simulasi)"}
                if cod_amount > 0:
                    extra["cod_collected"] = cod_amount  # type: ignore[assignment]
                planned.append((arr, leg.carrier, Status.DELIVERED, destination, extra))
                continue
            if src is not None:
                planned.append((dep, leg.carrier, Status.DEPARTED, src, {}))
            if dst is not None:
                planned.append((arr, leg.carrier, Status.ARRIVED, dst, {}))
        previous = planned[-1][0]
    if not planned:
        return []
    shift = max(timedelta(0), max(p[0] for p in planned) - now)
    return [
        {
            "event_id": f"SIM-{number}-{n:02d}",
            "number": number,
            "carrier": carrier,
            "status": status.value,
            "occurred_at": (at - shift).isoformat(),
            "location": location,
            "description": describe(status),
            **extra,
        }
        for n, (at, carrier, status, location, extra) in enumerate(planned, 1)
    ]
