"""API keys (stored hashed, shown once, revocable) and the audit log."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from jalin.http.auth import AdminOnly, AdminOrMember, Signed
from jalin.http.deps import EngineDep
from jalin.registry.rules import Role
from jalin.services import registry as svc

router = APIRouter(tags=["access"])


class KeyBody(BaseModel):
    role: Literal["admin", "officer", "member"]
    member_id: int | None = None
    board: str | None = Field(default=None, description="Officer keys: province (DPW) or regency (DPD) code")
    label: str = Field(default="", max_length=200)


@router.get("/v1/keys")
def list_keys(who: Signed, engine: EngineDep) -> list[dict[str, Any]]:
    """Keys the caller may see (prefix and role, never the secret)."""
    return svc.list_keys(engine, who)


@router.post("/v1/keys", status_code=201)
def create_key(body: KeyBody, who: AdminOrMember, engine: EngineDep) -> dict[str, Any]:
    """Issue a key; the full key is in this answer only. Members may issue member keys for themselves."""
    key = svc.create_key(
        engine, who, Role(body.role), member_id=body.member_id, board_code=body.board, label=body.label
    )
    return {"id": key.id, "prefix": key.prefix, "role": key.role.value, "key": key.secret}


@router.delete("/v1/keys/{key_id}")
def revoke_key(key_id: int, who: Signed, engine: EngineDep) -> dict[str, Any]:
    return svc.revoke_key(engine, who, key_id)


@router.get("/v1/audit")
def audit_log(
    who: AdminOnly,
    engine: EngineDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    entity: str | None = None,
) -> list[dict[str, Any]]:
    """Every write: who, when, the values before and after. Newest first."""
    return svc.list_audit(engine, who, limit=limit, offset=offset, entity=entity)
