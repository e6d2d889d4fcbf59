"""Shipments for member staff (and the DPP): search and filter, detail, cancel, label, book from a
quote. Every call goes to the same shipment service as `/v1/shipments` with the session's
principal, so a member sees exactly the shipments it booked or carries."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from jalin.errors import JalinError
from jalin.http.deps import AtlasDep, EngineDep, ResolverDep, SettingsDep, StateDep
from jalin.http.session import MemberForm, MemberPage, StaffOfMemberForm, StaffOfMemberPage
from jalin.services.shipments import booking, changes, documents, reading
from jalin.shipments.model import ShipmentStatus
from jalin.web.portal.common import error_text, lang_of, page, redirect

router = APIRouter(include_in_schema=False)

Number = Annotated[str, Path(min_length=1, max_length=40)]
STATUSES = [s.value for s in ShipmentStatus]


@router.get("/portal/kiriman", response_class=HTMLResponse)
def shipments(
    request: Request,
    visitor: MemberPage,
    engine: EngineDep,
    status: Annotated[str, Query(max_length=20)] = "",
    kurir: Annotated[str, Query(max_length=16)] = "",
    dari: Annotated[str, Query(max_length=10)] = "",
    sampai: Annotated[str, Query(max_length=10)] = "",
    nomor: Annotated[str, Query(max_length=40)] = "",
    terlambat: Annotated[str, Query(max_length=3)] = "",
    cursor: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    """The caller's shipments, newest first, 50 a page; a typed number jumps to its page."""
    if nomor.strip():
        return redirect(f"/portal/kiriman/{reading.check_number(nomor)}")
    filters = {"status": status, "kurir": kurir, "dari": dari, "sampai": sampai, "terlambat": terlambat}
    try:
        found = reading.list_page(
            engine,
            visitor.principal,
            status=status or None,
            carrier=kurir or None,
            booked_from=dari or None,
            booked_to=sampai or None,
            cursor=cursor or None,
        )
        error = None
    except JalinError as exc:
        found, error = {"items": [], "next_cursor": None}, error_text(exc.code, lang_of(request), exc.message)
    items = [s for s in found["items"] if s["late"]] if terlambat else found["items"]
    return page(
        request,
        visitor,
        "portal/kiriman.html",
        items=items,
        next_cursor=found["next_cursor"],
        filters=filters,
        statuses=STATUSES,
        error=error,
    )


@router.get("/portal/kiriman/pesan", response_class=HTMLResponse)
def booking_form(
    request: Request,
    visitor: StaffOfMemberPage,
    dari: Annotated[str, Query(max_length=500)] = "",
    ke: Annotated[str, Query(max_length=500)] = "",
    berat: Annotated[str, Query(max_length=20)] = "1",
    pilih: Annotated[Literal["fastest", "cheapest", "fewest_handovers"], Query()] = "fastest",
) -> HTMLResponse:
    """Book from a quote: the places and the choice come from the price check (or are typed)."""
    form = {"from": dari, "to": ke, "weight_kg": berat, "choose": pilih}
    return page(request, visitor, "portal/pesan.html", form=form, key=str(uuid.uuid4()), error=None)


@router.post("/portal/kiriman/pesan", response_class=HTMLResponse)
def book(
    request: Request,
    visitor: StaffOfMemberForm,
    engine: EngineDep,
    state: StateDep,
    resolver: ResolverDep,
    settings: SettingsDep,
    key: Annotated[str, Form(max_length=64)] = "",
    from_: Annotated[str, Form(alias="from", max_length=500)] = "",
    to: Annotated[str, Form(max_length=500)] = "",
    weight_kg: Annotated[str, Form(max_length=20)] = "1",
    dims_cm: Annotated[str, Form(max_length=40)] = "",
    choose: Annotated[str, Form(max_length=20)] = "fastest",
    shipper_name: Annotated[str, Form(max_length=200)] = "",
    shipper_phone: Annotated[str, Form(max_length=30)] = "",
    shipper_address: Annotated[str, Form(max_length=500)] = "",
    recipient_name: Annotated[str, Form(max_length=200)] = "",
    recipient_phone: Annotated[str, Form(max_length=30)] = "",
    recipient_address: Annotated[str, Form(max_length=500)] = "",
    contents: Annotated[str, Form(max_length=200)] = "",
    cod_amount: Annotated[str, Form(max_length=12)] = "",
    reference: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Book through the booking service; the form's one-time key makes a double submit one booking."""
    body: dict[str, Any] = {
        "from": from_,
        "to": to,
        "weight_kg": weight_kg,
        "choose": choose,
        "shipper": {"name": shipper_name, "phone": shipper_phone, "address": shipper_address},
        "recipient": {"name": recipient_name, "phone": recipient_phone, "address": recipient_address},
    }
    if dims_cm.strip():
        body["dims_cm"] = dims_cm
    if contents.strip():
        body["contents"] = contents
    if reference.strip():
        body["reference"] = reference
    if cod_amount.strip():
        body["cod_amount"] = int(cod_amount) if cod_amount.strip().isdigit() else cod_amount
    try:
        result = booking.book(
            engine, state, resolver, visitor.principal, body, key, indicator=settings.shipment_indicator
        )
    except JalinError as exc:
        form = {**body, "from": from_, "dims_cm": dims_cm, "contents": contents, "cod_amount": cod_amount}
        form.update({"reference": reference})
        err = {**error_text(exc.code, lang_of(request), exc.message), "field": exc.field}
        return page(request, visitor, "portal/pesan.html", status_code=422, form=form, key=key, error=err)
    return redirect(f"/portal/kiriman/{result.body['number']}", notice="portal.shipments.booked")


@router.get("/portal/kiriman/{number}", response_class=HTMLResponse)
def shipment(request: Request, visitor: MemberPage, engine: EngineDep, number: Number) -> HTMLResponse:
    s = reading.show(engine, visitor.principal, number)
    return page(request, visitor, "portal/kiriman_detail.html", s=s)


@router.post("/portal/kiriman/{number}/batal")
def cancel(visitor: MemberForm, engine: EngineDep, number: Number) -> Response:
    """Cancel before any carrier has the parcel (the service refuses later with `already_moving`)."""
    done = changes.cancel(engine, visitor.principal, number)
    return redirect(f"/portal/kiriman/{done['number']}", notice="portal.shipments.cancelled")


@router.get("/portal/kiriman/{number}/label")
def label(
    visitor: MemberPage,
    engine: EngineDep,
    atlas: AtlasDep,
    settings: SettingsDep,
    number: Number,
    format: Annotated[Literal["pdf", "zpl"], Query()] = "pdf",
) -> Response:
    """The A6 label to print (PDF) or send to a thermal printer (ZPL)."""
    doc = documents.label(engine, visitor.principal, atlas, number, format, settings.public_url)
    return Response(
        doc.content,
        media_type=doc.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{doc.filename}"',
            "Cache-Control": "no-store",
        },
    )
