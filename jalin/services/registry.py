"""Registry use cases: structure, members, applications, agreements, meetings, keys, audit.

Every function takes the acting `Principal`, checks what that principal may see and do, and
performs each write in one transaction together with its audit row (who, when, before, after).
Objects outside the principal's view are reported as not found, so ids do not leak.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, or_, select
from sqlalchemy.exc import IntegrityError

from jalin.errors import CommonErrorCode, JalinError
from jalin.geo.atlas import Atlas, Level
from jalin.registry.access import Principal
from jalin.registry.errors import RegistryErrorCode
from jalin.registry.rules import (
    AGREEMENT_TRANSITIONS,
    APPLICATION_TRANSITIONS,
    CARRIER_ID,
    ActionStatus,
    AgreementKind,
    AgreementStage,
    ApplicationStatus,
    BoardLevel,
    MemberStatus,
    MemberType,
    Role,
    nib_problem,
)
from jalin.storage import audit as audit_store
from jalin.storage.counters import bump
from jalin.storage.db import insert_id
from jalin.storage.tables import (
    actions,
    agreement_districts,
    agreement_documents,
    agreement_parties,
    agreements,
    api_keys,
    applications,
    boards,
    meeting_members,
    meetings,
    member_units,
    members,
    officers,
)
from jalin.storage.uow import UnitOfWork

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


def _now() -> datetime:
    return datetime.now(UTC)


def audit(
    conn: Connection,
    who: Principal,
    action: str,
    entity: str,
    entity_id: object,
    before: Any = None,
    after: Any = None,
) -> None:
    audit_store.record(conn, who.actor, action, entity, entity_id, before, after)


def _row(conn: Connection, table, id_: int) -> dict[str, Any] | None:
    r = conn.execute(select(table).where(table.c.id == id_)).mappings().first()
    return dict(r) if r else None


def _require_members(conn: Connection, ids: list[int]) -> set[int]:
    """The given member ids, all of which must exist."""
    found = set(conn.scalars(select(members.c.id).where(members.c.id.in_(ids))))
    if found != set(ids):
        raise JalinError(CommonErrorCode.NOT_FOUND, f"no member(s) {sorted(set(ids) - found)}")
    return found


def _require(who: Principal, *roles: Role) -> None:
    if who.role not in roles:
        raise JalinError(CommonErrorCode.FORBIDDEN, f"this needs the role {' or '.join(roles)}")


# -- structure ---------------------------------------------------------------------------------
def ensure_structure(engine: Engine, atlas: Atlas) -> int:
    """The DPP and a DPW for each of the 38 provinces (idempotent); returns boards added."""
    with engine.begin() as conn:
        have = {r.region_code for r in conn.execute(select(boards.c.region_code))}
        rows = []
        if None not in have:
            rows.append({"level": "DPP", "region_code": None, "name": "DPP (Dewan Pimpinan Pusat)"})
        for p in atlas.areas(Level.PROVINCE):
            if p.code not in have:
                rows.append({"level": "DPW", "region_code": p.code, "name": f"DPW {p.name}"})
        if rows:
            conn.execute(boards.insert(), rows)
        return len(rows)


def board_by_code(conn: Connection, code: str | None) -> dict[str, Any] | None:
    """A board by region code: None or "DPP" for the DPP, a province for a DPW, a regency for a DPD."""
    cond = boards.c.region_code.is_(None) if code in (None, "", "DPP") else boards.c.region_code == code
    r = conn.execute(select(boards).where(cond)).mappings().first()
    return dict(r) if r else None


def _ensure_dpd(conn: Connection, atlas: Atlas, regency_code: str) -> int:
    found = board_by_code(conn, regency_code)
    if found:
        return int(found["id"])
    area = atlas.get(regency_code)
    assert area is not None
    return int(
        insert_id(
            conn, boards.insert().values(level="DPD", region_code=regency_code, name=f"DPD {area.name}")
        )
    )


def ensure_dpd(engine: Engine, atlas: Atlas, regency_code: str) -> int:
    """The DPD board of a regency, created when missing; returns its id."""
    with engine.begin() as conn:
        return _ensure_dpd(conn, atlas, _regency(atlas, regency_code, "regency_code"))


def _regency(atlas: Atlas, code: str, field: str) -> str:
    area = atlas.get(code)
    if area is None or area.level != Level.REGENCY:
        raise JalinError(
            RegistryErrorCode.UNKNOWN_REGION,
            f"{field} '{code}' is not a regency or city code (NN.NN); search with /v1/areas?q=",
        )
    return area.code


def list_boards(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = [
            dict(r)
            for r in conn.execute(select(boards).order_by(boards.c.level, boards.c.region_code)).mappings()
        ]
        counts: dict[int, int] = {
            board: n
            for board, n in conn.execute(
                select(officers.c.board_id, func.count()).group_by(officers.c.board_id)
            ).all()
        }
    return [{**r, "officers": counts.get(r["id"], 0)} for r in rows]


def add_officer(
    engine: Engine,
    who: Principal,
    *,
    board_code: str | None,
    name: str,
    position: str,
    email: str | None = None,
    phone: str | None = None,
) -> dict[str, Any]:
    _require(who, Role.ADMIN)
    with engine.begin() as conn:
        board = board_by_code(conn, board_code)
        if board is None:
            raise JalinError(RegistryErrorCode.UNKNOWN_REGION, f"no board for region '{board_code}'")
        values = {"board_id": board["id"], "name": name, "position": position, "email": email, "phone": phone}
        oid = insert_id(conn, officers.insert().values(**values))
        audit(conn, who, "officer.add", "officer", oid, None, values)
        return {"id": oid, **values}


# -- API keys ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class IssuedKey:
    id: int
    prefix: str
    secret: str  # shown once
    role: Role


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _issue_key(
    conn: Connection,
    who: Principal,
    role: Role,
    *,
    member_id: int | None = None,
    board_id: int | None = None,
    label: str = "",
) -> IssuedKey:
    prefix = "jln_" + secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    kid = insert_id(
        conn,
        api_keys.insert().values(
            prefix=prefix,
            secret_hash=_hash(secret),
            role=role.value,
            board_id=board_id,
            member_id=member_id,
            label=label,
            created_at=_now(),
        ),
    )
    audit(
        conn,
        who,
        "key.create",
        "api_key",
        kid,
        None,
        {"prefix": prefix, "role": role.value, "member_id": member_id, "board_id": board_id, "label": label},
    )
    return IssuedKey(int(kid), prefix, f"{prefix}.{secret}", role)


def create_key(
    engine: Engine,
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
        _require(who, Role.ADMIN)
    with engine.begin() as conn:
        board_id = None
        if role is Role.OFFICER:
            board = board_by_code(conn, board_code)
            if board is None or board["level"] == "DPP":
                raise JalinError(
                    RegistryErrorCode.UNKNOWN_REGION,
                    f"an officer key needs a DPW (province) or DPD (regency) code, got '{board_code}'",
                )
            board_id = board["id"]
        if role is Role.MEMBER and (member_id is None or _row(conn, members, member_id) is None):
            raise JalinError(CommonErrorCode.NOT_FOUND, f"no member {member_id}")
        if role is Role.PUBLIC:
            raise JalinError(CommonErrorCode.INVALID_REQUEST, "public access needs no key")
        return _issue_key(
            conn,
            who,
            role,
            member_id=member_id if role is Role.MEMBER else None,
            board_id=board_id,
            label=label,
        )


def authenticate(engine: Engine, token: str) -> Principal | None:
    """The principal for a presented key `prefix.secret`, or None: unknown, wrong or revoked, or a
    member key whose member is no longer active (suspended or left)."""
    prefix, _, secret = token.strip().partition(".")
    if not prefix or not secret:
        return None
    with engine.connect() as conn:
        r = (
            conn.execute(
                select(
                    api_keys, boards.c.level, boards.c.region_code, members.c.status.label("member_status")
                )
                .select_from(
                    api_keys.outerjoin(boards, boards.c.id == api_keys.c.board_id).outerjoin(
                        members, members.c.id == api_keys.c.member_id
                    )
                )
                .where(api_keys.c.prefix == prefix)
            )
            .mappings()
            .first()
        )
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


def _key_view(r: dict[str, Any]) -> dict[str, Any]:
    return {
        k: r[k]
        for k in ("id", "prefix", "role", "board_id", "member_id", "label", "created_at", "revoked_at")
    }


def list_keys(engine: Engine, who: Principal) -> list[dict[str, Any]]:
    q = select(api_keys).order_by(api_keys.c.id)
    if who.role is Role.MEMBER:
        q = q.where(api_keys.c.member_id == who.member_id)
    elif who.role is not Role.ADMIN:
        q = q.where(api_keys.c.prefix == who.key_prefix)
    with engine.connect() as conn:
        return [_key_view(dict(r)) for r in conn.execute(q).mappings()]


def revoke_key(engine: Engine, who: Principal, key_id: int) -> dict[str, Any]:
    with engine.begin() as conn:
        r = _row(conn, api_keys, key_id)
        mine = r is not None and (
            who.role is Role.ADMIN
            or (who.role is Role.MEMBER and r["member_id"] == who.member_id)
            or r["prefix"] == who.key_prefix
        )
        if r is None or not mine:
            raise JalinError(CommonErrorCode.NOT_FOUND, f"no key {key_id}")
        if r["revoked_at"] is None:
            conn.execute(api_keys.update().where(api_keys.c.id == key_id).values(revoked_at=_now()))
            audit(conn, who, "key.revoke", "api_key", key_id, _key_view(r), {"revoked": True})
        return _key_view(_row(conn, api_keys, key_id))  # type: ignore[arg-type]


# -- members -----------------------------------------------------------------------------------
_MEMBER_PUBLIC = ("id", "brand", "type", "carrier_id", "province_code", "regency_code", "status")


def _check_member_fields(
    atlas: Atlas, nib: str, type_: str, carrier_id: str | None, regency_code: str
) -> tuple[str, str]:
    if problem := nib_problem(nib):
        raise JalinError(RegistryErrorCode.INVALID_NIB, problem)
    if type_ not in {t.value for t in MemberType}:
        raise JalinError(
            RegistryErrorCode.INVALID_MEMBER_TYPE,
            f"type '{type_}' must be one of {', '.join(t.value for t in MemberType)}",
        )
    if carrier_id is not None and not CARRIER_ID.match(carrier_id):
        raise JalinError(
            RegistryErrorCode.INVALID_CARRIER_ID,
            f"carrier_id '{carrier_id}' must be 2-16 characters of A-Z, 0-9 or _",
        )
    regency = _regency(atlas, regency_code, "regency_code")
    return regency, regency[:2]


def _check_unique(conn: Connection, nib: str, carrier_id: str | None) -> None:
    """No member may already hold this carrier_id or NIB."""
    if carrier_id and conn.execute(select(members.c.id).where(members.c.carrier_id == carrier_id)).first():
        raise JalinError(
            RegistryErrorCode.DUPLICATE_CARRIER_ID,
            f"carrier_id {carrier_id} already belongs to a member; choose another",
        )
    if conn.execute(select(members.c.id).where(members.c.nib == nib)).first():
        raise JalinError(RegistryErrorCode.DUPLICATE_NIB, f"NIB {nib} is already registered")


def _insert_member(conn: Connection, who: Principal, atlas: Atlas, data: dict[str, Any]) -> int:
    regency, province = _check_member_fields(
        atlas, data["nib"], data["type"], data.get("carrier_id"), data["regency_code"]
    )
    _check_unique(conn, data["nib"], data.get("carrier_id"))
    _ensure_dpd(conn, atlas, regency)
    values = {
        "legal_name": data["legal_name"],
        "brand": data["brand"],
        "nib": data["nib"],
        "type": data["type"],
        "carrier_id": data.get("carrier_id"),
        "regency_code": regency,
        "province_code": province,
        "contact_name": data.get("contact_name"),
        "contact_email": data.get("contact_email"),
        "contact_phone": data.get("contact_phone"),
        "status": data.get("status", MemberStatus.ACTIVE.value),
        "created_at": _now(),
    }
    if values["status"] not in {s.value for s in MemberStatus}:
        raise JalinError(
            CommonErrorCode.INVALID_REQUEST, f"status '{values['status']}' is not a member status"
        )
    mid = insert_id(conn, members.insert().values(**values))
    audit(conn, who, "member.create", "member", mid, None, values)
    return mid


def create_member(engine: Engine, who: Principal, atlas: Atlas, data: dict[str, Any]) -> dict[str, Any]:
    _require(who, Role.ADMIN)
    try:
        with engine.begin() as conn:
            mid = _insert_member(conn, who, atlas, data)
            return _row(conn, members, mid)  # type: ignore[return-value]
    except IntegrityError:
        # A concurrent request registered the same NIB or carrier_id between the check and the
        # insert: answer as for any duplicate. Any other integrity failure is not a duplicate.
        with engine.connect() as conn:
            _check_unique(conn, data["nib"], data.get("carrier_id"))
        raise


def _visible_member(who: Principal, m: dict[str, Any]) -> bool:
    if who.role is Role.MEMBER:
        return m["id"] == who.member_id
    return who.sees_region(m["regency_code"], m["province_code"])


def list_members(engine: Engine, who: Principal) -> list[dict[str, Any]]:
    _require(who, Role.ADMIN, Role.OFFICER, Role.MEMBER)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(members).order_by(members.c.id)).mappings()]
    return [r for r in rows if _visible_member(who, r)]


def get_member(engine: Engine, who: Principal, member_id: int) -> dict[str, Any]:
    with engine.connect() as conn:
        m = _row(conn, members, member_id)
        if m is None or not _visible_member(who, m):
            raise JalinError(CommonErrorCode.NOT_FOUND, f"no member {member_id}")
        m["units"] = [
            dict(r)
            for r in conn.execute(
                select(member_units).where(member_units.c.member_id == member_id)
            ).mappings()
        ]
    return m


def set_member_status(engine: Engine, who: Principal, member_id: int, status: str) -> dict[str, Any]:
    _require(who, Role.ADMIN)
    if status not in {s.value for s in MemberStatus}:
        raise JalinError(
            CommonErrorCode.INVALID_REQUEST,
            f"status '{status}' must be one of {', '.join(s.value for s in MemberStatus)}",
        )
    with engine.begin() as conn:
        before = _row(conn, members, member_id)
        if before is None:
            raise JalinError(CommonErrorCode.NOT_FOUND, f"no member {member_id}")
        conn.execute(members.update().where(members.c.id == member_id).values(status=status))
        audit(
            conn, who, "member.status", "member", member_id, {"status": before["status"]}, {"status": status}
        )
        return _row(conn, members, member_id)  # type: ignore[return-value]


def add_unit(
    engine: Engine, who: Principal, atlas: Atlas, member_id: int, name: str, region_code: str
) -> dict[str, Any]:
    _require(who, Role.ADMIN)
    if atlas.get(region_code) is None:
        raise JalinError(RegistryErrorCode.UNKNOWN_REGION, f"region '{region_code}' does not exist")
    with engine.begin() as conn:
        if _row(conn, members, member_id) is None:
            raise JalinError(CommonErrorCode.NOT_FOUND, f"no member {member_id}")
        values = {"member_id": member_id, "name": name, "region_code": region_code}
        uid = insert_id(conn, member_units.insert().values(**values))
        audit(conn, who, "member.unit", "member_unit", uid, None, values)
        return {"id": uid, **values}


def directory(engine: Engine) -> list[dict[str, Any]]:
    """The public member directory: active members, no contacts."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(*[members.c[k] for k in _MEMBER_PUBLIC])
            .where(members.c.status == MemberStatus.ACTIVE.value)
            .order_by(members.c.brand)
        ).mappings()
        return [dict(r) for r in rows]


# -- applications ------------------------------------------------------------------------------
_APP_FIELDS = (
    "legal_name",
    "brand",
    "nib",
    "type",
    "carrier_id",
    "regency_code",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def submit_application(engine: Engine, who: Principal, atlas: Atlas, data: dict[str, Any]) -> dict[str, Any]:
    regency, province = _check_member_fields(
        atlas, data["nib"], data["type"], data.get("carrier_id"), data["regency_code"]
    )
    with engine.begin() as conn:
        _check_unique(conn, data["nib"], data.get("carrier_id"))
        values = {k: data.get(k) for k in _APP_FIELDS}
        values.update(
            regency_code=regency,
            province_code=province,
            status=ApplicationStatus.SUBMITTED.value,
            created_at=_now(),
        )
        aid = insert_id(conn, applications.insert().values(**values))
        audit(conn, who, "application.submit", "application", aid, None, values)
        return _row(conn, applications, aid)  # type: ignore[return-value]


def _visible_application(who: Principal, a: dict[str, Any]) -> bool:
    return who.sees_region(a["regency_code"], a["province_code"])


def list_applications(engine: Engine, who: Principal) -> list[dict[str, Any]]:
    _require(who, Role.ADMIN, Role.OFFICER)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(applications).order_by(applications.c.id)).mappings()]
    return [r for r in rows if _visible_application(who, r)]


def get_application(engine: Engine, who: Principal, app_id: int) -> dict[str, Any]:
    _require(who, Role.ADMIN, Role.OFFICER)
    with engine.connect() as conn:
        a = _row(conn, applications, app_id)
        if a is None or not _visible_application(who, a):
            raise JalinError(CommonErrorCode.NOT_FOUND, f"no application {app_id}")
        a["history"] = audit_store.history(conn, "application", app_id)
        return a


def decide_application(
    engine: Engine, who: Principal, atlas: Atlas, app_id: int, action: str, reason: str
) -> tuple[dict[str, Any], IssuedKey | None]:
    """recommend / reject by the DPW of the province (or the DPP); approve / reject by the DPP.

    Approval creates the active member and its first API key (returned once)."""
    with engine.begin() as conn:
        a = _row(conn, applications, app_id)
        if a is None or not _visible_application(who, a) or who.role not in (Role.ADMIN, Role.OFFICER):
            raise JalinError(CommonErrorCode.NOT_FOUND, f"no application {app_id}")
        state = ApplicationStatus(a["status"])
        allowed = APPLICATION_TRANSITIONS[state]
        if action not in allowed:
            raise JalinError(
                RegistryErrorCode.ILLEGAL_TRANSITION,
                f"application {app_id} is {state}; '{action}' is not allowed from there",
                allowed=sorted(allowed),
            )
        by_dpp = state is ApplicationStatus.RECOMMENDED
        if by_dpp and who.role is not Role.ADMIN:
            raise JalinError(CommonErrorCode.FORBIDDEN, "after the DPW's recommendation only the DPP decides")
        if not by_dpp and who.role is Role.OFFICER and who.board_level is not BoardLevel.DPW:
            raise JalinError(
                CommonErrorCode.FORBIDDEN, "the DPW officer of the province recommends or rejects"
            )
        if action == "reject" and not reason.strip():
            raise JalinError(CommonErrorCode.INVALID_REQUEST, "a rejection needs a reason")
        new = allowed[action]
        issued = None
        member_id = None
        if new is ApplicationStatus.APPROVED:
            member_id = _insert_member(
                conn, who, atlas, {**{k: a[k] for k in _APP_FIELDS}, "status": "active"}
            )
            issued = _issue_key(conn, who, Role.MEMBER, member_id=member_id, label="first key on approval")
        conn.execute(
            applications.update()
            .where(applications.c.id == app_id)
            .values(status=new.value, member_id=member_id)
        )
        audit(
            conn,
            who,
            f"application.{action}",
            "application",
            app_id,
            {"status": state.value},
            {"status": new.value, "reason": reason, "member_id": member_id},
        )
        return _row(conn, applications, app_id), issued  # type: ignore[return-value]


# -- agreements --------------------------------------------------------------------------------
def _agreement_view(conn: Connection, a: dict[str, Any]) -> dict[str, Any]:
    aid = a["id"]
    a["parties"] = sorted(
        conn.scalars(select(agreement_parties.c.member_id).where(agreement_parties.c.agreement_id == aid))
    )
    a["districts"] = sorted(
        conn.scalars(
            select(agreement_districts.c.district_code).where(agreement_districts.c.agreement_id == aid)
        )
    )
    a["documents"] = [
        dict(r)
        for r in conn.execute(
            select(
                agreement_documents.c.id,
                agreement_documents.c.filename,
                agreement_documents.c.sha256,
                agreement_documents.c.size,
                agreement_documents.c.uploaded_at,
            ).where(agreement_documents.c.agreement_id == aid)
        ).mappings()
    ]
    return a


def _visible_agreement(conn: Connection, who: Principal, a: dict[str, Any]) -> bool:
    if who.role is Role.ADMIN:
        return True
    parties = list(
        conn.execute(
            select(members.c.id, members.c.regency_code, members.c.province_code)
            .join(agreement_parties, agreement_parties.c.member_id == members.c.id)
            .where(agreement_parties.c.agreement_id == a["id"])
        )
    )
    if who.role is Role.MEMBER:
        return any(p.id == who.member_id for p in parties)
    if who.role is Role.OFFICER:
        return who.sees_region(None, a["province_code"]) or any(
            who.sees_region(p.regency_code, p.province_code) for p in parties
        )
    return False


def _check_terms(
    atlas: Atlas, fee: int, valid_from: date | None, valid_until: date | None, districts: list[str]
) -> list[str]:
    if fee < 0:
        raise JalinError(
            RegistryErrorCode.INVALID_AGREEMENT, f"fee_per_parcel is {fee}; it must be 0 or more"
        )
    if valid_from and valid_until and valid_from > valid_until:
        raise JalinError(
            RegistryErrorCode.INVALID_AGREEMENT,
            f"valid_from {valid_from} is after valid_until {valid_until}; swap them",
        )
    out = []
    for d in districts:
        area = atlas.get(d)
        if area is None or area.level != Level.DISTRICT:
            raise JalinError(
                RegistryErrorCode.UNKNOWN_REGION, f"handover district '{d}' is not a district code"
            )
        out.append(area.code)
    return sorted(set(out))


def create_agreement(
    engine: Engine,
    who: Principal,
    atlas: Atlas,
    *,
    title: str,
    kind: str,
    parties: list[int],
    fee_per_parcel: int = 0,
    fee_payer: int | None = None,
    valid_from: date | None = None,
    valid_until: date | None = None,
    districts: list[str] | None = None,
    province_code: str | None = None,
    stage: str = AgreementStage.EXPLORING.value,
) -> dict[str, Any]:
    _require(who, Role.ADMIN, Role.OFFICER)
    if kind not in {k.value for k in AgreementKind}:
        raise JalinError(
            RegistryErrorCode.INVALID_AGREEMENT,
            f"kind '{kind}' must be one of {', '.join(k.value for k in AgreementKind)}",
        )
    if len(set(parties)) < 2:
        raise JalinError(
            RegistryErrorCode.INVALID_AGREEMENT, "an agreement needs at least two different members"
        )
    if stage not in {s.value for s in AgreementStage}:
        raise JalinError(RegistryErrorCode.INVALID_AGREEMENT, f"stage '{stage}' is not an agreement stage")
    if fee_payer is not None and fee_payer not in parties:
        raise JalinError(RegistryErrorCode.INVALID_AGREEMENT, "the fee payer must be one of the parties")
    cleaned = _check_terms(atlas, fee_per_parcel, valid_from, valid_until, districts or [])
    if province_code is not None and (atlas.get(province_code) is None or len(province_code) != 2):
        raise JalinError(RegistryErrorCode.UNKNOWN_REGION, f"province '{province_code}' does not exist")
    if who.role is Role.OFFICER:
        province_code = province_code or (who.region_code or "")[:2]
        if not who.sees_region(None, province_code):
            raise JalinError(CommonErrorCode.FORBIDDEN, "officers record agreements of their own region")
    with engine.begin() as conn:
        _require_members(conn, parties)
        values = {
            "title": title,
            "kind": kind,
            "stage": stage,
            "province_code": province_code,
            "fee_per_parcel": fee_per_parcel,
            "fee_payer_member_id": fee_payer,
            "valid_from": valid_from,
            "valid_until": valid_until,
            "created_at": _now(),
        }
        aid = insert_id(conn, agreements.insert().values(**values))
        conn.execute(
            agreement_parties.insert(), [{"agreement_id": aid, "member_id": m} for m in sorted(set(parties))]
        )
        if cleaned:
            conn.execute(
                agreement_districts.insert(), [{"agreement_id": aid, "district_code": d} for d in cleaned]
            )
        bump(conn, "agreements")
        view = _agreement_view(conn, _row(conn, agreements, aid))  # type: ignore[arg-type]
        audit(conn, who, "agreement.create", "agreement", aid, None, view)
        return view


def _agreement_for(conn: Connection, who: Principal, agreement_id: int) -> dict[str, Any]:
    a = _row(conn, agreements, agreement_id)
    if a is None or not _visible_agreement(conn, who, a):
        raise JalinError(CommonErrorCode.NOT_FOUND, f"no agreement {agreement_id}")
    return a


def get_agreement(engine: Engine, who: Principal, agreement_id: int) -> dict[str, Any]:
    with engine.connect() as conn:
        return _agreement_view(conn, _agreement_for(conn, who, agreement_id))


def list_agreements(engine: Engine, who: Principal) -> list[dict[str, Any]]:
    _require(who, Role.ADMIN, Role.OFFICER, Role.MEMBER)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(agreements).order_by(agreements.c.id)).mappings()]
        return [_agreement_view(conn, r) for r in rows if _visible_agreement(conn, who, r)]


def move_agreement(engine: Engine, who: Principal, agreement_id: int, stage: str) -> dict[str, Any]:
    _require(who, Role.ADMIN, Role.OFFICER)
    with engine.begin() as conn:
        a = _agreement_for(conn, who, agreement_id)
        current = AgreementStage(a["stage"])
        allowed = sorted(s.value for s in AGREEMENT_TRANSITIONS[current])
        if stage not in allowed:
            raise JalinError(
                RegistryErrorCode.ILLEGAL_TRANSITION,
                f"agreement {agreement_id} is {current}; it can move to {', '.join(allowed) or 'nothing'}",
                allowed=allowed,
            )
        conn.execute(agreements.update().where(agreements.c.id == agreement_id).values(stage=stage))
        bump(conn, "agreements")
        audit(
            conn,
            who,
            "agreement.stage",
            "agreement",
            agreement_id,
            {"stage": current.value},
            {"stage": stage},
        )
        return _agreement_view(conn, _row(conn, agreements, agreement_id))  # type: ignore[arg-type]


def set_terms(
    engine: Engine,
    who: Principal,
    atlas: Atlas,
    agreement_id: int,
    *,
    fee_per_parcel: int,
    fee_payer: int | None,
    valid_from: date | None,
    valid_until: date | None,
    districts: list[str],
) -> dict[str, Any]:
    _require(who, Role.ADMIN, Role.OFFICER)
    cleaned = _check_terms(atlas, fee_per_parcel, valid_from, valid_until, districts)
    with engine.begin() as conn:
        a = _agreement_for(conn, who, agreement_id)
        before = _agreement_view(conn, dict(a))
        if fee_payer is not None and fee_payer not in before["parties"]:
            raise JalinError(RegistryErrorCode.INVALID_AGREEMENT, "the fee payer must be one of the parties")
        conn.execute(
            agreements.update()
            .where(agreements.c.id == agreement_id)
            .values(
                fee_per_parcel=fee_per_parcel,
                fee_payer_member_id=fee_payer,
                valid_from=valid_from,
                valid_until=valid_until,
            )
        )
        conn.execute(agreement_districts.delete().where(agreement_districts.c.agreement_id == agreement_id))
        if cleaned:
            conn.execute(
                agreement_districts.insert(),
                [{"agreement_id": agreement_id, "district_code": d} for d in cleaned],
            )
        bump(conn, "agreements")
        after = _agreement_view(conn, _row(conn, agreements, agreement_id))  # type: ignore[arg-type]
        audit(conn, who, "agreement.terms", "agreement", agreement_id, before, after)
        return after


def add_document(
    engine: Engine, who: Principal, agreement_id: int, filename: str, content: bytes
) -> dict[str, Any]:
    if len(content) > MAX_DOCUMENT_BYTES:
        raise JalinError(
            CommonErrorCode.UPLOAD_TOO_LARGE,
            f"{filename} is {len(content):,} bytes; documents are limited to {MAX_DOCUMENT_BYTES:,}",
        )
    with engine.begin() as conn:
        _agreement_for(conn, who, agreement_id)
        values = {
            "agreement_id": agreement_id,
            "filename": filename[:255],
            "sha256": hashlib.sha256(content).hexdigest(),
            "size": len(content),
            "uploaded_at": _now(),
        }
        did = insert_id(conn, agreement_documents.insert().values(content=content, **values))
        audit(
            conn, who, "agreement.document", "agreement", agreement_id, None, {"document_id": did, **values}
        )
        return {"id": did, **values}


def get_document(engine: Engine, who: Principal, agreement_id: int, document_id: int) -> dict[str, Any]:
    """A stored document (with its bytes) of an agreement the principal may see."""
    with engine.connect() as conn:
        _agreement_for(conn, who, agreement_id)
        doc = (
            conn.execute(
                select(agreement_documents).where(
                    agreement_documents.c.id == document_id,
                    agreement_documents.c.agreement_id == agreement_id,
                )
            )
            .mappings()
            .first()
        )
    if doc is None:
        raise JalinError(CommonErrorCode.NOT_FOUND, f"agreement {agreement_id} has no document {document_id}")
    return dict(doc)


def active_interline_pairs(
    conn: Connection, today: date
) -> list[tuple[str, str, int, frozenset[str] | None]]:
    """(carrier_a, carrier_b, fee, districts or None) for every pair of parties with carriers in an
    active interline_handover agreement valid today: exactly what the planner may use."""
    rows = conn.execute(
        select(agreements.c.id, agreements.c.fee_per_parcel).where(
            agreements.c.kind == AgreementKind.INTERLINE_HANDOVER.value,
            agreements.c.stage == AgreementStage.ACTIVE.value,
            or_(agreements.c.valid_from.is_(None), agreements.c.valid_from <= today),
            or_(agreements.c.valid_until.is_(None), agreements.c.valid_until >= today),
        )
    ).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    carriers: dict[int, list[str]] = {}
    for aid, carrier in conn.execute(
        select(agreement_parties.c.agreement_id, members.c.carrier_id)
        .join(members, members.c.id == agreement_parties.c.member_id)
        .where(
            agreement_parties.c.agreement_id.in_(ids),
            members.c.carrier_id.is_not(None),
            members.c.status == MemberStatus.ACTIVE.value,
        )
    ):
        carriers.setdefault(aid, []).append(carrier)
    districts: dict[int, set[str]] = {}
    for aid, d in conn.execute(
        select(agreement_districts.c.agreement_id, agreement_districts.c.district_code).where(
            agreement_districts.c.agreement_id.in_(ids)
        )
    ):
        districts.setdefault(aid, set()).add(d)
    out: list[tuple[str, str, int, frozenset[str] | None]] = []
    for r in rows:
        cs = sorted(carriers.get(r.id, []))
        where = frozenset(districts[r.id]) if r.id in districts else None
        out.extend((a, b, r.fee_per_parcel, where) for i, a in enumerate(cs) for b in cs[i + 1 :])
    return out


# -- meetings and follow-ups -------------------------------------------------------------------
def _board_region(board: dict[str, Any]) -> tuple[str | None, str | None]:
    code = board["region_code"]
    if code is None:
        return None, None
    return (code, code[:2]) if len(code) > 2 else (None, code)


def _visible_meeting(conn: Connection, who: Principal, m: dict[str, Any]) -> bool:
    if who.role is Role.ADMIN:
        return True
    if who.role is Role.OFFICER:
        board = _row(conn, boards, m["host_board_id"])
        regency, province = _board_region(board)  # type: ignore[arg-type]
        return who.sees_region(regency, province)
    if who.role is Role.MEMBER:
        return (
            conn.execute(
                select(meeting_members).where(
                    meeting_members.c.meeting_id == m["id"], meeting_members.c.member_id == who.member_id
                )
            ).first()
            is not None
        )
    return False


def create_meeting(
    engine: Engine,
    who: Principal,
    *,
    held_on: date,
    place: str,
    host: str,
    member_ids: list[int],
    partners: str,
    topics: str,
    outcomes: str,
) -> dict[str, Any]:
    _require(who, Role.ADMIN, Role.OFFICER)
    with engine.begin() as conn:
        board = board_by_code(conn, host)
        if board is None or board["level"] == "DPP":
            raise JalinError(
                RegistryErrorCode.UNKNOWN_REGION,
                f"host '{host}' must be the code of a DPW (province) or DPD (regency) that exists",
            )
        regency, province = _board_region(board)
        if not who.sees_region(regency, province):
            raise JalinError(CommonErrorCode.FORBIDDEN, "officers record meetings hosted in their own region")
        found = _require_members(conn, member_ids)
        values = {
            "held_on": held_on,
            "place": place,
            "host_board_id": board["id"],
            "topics": topics,
            "outcomes": outcomes,
            "partners": partners,
            "created_at": _now(),
        }
        mid = insert_id(conn, meetings.insert().values(**values))
        if member_ids:
            conn.execute(
                meeting_members.insert(), [{"meeting_id": mid, "member_id": m} for m in sorted(found)]
            )
        audit(conn, who, "meeting.create", "meeting", mid, None, {**values, "members": sorted(found)})
        return get_meeting_conn(conn, who, mid)


def get_meeting_conn(conn: Connection, who: Principal, meeting_id: int) -> dict[str, Any]:
    m = _row(conn, meetings, meeting_id)
    if m is None or not _visible_meeting(conn, who, m):
        raise JalinError(CommonErrorCode.NOT_FOUND, f"no meeting {meeting_id}")
    m["members"] = sorted(
        conn.scalars(select(meeting_members.c.member_id).where(meeting_members.c.meeting_id == meeting_id))
    )
    m["actions"] = [
        dict(r)
        for r in conn.execute(
            select(actions).where(actions.c.meeting_id == meeting_id).order_by(actions.c.id)
        ).mappings()
    ]
    return m


def get_meeting(engine: Engine, who: Principal, meeting_id: int) -> dict[str, Any]:
    with engine.connect() as conn:
        return get_meeting_conn(conn, who, meeting_id)


def list_meetings(engine: Engine, who: Principal) -> list[dict[str, Any]]:
    _require(who, Role.ADMIN, Role.OFFICER, Role.MEMBER)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(meetings).order_by(meetings.c.held_on)).mappings()]
        return [get_meeting_conn(conn, who, r["id"]) for r in rows if _visible_meeting(conn, who, r)]


def add_action(
    engine: Engine, who: Principal, meeting_id: int, *, description: str, owner: str, due_on: date
) -> dict[str, Any]:
    _require(who, Role.ADMIN, Role.OFFICER)
    with engine.begin() as conn:
        get_meeting_conn(conn, who, meeting_id)
        values = {
            "meeting_id": meeting_id,
            "description": description,
            "owner": owner,
            "due_on": due_on,
            "status": ActionStatus.OPEN.value,
        }
        aid = insert_id(conn, actions.insert().values(**values))
        audit(conn, who, "action.create", "action", aid, None, values)
        return {"id": aid, **values}


def set_action_status(engine: Engine, who: Principal, action_id: int, status: str) -> dict[str, Any]:
    _require(who, Role.ADMIN, Role.OFFICER)
    if status not in {s.value for s in ActionStatus}:
        raise JalinError(
            CommonErrorCode.INVALID_REQUEST,
            f"status '{status}' must be one of {', '.join(s.value for s in ActionStatus)}",
        )
    with engine.begin() as conn:
        a = _row(conn, actions, action_id)
        if a is None:
            raise JalinError(CommonErrorCode.NOT_FOUND, f"no action {action_id}")
        try:
            get_meeting_conn(conn, who, a["meeting_id"])
        except JalinError:
            raise JalinError(CommonErrorCode.NOT_FOUND, f"no action {action_id}") from None
        conn.execute(actions.update().where(actions.c.id == action_id).values(status=status))
        audit(conn, who, "action.status", "action", action_id, {"status": a["status"]}, {"status": status})
        return _row(conn, actions, action_id)  # type: ignore[return-value]


# -- reports -----------------------------------------------------------------------------------
def report_pipeline(engine: Engine, who: Principal) -> list[dict[str, Any]]:
    """Agreements per DPW (province) and stage."""
    rows = list_agreements(engine, who) if who.role is not Role.ADMIN else None
    with engine.connect() as conn:
        data: list[tuple[str | None, str, int]]
        if rows is None:
            data = [
                (p, s, n)
                for p, s, n in conn.execute(
                    select(agreements.c.province_code, agreements.c.stage, func.count()).group_by(
                        agreements.c.province_code, agreements.c.stage
                    )
                )
            ]
        else:
            counts: dict[tuple[str | None, str], int] = {}
            for r in rows:
                counts[(r["province_code"], r["stage"])] = counts.get((r["province_code"], r["stage"]), 0) + 1
            data = [(p, s, n) for (p, s), n in counts.items()]
    out: dict[str | None, dict[str, int]] = {}
    for province, stage, n in data:
        out.setdefault(province, {s.value: 0 for s in AgreementStage})[stage] = n
    return [{"province_code": p, **stages} for p, stages in sorted(out.items(), key=lambda kv: kv[0] or "")]


def report_overdue(engine: Engine, who: Principal, today: date) -> list[dict[str, Any]]:
    _require(who, Role.ADMIN, Role.OFFICER)
    with engine.connect() as conn:
        rows = (
            conn.execute(
                select(actions, meetings.c.place, meetings.c.held_on, meetings.c.host_board_id)
                .join(meetings, meetings.c.id == actions.c.meeting_id)
                .where(and_(actions.c.status == ActionStatus.OPEN.value, actions.c.due_on < today))
                .order_by(actions.c.due_on)
            )
            .mappings()
            .all()
        )
        return [
            {**dict(r), "days_overdue": (today - r["due_on"]).days}
            for r in rows
            if _visible_meeting(conn, who, {"id": r["meeting_id"], "host_board_id": r["host_board_id"]})
        ]


def report_members_per_province(engine: Engine, who: Principal, atlas: Atlas) -> list[dict[str, Any]]:
    _require(who, Role.ADMIN, Role.OFFICER)
    counts: dict[str, dict[str, int]] = {}
    for m in list_members(engine, who):
        counts.setdefault(m["province_code"], {s.value: 0 for s in MemberStatus})[m["status"]] += 1
    names = {p.code: p.name for p in atlas.areas(Level.PROVINCE)}
    return [{"province_code": p, "province": names.get(p, p), **c} for p, c in sorted(counts.items())]


def list_audit(
    engine: Engine, who: Principal, *, limit: int = 100, offset: int = 0, entity: str | None = None
) -> list[dict[str, Any]]:
    _require(who, Role.ADMIN)
    with engine.connect() as conn:
        return audit_store.entries(conn, limit=limit, offset=offset, entity=entity)


def member_carrier(uow: UnitOfWork, who: Principal) -> str:
    """The carrier_id a member key may publish feeds for."""
    m = _row(uow.conn, members, who.member_id) if who.member_id else None
    if m is None or not m["carrier_id"]:
        raise JalinError(CommonErrorCode.FORBIDDEN, "this member has no carrier_id to publish feeds for")
    if m["status"] != MemberStatus.ACTIVE.value:
        raise JalinError(
            CommonErrorCode.FORBIDDEN, f"member status is {m['status']}; only active members publish"
        )
    return m["carrier_id"]
