"""Quote scenarios that reach the hard cases: a covering path first, then noise.

Drawing random runs mostly yields networks with no route at all. Here each scenario first builds
a path that delivers (pickup, linehauls, handovers between 1-3 carriers, delivery) with its
timing chosen on purpose, then adds noise around it:

- handovers: usually paid, sometimes limited to districts (the handover's own district, another
  one that blocks it, or both), sometimes two agreements for one pair (the lowest fee applies);
- timing: boarding exactly at a cutoff (departure - cutoff == the instant the parcel is there) or
  one minute too late; a final arrival exactly at ready_at + horizon, one minute before or after;
- weights: a service whose max_weight_kg equals the weight, or is just below it, on the path or
  on a faster or cheaper rival; volumetric dimensions;
- COD: a cheaper or faster rival delivery whose service has no COD;
- noise: extra carriers, facilities, runs and calendar exceptions (which may also break the path).

A scenario is plain data: feeds, the agreements (None = open handovers) and the request fields,
so the reference planner (tests/reference_planner.py) and the production planner both read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import strategies as st

from jalin.network.model import CalendarDate, Endpoint, Facility, FacilityKind, Feed, FeedInfo, Run, Service
from tests.reference_planner import Agreement, local_zone

#: Districts in all three zones; pairs share a regency (74.71.x) so area codes at regency level matter.
DISTRICTS = ["31.71.01", "32.73.01", "51.71.01", "74.71.01", "74.71.02", "95.01.01", "81.71.01"]
WEIGHTS = ["0.2", "1", "1.01", "4.5", "10.5", "12"]
BASE = datetime(2026, 12, 1)


@dataclass
class Scenario:
    feeds: list[Feed]
    agreements: list[Agreement] | None
    origin: str
    destination: str
    weight_kg: str
    ready_at: datetime
    dims_cm: tuple[str, str, str] | None = None
    cod: bool = False
    max_handovers: int = 2
    handover_minutes: int = 120
    horizon: timedelta = timedelta(days=14)
    notes: list[str] = field(default_factory=list)  # what the path builder aimed at (for labels)

    def request_kwargs(self) -> dict:
        return {
            "dims_cm": self.dims_cm,
            "cod": self.cod,
            "max_handovers": self.max_handovers,
            "handover_minutes": self.handover_minutes,
            "horizon": self.horizon,
            "agreements": self.agreements,
        }


class _Builder:
    """Feeds under construction, one per carrier."""

    def __init__(self) -> None:
        self.services: dict[str, dict[str, Service]] = {}
        self.facilities: dict[str, dict[str, Facility]] = {}
        self.runs: dict[str, list[Run]] = {}
        self.calendar: dict[str, list[CalendarDate]] = {}

    def carrier(self, c: str) -> None:
        for table in (self.services, self.facilities):
            table.setdefault(c, {})
        self.runs.setdefault(c, [])
        self.calendar.setdefault(c, [])

    def service(self, c: str, max_kg: str, divisor: int, cod: bool) -> str:
        self.carrier(c)
        sid = f"S{len(self.services[c])}"
        self.services[c][sid] = Service(sid, sid, Decimal(max_kg), divisor, cod)
        return sid

    def facility(self, c: str, district: str, handover: bool) -> str:
        self.carrier(c)
        fid = f"F{len(self.facilities[c])}"
        self.facilities[c][fid] = Facility(fid, fid, FacilityKind.HUB, district, None, None, handover)
        return fid

    def run(
        self,
        c: str,
        sid: str,
        origin: Endpoint,
        dest: Endpoint,
        days: str,
        departs: int,
        cutoff: int,
        duration: int,
        base: int,
        per_kg: int,
    ) -> str:
        rid = f"R{len(self.runs[c])}"
        self.runs[c].append(Run(rid, sid, origin, dest, days, departs, cutoff, duration, base, per_kg))
        return rid

    def feeds(self) -> list[Feed]:
        return [
            Feed(
                FeedInfo(c, c, "1", BASE.date().replace(month=1), BASE.date().replace(year=2027)),
                self.services[c],
                self.facilities[c],
                self.runs[c],
                self.calendar[c],
            )
            for c in sorted(self.services)
        ]


def _area(draw, district: str) -> str:
    """The district itself, its regency or its province."""
    return draw(st.sampled_from([district, district[:5], district[:2]]))


def _days_with(draw, weekday: int) -> str:
    mask = [draw(st.sampled_from("01")) for _ in range(7)]
    mask[weekday] = "1"
    return "".join(mask)


def _schedule(draw, ready: datetime, place: str, notes: list[str]) -> tuple[int, int, datetime]:
    """(departs_at local minutes, cutoff, departure instant) for a run boarded by a parcel ready at
    `ready`: exactly at the cutoff, a little later, or one minute too late (then it waits a day)."""
    cutoff = draw(st.sampled_from([0, 30, 60, 240]))
    slack = draw(st.sampled_from([0, 0, 0, 1, 15, 90, 0, 15, 0, -1]))
    if slack == 0:
        notes.append("exact cutoff")
    dep = ready + timedelta(minutes=cutoff + slack)
    local = dep.astimezone(local_zone(place))
    return local.hour * 60 + local.minute, cutoff, dep


@st.composite
def scenarios(draw) -> Scenario:
    notes: list[str] = []
    b = _Builder()
    origin = draw(st.sampled_from(DISTRICTS))
    destination = draw(st.sampled_from(DISTRICTS))
    n_path = draw(st.sampled_from([1, 2, 2, 2, 3, 3]))  # carriers on the path: mostly with handovers
    path = [f"C{i}" for i in range(n_path)]
    weight = draw(st.sampled_from(WEIGHTS))
    cod = draw(st.booleans())
    handover_minutes = draw(st.sampled_from([0, 30, 120]))
    horizon = timedelta(days=draw(st.sampled_from([2, 3, 14, 14, 14])))
    offset = draw(st.sampled_from([7, 8, 9]))
    ready = datetime(2026, 12, 1, tzinfo=timezone(timedelta(hours=offset))) + timedelta(
        minutes=draw(st.integers(0, 4 * 24 * 4)) * 15
    )
    end = ready + horizon
    dims = None
    if draw(st.integers(0, 3)) == 0:
        dims = tuple(draw(st.sampled_from(["10", "25.5", "40", "60"])) for _ in range(3))

    def max_weight() -> str:
        choice = draw(st.sampled_from(["exact", "roomy", "roomy", "roomy"]))
        if choice == "exact":
            notes.append("max weight equals the weight")
            return weight
        return "30"

    agreements: list[Agreement] = []
    open_handovers = draw(st.integers(0, 4)) == 0
    t = ready
    place = origin
    carrier = path[0]
    facility = ""
    for i, c in enumerate(path):
        sid = b.service(
            c, max_weight(), draw(st.sampled_from([4000, 5000, 6000])), cod or draw(st.booleans())
        )
        if i == 0:  # pickup into the first facility
            facility = b.facility(c, draw(st.sampled_from(DISTRICTS)), handover=True)
            departs, cutoff, dep = _schedule(draw, t, origin, notes)
            duration = draw(st.sampled_from([15, 60, 300]))
            b.run(
                c,
                sid,
                Endpoint(area_code=_area(draw, origin)),
                Endpoint(facility_id=facility),
                _days_with(draw, dep.astimezone(local_zone(origin)).weekday()),
                departs,
                cutoff,
                duration,
                draw(st.integers(0, 10)) * 1000,
                draw(st.integers(0, 4)) * 500,
            )
            t = dep + timedelta(minutes=duration)
            place = b.facilities[c][facility].area_code
        else:  # a handover from the previous carrier's facility to this carrier's, in that district
            g = b.facility(c, place, handover=True)
            fee = draw(st.sampled_from([0, 500, 500, 2500]))
            limit = draw(
                st.sampled_from(
                    ["anywhere", "here", "here+other", "elsewhere", "two rules", "here", "two rules"]
                )
            )
            other = draw(st.sampled_from([d for d in DISTRICTS if d != place]))
            if limit == "anywhere":
                agreements.append((carrier, c, fee, None))
            elif limit == "here":
                agreements.append((carrier, c, fee, frozenset({place})))
            elif limit == "here+other":
                agreements.append((carrier, c, fee, frozenset({place, other})))
            elif limit == "elsewhere":
                agreements.append((carrier, c, fee, frozenset({other})))
            else:
                agreements.append((c, carrier, fee + 1000, None))
                agreements.append((carrier, c, fee, frozenset({place})))
            notes.append(f"handover limited {limit}")
            facility, t = g, t + timedelta(minutes=handover_minutes)
        # zero or one linehaul inside this carrier, to a facility in another district
        if draw(st.booleans()):
            nxt_place = draw(st.sampled_from(DISTRICTS))
            nxt = b.facility(c, nxt_place, handover=True)
            departs, cutoff, dep = _schedule(draw, t, place, notes)
            duration = draw(st.sampled_from([15, 60, 300, 600]))
            if weight != WEIGHTS[0] and draw(st.integers(0, 2)) == 0:
                # Listed first from this facility: the same move, faster and free, on a service
                # whose weight limit is just below the parcel's. It must be passed over, and the
                # usable run after it still taken.
                notes.append("an overweight linehaul first")
                b.run(
                    c,
                    b.service(c, str(Decimal(weight) - Decimal("0.01")), 6000, True),
                    Endpoint(facility_id=facility),
                    Endpoint(facility_id=nxt),
                    "1111111",
                    departs,
                    cutoff,
                    max(1, duration // 3),
                    0,
                    0,
                )
            b.run(
                c,
                sid,
                Endpoint(facility_id=facility),
                Endpoint(facility_id=nxt),
                _days_with(draw, dep.astimezone(local_zone(place)).weekday()),
                departs,
                cutoff,
                duration,
                draw(st.integers(0, 20)) * 1000,
                draw(st.integers(0, 5)) * 500,
            )
            facility, t, place = nxt, dep + timedelta(minutes=duration), nxt_place
        carrier = c
        if i == len(path) - 1:  # the delivery
            departs, cutoff, dep = _schedule(draw, t, place, notes)
            duration = draw(st.sampled_from([15, 60, 300, 1440, "horizon"]))
            if duration == "horizon":  # arrive exactly at the end of the horizon, or a minute off
                delta = draw(st.sampled_from([0, 0, -1, 1]))
                duration = max(1, int((end - dep).total_seconds() // 60) + delta)
                notes.append(f"horizon {delta:+d}")
            dsid = b.service(c, max_weight(), draw(st.sampled_from([4000, 5000, 6000])), True)
            b.run(
                c,
                dsid,
                Endpoint(facility_id=facility),
                Endpoint(area_code=_area(draw, destination)),
                _days_with(draw, dep.astimezone(local_zone(place)).weekday()),
                departs,
                cutoff,
                duration,
                draw(st.integers(0, 10)) * 1000,
                draw(st.integers(0, 4)) * 500,
            )
            if draw(st.booleans()):  # a rival delivery from the same facility: cheaper, faster or both
                weight_limited = draw(st.booleans())
                rival_sid = b.service(
                    c,
                    str(Decimal(weight) - Decimal("0.01")) if weight_limited and weight != "0.2" else "30",
                    6000,
                    not cod if cod else draw(st.booleans()),
                )
                notes.append("rival delivery")
                b.run(
                    c,
                    rival_sid,
                    Endpoint(facility_id=facility),
                    Endpoint(area_code=destination),
                    "1111111",
                    departs,
                    cutoff,
                    max(1, (duration if isinstance(duration, int) else 60) // 2),
                    0,
                    0,
                )

    # Noise: extra carriers, facilities, runs and calendar exceptions.
    carriers = path + [f"N{i}" for i in range(draw(st.integers(0, 1)))]
    for c in carriers:
        b.carrier(c)
        if not b.services[c]:
            b.service(c, "30", 6000, draw(st.booleans()))
        for _ in range(draw(st.integers(0, 2))):
            b.facility(c, draw(st.sampled_from(DISTRICTS)), draw(st.booleans()))
        if not b.facilities[c]:
            b.facility(c, draw(st.sampled_from(DISTRICTS)), True)
        fids, sids = list(b.facilities[c]), list(b.services[c])
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.sampled_from(["pickup", "linehaul", "delivery"]))
            f = Endpoint(facility_id=draw(st.sampled_from(fids)))
            area = Endpoint(area_code=_area(draw, draw(st.sampled_from(DISTRICTS))))
            if kind == "linehaul":
                g = draw(st.sampled_from(fids))
                if g == f.facility_id:
                    continue
                o, d = f, Endpoint(facility_id=g)
            else:
                o, d = (area, f) if kind == "pickup" else (f, area)
            b.run(
                c,
                draw(st.sampled_from(sids)),
                o,
                d,
                _days_with(draw, draw(st.integers(0, 6))),
                draw(st.integers(0, 95)) * 15,
                draw(st.sampled_from([0, 30, 60])),
                draw(st.sampled_from([15, 60, 300, 1440])),
                draw(st.integers(0, 20)) * 1000,
                draw(st.integers(0, 5)) * 500,
            )
        for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
            sid = draw(st.sampled_from(sids))
            day = BASE.date() + timedelta(days=draw(st.integers(-1, 5)))
            if all(x.date != day or x.service_id != sid for x in b.calendar[c]):
                b.calendar[c].append(CalendarDate(sid, day, draw(st.sampled_from([1, 2]))))
    if len(carriers) > 1 and draw(st.booleans()):  # a noise agreement between random carriers
        x, y = draw(st.permutations(carriers))[:2]
        agreements.append((x, y, draw(st.sampled_from([0, 700])), None))
    return Scenario(
        b.feeds(),
        None if open_handovers else agreements,
        origin,
        destination,
        weight,
        ready,
        dims,  # type: ignore[arg-type]
        cod,
        max(0, n_path - 1 - draw(st.sampled_from([0, 0, 0, 1]))) + draw(st.integers(0, 1)),
        handover_minutes,
        horizon,
        notes,
    )


def with_changes(s: Scenario, **changes: object) -> Scenario:
    return replace(s, **changes)  # type: ignore[arg-type]
