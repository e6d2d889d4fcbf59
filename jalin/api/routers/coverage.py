"""Coverage of the merged national network: who picks up and delivers where."""

from __future__ import annotations

from fastapi import APIRouter

from jalin.api.models import CoverageSummary, DistrictCoverage
from jalin.http.auth import Public
from jalin.http.deps import AtlasDep, NetworkDep
from jalin.services import coverage as svc

router = APIRouter(prefix="/v1/coverage", tags=["coverage"])


@router.get("/summary")
def coverage_summary(_: Public, network: NetworkDep) -> CoverageSummary:
    """Per province: districts reached by 0, 1 and 2+ carriers, for pickup and for delivery."""
    return CoverageSummary.model_validate(svc.coverage_summary(network))


@router.get("/{district}")
def coverage_of_district(district: str, _: Public, network: NetworkDep, atlas: AtlasDep) -> DistrictCoverage:
    """Carriers (with services) that pick up and that deliver in one district."""
    return DistrictCoverage.model_validate(svc.district_coverage(network, atlas, district))
