"""The association: boards, members, the public directory and membership applications."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form
from pydantic import BaseModel, Field

from jalin.api.models import (
    ApplicationDecision,
    ApplicationPage,
    BoardPage,
    DirectoryPage,
    MemberPage,
    ShownKey,
)
from jalin.api.types import DEFAULT_PAGE, Cursor, Id, Limit
from jalin.http.auth import AdminOnly, Public, Signed, Staff
from jalin.http.deps import AtlasDep, UowDep
from jalin.registry.records import (
    Application,
    ApplicationDetail,
    Member,
    MemberDetail,
    Officer,
    Unit,
    as_dict,
)
from jalin.registry.rules import ApplicationAction, MemberStatus, MemberType
from jalin.services import registry as svc

router = APIRouter(tags=["registry"])


class CompanyBody(BaseModel):
    legal_name: str = Field(min_length=2, max_length=200, examples=["PT Kilat Nusantara Ekspres"])
    brand: str = Field(min_length=1, max_length=200, examples=["Kilat Ekspres"])
    nib: str = Field(examples=["9120001234567"], description="Nomor Induk Berusaha: 13 digits")
    type: MemberType
    carrier_id: str | None = Field(default=None, examples=["KNEX1"])
    regency_code: str = Field(examples=["32.73"], description="Home regency or city (its DPD)")
    contact_name: str | None = Field(default=None, max_length=200)
    contact_email: str | None = Field(default=None, max_length=200)
    contact_phone: str | None = Field(default=None, max_length=30)


class MemberBody(CompanyBody):
    status: MemberStatus = MemberStatus.ACTIVE


class ApplicationBody(CompanyBody):
    contact_name: str = Field(min_length=2, max_length=200)


class StatusBody(BaseModel):
    status: MemberStatus


class UnitBody(BaseModel):
    name: str = Field(min_length=2, max_length=200)
    region_code: str


class OfficerBody(BaseModel):
    name: str = Field(min_length=2, max_length=200)
    position: str = Field(min_length=2, max_length=100, examples=["Ketua"])
    email: str | None = None
    phone: str | None = None


class DecisionBody(BaseModel):
    action: ApplicationAction
    reason: str = Field(default="", max_length=2000)


@router.get("/v1/directory", response_model=DirectoryPage)
def member_directory(
    _: Public, uow: UowDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE
) -> dict[str, Any]:
    """Public directory of active members (brand, type, carrier, region; no contacts), by brand
    then id, a page at a time."""
    return svc.directory_page(uow, cursor=cursor, limit=limit)


@router.get("/v1/boards", response_model=BoardPage)
def list_boards(_: Public, uow: UowDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE) -> dict[str, Any]:
    """DPP, the 38 DPWs and the DPDs where members are, with their officer counts; by id (the DPP,
    the DPWs, then the DPDs as they were created), a page at a time."""
    return svc.boards_page(uow, cursor=cursor, limit=limit)


@router.post("/v1/boards/{code}/officers", status_code=201)
def add_officer(code: str, body: OfficerBody, who: AdminOnly, uow: UowDep) -> Officer:
    """Add an officer to a board (`DPP`, a province code, or a regency code)."""
    return svc.add_officer(uow, who, board_code=code, **body.model_dump())


@router.get("/v1/members", response_model=MemberPage)
def list_members(
    who: Signed, uow: UowDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE
) -> dict[str, Any]:
    """Members the caller may see: all (admin), their region (officer), itself (member); by id,
    a page at a time."""
    return svc.members_page(uow, who, cursor=cursor, limit=limit)


@router.post("/v1/members", status_code=201)
def create_member(body: MemberBody, who: AdminOnly, uow: UowDep, atlas: AtlasDep) -> Member:
    return svc.create_member(uow, who, atlas, body.model_dump())


@router.get("/v1/members/{member_id}")
def get_member(member_id: Id, who: Signed, uow: UowDep) -> MemberDetail:
    return svc.get_member(uow, who, member_id)


@router.patch("/v1/members/{member_id}/status")
def set_member_status(member_id: Id, body: StatusBody, who: AdminOnly, uow: UowDep) -> Member:
    return svc.set_member_status(uow, who, member_id, body.status)


@router.post("/v1/members/{member_id}/units", status_code=201)
def add_unit(member_id: Id, body: UnitBody, who: AdminOnly, uow: UowDep, atlas: AtlasDep) -> Unit:
    """A regional unit under a member (the national post's regional offices)."""
    return svc.add_unit(uow, who, atlas, member_id, body.name, body.region_code)


@router.post("/v1/applications", status_code=201)
def submit_application(body: ApplicationBody, who: Public, uow: UowDep, atlas: AtlasDep) -> Application:
    """A company applies to join (no key needed). Its province's DPW recommends, the DPP approves."""
    return svc.submit_application(uow, who, atlas, body.model_dump())


@router.post("/v1/applications/form", status_code=201)
def submit_application_form(
    who: Public,
    uow: UowDep,
    atlas: AtlasDep,
    legal_name: Annotated[str, Form(min_length=2, max_length=200)],
    brand: Annotated[str, Form(min_length=1, max_length=200)],
    nib: Annotated[str, Form()],
    type: Annotated[MemberType, Form()],
    regency_code: Annotated[str, Form()],
    contact_name: Annotated[str, Form(min_length=2, max_length=200)],
    carrier_id: Annotated[str | None, Form()] = None,
    contact_email: Annotated[str | None, Form()] = None,
    contact_phone: Annotated[str | None, Form()] = None,
) -> Application:
    """The same application as an HTML form post (application/x-www-form-urlencoded)."""
    body = ApplicationBody(
        legal_name=legal_name,
        brand=brand,
        nib=nib,
        type=type,
        regency_code=regency_code,
        contact_name=contact_name,
        carrier_id=carrier_id or None,
        contact_email=contact_email,
        contact_phone=contact_phone,
    )
    return svc.submit_application(uow, who, atlas, body.model_dump())


@router.get("/v1/applications", response_model=ApplicationPage)
def list_applications(
    who: Staff, uow: UowDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE
) -> dict[str, Any]:
    """Applications the caller may see (admin: all; officer: their region), by id, a page at a time."""
    return svc.applications_page(uow, who, cursor=cursor, limit=limit)


@router.get("/v1/applications/{application_id:int}")
def get_application(application_id: Id, who: Staff, uow: UowDep) -> ApplicationDetail:
    """One application with its full audit trail."""
    return svc.get_application(uow, who, application_id)


@router.post("/v1/applications/{application_id:int}/decision")
def decide_application(
    application_id: Id, body: DecisionBody, who: Staff, uow: UowDep, atlas: AtlasDep
) -> ApplicationDecision:
    """recommend or reject (the province's DPW officer), then approve or reject (the DPP).

    Approval makes the member active and returns its first API key, shown this once."""
    app, key = svc.decide_application(uow, who, atlas, application_id, body.action, body.reason)
    shown = None if key is None else ShownKey(key.prefix, key.secret)
    return ApplicationDecision(**as_dict(app), api_key=shown)
