"""Coverage of the merged national network, in the one JSON shape the API and the CLI share."""

from __future__ import annotations

from typing import Any

from jalin.errors import JalinError
from jalin.geo.atlas import Area, Atlas, Level
from jalin.geo.errors import GeoErrorCode
from jalin.network.merged import CoverageView


def check_district(atlas: Atlas, district: str) -> Area:
    """The district with this code, or `unknown_area` / `not_a_district`."""
    area = atlas.get(district)
    if area is None:
        raise JalinError(
            GeoErrorCode.UNKNOWN_AREA, f"No Kemendagri region has code {district!r}.", field="district"
        )
    if area.level != Level.DISTRICT:
        raise JalinError(
            GeoErrorCode.NOT_A_DISTRICT,
            f"{area.code} {area.name} is a {area.level.label}; coverage is per district (NN.NN.NN).",
            field="district",
        )
    return area


def district_coverage(network: CoverageView, atlas: Atlas, district: str) -> dict[str, Any]:
    """`{district: {code, name, zone}, pickup: [...], delivery: [...]}`: the carriers (with their
    services) that pick up and that deliver in one district."""
    area = check_district(atlas, district)
    cov = network.coverage(area.code)
    return {
        "district": {"code": area.code, "name": area.name, "zone": area.zone.value},
        **{k: [c.to_dict() for c in v] for k, v in cov.items()},
    }


def coverage_summary(network: CoverageView) -> dict[str, Any]:
    """`{carriers, total, provinces}`: per province, districts reached by 0, 1 and 2+ carriers,
    for pickup and for delivery, and the national totals."""
    rows = network.summary()
    total: dict[str, Any] = {"districts": sum(r["districts"] for r in rows)}
    for key in ("pickup", "delivery"):
        total[key] = {k: sum(r[key][k] for r in rows) for k in ("0", "1", "2+")}
    return {"carriers": network.carrier_count, "total": total, "provinces": rows}


def coverage_points(network: CoverageView, atlas: Atlas) -> list[dict[str, Any]]:
    """For the coverage map: one row per district that has a point in the atlas, `{code, name,
    province, lat, lon, approximate, carriers}` where `carriers` is how many carriers deliver
    there (0: no service). Districts without a point are left out (the per-province table on the
    map page still counts them, from `coverage_summary`)."""
    provinces = {a.code: a.name for a in atlas.areas(Level.PROVINCE)}
    rows = []
    for area in atlas.areas(Level.DISTRICT):
        point = atlas.point(area.code)
        if point is None:
            continue
        rows.append(
            {
                "code": area.code,
                "name": area.name,
                "province": provinces.get(area.province_code, area.province_code),
                "lat": round(point.lat, 4),
                "lon": round(point.lon, 4),
                "approximate": point.approximate,
                "carriers": len(network.coverage(area.code)["delivery"]),
            }
        )
    return rows
