"""Settlement (settlement-v1): periods and their netting, lines, statements, closing, adjustments.
Roles per route; the finer rule (whose rows, lines and statements) is the service's
(jalin.services.settlement.access)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field

from jalin.api.settlement_models import AdjustmentOut, LinePage, PeriodDetail, PeriodList
from jalin.api.types import DEFAULT_PAGE, MAX_RUPIAH, BodyInt, Cursor, Limit, MemberRef
from jalin.http.auth import AdminOnly, AdminOrMember, Signed
from jalin.http.deps import EngineDep
from jalin.services.settlement import adjustments, periods, statements

router = APIRouter(prefix="/v1/settlement", tags=["settlement"])

PeriodId = Annotated[
    str,
    Path(
        pattern=r"^[0-9]{4}-W[0-9]{2}$",
        description="ISO week in WIB, e.g. 2026-W49 (a week that does not exist: 404)",
    ),
]


class AdjustmentBody(BaseModel):
    """An admin's correction: `payer` owes `payee` `amount` more (rupiah), for `reason`."""

    payer: MemberRef = Field(description="member id (12) or reference (M0012)")
    payee: MemberRef = Field(description="member id or reference, another than the payer")
    amount: BodyInt = Field(ge=1, le=MAX_RUPIAH)
    reason: str = Field(min_length=1, max_length=500)
    number: str | None = Field(
        default=None, pattern=r"^[A-Za-z]{2}[0-9]{9}[A-Za-z]{2}$", description="the shipment it concerns"
    )
    description: str | None = Field(default=None, min_length=1, max_length=300)


@router.get("/periods", response_model=PeriodList)
def list_periods(
    who: Signed, engine: EngineDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE
) -> dict[str, Any]:
    """Periods, newest first (by id, descending; the current week included): id, dates, status,
    gross, net_total; a page at a time."""
    return periods.list_periods(engine, who, cursor=cursor, limit=limit)


@router.get("/periods/{period}", response_model=PeriodDetail)
def get_period(period: PeriodId, who: Signed, engine: EngineDep) -> dict[str, Any]:
    """The period's netting figures and the member rows the caller may see (admin: all; a member:
    its own; an officer: its region's members)."""
    return periods.show(engine, who, period)


@router.get(
    "/periods/{period}/lines",
    response_model=LinePage,
    responses={
        200: {
            "description": "The lines as a JSON page or as CSV",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    },
)
def list_lines(
    period: PeriodId,
    who: AdminOrMember,
    engine: EngineDep,
    format: Literal["json", "csv"] = "json",
    cursor: Cursor = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> Any:
    """Admin: every line; a member: the lines it pays or is paid. CSV columns
    `id,period,number,kind,payer,payee,amount,recorded_at,description` (all lines, streamed)."""
    if format == "csv":
        body = statements.lines_csv(engine, who, period)
        return StreamingResponse(
            body,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="lines-{period}.csv"'},
        )
    return statements.lines_page(engine, who, period, cursor=cursor, limit=limit)


@router.get(
    "/periods/{period}/statements/{member}",
    response_model=None,
    response_class=Response,
    responses={
        200: {
            "description": "The member's statement in Indonesian",
            "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                    "schema": {"type": "string", "format": "binary"}
                },
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    },
)
def get_statement(
    period: PeriodId,
    member: Annotated[MemberRef, Path(description="member id (12) or reference (M0012)")],
    who: AdminOrMember,
    engine: EngineDep,
    format: Literal["pdf", "xlsx", "csv"] = "pdf",
) -> Response:
    """Every line of the member's period (signed from its side), totals, net and the instruction
    with its due date. A member reads its own; admin any."""
    doc = statements.statement_document(engine, who, period, member, format)
    return Response(
        doc.content,
        media_type=doc.media_type,
        headers={"Content-Disposition": f'attachment; filename="{doc.filename}"'},
    )


@router.post("/periods/{period}/close", response_model=PeriodDetail)
def close_period(period: PeriodId, who: AdminOnly, engine: EngineDep) -> dict[str, Any]:
    """Close an ended period: its totals are frozen and it never changes again."""
    return periods.close(engine, who, period)


@router.post("/adjustments", status_code=201, response_model=AdjustmentOut)
def create_adjustment(
    who: AdminOnly,
    engine: EngineDep,
    body: Annotated[
        AdjustmentBody,
        Body(examples=[{"payer": 12, "payee": 7, "amount": 25000, "reason": "Ongkos leg 2 salah hitung"}]),
    ],
) -> dict[str, Any]:
    """An admin's correction with a reason, as an `adjustment` line in the open period of now."""
    return adjustments.record_adjustment(engine, who, body.model_dump(exclude_none=True))
