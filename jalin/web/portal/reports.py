"""Reports for officers and the DPP, as server-side SVG charts with their figures in a table:
the agreement pipeline per DPW (province) by stage, and members per province by status. The
same report services as `GET /v1/reports/*`, over what the visitor may see.

The DPP also sees network-wide figures (services/shipments/stats.py, services/settlement):
shipments booked per week, on-time delivery per carrier and per handover pair, and per
settlement period the gross amount against what is left to transfer after netting."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from jalin.geo import Level
from jalin.http.deps import AtlasDep, EngineDep, UowDep
from jalin.http.session import StaffPage
from jalin.registry.access import Principal
from jalin.registry.rules import AgreementStage, MemberStatus, Role
from jalin.services import registry as svc
from jalin.services.settlement import periods
from jalin.services.shipments.stats import OnTime, shipment_report
from jalin.web.portal.charts import PALETTE, StackedBars, stacked_bars
from jalin.web.portal.common import page

router = APIRouter(include_in_schema=False)

#: Settlement periods drawn on the netting chart (the newest ones).
NETTING_PERIODS = 12


@router.get("/portal/laporan", response_class=HTMLResponse)
def reports(
    request: Request, visitor: StaffPage, uow: UowDep, atlas: AtlasDep, engine: EngineDep
) -> HTMLResponse:
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
    network = _network_figures(engine, visitor.principal) if visitor.principal.role is Role.ADMIN else None
    return page(
        request,
        visitor,
        "portal/laporan.html",
        pipeline=stacked_bars(pipeline_rows, stages),
        members=stacked_bars(member_rows, statuses),
        network=network,
    )


def _on_time_chart(figures: list[OnTime]) -> StackedBars:
    return stacked_bars(
        [(f.key, {"on_time": f.on_time, "late": f.delivered - f.on_time}) for f in figures],
        ["on_time", "late"],
        colours={"on_time": PALETTE[1], "late": PALETTE[4]},
    )


def _network_figures(engine: EngineDep, who: Principal) -> dict[str, Any]:
    """The DPP's charts: shipments per week, on-time per carrier and per handover pair, netting
    per period (gross = net + what netting saved)."""
    report = shipment_report(engine, who)
    items = [p for p in periods.list_periods(engine, who)["items"] if p["gross"] > 0][:NETTING_PERIODS]
    items.reverse()  # oldest first, like the weeks
    return {
        "weeks": stacked_bars([(w, {"shipments": n}) for w, n in report["weeks"].items()], ["shipments"]),
        "carriers": _on_time_chart(report["carriers"]),
        "carrier_rates": report["carriers"],
        "pairs": _on_time_chart(report["pairs"]),
        "pair_rates": report["pairs"],
        "netting": stacked_bars(
            [(p["id"], {"net": p["net_total"], "netted": p["gross"] - p["net_total"]}) for p in items],
            ["net", "netted"],
        ),
        "periods": items,
    }
