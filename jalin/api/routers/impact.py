"""Collaboration impact: what an agreement, a member joining or one leaving would change.

Officers and admins only: the answer exposes every carrier's reach and prices side by side.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from jalin.http.auth import Staff
from jalin.http.deps import AtlasDep, EngineDep, ResolverDep, StateDep
from jalin.impact import AgreementTerms
from jalin.services.impact import (
    MAX_ORIGINS,
    MAX_RANK,
    ImpactInput,
    proposal_from_parts,
    run_live_impact,
    stored_feed,
)
from jalin.web.impact_report import render_impact_csv, render_impact_html

router = APIRouter(prefix="/v1/impact", tags=["impact"])

CarrierId = Annotated[str, Field(min_length=2, max_length=16, pattern=r"^[A-Za-z0-9_]+$", examples=["POS"])]
Fee = Annotated[int, Field(ge=0, le=100_000_000, description="Rupiah per parcel")]


class TermsIn(BaseModel):
    carrier_a: CarrierId
    carrier_b: CarrierId
    fee_per_parcel: Fee = 0
    districts: list[Annotated[str, Field(max_length=20)]] | None = Field(
        default=None, max_length=2000, description="Handover districts; none: anywhere"
    )

    def terms(self) -> AgreementTerms:
        return AgreementTerms(
            self.carrier_a.upper(),
            self.carrier_b.upper(),
            self.fee_per_parcel,
            frozenset(self.districts) if self.districts is not None else None,
        )


class PairIn(BaseModel):
    carrier_a: CarrierId
    carrier_b: CarrierId


class JoinIn(BaseModel):
    feed_version_id: int = Field(ge=1, le=2**31 - 1, description="A stored feed version (GET /v1/feeds)")
    neighbour_fee: Fee | None = Field(
        default=None, description="Sign with every carrier met at a handover district, at this fee"
    )


class ImpactBody(BaseModel):
    """The proposal and the question. Every list may be empty; an empty proposal shows the baselines."""

    origins: list[Annotated[str, Field(min_length=1, max_length=500)]] | None = Field(
        default=None, max_length=MAX_ORIGINS, description="Districts or addresses; none: the 38 capitals"
    )
    weight_kg: Decimal | str = Field(default="1", examples=["1"])
    dims_cm: str | None = Field(default=None, max_length=100, examples=["30x20x10"])
    ready_at: str | None = Field(default=None, max_length=100, description="Default tomorrow 09:00 WIB")
    max_handovers: int = 2
    handover_minutes: int = 120
    add: list[TermsIn] = Field(default=[], max_length=500)
    end: list[PairIn] = Field(default=[], max_length=500)
    change: list[TermsIn] = Field(default=[], max_length=500)
    join: list[JoinIn] = Field(default=[], max_length=5)
    leave: list[CarrierId] = Field(default=[], max_length=50)
    rank: int = Field(default=3, description=f"Not-yet-active pairs to evaluate and rank (0-{MAX_RANK})")
    baselines: bool = True
    only_changed: bool = Field(default=False, description="List only the districts where something changed")


# -- the answer ------------------------------------------------------------------------------------
class PlaceOut(BaseModel):
    code: str
    name: str
    regency: str
    province: str


class TermsOut(BaseModel):
    carrier_a: str
    carrier_b: str
    fee_per_parcel: int
    districts: list[str] | None


class PairOut(BaseModel):
    carrier_a: str
    carrier_b: str


class JoinOut(BaseModel):
    carrier_id: str
    carrier_name: str
    neighbour_fee: int | None
    agreements_added: list[str]


class ProposalOut(BaseModel):
    add: list[TermsOut]
    end: list[PairOut]
    change: list[TermsOut]
    join: list[JoinOut]
    leave: list[str]
    carriers_after: int
    agreements_after: int
    joined: list[str]


class FiguresOut(BaseModel):
    pairs: int
    reachable_pairs: int
    reachable_districts: int
    median_days: float | None
    median_price: int | None


class ScenariosOut(BaseModel):
    today: FiguresOut
    proposal: FiguresOut
    alone: FiguresOut | None = None
    ceiling: FiguresOut | None = None


class TotalsOut(BaseModel):
    districts: int
    remote_districts: int
    reachable_pairs_before: int
    reachable_pairs_after: int
    newly_reachable_pairs: int
    lost_pairs: int
    newly_reachable_districts: int
    lost_districts: int
    faster_pairs: int
    slower_pairs: int
    days_saved_median: float | None
    days_saved_p90: float | None
    cheaper_pairs: int
    pricier_pairs: int
    rupiah_saved_median: int | None
    districts_gaining: int
    remote_gaining: int
    remote_share_gaining: float | None
    frontier_districts: int
    frontier_gaining: int
    frontier_share_gaining: float | None


class ProvinceOut(TotalsOut):
    code: str
    name: str


class DistrictOut(BaseModel):
    code: str
    name: str
    regency: str
    province: str
    remote: bool
    frontier: bool
    reach_before: int
    reach_after: int
    days_before: float | None
    days_after: float | None
    price_before: int | None
    price_after: int | None
    newly_reachable: int
    lost: int
    faster: int
    slower: int
    cheaper: int
    pricier: int
    days_saved: float | None
    rupiah_saved: int | None
    gains: bool


class RankedPairOut(BaseModel):
    carrier_a: str
    carrier_b: str
    stage: str | None
    fee_per_parcel: int
    screen_score: int
    newly_reachable_pairs: int
    faster_pairs: int
    days_saved_median: float | None
    cheaper_pairs: int
    rupiah_saved_median: int | None
    districts_gaining: int
    remote_gaining: int
    frontier_gaining: int


class RankingOut(BaseModel):
    screened: int
    pairs: list[RankedPairOut]


class ImpactOut(BaseModel):
    """Per destination district, per province and national; days are days after ready_at,
    prices rupiah; medians and p90 over the origin-destination pairs that improved."""

    origins: list[PlaceOut]
    ready_at: str
    weight_kg: str
    dims_cm: list[str] | None
    max_handovers: int
    handover_minutes: int
    proposal: ProposalOut
    scenarios: ScenariosOut
    national: TotalsOut
    provinces: list[ProvinceOut]
    districts: list[DistrictOut]
    ranking: RankingOut
    remote_source: str
    frontier_source: str
    timing_s: dict[str, float]


@router.post(
    "",
    response_model=ImpactOut,
    responses={
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            },
            "description": "JSON (default); `format=csv`: one row per district (`table=ranking`: per "
            "ranked pair); `format=html`: the report",
        }
    },
)
def compare_impact(
    body: ImpactBody,
    _: Staff,
    state: StateDep,
    engine: EngineDep,
    atlas: AtlasDep,
    resolver: ResolverDep,
    format: Annotated[Literal["json", "csv", "html"], Query()] = "json",
    table: Annotated[
        Literal["districts", "ranking"],
        Query(description="With format=csv: one row per district (default) or per ranked pair"),
    ] = "districts",
) -> Any:
    """Compare today's network with the proposal from each origin to every district, with the
    baselines (each carrier alone, every pair open) and the not-yet-active pairs ranked."""
    joining = [(stored_feed(engine, j.feed_version_id, atlas), j.neighbour_fee) for j in body.join]
    proposal = proposal_from_parts(
        add=[t.terms() for t in body.add],
        end=[(p.carrier_a.upper(), p.carrier_b.upper()) for p in body.end],
        change=[t.terms() for t in body.change],
        join=joining,
        leave=list(body.leave),
        atlas=atlas,
    )
    q = ImpactInput(
        body.origins,
        body.weight_kg,
        body.dims_cm,
        body.ready_at,
        body.max_handovers,
        body.handover_minutes,
        body.rank,
        body.baselines,
    )
    answer: dict[str, Any] = run_live_impact(state, proposal, q, atlas=atlas, resolver=resolver)
    if format == "csv":
        name = "dampak-peringkat.csv" if table == "ranking" else "dampak.csv"
        return Response(
            render_impact_csv(answer, table),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    if format == "html":
        return HTMLResponse(render_impact_html(answer, atlas))
    if body.only_changed:
        answer["districts"] = [
            d
            for d in answer["districts"]
            if d["reach_before"] != d["reach_after"] or d["gains"] or d["lost"] or d["slower"] or d["pricier"]
        ]
    return answer
