"""Shipments (shipments-v1): booking with Idempotency-Key, reading, cancelling, carrier references."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from jalin.api.shipment_models import ShipmentOut, ShipmentPage
from jalin.api.types import DEFAULT_PAGE, Cursor, Limit
from jalin.http.auth import AdminOrMember
from jalin.http.deps import AtlasDep, EngineDep, ResolverDep, SettingsDep, StateDep
from jalin.services.shipments import booking, changes, documents, reading

router = APIRouter(prefix="/v1/shipments", tags=["shipments"])

EXAMPLE = {
    "from": "31.71.06",
    "to": "jl. ahmad yani 12, kec. kendari barat, kota kendari",
    "weight_kg": "2.5",
    "dims_cm": "30x20x10",
    "cod_amount": 150000,
    "contents": "pakaian",
    "declared_value": 300000,
    "reference": "INV-001",
    "shipper": {"name": "Toko Sari", "phone": "081234567890", "address": "Jl. Sudirman 5"},
    "recipient": {"name": "Budi", "phone": "+6281298765432", "address": "Jl. Ahmad Yani 12"},
    "choose": "fastest",
}

Number = Annotated[str, Path(min_length=1, max_length=40, description="Master number, e.g. JL482913057ID")]


@router.post(
    "",
    status_code=201,
    response_model=ShipmentOut,
    responses={201: {"description": "The booked shipment (the same shape as GET /v1/shipments/{number})"}},
    # Declared here rather than as a Header parameter: the contract answers a missing key with
    # 400 `idempotency_key_missing` (checked in the service), not the framework's 422.
    openapi_extra={
        "parameters": [
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": True,
                "description": "1-255 printable ASCII; a new one per shipment, the same one on a retry",
                "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[\\x20-\\x7e]+$"},
            }
        ]
    },
)
def book(
    who: AdminOrMember,
    engine: EngineDep,
    state: StateDep,
    resolver: ResolverDep,
    settings: SettingsDep,
    body: Annotated[
        dict[str, Any],
        Body(
            description="from, to, weight_kg, dims_cm, ready_at as in quotes; shipper and recipient; "
            "choose (fastest, cheapest, fewest_handovers) or option (one option from a quote answer); "
            "cod_amount, declared_value, contents, reference, test.",
            examples=[EXAMPLE],
        ),
    ],
    request: Request,
) -> JSONResponse:
    """Book a shipment under one master number; retries with the same key replay the first answer."""
    idempotency_key = request.headers.get("Idempotency-Key")
    result = booking.book(
        engine, state, resolver, who, body, idempotency_key, indicator=settings.shipment_indicator
    )
    headers = {"Idempotent-Replayed": "true"} if result.replayed else {}
    return JSONResponse(result.body, status_code=result.status_code, headers=headers)


@router.get("", response_model=ShipmentPage)
def list_shipments(
    who: AdminOrMember,
    engine: EngineDep,
    status: str | None = None,
    carrier: Annotated[str | None, Query(max_length=16)] = None,
    booked_from: Annotated[str | None, Query(max_length=40, description="date or date-time")] = None,
    booked_to: Annotated[
        str | None, Query(max_length=40, description="date (inclusive) or date-time")
    ] = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> dict[str, Any]:
    """The caller's shipments (booked or carried), newest first: `{"items", "next_cursor"}`."""
    return reading.list_page(
        engine,
        who,
        status=status,
        carrier=carrier,
        booked_from=booked_from,
        booked_to=booked_to,
        cursor=cursor,
        limit=limit,
    )


@router.get("/{number}", response_model=ShipmentOut)
def show(number: Number, who: AdminOrMember, engine: EngineDep) -> dict[str, Any]:
    """One shipment: its booking member, the carriers on its legs and admins see it; others get 404."""
    return reading.show(engine, who, number)


@router.post("/{number}/cancel", response_model=ShipmentOut)
def cancel(number: Number, who: AdminOrMember, engine: EngineDep) -> dict[str, Any]:
    """Cancel before any carrier has the parcel (409 `already_moving` after)."""
    return changes.cancel(engine, who, number)


@router.put("/{number}/legs/{seq}/carrier-ref", response_model=ShipmentOut)
def carrier_ref(
    number: Number,
    seq: Annotated[int, Path(ge=1, le=100)],
    who: AdminOrMember,
    engine: EngineDep,
    body: Annotated[dict[str, Any], Body(examples=[{"carrier_ref": "JNE0012345678"}])],
) -> dict[str, Any]:
    """The leg's carrier records its own waybill number, so its events may name either number."""
    return changes.set_carrier_ref(engine, who, number, seq, body.get("carrier_ref"))


@router.get(
    "/{number}/label",
    response_class=Response,
    responses={
        200: {
            "description": "The label: A6 PDF, or ZPL for 203 dpi thermal printers",
            "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "application/zpl": {"schema": {"type": "string"}},
            },
        }
    },
)
def label(
    number: Number,
    who: AdminOrMember,
    engine: EngineDep,
    atlas: AtlasDep,
    settings: SettingsDep,
    format: Literal["pdf", "zpl"] = "pdf",
) -> Response:
    """The label: A6 PDF with Code 128 and a QR code of the tracking URL, or ZPL (203 dpi)."""
    doc = documents.label(engine, who, atlas, number, format, settings.public_url)
    return Response(
        doc.content,
        media_type=doc.media_type,
        headers={"Content-Disposition": f'inline; filename="{doc.filename}"'},
    )
