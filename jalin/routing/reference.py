"""The reference planner: slow, obviously correct, straight from the feeds.

It enumerates every simple route (a facility is never visited twice: a route that comes back
to a facility later, at no lower price and no fewer handovers, is never better than the same
route without the loop) and boards each run at its earliest feasible departure (waiting is
free and prices do not depend on the departure, so a later departure of the same run is never
better). Then it keeps the Pareto set. Exponential in the worst case: for tests on small networks.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from jalin.geo.zones import zone_of
from jalin.network.model import Feed, Run, RunKind
from jalin.routing.model import (
    HandoverLeg,
    HandoverPolicy,
    NoRoute,
    Option,
    QuoteRequest,
    RunLeg,
    chargeable_kg,
    pareto,
)


def _covers(area: str, district: str) -> bool:
    a, d = area.split("."), district.split(".")
    return d[: len(a)] == a


def _runs_on(feed: Feed, run: Run, day: date) -> bool:
    for c in feed.calendar:
        if c.service_id == run.service_id and c.date == day:
            return c.exception_type == 1
    return run.days[day.weekday()] == "1"


def _first_departure(feed: Feed, run: Run, origin_area: str, at: datetime, end: datetime) -> datetime | None:
    """Earliest departure D with D - cutoff >= at and D <= end, in UTC."""
    tz = zone_of(origin_area).tzinfo
    cutoff = timedelta(minutes=run.cutoff_minutes)
    day = (at + cutoff).astimezone(tz).date() - timedelta(days=1)
    last = end.astimezone(tz).date()
    while day <= last:
        if _runs_on(feed, run, day):
            dep = datetime.combine(day, time(run.departs_at // 60, run.departs_at % 60), tz)
            if dep - cutoff >= at and dep <= end:
                return dep
        day += timedelta(days=1)
    return None


def reference_quote(
    feeds: list[Feed], request: QuoteRequest, policy: HandoverPolicy
) -> tuple[list[Option], NoRoute | None]:
    by_carrier = {f.carrier_id: f for f in feeds}
    end = request.ready_at + request.horizon
    options: list[Option] = []

    def usable(feed: Feed, run: Run) -> bool:
        service = feed.services[run.service_id]
        if request.weight_kg > service.max_weight_kg:
            return False
        return not (run.kind is RunKind.DELIVERY and request.cod and not service.cod)

    def leg(feed: Feed, run: Run, dep: datetime) -> RunLeg:
        ck = chargeable_kg(
            request.weight_kg, request.dims_cm, feed.services[run.service_id].volumetric_divisor
        )
        o_area = run.origin.area_code or feed.facilities[run.origin.facility_id].area_code  # type: ignore[index]
        d_area = run.destination.area_code or feed.facilities[run.destination.facility_id].area_code  # type: ignore[index]
        return RunLeg(
            feed.carrier_id,
            run.service_id,
            run.run_id,
            str(run.origin),
            str(run.destination),
            o_area,
            d_area,
            dep,
            dep + timedelta(minutes=run.duration_minutes),
            ck,
            run.base_price + run.price_per_kg * ck,
        )

    def explore(
        carrier: str,
        facility: str,
        t: datetime,
        price: int,
        handovers: int,
        visited: frozenset[tuple[str, str]],
        legs: tuple[RunLeg | HandoverLeg, ...],
    ) -> None:
        feed = by_carrier[carrier]
        here = feed.facilities[facility]
        for run in feed.runs:
            if run.origin.facility_id != facility or not usable(feed, run):
                continue
            if run.kind is RunKind.DELIVERY:
                if not _covers(run.destination.area_code, request.destination):  # type: ignore[arg-type]
                    continue
                dep = _first_departure(feed, run, here.area_code, t, end)
                if dep is None:
                    continue
                final = leg(feed, run, dep)
                if final.arrival <= end:
                    options.append(Option(final.arrival, price + final.price, handovers, (*legs, final)))
            else:
                assert run.destination.facility_id is not None
                nxt = (carrier, run.destination.facility_id)
                if nxt in visited:
                    continue
                dep = _first_departure(feed, run, here.area_code, t, end)
                if dep is None:
                    continue
                hop = leg(feed, run, dep)
                if hop.arrival <= end:
                    explore(
                        carrier,
                        nxt[1],
                        hop.arrival,
                        price + hop.price,
                        handovers,
                        visited | {nxt},
                        (*legs, hop),
                    )
        if not here.handover or handovers >= request.max_handovers:
            return
        at = t + timedelta(minutes=request.handover_minutes)
        for other in feeds:
            fee = policy.fee(carrier, other.carrier_id, here.area_code)
            if fee is None:
                continue
            for g in other.facilities.values():
                key = (other.carrier_id, g.facility_id)
                if g.handover and g.area_code == here.area_code and key not in visited:
                    ho = HandoverLeg(carrier, facility, other.carrier_id, g.facility_id, g.area_code, at, fee)
                    explore(
                        other.carrier_id,
                        g.facility_id,
                        at,
                        price + fee,
                        handovers + 1,
                        visited | {key},
                        (*legs, ho),
                    )

    pickups = deliveries = 0
    for feed in feeds:
        for run in feed.runs:
            if not usable(feed, run):
                continue
            if run.kind is RunKind.DELIVERY and _covers(run.destination.area_code, request.destination):  # type: ignore[arg-type]
                deliveries += 1
            if run.kind is not RunKind.PICKUP or not _covers(run.origin.area_code, request.origin):  # type: ignore[arg-type]
                continue
            pickups += 1
            dep = _first_departure(feed, run, run.origin.area_code, request.ready_at, end)  # type: ignore[arg-type]
            if dep is None:
                continue
            first = leg(feed, run, dep)
            if first.arrival <= end:
                key = (feed.carrier_id, run.destination.facility_id)
                explore(feed.carrier_id, key[1], first.arrival, first.price, 0, frozenset({key}), (first,))  # type: ignore[arg-type]
    result = pareto(options)
    if result:
        return result, None
    if not pickups:
        return [], NoRoute.NO_PICKUP
    if not deliveries:
        return [], NoRoute.NO_DELIVERY
    return [], NoRoute.NOT_WITHIN_HORIZON
