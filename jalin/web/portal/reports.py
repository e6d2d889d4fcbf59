"""Reports for officers and the DPP, as server-side SVG charts with their figures in a table:
the agreement pipeline per DPW (province) by stage, and members per province by status. The
same report services as `GET /v1/reports/*`, over what the visitor may see."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from jalin.geo import Level
from jalin.http.deps import AtlasDep, UowDep
from jalin.http.session import StaffPage
from jalin.registry.rules import AgreementStage, MemberStatus
from jalin.services import registry as svc
from jalin.web.portal.charts import stacked_bars
from jalin.web.portal.common import page

router = APIRouter(include_in_schema=False)


@router.get("/portal/laporan", response_class=HTMLResponse)
def reports(request: Request, visitor: StaffPage, uow: UowDep, atlas: AtlasDep) -> HTMLResponse:
    names = {a.code: a.name for a in atlas.areas(Level.PROVINCE)}
    stages = [s.value for s in AgreementStage]
    pipeline_rows = [
        (names.get(r["province_code"] or "", r["province_code"] or "DPP"), {s: int(r[s]) for s in stages})
        for r in svc.report_pipeline(uow, visitor.principal)
    ]
    statuses = [s.value for s in MemberStatus]
    member_rows = [
        (r["province"], {s: int(r[s]) for s in statuses})
        for r in svc.report_members_per_province(uow, visitor.principal, atlas)
    ]
    return page(
        request,
        visitor,
        "portal/laporan.html",
        pipeline=stacked_bars(pipeline_rows, stages),
        members=stacked_bars(member_rows, statuses),
    )
