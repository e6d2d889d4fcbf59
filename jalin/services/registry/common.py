"""What every registry use case shares: the role check, the audit row, the region checks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from jalin.errors import CommonErrorCode, JalinError
from jalin.geo.atlas import Atlas, Level
from jalin.registry.access import Principal
from jalin.registry.errors import RegistryErrorCode
from jalin.registry.rules import Role
from jalin.storage import audit as audit_log
from jalin.storage import registry as store
from jalin.storage.uow import UnitOfWork


def now() -> datetime:
    return datetime.now(UTC)


def require(who: Principal, *roles: Role) -> None:
    """Refuse (403) unless the principal has one of `roles`."""
    if who.role not in roles:
        raise JalinError(CommonErrorCode.FORBIDDEN, f"this needs the role {' or '.join(roles)}")


def audit(
    uow: UnitOfWork,
    who: Principal,
    action: str,
    entity: str,
    entity_id: object,
    before: Any = None,
    after: Any = None,
) -> None:
    """The audit row of a write, in the same unit of work as the write."""
    audit_log.record(uow.conn, who.actor, action, entity, entity_id, before, after)


def not_found(what: str, id_: object) -> JalinError:
    return JalinError(CommonErrorCode.NOT_FOUND, f"no {what} {id_}")


def require_members(uow: UnitOfWork, ids: Iterable[int]) -> set[int]:
    """The given member ids, all of which must exist (404 naming the missing ones)."""
    wanted = set(ids)
    found = store.existing_member_ids(uow.conn, wanted)
    if found != wanted:
        raise JalinError(CommonErrorCode.NOT_FOUND, f"no member(s) {sorted(wanted - found)}")
    return found


def regency(atlas: Atlas, code: str, field: str) -> str:
    """`code` as a regency or city code (NN.NN), or 422 `unknown_region` naming `field`."""
    area = atlas.get(code)
    if area is None or area.level != Level.REGENCY:
        raise JalinError(
            RegistryErrorCode.UNKNOWN_REGION,
            f"{field} '{code}' is not a regency or city code (NN.NN); search with /v1/areas?q=",
            field=field,
        )
    return area.code
