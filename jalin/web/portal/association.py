"""For officers and the DPP: membership applications to recommend or approve (with the form's
data and the history), and members by province with filters. The registry services decide who
sees and does what (a DPW recommends in its province, the DPP approves), as for the API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from jalin.errors import CommonErrorCode, JalinError
from jalin.geo import Level
from jalin.http.deps import AtlasDep, UowDep
from jalin.http.session import StaffForm, StaffPage
from jalin.registry.errors import RegistryErrorCode
from jalin.registry.rules import ApplicationStatus, MemberStatus, MemberType
from jalin.services import registry as svc
from jalin.web.portal.common import error_text, lang_of, page, redirect

router = APIRouter(include_in_schema=False)

Id = Annotated[int, Path(ge=1, le=2_147_483_647)]
_OPEN = (ApplicationStatus.SUBMITTED, ApplicationStatus.RECOMMENDED)


@router.get("/portal/permohonan", response_class=HTMLResponse)
def applications(
    request: Request,
    visitor: StaffPage,
    uow: UowDep,
    atlas: AtlasDep,
    status: Annotated[str, Query(max_length=12)] = "terbuka",
) -> HTMLResponse:
    """Applications the visitor may see; open ones (waiting for a decision) first by default."""
    found = svc.list_applications(uow, visitor.principal)
    if status == "terbuka":
        found = [a for a in found if a.status in _OPEN]
    elif status:
        found = [a for a in found if a.status == status]
    names = _names(atlas)
    return page(
        request,
        visitor,
        "portal/permohonan.html",
        items=sorted(found, key=lambda a: a.created_at),
        status=status,
        statuses=[s.value for s in ApplicationStatus],
        names=names,
    )


def _names(atlas: AtlasDep) -> dict[str, str]:
    return {a.code: a.name for a in atlas.areas(Level.PROVINCE)}


@router.get("/portal/permohonan/{app_id}", response_class=HTMLResponse)
def application(
    request: Request, visitor: StaffPage, uow: UowDep, atlas: AtlasDep, app_id: Id
) -> HTMLResponse:
    a = svc.get_application(uow, visitor.principal, app_id)
    regency = atlas.get(a.regency_code)
    return page(
        request,
        visitor,
        "portal/permohonan_detail.html",
        a=a,
        regency=regency.name if regency else a.regency_code,
        province=_names(atlas).get(a.province_code, a.province_code),
        error=None,
        issued=None,
    )


@router.post("/portal/permohonan/{app_id}", response_class=HTMLResponse)
def decide(
    request: Request,
    visitor: StaffForm,
    uow: UowDep,
    atlas: AtlasDep,
    app_id: Id,
    action: Annotated[str, Form(pattern="^(recommend|approve|reject)$")],
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Recommend, approve or reject; an approval shows the new member's first API key once."""
    try:
        _, issued = svc.decide_application(uow, visitor.principal, atlas, app_id, action, reason)
    except JalinError as exc:
        if exc.code not in (RegistryErrorCode.ILLEGAL_TRANSITION, CommonErrorCode.INVALID_REQUEST):
            raise  # not found, forbidden: the refusal page
        a = svc.get_application(uow, visitor.principal, app_id)
        return page(
            request,
            visitor,
            "portal/permohonan_detail.html",
            status_code=409 if exc.code == RegistryErrorCode.ILLEGAL_TRANSITION else 422,
            a=a,
            regency=a.regency_code,
            province=a.province_code,
            error=error_text(exc.code, lang_of(request), exc.message),
            issued=None,
        )
    if issued is not None:
        a = svc.get_application(uow, visitor.principal, app_id)
        return page(
            request,
            visitor,
            "portal/permohonan_detail.html",
            a=a,
            regency=a.regency_code,
            province=a.province_code,
            error=None,
            issued=issued,
        )
    return redirect(f"/portal/permohonan/{app_id}", notice=f"portal.applications.done_{action}")


@router.get("/portal/anggota", response_class=HTMLResponse)
def members(
    request: Request,
    visitor: StaffPage,
    uow: UowDep,
    atlas: AtlasDep,
    provinsi: Annotated[str, Query(max_length=2)] = "",
    status: Annotated[str, Query(max_length=12)] = "",
    jenis: Annotated[str, Query(max_length=20)] = "",
    cari: Annotated[str, Query(max_length=100)] = "",
) -> HTMLResponse:
    """Members the visitor may see, counted per province, filtered by province, status, type, name."""
    every = svc.list_members(uow, visitor.principal)
    names = _names(atlas)
    per_province: dict[str, int] = {}
    for m in every:
        per_province[m.province_code] = per_province.get(m.province_code, 0) + 1
    shown = [
        m
        for m in every
        if (not provinsi or m.province_code == provinsi)
        and (not status or m.status == status)
        and (not jenis or m.type == jenis)
        and (not cari or cari.lower() in f"{m.brand} {m.legal_name} {m.carrier_id or ''}".lower())
    ]
    return page(
        request,
        visitor,
        "portal/anggota.html",
        items=shown,
        total=len(every),
        per_province=sorted(per_province.items(), key=lambda kv: -kv[1]),
        names=names,
        filters={"provinsi": provinsi, "status": status, "jenis": jenis, "cari": cari},
        statuses=[s.value for s in MemberStatus],
        types=[t.value for t in MemberType],
    )
