"""From a quote option to a booking: picking an option, recognising a given one, cutting legs.

Pure functions over the routing model's `Option` (runs and handovers) and the quote answer's
JSON for the same option (kept verbatim on each leg, so a booking shows exactly what was quoted).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from jalin.routing import HandoverLeg, Option, RunLeg
from jalin.shipments.model import Choose, Endpoint, PlannedHandover, PlannedLeg

#: Sort keys per `choose` rule; options are unique by (delivered_at, price, handovers) already.
_ORDER = {
    Choose.FASTEST: lambda o: (o.delivered_at, o.price, o.handovers),
    Choose.CHEAPEST: lambda o: (o.price, o.delivered_at, o.handovers),
    Choose.FEWEST_HANDOVERS: lambda o: (o.handovers, o.delivered_at, o.price),
}


def choose(options: Sequence[Option], rule: Choose) -> int:
    """The index of the option `rule` picks (options must not be empty)."""
    key = _ORDER[rule]
    return min(range(len(options)), key=lambda i: key(options[i]))


Signature = tuple[int, tuple[tuple[str, ...], ...]]


def signature(option: Option) -> Signature:
    """What makes an option the same option: its price and, in order, each run (carrier, service,
    run, departure instant) and each handover (both carriers and facilities)."""
    parts: list[tuple[str, ...]] = []
    for leg in option.legs:
        if isinstance(leg, RunLeg):
            parts.append(("run", leg.carrier_id, leg.service_id, leg.run_id, _utc_key(leg.departure)))
        else:
            parts.append(("handover", leg.from_carrier, leg.from_facility, leg.to_carrier, leg.to_facility))
    return option.price, tuple(parts)


def _utc_key(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_signature(option: object) -> Signature:
    """The signature of an option object as a quote answer writes it; ValueError names what is wrong."""
    if not isinstance(option, dict):
        raise ValueError("option must be one option object from a quote answer (with price and legs)")
    price, legs = option.get("price"), option.get("legs")
    if isinstance(price, bool) or not isinstance(price, int) or not isinstance(legs, list) or not legs:
        raise ValueError("option needs its integer price and its list of legs, as the quote gave them")
    parts: list[tuple[str, ...]] = []
    for i, leg in enumerate(legs):
        if not isinstance(leg, dict):
            raise ValueError(f"option.legs[{i}] is not an object")
        try:
            if leg.get("type") == "run":
                dep = datetime.fromisoformat(str(leg["departure"]).replace("Z", "+00:00"))
                if dep.tzinfo is None:
                    raise ValueError("no offset")
                parts.append(
                    ("run", str(leg["carrier"]), str(leg["service"]), str(leg["run_id"]), _utc_key(dep))
                )
            elif leg.get("type") == "handover":
                src, dst = leg["from"], leg["to"]
                parts.append(
                    (
                        "handover",
                        str(src["carrier"]),
                        str(src["facility"]),
                        str(dst["carrier"]),
                        str(dst["facility"]),
                    )
                )
            else:
                raise ValueError("type")
        except (KeyError, TypeError, ValueError):
            raise ValueError(
                f"option.legs[{i}] is not a run or handover leg as a quote writes it "
                "(run: carrier, service, run_id, departure; handover: from, to)"
            ) from None
    return price, tuple(parts)


def find(options: Sequence[Option], wanted: Signature) -> int | None:
    """The index of the option with this signature, or None when it is no longer offered."""
    for i, o in enumerate(options):
        if signature(o) == wanted:
            return i
    return None


def cut_legs(
    option: Option, runs_json: Sequence[dict[str, Any]], origin: str, destination: str
) -> tuple[list[PlannedLeg], list[PlannedHandover]]:
    """Legs (maximal runs of one carrier's consecutive runs) and the handovers between them.

    `runs_json` is the quote answer's `legs` list for the same option (runs and handovers in the
    same order); each leg keeps its runs exactly as quoted. The first leg starts at the origin
    district, the last ends at the destination district; the others start and end at facilities.
    """
    groups: list[list[tuple[RunLeg, dict[str, Any]]]] = []
    handovers: list[HandoverLeg] = []
    for leg, shown in zip(option.legs, runs_json, strict=True):
        if isinstance(leg, HandoverLeg):
            handovers.append(leg)
            groups.append([])
        else:
            if not groups or (groups[-1] and groups[-1][-1][0].carrier_id != leg.carrier_id):
                groups.append([])
            groups[-1].append((leg, shown))
    groups = [g for g in groups if g]
    legs: list[PlannedLeg] = []
    for seq, group in enumerate(groups, start=1):
        first, last = group[0][0], group[-1][0]
        start = Endpoint("district", origin) if seq == 1 else Endpoint("facility", first.origin)
        end = (
            Endpoint("district", destination)
            if seq == len(groups)
            else Endpoint("facility", last.destination)
        )
        legs.append(
            PlannedLeg(
                seq=seq,
                carrier=first.carrier_id,
                start=start,
                end=end,
                price=sum(r.price for r, _ in group),
                planned_departure=first.departure,
                planned_arrival=last.arrival,
                start_area=origin if seq == 1 else first.origin_area,
                end_area=destination if seq == len(groups) else last.destination_area,
                runs=tuple(shown for _, shown in group),
            )
        )
    planned = [
        PlannedHandover(
            seq=i,
            from_carrier=h.from_carrier,
            from_facility=h.from_facility,
            to_carrier=h.to_carrier,
            to_facility=h.to_facility,
            district=h.area_code,
            planned_at=h.at,
            fee=h.fee,
        )
        for i, h in enumerate(handovers, start=1)
    ]
    return legs, planned
