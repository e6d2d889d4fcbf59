"""Rows of the registry: boards, officers, members, applications, agreements, meetings, keys.

Callers own the transaction (pass a Connection). Reads return typed records
(`jalin.registry.records`); a list is a fixed number of queries whatever its length (the
parties, districts, documents, members and actions of many rows are fetched in one query each).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, false, func, or_, select, true

from jalin.registry.records import (
    Action,
    Agreement,
    ApiKey,
    Application,
    Board,
    DirectoryEntry,
    Document,
    Meeting,
    Member,
    MemberDetail,
    Party,
    Unit,
)
from jalin.registry.rules import (
    ActionStatus,
    AgreementKind,
    AgreementStage,
    ApplicationStatus,
    BoardLevel,
    MemberStatus,
    MemberType,
    Role,
)
from jalin.registry.visibility import Scope
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


def list_members(conn: Connection, scope: Scope) -> list[Member]:
    """Members in `scope`, by id: one query."""
    q = select(members).where(_in_scope(scope, members.c.regency_code, members.c.province_code, members.c.id))
    return [_member(r) for r in conn.execute(q.order_by(members.c.id))]


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


def directory(conn: Connection) -> list[DirectoryEntry]:
    """Active members by brand, without contacts."""
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
        .order_by(members.c.brand)
    )
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


def list_applications(conn: Connection, scope: Scope) -> list[Application]:
    q = select(applications).where(
        _in_scope(scope, applications.c.regency_code, applications.c.province_code)
    )
    return [_application(r) for r in conn.execute(q.order_by(applications.c.id))]


def set_application_status(conn: Connection, app_id: int, status: str, member_id: int | None) -> None:
    conn.execute(
        applications.update().where(applications.c.id == app_id).values(status=status, member_id=member_id)
    )


# -- agreements --------------------------------------------------------------------------------
_AGREEMENT_COLUMNS = [c.name for c in agreements.c]


#: An agreement and where each of its parties is registered (for the access rules).
SeatedAgreement = tuple[Agreement, list[Party]]
#: A meeting and the (regency, province) of its host board (for the access rules).
HostedMeeting = tuple[Meeting, tuple[str | None, str | None]]


def _agreements(conn: Connection, rows: Sequence[Any]) -> list[SeatedAgreement]:
    """Agreement rows with their parties (and seats), districts and documents: three queries."""
    ids = [r.id for r in rows]
    if not ids:
        return []
    seats_of: dict[int, list[Party]] = defaultdict(list)
    for r in conn.execute(
        select(
            agreement_parties.c.agreement_id, members.c.id, members.c.regency_code, members.c.province_code
        )
        .join(members, members.c.id == agreement_parties.c.member_id)
        .where(agreement_parties.c.agreement_id.in_(ids))
        .order_by(members.c.id)
    ):
        seats_of[r.agreement_id].append(Party(r.id, r.regency_code, r.province_code))
    districts_of: dict[int, list[str]] = defaultdict(list)
    for aid, district in conn.execute(
        select(agreement_districts.c.agreement_id, agreement_districts.c.district_code)
        .where(agreement_districts.c.agreement_id.in_(ids))
        .order_by(agreement_districts.c.district_code)
    ):
        districts_of[aid].append(district)
    documents_of: dict[int, list[Document]] = defaultdict(list)
    for d in conn.execute(
        select(
            agreement_documents.c.agreement_id,
            agreement_documents.c.id,
            agreement_documents.c.filename,
            agreement_documents.c.sha256,
            agreement_documents.c.size,
            agreement_documents.c.uploaded_at,
        )
        .where(agreement_documents.c.agreement_id.in_(ids))
        .order_by(agreement_documents.c.id)
    ):
        documents_of[d.agreement_id].append(Document(d.id, d.filename, d.sha256, d.size, d.uploaded_at))
    return [
        (
            Agreement(
                **{k: getattr(r, k) for k in _AGREEMENT_COLUMNS if k not in ("kind", "stage")},
                kind=AgreementKind(r.kind),
                stage=AgreementStage(r.stage),
                parties=[p.member_id for p in seats_of[r.id]],
                districts=districts_of[r.id],
                documents=documents_of[r.id],
            ),
            seats_of[r.id],
        )
        for r in rows
    ]


def get_agreement(conn: Connection, agreement_id: int) -> SeatedAgreement | None:
    rows = conn.execute(select(agreements).where(agreements.c.id == agreement_id)).all()
    found = _agreements(conn, rows)
    return found[0] if found else None


def list_agreements(conn: Connection) -> list[SeatedAgreement]:
    """Every agreement by id, complete: four queries whatever the count."""
    return _agreements(conn, conn.execute(select(agreements).order_by(agreements.c.id)).all())


def insert_agreement(
    conn: Connection, values: dict[str, Any], parties: Iterable[int], districts: Iterable[str]
) -> int:
    aid = insert_id(conn, agreements.insert().values(**values))
    conn.execute(agreement_parties.insert(), [{"agreement_id": aid, "member_id": m} for m in parties])
    set_districts(conn, aid, districts)
    return aid


def update_agreement(conn: Connection, agreement_id: int, **values: Any) -> None:
    conn.execute(agreements.update().where(agreements.c.id == agreement_id).values(**values))


def set_districts(conn: Connection, agreement_id: int, districts: Iterable[str]) -> None:
    conn.execute(agreement_districts.delete().where(agreement_districts.c.agreement_id == agreement_id))
    rows = [{"agreement_id": agreement_id, "district_code": d} for d in districts]
    if rows:
        conn.execute(agreement_districts.insert(), rows)


def insert_document(conn: Connection, content: bytes, values: dict[str, Any]) -> int:
    return insert_id(conn, agreement_documents.insert().values(content=content, **values))


def document_content(conn: Connection, agreement_id: int, document_id: int) -> dict[str, Any] | None:
    """A stored document with its bytes (`content`), or None."""
    r = (
        conn.execute(
            select(agreement_documents).where(
                agreement_documents.c.id == document_id, agreement_documents.c.agreement_id == agreement_id
            )
        )
        .mappings()
        .first()
    )
    return dict(r) if r else None


def stage_counts(conn: Connection) -> list[tuple[str | None, str, int]]:
    """(province_code, stage, agreements) over every agreement."""
    q = select(agreements.c.province_code, agreements.c.stage, func.count()).group_by(
        agreements.c.province_code, agreements.c.stage
    )
    return [(p, s, n) for p, s, n in conn.execute(q)]


def active_interline_pairs(
    conn: Connection, today: date
) -> list[tuple[str, str, int, frozenset[str] | None]]:
    """(carrier_a, carrier_b, fee, districts or None) for every pair of active members with carriers
    in an active interline_handover agreement valid today: exactly what the planner may use."""
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
    carriers: dict[int, list[str]] = defaultdict(list)
    for aid, carrier in conn.execute(
        select(agreement_parties.c.agreement_id, members.c.carrier_id)
        .join(members, members.c.id == agreement_parties.c.member_id)
        .where(
            agreement_parties.c.agreement_id.in_(ids),
            members.c.carrier_id.is_not(None),
            members.c.status == MemberStatus.ACTIVE.value,
        )
    ):
        carriers[aid].append(carrier)
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


# -- meetings and actions ----------------------------------------------------------------------
_MEETING_COLUMNS = [c.name for c in meetings.c]
_ACTION_COLUMNS = [c.name for c in actions.c]


def _action(r: Any) -> Action:
    return Action(**{**{k: getattr(r, k) for k in _ACTION_COLUMNS}, "status": ActionStatus(r.status)})


def _meetings(conn: Connection, rows: Sequence[Any]) -> list[HostedMeeting]:
    """Meeting rows (joined with their host board's region) with members and actions: two queries."""
    ids = [r.id for r in rows]
    if not ids:
        return []
    members_of: dict[int, list[int]] = defaultdict(list)
    for mid, member in conn.execute(
        select(meeting_members.c.meeting_id, meeting_members.c.member_id)
        .where(meeting_members.c.meeting_id.in_(ids))
        .order_by(meeting_members.c.member_id)
    ):
        members_of[mid].append(member)
    actions_of: dict[int, list[Action]] = defaultdict(list)
    for r in conn.execute(select(actions).where(actions.c.meeting_id.in_(ids)).order_by(actions.c.id)):
        actions_of[r.meeting_id].append(_action(r))
    out = []
    for r in rows:
        host = Board(r.host_board_id, BoardLevel(r.host_level), r.host_region_code, "")
        meeting = Meeting(
            **{k: getattr(r, k) for k in _MEETING_COLUMNS}, members=members_of[r.id], actions=actions_of[r.id]
        )
        out.append((meeting, host.region))
    return out


def _meetings_query() -> Select[Any]:
    """Meetings with their host board's level and region."""
    return select(
        meetings, boards.c.level.label("host_level"), boards.c.region_code.label("host_region_code")
    ).join(boards, boards.c.id == meetings.c.host_board_id)


def get_meeting(conn: Connection, meeting_id: int) -> HostedMeeting | None:
    found = _meetings(conn, conn.execute(_meetings_query().where(meetings.c.id == meeting_id)).all())
    return found[0] if found else None


def list_meetings(conn: Connection) -> list[HostedMeeting]:
    """Every meeting by date, complete: three queries whatever the count."""
    return _meetings(conn, conn.execute(_meetings_query().order_by(meetings.c.held_on, meetings.c.id)).all())


def insert_meeting(conn: Connection, values: dict[str, Any], member_ids: Iterable[int]) -> int:
    mid = insert_id(conn, meetings.insert().values(**values))
    rows = [{"meeting_id": mid, "member_id": m} for m in member_ids]
    if rows:
        conn.execute(meeting_members.insert(), rows)
    return mid


def insert_action(conn: Connection, values: dict[str, Any]) -> int:
    return insert_id(conn, actions.insert().values(**values))


def get_action(conn: Connection, action_id: int) -> Action | None:
    r = conn.execute(select(actions).where(actions.c.id == action_id)).first()
    return _action(r) if r else None


def set_action_status(conn: Connection, action_id: int, status: str) -> None:
    conn.execute(actions.update().where(actions.c.id == action_id).values(status=status))


def overdue_actions(
    conn: Connection, today: date
) -> list[tuple[Action, dict[str, Any], tuple[str | None, str | None]]]:
    """(action, its meeting's place, held_on and host_board_id, the host's region) of open actions
    due before `today`, oldest due first: one query."""
    q = (
        select(
            actions,
            meetings.c.place,
            meetings.c.held_on,
            meetings.c.host_board_id,
            boards.c.level.label("host_level"),
            boards.c.region_code.label("host_region_code"),
        )
        .join(meetings, meetings.c.id == actions.c.meeting_id)
        .join(boards, boards.c.id == meetings.c.host_board_id)
        .where(and_(actions.c.status == ActionStatus.OPEN.value, actions.c.due_on < today))
        .order_by(actions.c.due_on, actions.c.id)
    )
    out = []
    for r in conn.execute(q):
        host = Board(r.host_board_id, BoardLevel(r.host_level), r.host_region_code, "")
        meeting = {"place": r.place, "held_on": r.held_on, "host_board_id": r.host_board_id}
        out.append((_action(r), meeting, host.region))
    return out


def has_meetings(conn: Connection) -> bool:
    return bool(conn.scalar(select(func.count()).select_from(meetings)))


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


def list_keys(conn: Connection, *, member_id: int | None = None, prefix: str | None = None) -> list[ApiKey]:
    """Keys by id: all, those of one member, or the one with `prefix`."""
    q = select(api_keys).order_by(api_keys.c.id)
    if member_id is not None:
        q = q.where(api_keys.c.member_id == member_id)
    if prefix is not None:
        q = q.where(api_keys.c.prefix == prefix)
    return [_key(r) for r in conn.execute(q)]


def get_key(conn: Connection, key_id: int) -> ApiKey | None:
    r = conn.execute(select(api_keys).where(api_keys.c.id == key_id)).first()
    return _key(r) if r else None


def revoke_key(conn: Connection, key_id: int, at: datetime) -> None:
    conn.execute(api_keys.update().where(api_keys.c.id == key_id).values(revoked_at=at))
