"""Quotes: the Pareto options between two places, and the one-to-all tariff book."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from jalin.api.models import QuoteAnswer, TariffBook
from jalin.http.auth import Public
from jalin.http.deps import AtlasDep, ResolverDep, StateDep
from jalin.services.quotes import QuoteInput, answer, build_request
from jalin.services.tariffs import tariff_book, tariff_csv

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
def create_quote(body: QuoteBody, _: Public, resolver: ResolverDep, state: StateDep) -> QuoteAnswer:
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
    return QuoteAnswer.model_validate(
        answer(planner, request, origin, destination, open_handovers=body.open_handovers)
    )


@router.get(
    "/one-to-all",
    response_model=None,
    responses={
        200: {
            "model": TariffBook,
            "description": "The book as JSON, or as CSV (text/csv, the same columns) with format=csv",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    },
)
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
    book = tariff_book(planner, atlas, req, origin)
    if format == "csv":
        return Response(
            tariff_csv(book),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="tarif-{origin.code}.csv"'},
        )
    return book
