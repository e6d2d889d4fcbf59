"""An independent reference planner for quote-v1, written from the contract, for property tests.

It shares no code with jalin.routing: its own time zones, chargeable weight (fractions), handover
fees, area coverage and Pareto filter. It only reads the feed records (jalin.network.model) and
the request fields. It is slow on purpose and small enough to check by reading:

- Every route is a pickup, then linehauls and handovers, then a delivery. Only simple routes
  are enumerated (no (carrier, facility) twice): prices and fees are >= 0 and time only moves
  forward, so dropping a loop never makes a route worse in any of the three criteria.
- Each run is boarded at its earliest feasible departure: waiting is free and a run's price
  does not depend on the departure, so a later departure of the same run is never better.
- The answer is every route's (delivered_at, price, handovers), Pareto-filtered by brute force.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from fractions import Fraction

from jalin.network.model import Feed, Run

#: UTC offset (hours) by province code: WIB +7, WITA +8, WIT +9 (network-feed-v1). Only the
#: provinces the scenario generators use; anything else is a KeyError, not a guess.
OFFSET_HOURS = {"31": 7, "32": 7, "33": 7, "51": 8, "73": 8, "74": 8, "81": 9, "94": 9, "95": 9}

#: An agreement: (carrier_a, carrier_b, fee per parcel, districts where allowed or None = anywhere).
Agreement = tuple[str, str, int, "frozenset[str] | None"]


@dataclass(frozen=True)
class Step:
    """One leg of a reference route: a run (with when the parcel was there to board) or a handover."""

    kind: str  # "run" or "handover"
    carrier: str
    ident: str  # run id, or "FROM->TO" facilities for a handover
    ready: datetime  # when the parcel was at the place (UTC)
    departure: datetime  # boarding instant (the handover instant for a handover)
    cutoff: timedelta
    arrival: datetime
    price: int  # run price or handover fee


@dataclass(frozen=True)
class Route:
    delivered_at: datetime
    price: int
    handovers: int
    steps: tuple[Step, ...]

    @property
    def key(self) -> tuple[datetime, int, int]:
        return (self.delivered_at, self.price, self.handovers)


def local_zone(code: str) -> timezone:
    return timezone(timedelta(hours=OFFSET_HOURS[code[:2]]))


def covers(area: str, district: str) -> bool:
    """An area (NN, NN.NN or NN.NN.NN) covers a district when it is the district or one of its parents."""
    return district == area or district.startswith(area + ".")


def chargeable(weight: Fraction, dims: tuple[Fraction, Fraction, Fraction] | None, divisor: int) -> int:
    w = weight
    if dims is not None:
        w = max(w, dims[0] * dims[1] * dims[2] / divisor)
    return max(1, math.ceil(w))


def handover_fee(agreements: list[Agreement] | None, a: str, b: str, district: str) -> int | None:
    """None: the pair may not hand over there. Open handovers (None) are free between any two carriers."""
    if a == b:
        return None
    if agreements is None:
        return 0
    fees = [
        fee
        for x, y, fee, districts in agreements
        if {x, y} == {a, b} and (districts is None or district in districts)
    ]
    return min(fees) if fees else None


def pareto_keys(keys: list[tuple[datetime, int, int]]) -> list[tuple[datetime, int, int]]:
    def dominated(k: tuple[datetime, int, int]) -> bool:
        return any(o != k and o[0] <= k[0] and o[1] <= k[1] and o[2] <= k[2] for o in keys)

    return sorted({k for k in keys if not dominated(k)})


def departs_on(feed: Feed, run: Run, day: date) -> bool:
    exceptions = [c.exception_type for c in feed.calendar if c.service_id == run.service_id and c.date == day]
    if 2 in exceptions:
        return False
    return 1 in exceptions or run.days[day.weekday()] == "1"


def earliest_departure(
    feed: Feed, run: Run, origin_area: str, ready: datetime, end: datetime
) -> datetime | None:
    """The first departure with departure - cutoff >= ready, no later than end; None if there is none."""
    zone = local_zone(origin_area)
    cutoff = timedelta(minutes=run.cutoff_minutes)
    first_day = ready.astimezone(zone).date() - timedelta(days=1)
    days = (end.astimezone(zone).date() - first_day).days + 1
    for n in range(days):
        day = first_day + timedelta(days=n)
        if not departs_on(feed, run, day):
            continue
        dep = datetime.combine(day, time(0), zone) + timedelta(minutes=run.departs_at)
        if dep - cutoff >= ready and dep <= end:
            return dep.astimezone(UTC)
    return None


def plan(
    feeds: list[Feed],
    origin: str,
    destination: str,
    weight_kg: str,
    ready_at: datetime,
    *,
    dims_cm: tuple[str, str, str] | None = None,
    cod: bool = False,
    max_handovers: int = 2,
    handover_minutes: int = 120,
    horizon: timedelta = timedelta(days=14),
    agreements: list[Agreement] | None = None,
) -> tuple[list[Route], str | None]:
    """Pareto routes (one per key, sorted) and, when there are none, why: no_pickup, no_delivery or
    not_within_horizon."""
    weight = Fraction(weight_kg)
    dims = tuple(Fraction(d) for d in dims_cm) if dims_cm else None
    end = ready_at + horizon
    by_carrier = {f.carrier_id: f for f in feeds}

    def usable(feed: Feed, run: Run) -> bool:
        service = feed.services[run.service_id]
        if weight > Fraction(str(service.max_weight_kg)):
            return False
        is_delivery = run.destination.area_code is not None
        return not (is_delivery and cod and not service.cod)

    def price(feed: Feed, run: Run) -> int:
        ck = chargeable(weight, dims, feed.services[run.service_id].volumetric_divisor)  # type: ignore[arg-type]
        return run.base_price + run.price_per_kg * ck

    def area_of(feed: Feed, facility_id: str) -> str:
        return feed.facilities[facility_id].area_code

    routes: list[Route] = []

    def at_facility(
        carrier: str, facility: str, t: datetime, steps: tuple[Step, ...], seen: frozenset
    ) -> None:
        feed = by_carrier[carrier]
        area = area_of(feed, facility)
        for run in feed.runs:
            if run.origin.facility_id != facility or not usable(feed, run):
                continue
            if run.destination.area_code is not None and not covers(run.destination.area_code, destination):
                continue
            nxt = (carrier, run.destination.facility_id)
            if run.destination.facility_id is not None and nxt in seen:
                continue
            dep = earliest_departure(feed, run, area, t, end)
            if dep is None:
                continue
            arr = dep + timedelta(minutes=run.duration_minutes)
            if arr > end:
                continue
            step = Step(
                "run",
                carrier,
                run.run_id,
                t,
                dep,
                timedelta(minutes=run.cutoff_minutes),
                arr,
                price(feed, run),
            )
            if run.destination.area_code is not None:
                finish((*steps, step))
            else:
                at_facility(carrier, run.destination.facility_id, arr, (*steps, step), seen | {nxt})  # type: ignore[arg-type]
        here = feed.facilities[facility]
        if not here.handover or sum(s.kind == "handover" for s in steps) >= max_handovers:
            return
        when = t + timedelta(minutes=handover_minutes)
        if when > end:
            return
        for other in feeds:
            fee = handover_fee(agreements, carrier, other.carrier_id, area)
            if fee is None:
                continue
            for g in other.facilities.values():
                key = (other.carrier_id, g.facility_id)
                if g.handover and g.area_code == area and key not in seen:
                    step = Step(
                        "handover",
                        carrier,
                        f"{facility}->{other.carrier_id}:{g.facility_id}",
                        t,
                        t,
                        timedelta(0),
                        when,
                        fee,
                    )
                    at_facility(other.carrier_id, g.facility_id, when, (*steps, step), seen | {key})

    def finish(steps: tuple[Step, ...]) -> None:
        routes.append(
            Route(
                steps[-1].arrival,
                sum(s.price for s in steps),
                sum(s.kind == "handover" for s in steps),
                steps,
            )
        )

    pickups = deliveries = 0
    for feed in feeds:
        for run in feed.runs:
            if not usable(feed, run):
                continue
            if run.destination.area_code is not None and covers(run.destination.area_code, destination):
                deliveries += 1
            if run.origin.area_code is None or not covers(run.origin.area_code, origin):
                continue
            pickups += 1
            dep = earliest_departure(feed, run, run.origin.area_code, ready_at, end)
            if dep is None:
                continue
            arr = dep + timedelta(minutes=run.duration_minutes)
            if arr > end:
                continue
            step = Step(
                "run",
                feed.carrier_id,
                run.run_id,
                ready_at,
                dep,
                timedelta(minutes=run.cutoff_minutes),
                arr,
                price(feed, run),
            )
            start = (feed.carrier_id, run.destination.facility_id)
            at_facility(feed.carrier_id, run.destination.facility_id, arr, (step,), frozenset({start}))  # type: ignore[arg-type]

    keep = pareto_keys([r.key for r in routes])
    best = {}
    for r in routes:
        best.setdefault(r.key, r)
    answer = [best[k] for k in keep]
    if answer:
        return answer, None
    if not pickups:
        return [], "no_pickup"
    if not deliveries:
        return [], "no_delivery"
    return [], "not_within_horizon"
