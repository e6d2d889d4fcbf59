"""The association's structure: the DPP, a DPW per province, a DPD per regency, their officers."""

from __future__ import annotations

from typing import Any

from jalin.errors import JalinError
from jalin.geo.atlas import Atlas, Level
from jalin.registry.access import Principal
from jalin.registry.errors import RegistryErrorCode
from jalin.registry.records import Board, Officer
from jalin.registry.rules import BoardLevel, Role
from jalin.services.paging import DEFAULT_LIMIT, page_of
from jalin.services.registry.common import audit, regency, require
from jalin.storage import registry as store
from jalin.storage.uow import UnitOfWork


def ensure_structure(uow: UnitOfWork, atlas: Atlas) -> int:
    """The DPP and a DPW for each of the 38 provinces (idempotent); returns boards added."""
    have = store.board_regions(uow.conn)
    rows = []
    if None not in have:
        rows.append(
            {"level": BoardLevel.DPP.value, "region_code": None, "name": "DPP (Dewan Pimpinan Pusat)"}
        )
    for p in atlas.areas(Level.PROVINCE):
        if p.code not in have:
            rows.append({"level": BoardLevel.DPW.value, "region_code": p.code, "name": f"DPW {p.name}"})
    store.insert_boards(uow.conn, rows)
    return len(rows)


def ensure_dpd(uow: UnitOfWork, atlas: Atlas, regency_code: str) -> int:
    """The DPD board of a regency, created when missing; returns its id."""
    code = regency(atlas, regency_code, "regency_code")
    found = store.board_by_code(uow.conn, code)
    if found is not None:
        return found.id
    area = atlas.get(code)
    assert area is not None
    return store.insert_board(uow.conn, BoardLevel.DPD, code, f"DPD {area.name}")


def list_boards(uow: UnitOfWork) -> list[Board]:
    """DPP, the DPWs and the DPDs where members are, with their officer counts."""
    return store.list_boards(uow.conn)


def boards_page(uow: UnitOfWork, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> dict[str, Any]:
    """`list_boards` a page at a time, by id (the DPP, then the DPWs, then DPDs as they came)."""
    boards = sorted(store.list_boards(uow.conn), key=lambda b: b.id)
    return page_of(boards, tag="board", key=lambda b: b.id, cursor=cursor, limit=limit)


def add_officer(
    uow: UnitOfWork,
    who: Principal,
    *,
    board_code: str | None,
    name: str,
    position: str,
    email: str | None = None,
    phone: str | None = None,
) -> Officer:
    require(who, Role.ADMIN)
    board = store.board_by_code(uow.conn, board_code)
    if board is None:
        raise JalinError(
            RegistryErrorCode.UNKNOWN_REGION, f"no board for region '{board_code}'", field="code"
        )
    values = {"board_id": board.id, "name": name, "position": position, "email": email, "phone": phone}
    oid = store.insert_officer(uow.conn, values)
    audit(uow, who, "officer.add", "officer", oid, None, values)
    return Officer(oid, board.id, name, position, email, phone)
