"""Hypothesis strategies: small random multi-carrier networks and quote requests.

Places come from a pool of real districts in all three zones, with areas at province, regency
and district level, so time zones, area coverage and handovers (facilities sharing a district)
all get exercised. Calendars add and remove dates inside the horizon.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import strategies as st

from jalin.network.model import (
    CalendarDate,
    Endpoint,
    Facility,
    FacilityKind,
    Feed,
    FeedInfo,
    Run,
    Service,
)
from jalin.routing.model import HandoverPolicy, QuoteRequest

DISTRICTS = ["31.71.01", "32.73.01", "51.71.01", "74.71.01", "74.71.02", "95.01.01", "81.71.01"]
BASE_DAY = date(2026, 12, 1)


@st.composite
def feeds(draw, carrier: str, districts: list[str]) -> Feed:
    areas = sorted({d[:n] for d in districts for n in (2, 5, 8)})
    n_services = draw(st.integers(1, 2))
    services = {
        f"S{i}": Service(
            f"S{i}",
            f"Service {i}",
            Decimal(draw(st.sampled_from(["1", "5", "10.5", "30"]))),
            draw(st.sampled_from([4000, 5000, 6000])),
            draw(st.booleans()),
        )
        for i in range(n_services)
    }
    n_fac = draw(st.integers(1, 4))
    facilities = {
        f"F{i}": Facility(
            f"F{i}",
            f"Fac {i}",
            FacilityKind.HUB,
            draw(st.sampled_from(districts)),
            None,
            None,
            draw(st.booleans()),
        )
        for i in range(n_fac)
    }
    fac_ids = list(facilities)
    runs = []
    n_runs = draw(st.integers(2, 9))
    for i in range(n_runs):
        kind = (
            ["pickup", "delivery"][i] if i < 2 else draw(st.sampled_from(["pickup", "linehaul", "delivery"]))
        )
        f = Endpoint(facility_id=draw(st.sampled_from(fac_ids)))
        if kind == "pickup":
            origin, dest = Endpoint(area_code=draw(st.sampled_from(areas))), f
        elif kind == "delivery":
            origin, dest = f, Endpoint(area_code=draw(st.sampled_from(areas)))
        else:
            g = draw(st.sampled_from(fac_ids))
            if g == f.facility_id:
                continue
            origin, dest = f, Endpoint(facility_id=g)
        runs.append(
            Run(
                f"R{i}",
                draw(st.sampled_from(list(services))),
                origin,
                dest,
                "".join(draw(st.sampled_from("01")) for _ in range(7)),
                draw(st.integers(0, 95)) * 15,
                draw(st.sampled_from([0, 30, 60, 240])),
                draw(st.sampled_from([15, 60, 300, 1440, 3000])),
                draw(st.integers(0, 20)) * 1000,
                draw(st.integers(0, 5)) * 500,
            )
        )
    calendar = []
    seen = set()
    for _ in range(draw(st.integers(0, 4))):
        sid = draw(st.sampled_from(list(services)))
        day = BASE_DAY + timedelta(days=draw(st.integers(-2, 16)))
        if (sid, day) not in seen:
            seen.add((sid, day))
            calendar.append(CalendarDate(sid, day, draw(st.sampled_from([1, 2]))))
    info = FeedInfo(carrier, carrier, "1", date(2026, 1, 1), date(2027, 12, 31))
    return Feed(info, services, facilities, runs, calendar)


@st.composite
def scenarios(draw) -> tuple[list[Feed], HandoverPolicy, QuoteRequest]:
    """A network over 2-4 districts of the pool, its handover policy, and a request between them."""
    districts = draw(st.lists(st.sampled_from(DISTRICTS), min_size=2, max_size=4, unique=True))
    carriers = [f"C{i}" for i in range(draw(st.integers(1, 3)))]
    fs = [draw(feeds(c, districts)) for c in carriers]
    if draw(st.booleans()):
        policy = HandoverPolicy.open()
    else:
        # Pairs with a fee, sometimes limited to some districts, sometimes listed twice.
        policy = HandoverPolicy.from_pairs(
            [
                (
                    a,
                    b,
                    draw(st.sampled_from([0, 500, 2500])),
                    draw(st.one_of(st.none(), st.frozensets(st.sampled_from(districts), max_size=2))),
                )
                for i, a in enumerate(carriers)
                for b in carriers[i + 1 :]
                for _ in range(draw(st.integers(0, 2)))
            ]
        )
    return fs, policy, draw(requests(districts))


@st.composite
def requests(draw, districts: list[str]) -> QuoteRequest:
    zone = timezone(timedelta(hours=draw(st.sampled_from([0, 7, 8, 9]))))
    ready = datetime(2026, 12, 1, tzinfo=zone) + timedelta(minutes=draw(st.integers(0, 6 * 24 * 4)) * 15)
    dims = None
    if draw(st.booleans()):
        dims = tuple(Decimal(draw(st.sampled_from(["10", "25.5", "40", "60"]))) for _ in range(3))
    return QuoteRequest(
        origin=draw(st.sampled_from(districts)),
        destination=draw(st.sampled_from(districts)),
        weight_kg=Decimal(draw(st.sampled_from(["0.2", "1", "1.01", "4.5", "10.5", "12"]))),
        ready_at=ready,
        dims_cm=dims,  # type: ignore[arg-type]
        cod=draw(st.booleans()),
        max_handovers=draw(st.integers(0, 3)),
        handover_minutes=draw(st.sampled_from([0, 30, 120])),
    )
