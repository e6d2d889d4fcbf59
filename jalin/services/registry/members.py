"""Members: created by the DPP (or by approving an application), their status, units, directory."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy.exc import IntegrityError

from jalin.errors import CommonErrorCode, JalinError, choice
from jalin.geo.atlas import Atlas, Level
from jalin.network.model import CARRIER_ID
from jalin.registry.access import Principal
from jalin.registry.errors import RegistryErrorCode
from jalin.registry.records import DirectoryEntry, Member, MemberDetail, Unit
from jalin.registry.rules import MemberStatus, MemberType, Role, email_problem, nib_problem
from jalin.registry.visibility import scope_of, sees_member
from jalin.services.paging import DEFAULT_LIMIT, check_limit, decode_cursor, page
from jalin.services.registry.common import audit, not_found, now, regency, require
from jalin.services.registry.structure import ensure_dpd
from jalin.storage import registry as store
from jalin.storage.uow import UnitOfWork


def member_problems(
    atlas: Atlas, data: dict[str, Any], *, applying: bool = False
) -> list[tuple[StrEnum, str, str]]:
    """Every problem of a would-be member's (or, `applying`, an applicant's) fields, as
    (code, field, message), in the order of the form."""
    problems: list[tuple[StrEnum, str, str]] = []
    required = {"legal_name": 2, "brand": 1, "contact_name": 2 if applying else 0}
    for name, least in required.items():
        if len((data.get(name) or "").strip()) < least:
            problems.append(
                (CommonErrorCode.INVALID_REQUEST, name, f"{name} is required (at least {least} character(s))")
            )
    if problem := nib_problem(data["nib"]):
        problems.append((RegistryErrorCode.INVALID_NIB, "nib", problem))
    if data["type"] not in MemberType.__members__.values():
        problems.append(
            (
                RegistryErrorCode.INVALID_MEMBER_TYPE,
                "type",
                f"type '{data['type']}' must be one of {', '.join(MemberType)}",
            )
        )
    carrier_id = data.get("carrier_id")
    if carrier_id is not None and not CARRIER_ID.match(carrier_id):
        problems.append(
            (
                RegistryErrorCode.INVALID_CARRIER_ID,
                "carrier_id",
                f"carrier_id '{carrier_id}' must be 2-16 characters of A-Z, 0-9 or _",
            )
        )
    area = atlas.get(data["regency_code"])
    if area is None or area.level != Level.REGENCY:
        problems.append(
            (
                RegistryErrorCode.UNKNOWN_REGION,
                "regency_code",
                f"regency_code '{data['regency_code']}' is not a regency or city code (NN.NN); "
                "search with /v1/areas?q=",
            )
        )
    if data.get("contact_email") and (problem := email_problem(data["contact_email"])):
        problems.append((CommonErrorCode.INVALID_REQUEST, "contact_email", problem))
    return problems


def check_member_fields(atlas: Atlas, data: dict[str, Any], *, applying: bool = False) -> tuple[str, str]:
    """(regency, province) of a would-be member; otherwise one error listing every invalid field
    (the first problem's code; `errors` has each field's code and message)."""
    problems = member_problems(atlas, data, applying=applying)
    if problems:
        code, field, _ = problems[0]
        raise JalinError(
            code,
            "; ".join(message for _, _, message in problems),
            field=field if len(problems) == 1 else None,
            errors=[{"field": f, "code": c.value, "message": m} for c, f, m in problems],
        )
    code_ = regency(atlas, data["regency_code"], "regency_code")
    return code_, code_[:2]


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
    regency_code, province = check_member_fields(atlas, data)
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
        # A concurrent request registered the same NIB or carrier_id between the check and the
        # insert: answer as for any duplicate, naming which. Anything else is not a duplicate.
        check_unique(uow, data["nib"], data.get("carrier_id"))
        raise
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


def members_page(
    uow: UnitOfWork, who: Principal, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """`list_members` a page at a time, by id: `{"items": [Member, ...], "next_cursor"}`."""
    require(who, Role.ADMIN, Role.OFFICER, Role.MEMBER)
    check_limit(limit)
    after = decode_cursor(cursor, "member")
    rows = store.list_members(uow.conn, scope_of(who), after_id=after, limit=limit + 1)
    return page(rows, limit, "member", lambda m: m.id)


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


def directory_page(
    uow: UnitOfWork, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """`directory` a page at a time, by brand then id."""
    check_limit(limit)
    after = decode_cursor(cursor, "directory", (str, int))
    rows = store.directory(uow.conn, after=after, limit=limit + 1)
    return page(rows, limit, "directory", lambda e: (e.brand, e.id))


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
