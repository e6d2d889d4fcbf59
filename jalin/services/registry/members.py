"""Members: created by the DPP (or by approving an application), their status, units, directory."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError

from jalin.errors import CommonErrorCode, JalinError, choice
from jalin.geo.atlas import Atlas
from jalin.network.model import CARRIER_ID
from jalin.registry.access import Principal
from jalin.registry.errors import RegistryErrorCode
from jalin.registry.records import DirectoryEntry, Member, MemberDetail, Unit
from jalin.registry.rules import MemberStatus, MemberType, Role, nib_problem
from jalin.registry.visibility import scope_of, sees_member
from jalin.services.registry.common import audit, not_found, now, regency, require
from jalin.services.registry.structure import ensure_dpd
from jalin.storage import registry as store
from jalin.storage.uow import UnitOfWork


def check_member_fields(
    atlas: Atlas, nib: str, type_: MemberType | str, carrier_id: str | None, regency_code: str
) -> tuple[str, str]:
    """(regency, province) of a would-be member, or the first field that is wrong."""
    if problem := nib_problem(nib):
        raise JalinError(RegistryErrorCode.INVALID_NIB, problem, field="nib")
    choice(MemberType, type_, RegistryErrorCode.INVALID_MEMBER_TYPE, "type")
    if carrier_id is not None and not CARRIER_ID.match(carrier_id):
        raise JalinError(
            RegistryErrorCode.INVALID_CARRIER_ID,
            f"carrier_id '{carrier_id}' must be 2-16 characters of A-Z, 0-9 or _",
            field="carrier_id",
        )
    code = regency(atlas, regency_code, "regency_code")
    return code, code[:2]


def check_unique(uow: UnitOfWork, nib: str, carrier_id: str | None) -> None:
    """No member may already hold this carrier_id or NIB."""
    if carrier_id and store.carrier_taken(uow.conn, carrier_id):
        raise JalinError(
            RegistryErrorCode.DUPLICATE_CARRIER_ID,
            f"carrier_id {carrier_id} already belongs to a member; choose another",
            field="carrier_id",
        )
    if store.nib_taken(uow.conn, nib):
        raise JalinError(RegistryErrorCode.DUPLICATE_NIB, f"NIB {nib} is already registered", field="nib")


def insert_member(uow: UnitOfWork, who: Principal, atlas: Atlas, data: dict[str, Any]) -> int:
    """Check, store and audit a member (and its DPD board when it is the regency's first)."""
    regency_code, province = check_member_fields(
        atlas, data["nib"], data["type"], data.get("carrier_id"), data["regency_code"]
    )
    status = choice(
        MemberStatus, data.get("status", MemberStatus.ACTIVE), CommonErrorCode.INVALID_REQUEST, "status"
    )
    check_unique(uow, data["nib"], data.get("carrier_id"))
    ensure_dpd(uow, atlas, regency_code)
    values = {
        "legal_name": data["legal_name"],
        "brand": data["brand"],
        "nib": data["nib"],
        "type": data["type"],
        "carrier_id": data.get("carrier_id"),
        "regency_code": regency_code,
        "province_code": province,
        "contact_name": data.get("contact_name"),
        "contact_email": data.get("contact_email"),
        "contact_phone": data.get("contact_phone"),
        "status": status,
        "created_at": now(),
    }
    try:
        with uow.conn.begin_nested():
            mid = store.insert_member(uow.conn, values)
    except IntegrityError:
        raise JalinError(
            RegistryErrorCode.DUPLICATE_CARRIER_ID,
            "carrier_id or NIB already registered (a concurrent request won)",
            field="carrier_id",
        ) from None
    audit(uow, who, "member.create", "member", mid, None, values)
    return mid


def create_member(uow: UnitOfWork, who: Principal, atlas: Atlas, data: dict[str, Any]) -> Member:
    require(who, Role.ADMIN)
    member = store.get_member(uow.conn, insert_member(uow, who, atlas, data))
    assert member is not None
    return member


def list_members(uow: UnitOfWork, who: Principal) -> list[Member]:
    """Members the caller may see: all (admin), their region (officer), itself (member)."""
    require(who, Role.ADMIN, Role.OFFICER, Role.MEMBER)
    return store.list_members(uow.conn, scope_of(who))


def get_member(uow: UnitOfWork, who: Principal, member_id: int) -> MemberDetail:
    """One member with its units; outside the caller's view it does not exist."""
    m = store.member_with_units(uow.conn, member_id)
    if m is None or not sees_member(who, m):
        raise not_found("member", member_id)
    return m


def set_member_status(uow: UnitOfWork, who: Principal, member_id: int, status: MemberStatus | str) -> Member:
    require(who, Role.ADMIN)
    status = choice(MemberStatus, status, CommonErrorCode.INVALID_REQUEST, "status")
    before = store.get_member(uow.conn, member_id)
    if before is None:
        raise not_found("member", member_id)
    store.set_member_status(uow.conn, member_id, status)
    audit(uow, who, "member.status", "member", member_id, {"status": before.status}, {"status": status})
    after = store.get_member(uow.conn, member_id)
    assert after is not None
    return after


def add_unit(
    uow: UnitOfWork, who: Principal, atlas: Atlas, member_id: int, name: str, region_code: str
) -> Unit:
    """A regional unit under a member (the national post's regional offices)."""
    require(who, Role.ADMIN)
    if atlas.get(region_code) is None:
        raise JalinError(
            RegistryErrorCode.UNKNOWN_REGION, f"region '{region_code}' does not exist", field="region_code"
        )
    if store.get_member(uow.conn, member_id) is None:
        raise not_found("member", member_id)
    values = {"member_id": member_id, "name": name, "region_code": region_code}
    uid = store.insert_unit(uow.conn, values)
    audit(uow, who, "member.unit", "member_unit", uid, None, values)
    return Unit(uid, member_id, name, region_code)


def directory(uow: UnitOfWork) -> list[DirectoryEntry]:
    """The public member directory: active members, no contacts."""
    return store.directory(uow.conn)


def member_carrier(uow: UnitOfWork, who: Principal) -> str:
    """The carrier_id a member key may publish feeds for."""
    m = store.get_member(uow.conn, who.member_id) if who.member_id else None
    if m is None or not m.carrier_id:
        raise JalinError(CommonErrorCode.FORBIDDEN, "this member has no carrier_id to publish feeds for")
    if m.status != MemberStatus.ACTIVE.value:
        raise JalinError(
            CommonErrorCode.FORBIDDEN, f"member status is {m.status}; only active members publish"
        )
    return m.carrier_id
