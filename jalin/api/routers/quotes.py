"""Quotes: the Pareto options between two places, and the one-to-all tariff book."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from jalin.geo import Level
from jalin.http.auth import Public
from jalin.http.deps import AtlasDep, ResolverDep, StateDep
from jalin.services.quotes import QuoteInput, answer, build_request, local

router = APIRouter(prefix="/v1/quotes", tags=["quotes"])


class QuoteBody(BaseModel):
    """Same fields as `jalin quote`. Places accept district, village and postal codes, or an address."""

    from_: str = Field(alias="from", min_length=1, max_length=500, examples=["31.71.06"])
    to: str = Field(min_length=1, max_length=500, examples=["kel lalombaa kolaka sultra"])
    weight_kg: Decimal | str = Field(examples=["2.5"])
    dims_cm: str | list[Decimal] | None = Field(default=None, examples=["30x20x10"])
    ready_at: str | None = Field(default=None, examples=["2026-11-27T09:00:00+07:00"])
    cod: bool = False
    max_handovers: int = 2
    handover_minutes: int = 120
    open_handovers: bool = False

    model_config = {"populate_by_name": True}


@router.post("")
def create_quote(body: QuoteBody, _: Public, resolver: ResolverDep, state: StateDep) -> dict[str, Any]:
    """Every sensible option, one carrier or interline: Pareto over (delivered_at, price, handovers)."""
    q = QuoteInput(
        body.from_,
        body.to,
        body.weight_kg,
        body.dims_cm,
        body.ready_at,
        body.cod,
        body.max_handovers,
        body.handover_minutes,
        body.open_handovers,
    )
    request, origin, destination = build_request(resolver, q)
    planner = state.snapshot().planner(open_handovers=body.open_handovers)
    return answer(planner, request, origin, destination, open_handovers=body.open_handovers)


@router.get("/one-to-all", response_model=None)
def one_to_all(
    _: Public,
    resolver: ResolverDep,
    state: StateDep,
    atlas: AtlasDep,
    from_: Annotated[str, Query(alias="from", min_length=1, max_length=500)],
    weight: Annotated[str, Query(description="kg")],
    dims: str | None = None,
    ready_at: str | None = None,
    cod: bool = False,
    max_handovers: int = 2,
    handover_minutes: int = 120,
    open_handovers: bool = False,
    format: Literal["json", "csv"] = "json",
) -> dict[str, Any] | Response:
    """The tariff book from one origin: for every district, the cheapest price and the earliest delivery."""
    q = QuoteInput(from_, None, weight, dims, ready_at, cod, max_handovers, handover_minutes, open_handovers)
    req, origin, _same = build_request(resolver, q)
    planner = state.snapshot().planner(open_handovers=open_handovers)
    districts = atlas.areas(Level.DISTRICT)
    rows = []
    for area, (code, earliest, cheapest) in zip(
        districts, planner.tariff(req, [d.code for d in districts]), strict=True
    ):
        lineage = atlas.lineage(area)
        rows.append(
            {
                "code": code,
                "name": area.name,
                "regency": lineage[1].name,
                "province": lineage[0].name,
                "zone": area.zone.value,
                "earliest_delivery": local(earliest, code) if earliest else None,
                "cheapest_price": cheapest,
            }
        )
    if format == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["code"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        name = f"tarif-{origin.code}.csv"
        return Response(
            buf.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    reached = sum(1 for r in rows if r["cheapest_price"] is not None)
    return {
        "origin": origin.code,
        "resolution": {"origin": origin.to_dict()},
        "ready_at": local(req.ready_at, origin.code),
        "weight_kg": str(req.weight_kg),
        "reached": reached,
        "districts": rows,
    }
