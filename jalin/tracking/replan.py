"""The ETA re-plan (tracking-v1, "Timeline and ETA"): after an event at a facility, the earliest
delivery from that facility and that time over the live network, along the booked carriers'
remaining legs.

A small earliest-arrival search (Dijkstra on time) over the carriers' feeds, kept apart from the
quote planner because it starts inside a carrier's network rather than at a shipper's district:

- the parcel is on leg `i` at facility `f` at time `t`;
- on its leg it may take any linehaul of that leg's carrier from where it is (departure at or
  after `t` + the run's cutoff, on a day the service runs, calendar exceptions applied; arrival
  = departure + duration) when the service takes its chargeable weight;
- at the booked handover facility of leg `i` it passes to leg `i + 1` at the booked receiving
  facility after `handover_minutes` (the carriers and the handover points are the booked ones:
  the manifests are planned for them);
- on the last leg a delivery run of that carrier from where it is, covering the destination
  district (and offering COD when the shipment is COD), delivers it;
- `eta` is the earliest delivery found within `HORIZON_DAYS` (None: none found).
Times are timezone-aware; a run departs at local time in its origin facility's zone.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from jalin.geo import zone_of
from jalin.network.model import Feed, Run

HORIZON_DAYS = 21
HANDOVER_MINUTES = 120  # the quote's default time to pass a parcel between carriers


def covers(area: str, district: str) -> bool:
    """An area code covers a district when it is the district or a whole-segment prefix of it."""
    return district == area or district.startswith(area + ".")


class CarrierGraph:
    """One carrier's feed indexed for the search: runs by origin facility, zones, calendar."""

    def __init__(self, feed: Feed) -> None:
        self.carrier = feed.carrier_id
        self.services = feed.services
        self.tz: dict[str, tzinfo] = {fid: zone_of(f.area_code).tzinfo for fid, f in feed.facilities.items()}
        self.linehauls: dict[str, list[Run]] = {}
        self.deliveries: dict[str, list[Run]] = {}
        for run in feed.runs:
            if run.origin.is_area or run.origin.facility_id is None:
                continue
            target = self.deliveries if run.destination.is_area else self.linehauls
            target.setdefault(run.origin.facility_id, []).append(run)
        self.exceptions: dict[tuple[str, date], int] = {
            (c.service_id, c.date): c.exception_type for c in feed.calendar
        }

    def runs_on(self, run: Run, day: date) -> bool:
        exception = self.exceptions.get((run.service_id, day))
        if exception is not None:
            return exception == 1
        return run.days[day.weekday()] == "1"

    def next_departure(self, run: Run, ready: datetime) -> datetime | None:
        """The first departure of `run` the parcel, ready at `ready`, can make (cutoff included)."""
        assert run.origin.facility_id is not None
        tz = self.tz[run.origin.facility_id]
        earliest = ready + timedelta(minutes=run.cutoff_minutes)
        first = earliest.astimezone(tz).date()
        for k in range(HORIZON_DAYS + 1):
            day = first + timedelta(days=k)
            dep = datetime.combine(day, time(0), tz) + timedelta(minutes=run.departs_at)
            if dep >= earliest and self.runs_on(run, day):
                return dep
        return None

    def takes(self, run: Run, weight_kg: Decimal, volume_cm3: Decimal | None, cod: bool) -> bool:
        """The run's service takes the parcel: chargeable weight within its limit, COD if asked."""
        service = self.services.get(run.service_id)
        if service is None:
            return False
        chargeable = weight_kg
        if volume_cm3 is not None:
            chargeable = max(chargeable, volume_cm3 / Decimal(service.volumetric_divisor))
        return chargeable <= service.max_weight_kg and (service.cod or not cod)


@dataclass(frozen=True, slots=True)
class RemainingLeg:
    """A booked leg as the search walks it: its carrier's graph, where it hands over (None on
    the last leg) and where the next leg starts."""

    graph: CarrierGraph
    hands_over_at: str | None  # this leg's facility where the parcel passes to the next leg
    next_starts_at: str | None  # the next leg's receiving facility


def earliest_delivery(
    legs: Sequence[RemainingLeg],
    leg: int,
    facility: str,
    ready: datetime,
    destination: str,
    *,
    weight_kg: Decimal,
    volume_cm3: Decimal | None = None,
    cod: bool = False,
    handover_minutes: int = HANDOVER_MINUTES,
) -> datetime | None:
    """Earliest delivery at `destination` for a parcel on leg `leg` at `facility` at `ready`."""
    if not 0 <= leg < len(legs) or facility not in legs[leg].graph.tz:
        return None
    limit = ready + timedelta(days=HORIZON_DAYS)
    best: datetime | None = None
    settled: set[tuple[int, str]] = set()
    order = 0  # a tie-breaker so the heap never compares facilities' names for equal times
    heap: list[tuple[datetime, int, int, str]] = [(ready, order, leg, facility)]
    last = len(legs) - 1
    while heap:
        t, _, i, f = heapq.heappop(heap)
        if best is not None and t >= best:
            break
        if (i, f) in settled:
            continue
        settled.add((i, f))
        here = legs[i]
        g = here.graph
        if i == last:
            for run in g.deliveries.get(f, ()):
                area = run.destination.area_code
                if area is None or not covers(area, destination):
                    continue
                if not g.takes(run, weight_kg, volume_cm3, cod):
                    continue
                dep = g.next_departure(run, t)
                if dep is None:
                    continue
                arrival = dep + timedelta(minutes=run.duration_minutes)
                if best is None or arrival < best:
                    best = arrival
        elif f == here.hands_over_at and here.next_starts_at is not None:
            nxt = legs[i + 1]
            if here.next_starts_at in nxt.graph.tz:
                order += 1
                heapq.heappush(
                    heap, (t + timedelta(minutes=handover_minutes), order, i + 1, here.next_starts_at)
                )
        for run in g.linehauls.get(f, ()):
            target = run.destination.facility_id
            if target is None or (i, target) in settled or not g.takes(run, weight_kg, volume_cm3, False):
                continue
            dep = g.next_departure(run, t)
            if dep is None:
                continue
            arrival = dep + timedelta(minutes=run.duration_minutes)
            if arrival <= limit:
                order += 1
                heapq.heappush(heap, (arrival, order, i, target))
    return best
