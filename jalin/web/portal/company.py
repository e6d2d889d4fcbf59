"""My company (member staff): the member record as the association holds it, and its API keys
(create: the secret shown once; revoke). The same services as `/v1/members/{id}` and `/v1/keys`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, Response

from jalin.http.deps import AtlasDep, UowDep
from jalin.http.session import StaffOfMemberForm, StaffOfMemberPage
from jalin.registry.rules import Role
from jalin.services import registry as svc
from jalin.services.users import Visitor
from jalin.web.portal.common import page, redirect

router = APIRouter(include_in_schema=False)


def _company(
    request: Request, visitor: Visitor, uow: UowDep, atlas: AtlasDep, issued: object = None
) -> HTMLResponse:
    assert visitor.principal.member_id is not None
    m = svc.get_member(uow, visitor.principal, visitor.principal.member_id)
    regency = atlas.get(m.regency_code)
    province = atlas.get(m.province_code)
    keys = svc.list_keys(uow, visitor.principal)
    return page(
        request,
        visitor,
        "portal/perusahaan.html",
        m=m,
        regency=regency.name if regency else m.regency_code,
        province=province.name if province else m.province_code,
        keys=keys,
        issued=issued,
    )


@router.get("/portal/perusahaan", response_class=HTMLResponse)
def company(request: Request, visitor: StaffOfMemberPage, uow: UowDep, atlas: AtlasDep) -> HTMLResponse:
    return _company(request, visitor, uow, atlas)


@router.post("/portal/perusahaan/kunci", response_class=HTMLResponse)
def create_key(
    request: Request,
    visitor: StaffOfMemberForm,
    uow: UowDep,
    atlas: AtlasDep,
    label: Annotated[str, Form(max_length=200)] = "",
) -> HTMLResponse:
    """A new key for the company; its secret is on this page once, never again."""
    issued = svc.create_key(uow, visitor.principal, Role.MEMBER, label=label.strip() or "portal")
    return _company(request, visitor, uow, atlas, issued=issued)


@router.post("/portal/perusahaan/kunci/{key_id}/cabut")
def revoke_key(
    visitor: StaffOfMemberForm, uow: UowDep, key_id: Annotated[int, Path(ge=1, le=2_147_483_647)]
) -> Response:
    svc.revoke_key(uow, visitor.principal, key_id)
    return redirect("/portal/perusahaan", notice="portal.company.revoked")
