"""Coverage of the merged national network: who picks up and delivers where."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from jalin.errors import JalinError
from jalin.geo import Level
from jalin.geo.errors import GeoErrorCode
from jalin.http.auth import Public
from jalin.http.deps import AtlasDep, NetworkDep

router = APIRouter(prefix="/v1/coverage", tags=["coverage"])


@router.get("/summary")
def coverage_summary(_: Public, network: NetworkDep) -> dict[str, Any]:
    """Per province: districts reached by 0, 1 and 2+ carriers, for pickup and for delivery."""
    rows = network.summary()
    total = {"districts": sum(r["districts"] for r in rows)}
    for key in ("pickup", "delivery"):
        total[key] = {k: sum(r[key][k] for r in rows) for k in ("0", "1", "2+")}
    return {"carriers": len(network.feeds), "total": total, "provinces": rows}


@router.get("/{district}")
def coverage_of_district(district: str, _: Public, network: NetworkDep, atlas: AtlasDep) -> dict[str, Any]:
    """Carriers (with services) that pick up and that deliver in one district."""
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
    cov = network.coverage(area.code)
    return {
        "district": {"code": area.code, "name": area.name, "zone": area.zone.value},
        **{k: [c.to_dict() for c in v] for k, v in cov.items()},
    }
