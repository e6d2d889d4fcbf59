"""API keys: issued with a secret shown once and stored hashed, listed without it, revoked."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from jalin.errors import CommonErrorCode, JalinError
from jalin.registry.access import Principal
from jalin.registry.errors import RegistryErrorCode
from jalin.registry.records import ApiKey, as_dict
from jalin.registry.rules import BoardLevel, MemberStatus, Role
from jalin.registry.visibility import sees_key
from jalin.services.paging import DEFAULT_LIMIT, check_limit, decode_cursor, page
from jalin.services.registry.common import audit, not_found, now, require
from jalin.storage import registry as store
from jalin.storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class IssuedKey:
    id: int
    prefix: str
    secret: str  # `prefix.secret`, shown once
    role: Role


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_key(
    uow: UnitOfWork,
    who: Principal,
    role: Role,
    *,
    member_id: int | None = None,
    board_id: int | None = None,
    label: str = "",
) -> IssuedKey:
    """Store a new key (hashed) and audit it; callers have checked who may issue it."""
    prefix = "jln_" + secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    kid = store.insert_key(
        uow.conn,
        {
            "prefix": prefix,
            "secret_hash": _hash(secret),
            "role": role.value,
            "board_id": board_id,
            "member_id": member_id,
            "label": label,
            "created_at": now(),
        },
    )
    audit(
        uow,
        who,
        "key.create",
        "api_key",
        kid,
        None,
        {"prefix": prefix, "role": role.value, "member_id": member_id, "board_id": board_id, "label": label},
    )
    return IssuedKey(kid, prefix, f"{prefix}.{secret}", role)


def create_key(
    uow: UnitOfWork,
    who: Principal,
    role: Role,
    *,
    member_id: int | None = None,
    board_code: str | None = None,
    label: str = "",
) -> IssuedKey:
    """Admins issue any key; a member may issue more keys for itself. The secret is returned once."""
    if who.role is Role.MEMBER:
        if role is not Role.MEMBER or (member_id is not None and member_id != who.member_id):
            raise JalinError(CommonErrorCode.FORBIDDEN, "a member may only create member keys for itself")
        member_id = who.member_id
    else:
        require(who, Role.ADMIN)
    board_id = None
    if role is Role.OFFICER:
        board = store.board_by_code(uow.conn, board_code)
        if board is None or board.level is BoardLevel.DPP:
            raise JalinError(
                RegistryErrorCode.UNKNOWN_REGION,
                f"an officer key needs a DPW (province) or DPD (regency) code, got '{board_code}'",
                field="board",
            )
        board_id = board.id
    if role is Role.MEMBER and (member_id is None or store.get_member(uow.conn, member_id) is None):
        raise not_found("member", member_id)
    if role is Role.PUBLIC:
        raise JalinError(CommonErrorCode.INVALID_REQUEST, "public access needs no key", field="role")
    return issue_key(
        uow, who, role, member_id=member_id if role is Role.MEMBER else None, board_id=board_id, label=label
    )


def authenticate(engine: Engine, token: str) -> Principal | None:
    """The principal for a presented key `prefix.secret`, or None: unknown, wrong or revoked, or a
    member key whose member is no longer active (suspended or left).

    Runs before (and outside) the request's unit of work, on a read-only connection of its own,
    so public requests never open a transaction."""
    prefix, _, secret = token.strip().partition(".")
    if not prefix or not secret:
        return None
    with engine.connect() as conn:
        r = store.key_for_login(conn, prefix)
    if r is None or r["revoked_at"] is not None or not hmac.compare_digest(r["secret_hash"], _hash(secret)):
        return None
    if r["member_id"] is not None and r["member_status"] != MemberStatus.ACTIVE.value:
        return None
    return Principal(
        Role(r["role"]),
        r["prefix"],
        r["member_id"],
        BoardLevel(r["level"]) if r["level"] else None,
        r["region_code"],
    )


def list_keys(uow: UnitOfWork, who: Principal) -> list[ApiKey]:
    """Keys the caller may see (never a secret): all (admin), the member's, or the key itself."""
    if who.role is Role.ADMIN:
        return store.list_keys(uow.conn)
    if who.role is Role.MEMBER:
        return store.list_keys(uow.conn, member_id=who.member_id)
    return store.list_keys(uow.conn, prefix=who.key_prefix or "")


def keys_page(
    uow: UnitOfWork, who: Principal, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """`list_keys` a page at a time, by id."""
    check_limit(limit)
    after = decode_cursor(cursor, "key")
    if who.role is Role.ADMIN:
        rows = store.list_keys(uow.conn, after_id=after, limit=limit + 1)
    elif who.role is Role.MEMBER:
        rows = store.list_keys(uow.conn, member_id=who.member_id, after_id=after, limit=limit + 1)
    else:
        rows = store.list_keys(uow.conn, prefix=who.key_prefix or "", after_id=after, limit=limit + 1)
    return page(rows, limit, "key", lambda k: k.id)


def revoke_key(uow: UnitOfWork, who: Principal, key_id: int) -> ApiKey:
    """Revoke a key the caller may see (idempotent: revoking twice changes nothing)."""
    key = store.get_key(uow.conn, key_id)
    if key is None or not sees_key(who, key):
        raise not_found("key", key_id)
    if key.revoked_at is None:
        store.revoke_key(uow.conn, key_id, now())
        audit(uow, who, "key.revoke", "api_key", key_id, as_dict(key), {"revoked": True})
    revoked = store.get_key(uow.conn, key_id)
    assert revoked is not None
    return revoked
