"""Rows of the registry: boards, officers, members, units, applications and API keys
(agreements: `storage.agreements`; meetings: `storage.meetings`).

Callers own the transaction (pass a Connection). Reads return typed records
(`jalin.registry.records`); lists are one query, filtered in SQL by the caller's `Scope`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, false, func, or_, select, true, tuple_

from jalin.registry.records import (
    ApiKey,
    Application,
    Board,
    DirectoryEntry,
    Member,
    MemberDetail,
    Party,
    Unit,
)
from jalin.registry.rules import (
    ApplicationStatus,
    BoardLevel,
    MemberStatus,
    MemberType,
    Role,
)
from jalin.registry.visibility import Scope
from jalin.storage.db import insert_id
from jalin.storage.tables import (
    api_keys,
    applications,
    boards,
    member_units,
    members,
    officers,
)


def _in_scope(scope: Scope, regency: Any, province: Any, member_id: Any = None) -> ColumnElement[bool]:
    """`scope` (see `jalin.registry.visibility.scope_of`) as a WHERE clause."""
    if scope.everything:
        return true()
    if scope.province is not None:
        return or_(province == scope.province, func.substr(regency, 1, 2) == scope.province)
    if scope.regency is not None:
        return regency == scope.regency
    if scope.member_id is not None and member_id is not None:
        return member_id == scope.member_id
    return false()


# -- boards and officers -----------------------------------------------------------------------
def _board(r: Any, officers_count: int = 0) -> Board:
    return Board(r.id, BoardLevel(r.level), r.region_code, r.name, officers_count)


def board_regions(conn: Connection) -> set[str | None]:
    """The region codes that have a board (None for the DPP)."""
    return {r.region_code for r in conn.execute(select(boards.c.region_code))}


def insert_boards(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(boards.insert(), rows)


def insert_board(conn: Connection, level: BoardLevel, region_code: str, name: str) -> int:
    return insert_id(conn, boards.insert().values(level=level.value, region_code=region_code, name=name))


def board_by_code(conn: Connection, code: str | None) -> Board | None:
    """A board by region code: None or "DPP" for the DPP, a province for a DPW, a regency for a DPD."""
    cond = boards.c.region_code.is_(None) if code in (None, "", "DPP") else boards.c.region_code == code
    r = conn.execute(select(boards).where(cond)).first()
    return _board(r) if r else None


def list_boards(conn: Connection) -> list[Board]:
    """Every board with its officer count, DPD/DPP/DPW ordered by level then region."""
    counts: dict[int, int] = {
        board: n
        for board, n in conn.execute(select(officers.c.board_id, func.count()).group_by(officers.c.board_id))
    }
    rows = conn.execute(select(boards).order_by(boards.c.level, boards.c.region_code))
    return [_board(r, counts.get(r.id, 0)) for r in rows]


def insert_officer(conn: Connection, values: dict[str, Any]) -> int:
    return insert_id(conn, officers.insert().values(**values))


# -- members -----------------------------------------------------------------------------------
_MEMBER_COLUMNS = [c.name for c in members.c]


def _member(r: Any) -> Member:
    values = {k: getattr(r, k) for k in _MEMBER_COLUMNS}
    return Member(**{**values, "type": MemberType(r.type), "status": MemberStatus(r.status)})


def get_member(conn: Connection, member_id: int) -> Member | None:
    r = conn.execute(select(members).where(members.c.id == member_id)).first()
    return _member(r) if r else None


def member_with_units(conn: Connection, member_id: int) -> MemberDetail | None:
    m = get_member(conn, member_id)
    if m is None:
        return None
    units = [
        Unit(r.id, r.member_id, r.name, r.region_code)
        for r in conn.execute(
            select(member_units).where(member_units.c.member_id == member_id).order_by(member_units.c.id)
        )
    ]
    return MemberDetail(**{k: getattr(m, k) for k in _MEMBER_COLUMNS}, units=units)


def _after(q: Any, id_column: Any, after_id: int | None, limit: int | None) -> Any:
    """`q` ordered by id, from just after `after_id`, at most `limit` rows (a keyset page)."""
    if after_id is not None:
        q = q.where(id_column > after_id)
    q = q.order_by(id_column)
    return q if limit is None else q.limit(limit)


def list_members(
    conn: Connection, scope: Scope, *, after_id: int | None = None, limit: int | None = None
) -> list[Member]:
    """Members in `scope`, by id (after `after_id`, at most `limit`): one query."""
    q = select(members).where(_in_scope(scope, members.c.regency_code, members.c.province_code, members.c.id))
    return [_member(r) for r in conn.execute(_after(q, members.c.id, after_id, limit))]


def existing_member_ids(conn: Connection, ids: Iterable[int]) -> set[int]:
    return set(conn.scalars(select(members.c.id).where(members.c.id.in_(list(ids)))))


def carrier_taken(conn: Connection, carrier_id: str) -> bool:
    return conn.execute(select(members.c.id).where(members.c.carrier_id == carrier_id)).first() is not None


def nib_taken(conn: Connection, nib: str) -> bool:
    return conn.execute(select(members.c.id).where(members.c.nib == nib)).first() is not None


def insert_member(conn: Connection, values: dict[str, Any]) -> int:
    return insert_id(conn, members.insert().values(**values))


def set_member_status(conn: Connection, member_id: int, status: str) -> None:
    conn.execute(members.update().where(members.c.id == member_id).values(status=status))


def insert_unit(conn: Connection, values: dict[str, Any]) -> int:
    return insert_id(conn, member_units.insert().values(**values))


def directory(
    conn: Connection, *, after: tuple[str, int] | None = None, limit: int | None = None
) -> list[DirectoryEntry]:
    """Active members by brand then id (after the `(brand, id)` key `after`, at most `limit`),
    without contacts."""
    q = (
        select(
            members.c.id,
            members.c.brand,
            members.c.type,
            members.c.carrier_id,
            members.c.province_code,
            members.c.regency_code,
            members.c.status,
        )
        .where(members.c.status == MemberStatus.ACTIVE.value)
        .order_by(members.c.brand, members.c.id)
    )
    if after is not None:
        q = q.where(tuple_(members.c.brand, members.c.id) > tuple_(*after))
    if limit is not None:
        q = q.limit(limit)
    return [
        DirectoryEntry(**{**r._mapping, "type": MemberType(r.type), "status": MemberStatus(r.status)})
        for r in conn.execute(q)
    ]


def member_ids_by_carrier(conn: Connection) -> dict[str, int]:
    return dict(
        conn.execute(
            select(members.c.carrier_id, members.c.id).where(members.c.carrier_id.is_not(None))
        ).all()
    )


def member_provinces(conn: Connection) -> dict[int, str]:
    return dict(conn.execute(select(members.c.id, members.c.province_code)).all())


def seats(conn: Connection, member_ids: Iterable[int]) -> list[Party]:
    """Where each of these members is registered (unknown ids are left out)."""
    q = select(members.c.id, members.c.regency_code, members.c.province_code).where(
        members.c.id.in_(list(member_ids))
    )
    return [Party(r.id, r.regency_code, r.province_code) for r in conn.execute(q)]


# -- applications ------------------------------------------------------------------------------
_APPLICATION_COLUMNS = [c.name for c in applications.c]


def _application(r: Any) -> Application:
    values = {k: getattr(r, k) for k in _APPLICATION_COLUMNS}
    return Application(**{**values, "type": MemberType(r.type), "status": ApplicationStatus(r.status)})


def insert_application(conn: Connection, values: dict[str, Any]) -> int:
    return insert_id(conn, applications.insert().values(**values))


def get_application(conn: Connection, app_id: int) -> Application | None:
    r = conn.execute(select(applications).where(applications.c.id == app_id)).first()
    return _application(r) if r else None


def list_applications(
    conn: Connection, scope: Scope, *, after_id: int | None = None, limit: int | None = None
) -> list[Application]:
    """Applications in `scope`, by id (after `after_id`, at most `limit`)."""
    q = select(applications).where(
        _in_scope(scope, applications.c.regency_code, applications.c.province_code)
    )
    return [_application(r) for r in conn.execute(_after(q, applications.c.id, after_id, limit))]


def set_application_status(conn: Connection, app_id: int, status: str, member_id: int | None) -> None:
    conn.execute(
        applications.update().where(applications.c.id == app_id).values(status=status, member_id=member_id)
    )


# -- API keys ----------------------------------------------------------------------------------
_KEY_COLUMNS = ["id", "prefix", "role", "board_id", "member_id", "label", "created_at", "revoked_at"]


def _key(r: Any) -> ApiKey:
    return ApiKey(**{**{k: getattr(r, k) for k in _KEY_COLUMNS}, "role": Role(r.role)})


def insert_key(conn: Connection, values: dict[str, Any]) -> int:
    return insert_id(conn, api_keys.insert().values(**values))


def key_for_login(conn: Connection, prefix: str) -> dict[str, Any] | None:
    """The key with `prefix`, its secret hash, its board's level and region, its member's status."""
    r = (
        conn.execute(
            select(api_keys, boards.c.level, boards.c.region_code, members.c.status.label("member_status"))
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
    return dict(r) if r else None


def list_keys(
    conn: Connection,
    *,
    member_id: int | None = None,
    prefix: str | None = None,
    after_id: int | None = None,
    limit: int | None = None,
) -> list[ApiKey]:
    """Keys by id (after `after_id`, at most `limit`): all, those of one member, or the one
    with `prefix`."""
    q = select(api_keys)
    if member_id is not None:
        q = q.where(api_keys.c.member_id == member_id)
    if prefix is not None:
        q = q.where(api_keys.c.prefix == prefix)
    return [_key(r) for r in conn.execute(_after(q, api_keys.c.id, after_id, limit))]


def get_key(conn: Connection, key_id: int) -> ApiKey | None:
    r = conn.execute(select(api_keys).where(api_keys.c.id == key_id)).first()
    return _key(r) if r else None


def revoke_key(conn: Connection, key_id: int, at: datetime) -> None:
    conn.execute(api_keys.update().where(api_keys.c.id == key_id).values(revoked_at=at))
