"""A regional post operator's own feed, derived from the national post's feed in one province.

The demo's story: the post's Jawa Barat regional office applies to join the association with
its own network. It runs the province daily, Sundays included: a regional hub at the post's
provincial processing centre, an office at each regency's post hub (both open for handover),
overnight trucks between them, and next-morning delivery to every district of the regency.
Durations and prices follow the synthetic generator's truck model, a little cheaper than the
national post's. Deterministic: the same national feed gives the same regional feed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jalin.network.generator import linehaul_price, truck_minutes
from jalin.network.model import Endpoint, Facility, FacilityKind, Feed, FeedInfo, Run, Service
from jalin.network.validator import great_circle_km

FACTOR = 0.6


def regional_post_feed(
    post: Feed,
    province: str,
    *,
    carrier_id: str,
    name: str,
    version: str = "1",
    valid_from: date | None = None,
    valid_until: date | None = None,
) -> Feed:
    """The regional office's feed for `province` (two-digit code), built from `post`'s hubs there.

    `post` must have its provincial centre `MP<province>` and regency hubs `KP<regency>` (the
    synthetic generator's national post does); raises ValueError otherwise.
    """
    centre = post.facilities.get(f"MP{province}")
    offices = sorted(
        (f for f in post.facilities.values() if f.facility_id.startswith(f"KP{province}")),
        key=lambda f: f.facility_id,
    )
    if centre is None or not offices:
        raise ValueError(
            f"{post.carrier_id} has no provincial centre and regency hubs in province {province}"
        )
    info = FeedInfo(
        carrier_id, name, version, valid_from or post.info.valid_from, valid_until or post.info.valid_until
    )
    services = {"KJB": Service("KJB", "Kilat Harian", Decimal(30), 6000, True)}
    hub = Facility("HUB", f"{name} Hub", FacilityKind.HUB, centre.area_code, centre.lat, centre.lon, True)
    facilities = {"HUB": hub}
    runs: list[Run] = []

    def run(origin: Endpoint, destination: Endpoint, dep: int, dur: int, base: int, per_kg: int) -> None:
        runs.append(
            Run(f"J{len(runs) + 1:05d}", "KJB", origin, destination, "1111111", dep, 30, dur, base, per_kg)
        )

    for f in offices:
        regency = f"{f.facility_id[2:4]}.{f.facility_id[4:6]}"
        fid = f"K{f.facility_id[2:]}"
        facilities[fid] = Facility(
            fid, f"{name} {regency}", FacilityKind.BRANCH, f.area_code, f.lat, f.lon, True
        )
        km = 0.0
        if f.lat is not None and f.lon is not None and hub.lat is not None and hub.lon is not None:
            km = great_circle_km(f.lat, f.lon, hub.lat, hub.lon)
        minutes = truck_minutes(km)
        base, per_kg = linehaul_price(km, "truck", FACTOR)
        run(Endpoint(facility_id="HUB"), Endpoint(facility_id=fid), 2 * 60, minutes, base, per_kg)
        run(Endpoint(facility_id=fid), Endpoint(facility_id="HUB"), 20 * 60, minutes, base, per_kg)
        run(Endpoint(area_code=regency), Endpoint(facility_id=fid), 15 * 60, 60, 2000, 0)
        run(Endpoint(facility_id=fid), Endpoint(area_code=regency), 7 * 60, 300, 3000, 0)
    return Feed(info, services, facilities, runs, [])
