"""Handover manifests: today's (or a day's) manifests of the member's carrier, and confirming
one by scanning: a text field a barcode scanner types into, one number per line (each scan ends
with Enter). The confirmation is the same service call as `POST /v1/manifests/{id}/confirm`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from jalin.errors import JalinError
from jalin.http.deps import EngineDep
from jalin.http.session import MemberForm, MemberPage
from jalin.services.shipments import manifests as svc
from jalin.web.portal.common import error_text, lang_of, page

router = APIRouter(include_in_schema=False)

ManifestId = Annotated[str, Path(min_length=1, max_length=40)]


def today_wib() -> str:
    return (datetime.now(UTC) + timedelta(hours=7)).date().isoformat()


@router.get("/portal/manifest", response_class=HTMLResponse)
def manifest_list(
    request: Request,
    visitor: MemberPage,
    engine: EngineDep,
    tanggal: Annotated[str, Query(max_length=10)] = "",
) -> HTMLResponse:
    """The manifests of a day (default today, WIB): handovers in and out."""
    day = tanggal or today_wib()
    try:
        items, error = svc.list_manifests(engine, visitor.principal, day=day)["items"], None
    except JalinError as exc:
        items, error = [], error_text(exc.code, lang_of(request), exc.message)
    return page(request, visitor, "portal/manifest.html", items=items, day=day, error=error)


@router.get("/portal/manifest/{manifest_id}", response_class=HTMLResponse)
def manifest(
    request: Request, visitor: MemberPage, engine: EngineDep, manifest_id: ManifestId
) -> HTMLResponse:
    m = svc.show(engine, visitor.principal, manifest_id)
    return page(request, visitor, "portal/manifest_detail.html", m=m, result=None, error=None, scanned="")


@router.post("/portal/manifest/{manifest_id}", response_class=HTMLResponse)
def confirm(
    request: Request,
    visitor: MemberForm,
    engine: EngineDep,
    manifest_id: ManifestId,
    scanned: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    """Confirm what was received: each line is one scanned master number."""
    numbers = [line.strip() for line in scanned.splitlines() if line.strip()]
    try:
        result, error = svc.confirm(engine, visitor.principal, manifest_id, numbers), None
    except JalinError as exc:
        result, error = None, error_text(exc.code, lang_of(request), exc.message)
    m = svc.show(engine, visitor.principal, manifest_id)
    status = 200 if error is None else 422
    return page(
        request,
        visitor,
        "portal/manifest_detail.html",
        status_code=status,
        m=m,
        result=result,
        error=error,
        scanned=scanned,
    )
