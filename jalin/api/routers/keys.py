"""API keys (stored hashed, shown once, revocable) and the audit log."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from jalin.api.models import ApiKeyPage, AuditPage, CreatedKey
from jalin.api.types import DEFAULT_PAGE, BodyId, Cursor, Id, Limit
from jalin.http.auth import AdminOnly, AdminOrMember, Signed
from jalin.http.deps import UowDep
from jalin.registry.records import ApiKey
from jalin.registry.rules import Role
from jalin.services import registry as svc

router = APIRouter(tags=["access"])


class KeyBody(BaseModel):
    role: Role = Field(description="admin, officer or member (the public needs no key)")
    member_id: BodyId | None = None
    board: str | None = Field(default=None, description="Officer keys: province (DPW) or regency (DPD) code")
    label: str = Field(default="", max_length=200)


@router.get("/v1/keys", response_model=ApiKeyPage)
def list_keys(who: Signed, uow: UowDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE) -> dict[str, Any]:
    """Keys the caller may see (prefix and role, never the secret), by id, a page at a time."""
    return svc.keys_page(uow, who, cursor=cursor, limit=limit)


@router.post("/v1/keys", status_code=201)
def create_key(body: KeyBody, who: AdminOrMember, uow: UowDep) -> CreatedKey:
    """Issue a key; the full key is in this answer only. Members may issue member keys for themselves."""
    key = svc.create_key(
        uow, who, body.role, member_id=body.member_id, board_code=body.board, label=body.label
    )
    return CreatedKey(key.id, key.prefix, key.role, key.secret)


@router.delete("/v1/keys/{key_id}")
def revoke_key(key_id: Id, who: Signed, uow: UowDep) -> ApiKey:
    return svc.revoke_key(uow, who, key_id)


@router.get("/v1/audit", response_model=AuditPage)
def audit_log(
    who: AdminOnly,
    uow: UowDep,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
    entity: Annotated[str | None, Query(max_length=100, description="Only this kind, e.g. `member`")] = None,
) -> dict[str, Any]:
    """Every write: who, when, the values before and after. Newest first (by id, descending),
    a page at a time."""
    return svc.audit_page(uow, who, cursor=cursor, limit=limit, entity=entity)
